/**
 * All file access of the engine goes through this one small interface, so the same engine runs on
 * Node's fs (CLI, tests), on `vscode.workspace.fs` (the extension, remote and virtual workspaces)
 * and on an in-memory map (unit tests built from object literals).
 *
 * Paths are workspace-relative with forward slashes; "" is the workspace root.
 */
import { constants } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as nodePath from 'node:path';

/** What a directory entry is. Links are reported as such and never followed by the engine. */
export type EntryType = 'file' | 'dir' | 'symlink' | 'other';

/** One directory entry. */
export interface DirEntry {
  name: string;
  type: EntryType;
}

/** What a stat says of an entry. */
export interface EntryStat {
  type: EntryType;
  size: number;
  /**
   * Last modification, in ms since the epoch, when the file system keeps one (absent or 0 when
   * not: then nothing is skipped by it, see cache.ts stamps).
   */
  mtime?: number;
}

/** Read-only access to one workspace folder. */
export interface Workspace {
  /** A name to show for the workspace (a path or a URI). */
  readonly label: string;
  listDir(path: string): Promise<DirEntry[]>;
  /** The file's bytes; where it can, an implementation refuses a file over `maxBytes` when opened. */
  readFile(path: string, maxBytes?: number): Promise<Uint8Array>;
  stat(path: string): Promise<EntryStat>;
}

/** Joins workspace-relative path segments with forward slashes. */
export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** The folder part of a workspace-relative path ("" for top-level files). */
export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** The last segment of a workspace-relative path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Resolves `rel` against the folder `dir`, folding `.` and `..`. Returns undefined when the result
 * would leave the workspace, so an include can never reach outside it: an absolute path
 * (`/etc/passwd`, `\\share\x`, `C:\x`) names a host file, which pip would read, never a workspace one.
 */
export function resolvePath(dir: string, rel: string): string | undefined {
  if (/^([\\/]|[A-Za-z]:)/.test(rel)) return undefined;
  const parts = dir.split('/').filter(Boolean);
  for (const seg of rel.split(/[\\/]+/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

/** Read-only, no link followed at the last step (ELOOP instead), no wait on a FIFO (POSIX; 0 elsewhere). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** What Node's file errors say, in words and without the host path they carry. */
const FS_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ELOOP: 'is a link; links are not followed',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EMFILE: 'too many open files',
  ENXIO: 'a socket or device with nothing behind it',
};

function coded(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** Re-throws a file-system error with a message that names no host path (problems are shown to users). */
function hostFree(e: unknown): never {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') throw e;
  throw coded(`${FS_ERRORS[code] ?? 'file-system error'} (${code})`, code);
}

/** Node `fs` implementation, rooted at an absolute folder. */
export class NodeWorkspace implements Workspace {
  readonly label: string;
  constructor(private readonly rootDir: string) {
    this.label = rootDir;
  }

  private abs(path: string): string {
    return nodePath.join(this.rootDir, ...path.split('/'));
  }

  async listDir(path: string): Promise<DirEntry[]> {
    const entries = await fs.readdir(this.abs(path), { withFileTypes: true }).catch(hostFree);
    return entries.map((e) => ({
      name: e.name,
      type: e.isSymbolicLink() ? 'symlink' : e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other',
    }));
  }

  /**
   * Opens without following a link and without blocking on a pipe, then checks the open handle: a
   * name swapped for a link, a FIFO or a bigger file between listing and reading is refused, not
   * followed, waited on or read whole. At most the size the handle had when opened is read.
   */
  async readFile(path: string, maxBytes?: number): Promise<Uint8Array> {
    const handle = await fs.open(this.abs(path), OPEN_FLAGS).catch(hostFree);
    try {
      const s = await handle.stat();
      if (!s.isFile()) throw coded('not a regular file when opened (a folder, pipe, socket or device); not read', 'ENOTREG');
      if (maxBytes !== undefined && s.size > maxBytes) throw coded(`larger than ${maxBytes} bytes (${s.size}) when opened; not read`, 'EFBIG');
      const bytes = new Uint8Array(s.size);
      let got = 0;
      while (got < bytes.length) {
        const { bytesRead } = await handle.read(bytes, got, bytes.length - got, got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === bytes.length ? bytes : bytes.subarray(0, got);
    } finally {
      await handle.close();
    }
  }

  async stat(path: string): Promise<EntryStat> {
    const s = await fs.lstat(this.abs(path)).catch(hostFree);
    return {
      type: s.isSymbolicLink() ? 'symlink' : s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other',
      size: s.size,
      mtime: s.mtimeMs,
    };
  }
}

/**
 * In-memory implementation for tests: a map from path to content (string or bytes). A file's
 * modification time is when it was set, unless given.
 */
export class MemoryWorkspace implements Workspace {
  readonly label: string;
  private readonly files = new Map<string, Uint8Array>();
  private readonly mtimes = new Map<string, number>();
  private readonly dirs = new Set<string>(['']);

  constructor(files: Record<string, string | Uint8Array>, label = 'memory') {
    this.label = label;
    for (const [path, content] of Object.entries(files)) this.set(path, content);
  }

  /** Adds or replaces a file (creating its folders), modified at `mtime` (default: now). */
  set(path: string, content: string | Uint8Array, mtime = Date.now()): void {
    this.files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    this.mtimes.set(path, mtime);
    for (let d = dirName(path); ; d = dirName(d)) {
      this.dirs.add(d);
      if (d === '') break;
    }
  }

  /** Removes a file (its folders stay). */
  delete(path: string): void {
    this.files.delete(path);
  }

  async listDir(path: string): Promise<DirEntry[]> {
    if (!this.dirs.has(path)) throw notFound(path);
    const out = new Map<string, EntryType>();
    const prefix = path === '' ? '' : `${path}/`;
    for (const p of [...this.files.keys(), ...this.dirs]) {
      if (p === path || !p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      if (!name) continue;
      const isDir = slash >= 0 || this.dirs.has(joinPath(path, name));
      if (!out.has(name) || isDir) out.set(name, isDir ? 'dir' : 'file');
    }
    return [...out].map(([name, type]) => ({ name, type }));
  }

  async readFile(path: string): Promise<Uint8Array> {
    const f = this.files.get(path);
    if (!f) throw notFound(path);
    return f;
  }

  async stat(path: string): Promise<EntryStat> {
    const f = this.files.get(path);
    if (f) return { type: 'file', size: f.byteLength, mtime: this.mtimes.get(path) };
    if (this.dirs.has(path)) return { type: 'dir', size: 0 };
    throw notFound(path);
  }
}

function notFound(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory '${path}'`), { code: 'ENOENT' });
}
