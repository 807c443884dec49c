/**
 * Per-file analysis results keyed by content hash and tied to an engine fingerprint, plus "stamps"
 * (size + modification time → hash or dialect) so an unchanged file is not read again. The cache
 * file is checksummed; anything damaged or from another version is discarded. What stamps take on
 * trust: docs/design.md "The cache".
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as nodePath from 'node:path';
import { DIALECT_RULES } from '../templates/dialect';
import type { Evidence } from '../model';
import type { FileAnalysis } from '../python/analyze';
import { prefilterKind } from '../python/prefilter';
import { TimeSlicer, type Steps } from './steps';
import query from '../python/queries/python.scm';
import { CALL_RULES, CLASS_BASE_RULES, DECORATOR_RULES, IMPORT_RULES, INSTALLED_APP_RULES, ROUTE_METHODS } from '../python/rules';

/** Bump when analyze.ts changes what it reports; the rule tables and the query count by themselves. */
const ANALYZER_VERSION = 10;

/** Identifies the engine that produced cached results (template dialects, kept by stamps, included). */
export const ENGINE_FINGERPRINT = createHash('sha256')
  .update(JSON.stringify([ANALYZER_VERSION, query, IMPORT_RULES, CALL_RULES, DECORATOR_RULES, CLASS_BASE_RULES, [...INSTALLED_APP_RULES], [...ROUTE_METHODS], DIALECT_RULES]))
  .digest('hex')
  .slice(0, 16);

/**
 * The cache key of a file's content, with what else changes its result: the pre-filter setting,
 * and what the pre-filter reads of the path (prefilter.ts prefilterKind).
 */
export function contentKey(hash: string, prefilter: boolean, path: string): string {
  const mode = !prefilter ? '0' : prefilterKind(path) === 'migration' ? 'm' : '1';
  return `${hash}${mode}`;
}

/** The hash of a file's content that `contentKey` starts from. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** What a file's stat said when it was read: size in bytes, modification time in ms. */
export interface FileStamp {
  size: number;
  mtime: number;
}

/** Where analyses are kept between assessments. */
export interface AnalysisCache {
  get(key: string, path: string): FileAnalysis | undefined;
  set(key: string, path: string, analysis: FileAnalysis): void;
  /**
   * Writes to storage what changed. After a full scan (`prune`), only the entries that scan used
   * are kept, so the cache does not grow without bound; after an incremental update, all are.
   */
  save(prune: boolean): Promise<void>;
  /** The value remembered for `path` at exactly this stamp, if any. */
  recall(path: string, stamp: FileStamp): string | undefined;
  /** Remembers a value derived from the content `path` had at this stamp. */
  remember(path: string, stamp: FileStamp, value: string): void;
}

/** A stamp with its value: [size, mtime, value]. */
type StampRecord = [number, number, string];

function mapEvidence(a: FileAnalysis, file: string): FileAnalysis {
  const ev = (e: Evidence): Evidence => ({ ...e, file });
  return {
    observations: a.observations.map((o) => ({ ...o, evidence: ev(o.evidence) })),
    classes: a.classes.map((c) => ({ ...c, file, evidence: ev(c.evidence) })),
    imports: a.imports,
    problems: a.problems.map((p) => ({ ...p, file })),
  };
}

/** An in-memory cache (the extension keeps one per workspace folder; tests use it). */
export class MemoryCache implements AnalysisCache {
  protected entries = new Map<string, FileAnalysis>();
  protected used = new Set<string>();
  protected stamps = new Map<string, StampRecord>();
  protected stampsUsed = new Set<string>();
  protected dirty = false;

  get(key: string, path: string): FileAnalysis | undefined {
    const a = this.entries.get(key);
    if (!a) return undefined;
    this.used.add(key);
    return mapEvidence(a, path);
  }

  set(key: string, _path: string, analysis: FileAnalysis): void {
    this.entries.set(key, mapEvidence(analysis, ''));
    this.used.add(key);
    this.dirty = true;
  }

  recall(path: string, stamp: FileStamp): string | undefined {
    const r = this.stamps.get(path);
    if (!r || r[0] !== stamp.size || r[1] !== stamp.mtime) return undefined;
    this.stampsUsed.add(path);
    return r[2];
  }

  remember(path: string, stamp: FileStamp, value: string): void {
    const r = this.stamps.get(path);
    this.stampsUsed.add(path);
    if (r && r[0] === stamp.size && r[1] === stamp.mtime && r[2] === value) return;
    this.stamps.set(path, [stamp.size, stamp.mtime, value]);
    this.dirty = true;
  }

  async save(prune: boolean): Promise<void> {
    if (prune) this.prune();
    this.dirty = false;
  }

  /**
   * Drops the entries and stamps not used since the last save, and starts a new round. Returns
   * whether anything was dropped.
   */
  protected prune(): boolean {
    let dropped = false;
    for (const k of [...this.entries.keys()]) if (!this.used.has(k)) dropped = this.entries.delete(k);
    for (const p of [...this.stamps.keys()]) if (!this.stampsUsed.has(p)) dropped = this.stamps.delete(p);
    this.used = new Set();
    this.stampsUsed = new Set();
    return dropped;
  }

  /** Number of entries held. */
  get size(): number {
    return this.entries.size;
  }

  /** Number of stamps held. */
  get stampCount(): number {
    return this.stamps.size;
  }
}

/**
 * The cache file: a header line (JSON), then the body, whose SHA-256 the header holds: one line
 * per entry, `["e", key, analysis]`, and per stamp, `["s", path, size, mtime, value]`. The
 * checksum is over the body's text as written, so nothing is serialized twice; and line by line,
 * writing and reading give the thread back every few ms (a large workspace's cache is megabytes:
 * one JSON.stringify or JSON.parse of it held the editor's thread for 70 ms).
 */
const FORMAT = 'framework-fit-analysis-cache';

/** The longest the cache's encoding or decoding holds the thread before giving it back (ms). */
const SLICE_MS = 8;

/** How long after an incremental update its cache change is written (ms). */
export const SAVE_DELAY_MS = 2000;

interface CacheHeader {
  format: typeof FORMAT;
  fingerprint: string;
  checksum: string;
}

/** One body line. */
type CacheLine = ['e', string, FileAnalysis] | ['s', string, number, number, string];

function isCacheLine(v: unknown): v is CacheLine {
  if (!Array.isArray(v) || typeof v[1] !== 'string') return false;
  if (v[0] === 'e') return v.length === 3 && typeof v[2] === 'object' && v[2] !== null;
  return v[0] === 's' && v.length === 5 && typeof v[2] === 'number' && typeof v[3] === 'number' && typeof v[4] === 'string';
}

/** Gives the thread back once (a macrotask: pending I/O and timers run first). */
function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A cache persisted as one JSON file in `dir` (e.g. ~/.cache/framework-fit or the extension's global storage). */
export class FileCache extends MemoryCache {
  /** Why the stored cache was not used, if it was not (for a problem line or a log). */
  discarded?: string;

  private constructor(private readonly file: string) {
    super();
  }

  /** Opens the cache file for a workspace key; a missing or bad file gives an empty cache. */
  static async open(dir: string, workspaceKey: string): Promise<FileCache> {
    const name = `analysis-${createHash('sha1').update(workspaceKey).digest('hex').slice(0, 16)}.json`;
    const cache = new FileCache(nodePath.join(dir, name));
    let text: string;
    try {
      text = await fs.readFile(cache.file, 'utf8');
    } catch {
      return cache; // none yet
    }
    try {
      // (A cache of an earlier version is one JSON object on one line: its header says whose it is.)
      const eol = text.indexOf('\n');
      const header = JSON.parse(eol < 0 ? text : text.slice(0, eol)) as CacheHeader;
      if (header?.format !== FORMAT) throw new Error('not a cache file');
      if (header.fingerprint !== ENGINE_FINGERPRINT) throw new Error('made by another engine version');
      if (eol < 0) throw new Error('not a cache file');
      const body = text.slice(eol + 1);
      if (checksum(body) !== header.checksum) throw new Error('checksum mismatch');
      await new TimeSlicer(SLICE_MS, breathe).run(cache.decode(body));
    } catch (e) {
      cache.discarded = `analysis cache discarded (${e instanceof Error ? e.message : String(e)})`;
      cache.entries.clear();
      cache.stamps.clear();
    }
    return cache;
  }

  /**
   * After a full scan (`prune`): keeps what it used, drops the rest (so the file does not grow
   * without bound) and writes the file before returning. After an incremental update: writes it
   * SAVE_DELAY_MS later, once for a burst of saves in the editor (a large workspace's cache is
   * megabytes: writing it on every keystroke-save would cost each update tens of ms). `flush`
   * writes a pending change at once.
   */
  override async save(prune: boolean): Promise<void> {
    if (prune) {
      const pruned = this.prune();
      if (this.dirty || pruned) await this.write();
      return;
    }
    if (!this.dirty || this.timer) return;
    this.timer = setTimeout(() => void this.write().catch(() => undefined), SAVE_DELAY_MS);
    this.timer.unref?.();
  }

  /** Writes a change not yet written (a delayed save), and waits for any write under way. */
  async flush(): Promise<void> {
    if (this.dirty) await this.write();
    else await this.writing;
  }

  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The last write: writes go one after the other (they share the temporary file). */
  private writing: Promise<void> = Promise.resolve();

  /** Reads the body's lines into the cache, pausing after each (see FORMAT). */
  private *decode(body: string): Steps<void> {
    for (let at = 0; at < body.length; ) {
      let end = body.indexOf('\n', at);
      if (end < 0) end = body.length;
      const line: unknown = JSON.parse(body.slice(at, end));
      at = end + 1;
      if (!isCacheLine(line)) throw new Error('bad line');
      if (line[0] === 'e') this.entries.set(line[1], line[2]);
      else this.stamps.set(line[1], [line[2], line[3], line[4]]);
      yield;
    }
  }

  private write(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    // What changes from here on makes the cache dirty again, for the next write.
    this.dirty = false;
    const entries = [...this.entries];
    const stamps = [...this.stamps];
    const write = async () => {
      // The body's lines, in slices (see FORMAT).
      const lines: string[] = [];
      const hash = createHash('sha256');
      function* encode(): Steps<void> {
        const add = (line: CacheLine) => {
          const text = `${JSON.stringify(line)}\n`;
          lines.push(text);
          hash.update(text);
        };
        for (const [key, analysis] of entries) {
          add(['e', key, analysis]);
          yield;
        }
        for (const [path, [size, mtime, value]] of stamps) {
          add(['s', path, size, mtime, value]);
          yield;
        }
      }
      await new TimeSlicer(SLICE_MS, breathe).run(encode());
      const header: CacheHeader = { format: FORMAT, fingerprint: ENGINE_FINGERPRINT, checksum: hash.digest('hex') };
      await fs.mkdir(nodePath.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, `${JSON.stringify(header)}\n${lines.join('')}`);
      await fs.rename(tmp, this.file);
    };
    this.writing = this.writing.then(write, write);
    return this.writing.catch((e: unknown) => {
      this.dirty = true; // not written: try again next time
      throw e;
    });
  }

  /** The cache file's path. */
  get path(): string {
    return this.file;
  }
}

function checksum(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}
