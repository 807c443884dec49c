/**
 * Per-file analysis results keyed by a hash of the file's content, so an unchanged workspace is
 * assessed without parsing. Entries are path-free (two identical files share one) and the whole
 * cache is tied to an engine fingerprint (the query and the rule tables), so results from another
 * version of the rules are never used. On disk it is one JSON file written atomically with a
 * checksum; anything unreadable, damaged or from another version is discarded, never trusted.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as nodePath from 'node:path';
import type { Evidence } from './model';
import type { FileAnalysis } from './python/analyze';
import { prefilterKind } from './python/prefilter';
import query from './python/queries/python.scm';
import { CALL_RULES, CLASS_BASE_RULES, DECORATOR_RULES, IMPORT_RULES, INSTALLED_APP_RULES, ROUTE_METHODS } from './python/rules';

/** Bump when analyze.ts changes what it reports; the rule tables and the query count by themselves. */
const ANALYZER_VERSION = 4;

/** Identifies the engine that produced cached results. */
export const ENGINE_FINGERPRINT = createHash('sha256')
  .update(JSON.stringify([ANALYZER_VERSION, query, IMPORT_RULES, CALL_RULES, DECORATOR_RULES, CLASS_BASE_RULES, [...INSTALLED_APP_RULES], [...ROUTE_METHODS]]))
  .digest('hex')
  .slice(0, 16);

/**
 * The cache key of a file's content, with what else changes its result: the pre-filter setting,
 * and what the pre-filter reads of the path (prefilter.ts prefilterKind).
 */
export function contentKey(bytes: Uint8Array, prefilter: boolean, path: string): string {
  const mode = !prefilter ? '0' : prefilterKind(path) === 'migration' ? 'm' : '1';
  return createHash('sha1').update(bytes).update(mode).digest('hex');
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
}

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

  async save(prune: boolean): Promise<void> {
    if (prune) this.prune();
    this.dirty = false;
  }

  /** Drops the entries not used since the last save, and starts a new round. */
  protected prune(): void {
    for (const k of [...this.entries.keys()]) if (!this.used.has(k)) this.entries.delete(k);
    this.used = new Set();
  }

  /** Number of entries held. */
  get size(): number {
    return this.entries.size;
  }
}

interface CacheFile {
  format: 'framework-fit-analysis-cache';
  fingerprint: string;
  checksum: string;
  entries: Record<string, FileAnalysis>;
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
      const data = JSON.parse(text) as CacheFile;
      if (data.format !== 'framework-fit-analysis-cache') throw new Error('not a cache file');
      if (data.fingerprint !== ENGINE_FINGERPRINT) throw new Error('made by another engine version');
      if (checksum(data.entries) !== data.checksum) throw new Error('checksum mismatch');
      for (const [k, v] of Object.entries(data.entries)) cache.entries.set(k, v);
    } catch (e) {
      cache.discarded = `analysis cache discarded (${e instanceof Error ? e.message : String(e)})`;
      cache.entries.clear();
    }
    return cache;
  }

  override async save(prune: boolean): Promise<void> {
    // After a full scan keep what it used; drop the rest so the file does not grow without bound.
    const pruned = prune && this.entries.size !== this.used.size;
    if (prune) this.prune();
    if (!this.dirty && !pruned) return;
    const entries: Record<string, FileAnalysis> = Object.fromEntries(this.entries);
    const data: CacheFile = { format: 'framework-fit-analysis-cache', fingerprint: ENGINE_FINGERPRINT, checksum: checksum(entries), entries };
    await fs.mkdir(nodePath.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(data));
    await fs.rename(tmp, this.file);
    this.dirty = false;
  }

  /** The cache file's path. */
  get path(): string {
    return this.file;
  }
}

function checksum(entries: Record<string, FileAnalysis>): string {
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}
