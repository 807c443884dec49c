/**
 * What the live mode reacts to, and which engine problems and findings become diagnostics in the
 * Problems panel. Host-side, vscode-free.
 */
import picomatch from 'picomatch';
import { manifestFormatOf } from '../core/manifests/index';
import type { Assessment } from '../core/model';

/** The glob the extension's file watcher uses: manifests and Python files. */
export const WATCH_GLOB = '**/{*.py,*.txt,*.in,*.toml,*.cfg,*.yml,*.yaml,Pipfile}';

/** Folders whose churn (installs, caches, builds) never changes a verdict. */
const NOISE = new Set(['.git', '.hg', '.svn', 'node_modules', '__pycache__', '.venv', 'venv', 'env', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'site-packages', 'dist', 'build', '.eggs']);

/**
 * True when a change to this workspace-relative path can change an assessment: a manifest or a
 * Python file outside virtual environments, caches and the user's `frameworkFit.exclude` globs.
 */
export function isRelevantChange(path: string, exclude: readonly string[] = []): boolean {
  if (path === '' || path.startsWith('../')) return false;
  const segments = path.split('/');
  if (segments.slice(0, -1).some((s) => NOISE.has(s) || s.endsWith('.egg-info'))) return false;
  if (!path.endsWith('.py') && manifestFormatOf(path) === undefined) return false;
  if (exclude.length > 0 && picomatch(exclude as string[], { dot: true })(path)) return false;
  return true;
}

/** One diagnostic to show: a workspace-relative file, a 1-based line (null: the whole file). */
export interface DiagnosticSpec {
  file: string;
  line: number | null;
  column?: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  severity: 'error' | 'warning' | 'info';
  /** The finding id or "problem". */
  code: string;
}

/**
 * The diagnostics of one assessed folder: every problem the engine met (file/line), and each
 * manifest entry or import behind `framework.both` (Flask and Django declared together).
 */
export function diagnosticsOf(a: Assessment): DiagnosticSpec[] {
  const out: DiagnosticSpec[] = [];
  for (const p of a.problems) out.push({ file: p.file, line: p.line, message: p.message, severity: p.severity, code: 'problem' });
  for (const project of a.projects) {
    for (const f of project.findings) {
      if (f.id !== 'framework.both') continue;
      for (const e of f.evidence) {
        const spec: DiagnosticSpec = {
          file: e.file,
          line: e.line ?? null,
          message: `${f.message}${project.root === '.' ? '' : ` (${project.root})`}. Remove what is not used.`,
          severity: 'warning',
          code: f.id,
        };
        if (e.column) spec.column = e.column;
        if (e.endLine) spec.endLine = e.endLine;
        if (e.endColumn) spec.endColumn = e.endColumn;
        out.push(spec);
      }
    }
  }
  return out;
}
