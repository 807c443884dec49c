/**
 * Walks a workspace once and lists the files that can matter: Python sources, manifests, templates
 * and the few layout markers (alembic.ini, pyvenv.cfg is a reason to skip). Virtual environments,
 * VCS folders, caches and build output are skipped; links are never followed, so a link loop or a
 * link out of the workspace cannot trap or leak the walk.
 */
import picomatch from 'picomatch';
import type { Problem } from '../model';
import { joinPath, type EntryStat, type Workspace } from './workspace';
import { append } from './append';

/** Folder names that never hold project code. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '.venv',
  'venv',
  'env',
  '.env',
  'virtualenv',
  'site-packages',
  '__pycache__',
  '.tox',
  '.nox',
  'build',
  'dist',
  '.eggs',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.idea',
  '.cache',
  'htmlcov',
]);

/** How many files' sizes are asked for at once. */
const STAT_BATCH = 64;

/** One file found by the walk. */
export interface FileEntry {
  path: string;
  size: number;
  /** Last modification (ms since the epoch), when the workspace reports one. */
  mtime?: number;
}

/** The entry of the file at `path` from its stat (a modification time only when there is one). */
export function fileEntry(path: string, st: EntryStat): FileEntry {
  return st.mtime ? { path, size: st.size, mtime: st.mtime } : { path, size: st.size };
}

/** Options of the walk. */
export interface WalkOptions {
  /** Glob patterns (picomatch, matched against workspace-relative paths) to leave out. */
  exclude?: string[];
  /** Stop after this many files (default 200,000) and say so in a problem. */
  maxFiles?: number;
  /** Cancellation: checked between folders. */
  signal?: AbortSignal;
  /**
   * Called with the files of each batch as they are found (before the walk ends, in no particular
   * order), so that a caller can start on them while the walk goes on.
   */
  onFiles?: (files: readonly FileEntry[]) => void;
}

/** What the walk found. */
export interface WalkResult {
  files: FileEntry[];
  problems: Problem[];
  /** True when maxFiles cut the walk short. */
  truncated: boolean;
}

const INTERESTING = /\.(py|pyi|txt|in|toml|cfg|ya?ml|html?|jinja2?|j2|ini)$|^(Pipfile|manage\.py)$/i;

/** True for file names the engine reads (sources, manifests, templates, layout markers). */
export function isInteresting(name: string): boolean {
  return INTERESTING.test(name);
}

/** Walks the workspace breadth-first and returns the interesting files, sorted by path. */
export async function walk(ws: Workspace, options: WalkOptions = {}): Promise<WalkResult> {
  const maxFiles = options.maxFiles ?? 200_000;
  const isExcluded = options.exclude?.length
    ? picomatch(options.exclude, { dot: true })
    : () => false;
  const files: FileEntry[] = [];
  const problems: Problem[] = [];
  let truncated = false;
  const queue: string[] = [''];

  while (queue.length > 0) {
    options.signal?.throwIfAborted();
    const dir = queue.shift() as string;
    let entries;
    try {
      entries = await ws.listDir(dir);
    } catch (e) {
      problems.push({ file: dir || '.', line: null, message: `cannot list folder: ${errorText(e)}`, severity: 'warning' });
      continue;
    }
    if (dir !== '' && entries.some((e) => e.name === 'pyvenv.cfg')) continue; // a virtual environment
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const candidates: string[] = [];
    for (const entry of entries) {
      const path = joinPath(dir, entry.name);
      if (isExcluded(path)) continue;
      if (entry.type === 'dir') {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.endsWith('.egg-info')) queue.push(path);
      } else if (entry.type === 'file' && isInteresting(entry.name)) {
        candidates.push(path);
      } else if (entry.type !== 'file' && isInteresting(entry.name)) {
        // A manifest or module that is not a regular file is said, not silently passed over.
        problems.push(
          entry.type === 'symlink'
            ? { file: path, line: null, message: 'a link; links are never followed, so it was not read', severity: 'info' }
            : { file: path, line: null, message: 'not a regular file (a named pipe, socket or device); not read', severity: 'warning' },
        );
      }
    }
    // Sizes are asked for STAT_BATCH files at a time: through vscode.workspace.fs one stat is a
    // round trip of about 10 ms, so 50,000 files one after the other took over 8 minutes.
    for (let next = 0; next < candidates.length; ) {
      options.signal?.throwIfAborted(); // a folder can hold thousands of files, each one a stat
      const room = maxFiles - files.length;
      if (room <= 0) {
        truncated = true;
        break;
      }
      const batch = candidates.slice(next, next + Math.min(STAT_BATCH, room));
      next += batch.length;
      const stats = await Promise.all(batch.map((path) => ws.stat(path).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))))));
      const found: FileEntry[] = [];
      batch.forEach((path, i) => {
        const st = stats[i];
        if (st instanceof Error) problems.push({ file: path, line: null, message: `cannot stat file: ${errorText(st)}`, severity: 'warning' });
        else found.push(fileEntry(path, st));
      });
      append(files, found);
      if (found.length > 0) options.onFiles?.(found);
    }
    if (truncated) {
      problems.push({
        file: '.',
        line: null,
        message: `stopped after ${maxFiles} files (the max-files limit); the verdict rests on those`,
        severity: 'warning',
      });
      break;
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems, truncated };
}

/** A short text for an unknown thrown value. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
