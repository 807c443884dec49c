/**
 * The engine's one entry point: `assess(workspace, options)` walks the workspace once, reads the
 * manifests and Python sources, finds the projects, and returns one verdict per project. It only
 * reads files; nothing in the workspace is ever executed. Problems (bad input of any kind) are
 * collected, never thrown.
 */
import { dependencyObservations } from './detectors/dependencies';
import { isTemplatePath, layoutObservations } from './detectors/layout';
import { templateDialect, type TemplateDialect } from './detectors/templates';
import { resolveModels } from './detectors/models';
import { errorText, walk, type FileEntry } from './discovery';
import { computeFacts, frameworkStrengths } from './facts';
import { deriveFindings } from './findings';
import { manifestFormatOf, readManifests } from './manifests/index';
import type { Assessment, Dependency, Observation, Problem, ProjectAssessment } from './model';
import { analyzePython, type ClassInfo, type FileAnalysis } from './python/analyze';
import { PythonParser } from './python/parser';
import { needsParse } from './python/prefilter';
import { findProjectRoots, owner } from './projects';
import { hasWebSignal, score } from './scoring';
import { decodeText } from './text';
import type { Workspace } from './workspace';

/** Progress reported while assessing. */
export interface Progress {
  phase: 'walk' | 'manifests' | 'python' | 'verdict';
  done: number;
  total: number;
  message: string;
}

/** Options of an assessment. */
export interface AssessOptions {
  /** Glob patterns to leave out (workspace-relative). */
  exclude?: string[];
  /** At most this many files are considered (default 200,000). */
  maxFiles?: number;
  /** Files larger than this are skipped with a problem (default 1 MB). */
  maxFileBytes?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** A parser to reuse (the caller keeps ownership); otherwise one is made and freed. */
  parser?: PythonParser;
  /** Skip the parse of files the lexical pre-filter proves empty (default true; false parses everything). */
  prefilter?: boolean;
}

/** How many file reads are kept in flight while the parser works. */
const READ_AHEAD = 16;

const DEFAULT_MAX_FILE_BYTES = 1_000_000;
const MIGRATION_MODULE = /(^|\/)migrations\/(\d{4}_[^/]*|versions\/[^/]+)\.py$/;

/** Assesses one workspace folder. */
export async function assess(ws: Workspace, options: AssessOptions = {}): Promise<Assessment> {
  const started = Date.now();
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const report = (p: Progress) => options.onProgress?.(p);
  const problems: Problem[] = [];

  report({ phase: 'walk', done: 0, total: 0, message: 'Listing files' });
  const walked = await walk(ws, { exclude: options.exclude, maxFiles: options.maxFiles, signal: options.signal });
  problems.push(...walked.problems);
  const files = walked.files;

  const parser = options.parser ?? (await PythonParser.create());
  try {
    report({ phase: 'manifests', done: 0, total: 0, message: 'Reading manifests' });
    const manifestFiles = files.filter((f) => manifestFormatOf(f.path) !== undefined).map((f) => f.path);
    const manifests = await readManifests(ws, manifestFiles, parser, maxBytes);
    problems.push(...manifests.problems);
    const depsByFile = new Map<string, Dependency[]>();
    for (const [file, result] of manifests.results) depsByFile.set(file, result.dependencies);

    const pyFiles = files.filter((f) => f.path.endsWith('.py') && !isSetupPy(f.path));
    const analyses = new Map<string, FileAnalysis>();
    let bytesRead = 0;
    const prefilter = options.prefilter ?? true;
    // Reads run ahead of the (synchronous) parser so the disk and the CPU overlap.
    const reads: Promise<Uint8Array | Error>[] = [];
    const startRead = (i: number) => {
      const f = pyFiles[i];
      reads[i] = f.size > maxBytes ? Promise.resolve(new Uint8Array(0)) : ws.readFile(f.path).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    };
    for (let i = 0; i < Math.min(READ_AHEAD, pyFiles.length); i++) startRead(i);
    for (let i = 0; i < pyFiles.length; i++) {
      options.signal?.throwIfAborted();
      if (i + READ_AHEAD < pyFiles.length) startRead(i + READ_AHEAD);
      const f = pyFiles[i];
      if (i % 50 === 0) report({ phase: 'python', done: i, total: pyFiles.length, message: `Reading ${f.path}` });
      const bytes = await reads[i];
      delete reads[i];
      const analysis = analyzeBytes(f, bytes, parser, maxBytes, prefilter, problems);
      if (analysis) {
        bytesRead += f.size;
        analyses.set(f.path, analysis);
      }
    }

    const dialects = await readTemplateDialects(ws, files, maxBytes, options.signal);

    report({ phase: 'verdict', done: 0, total: 0, message: 'Weighing the evidence' });
    const appFiles = [...analyses]
      .filter(([path, a]) => path.endsWith('manage.py') || a.observations.some((o) => o.kind === 'app' && o.framework === 'flask'))
      .map(([path]) => path);
    const roots = findProjectRoots({ manifests: depsByFile, appFiles, pythonFiles: pyFiles.map((f) => f.path) });
    const rootDirs = roots.map((r) => r.dir);
    const projects = roots.map((r) =>
      assessProject(r.dir, r.reason, rootDirs, files, depsByFile, analyses, dialects),
    );
    return {
      schemaVersion: 1,
      root: ws.label,
      projects,
      problems: problems.map(normalizeProblem),
      stats: { files: files.length, pythonFiles: pyFiles.length, bytesRead, ms: Date.now() - started },
    };
  } finally {
    if (!options.parser) parser.dispose();
  }
}

/** Reads template files (under templates/, within the size cap) and classifies their dialect. */
async function readTemplateDialects(ws: Workspace, files: readonly FileEntry[], maxBytes: number, signal?: AbortSignal): Promise<Map<string, TemplateDialect>> {
  const out = new Map<string, TemplateDialect>();
  for (const f of files) {
    if (!isTemplatePath(f.path) || f.size > maxBytes) continue;
    signal?.throwIfAborted();
    try {
      const decoded = decodeText(await ws.readFile(f.path));
      if (decoded.ok) out.set(f.path, templateDialect(decoded.text));
    } catch {
      // An unreadable template only loses its dialect; the walk already listed it.
    }
  }
  return out;
}

function isSetupPy(path: string): boolean {
  return path === 'setup.py' || path.endsWith('/setup.py');
}

function analyzeBytes(f: FileEntry, bytes: Uint8Array | Error, parser: PythonParser, maxBytes: number, prefilter: boolean, problems: Problem[]): FileAnalysis | undefined {
  if (f.size > maxBytes) {
    problems.push({ file: f.path, line: null, message: `skipped: ${f.size} bytes is over the ${maxBytes}-byte limit`, severity: 'info' });
    return undefined;
  }
  if (bytes instanceof Error) {
    problems.push({ file: f.path, line: null, message: `could not read: ${bytes.message}`, severity: 'warning' });
    return undefined;
  }
  try {
    const decoded = decodeText(bytes);
    if (!decoded.ok) {
      problems.push({ file: f.path, line: null, message: decoded.reason, severity: 'warning' });
      return undefined;
    }
    if (decoded.warning) problems.push({ file: f.path, line: null, message: decoded.warning, severity: 'info' });
    if (prefilter && !needsParse(decoded.text)) return EMPTY_ANALYSIS;
    const analysis = analyzePython(parser, decoded.text, f.path);
    problems.push(...analysis.problems);
    return analysis;
  } catch (e) {
    problems.push({ file: f.path, line: null, message: `could not analyze: ${errorText(e)}`, severity: 'warning' });
    return undefined;
  }
}

const EMPTY_ANALYSIS: FileAnalysis = Object.freeze({ observations: [], classes: [], imports: [], problems: [] }) as unknown as FileAnalysis;

function assessProject(
  root: string,
  rootReason: string,
  roots: readonly string[],
  files: readonly FileEntry[],
  depsByFile: ReadonlyMap<string, Dependency[]>,
  analyses: ReadonlyMap<string, FileAnalysis>,
  dialects: ReadonlyMap<string, TemplateDialect>,
): ProjectAssessment {
  const mine = (path: string) => owner(path, roots) === root;
  const ownFiles = files.filter((f) => mine(f.path)).map((f) => f.path);
  const manifests = [...depsByFile.keys()].filter(mine);
  const dependencies = manifests.flatMap((m) => depsByFile.get(m) ?? []);
  const observations: Observation[] = [...dependencyObservations(dependencies), ...layoutObservations(ownFiles)];
  for (const o of observations) {
    const dialect = o.kind === 'template' ? dialects.get(o.evidence.file) : undefined;
    if (dialect && dialect !== 'unknown') o.name = dialect;
  }
  const classes: ClassInfo[] = [];
  let pythonFiles = 0;
  for (const path of ownFiles) {
    const a = analyses.get(path);
    if (!a) continue;
    pythonFiles++;
    // Migration modules restate the models as operations; the layout detector counts them.
    if (MIGRATION_MODULE.test(path)) continue;
    observations.push(...a.observations);
    classes.push(...a.classes);
  }
  observations.push(...resolveModels(classes));
  const strengths = frameworkStrengths(observations);
  const framework = strengths.length > 0 && strengths[0][1] >= 0.5 ? strengths[0][0] : 'none';
  const frameworksSeen = strengths.filter(([, w]) => w >= 0.5).map(([name]) => name);
  const facts = computeFacts(observations, pythonFiles);
  const drafts = deriveFindings({ observations, facts, framework, frameworksSeen });
  const verdict = score(drafts, hasWebSignal(framework, facts, observations));
  return {
    root: root === '' ? '.' : root,
    framework,
    frameworksSeen,
    recommendation: verdict.recommendation,
    confidence: verdict.confidence,
    scores: verdict.scores,
    facts,
    findings: verdict.findings,
    reasons: verdict.reasons,
    dependencies,
    manifests,
    rootReason,
  };
}

function normalizeProblem(p: Problem): Problem {
  return { file: p.file, line: p.line ?? null, message: p.message, severity: p.severity };
}

