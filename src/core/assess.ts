/**
 * The engine's one entry point: `assess(workspace, options)` walks the workspace once, reads the
 * manifests and Python sources, finds the projects, and returns one verdict per project. It only
 * reads files; nothing in the workspace is ever executed. Problems (bad input of any kind) are
 * collected, never thrown.
 */
import picomatch from 'picomatch';
import { emptyAnalysis, InProcessAnalyzer, type FileAnalyzer } from './engine/analyzer';
import { contentHash, contentKey, type AnalysisCache } from './engine/cache';
import { dependencyObservations } from './detectors/dependencies';
import { lookupPackage } from './knowledge/packages';
import { isTemplatePath, layoutObservations } from './detectors/layout';
import { isDialect, templateDialect, type TemplateDialect } from './templates/dialect';
import { ClassIndex, ModuleFiles } from './detectors/classes';
import { resolveModelsInSteps } from './detectors/models';
import { resolveRoutesInSteps } from './detectors/routes';
import { resolveViewsInSteps } from './detectors/views';
import { errorText, fileEntry, isInteresting, SKIPPED_DIRS, walk, type FileEntry } from './read/discovery';
import { concludeProjectInSteps } from './verdict/conclude';
import { manifestFormatOf, readManifests, type ManifestParsing } from './manifests/index';
import { withNeeds, type DeclaredNeeds } from './verdict/needs';
import type { Assessment, Dependency, Observation, Problem, ProjectAssessment } from './model';
import type { ClassInfo, FileAnalysis } from './python/analyze';
import { PythonParser } from './python/parser';
import { MIGRATION_MODULE } from './python/prefilter';
import { findProjectRoots, groupByOwner } from './facts/projects';
import { summarizeWorkspace } from './verdict/summary';
import { decodeText } from './read/text';
import { TimeSlicer, type Steps } from './engine/steps';
import { baseName, type Workspace } from './read/workspace';
import { append } from './read/append';

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
  /** Declared needs (greenfield planning), merged into every project's verdict (needs.ts `withNeeds`). */
  needs?: DeclaredNeeds;
}

/** How many file reads are kept in flight ahead of the analyzer. */
const READ_AHEAD = 16;

/** At most this many Python files, and bytes of them, are held between reading and analysis. */
const MAX_HELD_FILES = 256;
const MAX_HELD_BYTES = 32_000_000;

/** Files larger than this are not read unless the caller says otherwise (`maxFileBytes`). */
export const DEFAULT_MAX_FILE_BYTES = 1_000_000;
/**
 * Ceilings whatever the settings say: a workspace's own settings must not lift the limits until a
 * 600 MB file aborts the process (decoding it in a worker) or a million-file tree exhausts memory.
 */
export const MAX_FILE_BYTES_CEILING = 32_000_000;
export const MAX_FILES_CEILING = 1_000_000;
export const DEFAULT_MAX_FILES = 200_000;

/** A limit as given (a positive number), else the default, never above the ceiling. */
export function boundedLimit(value: number | undefined, fallback: number, ceiling: number): number {
  return typeof value === 'number' && value >= 1 ? Math.min(Math.floor(value), ceiling) : fallback;
}
/**
 * The longest the verdict holds the thread before giving it back (ms). An editor stays responsive
 * when no task holds its thread much over 50 ms; a slice this short leaves room for a step that
 * overruns it.
 */
const VERDICT_SLICE_MS = 10;
/** How many files' observations are gathered between two points where the verdict may pause. */
const FILES_PER_STEP = 256;

/**
 * A file's stamp (size and modification time, cache.ts) is recorded only when the file was last
 * modified at least this long before the scan looked at it. A write in the same tick of the file
 * system's clock as an earlier one leaves the time unchanged; a file that has been left alone this
 * long is past that (FAT's 2 s ticks included), so a stamp that still matches means the same
 * content. A file saved just now is read again next time, which costs one read.
 */
export const STAMP_SETTLE_MS = 3000;

/** Assesses one workspace folder once (a session scanned and disposed). */
export async function assess(ws: Workspace, options: AssessOptions = {}): Promise<Assessment> {
  const session = await AssessmentSession.create(ws, options);
  try {
    return await session.scan();
  } finally {
    session.dispose();
  }
}

/** Options of a session beyond those of one assessment. */
export interface SessionOptions extends AssessOptions {
  /** Analyzes Python files; default: in process with `parser` (or a new one). */
  analyzer?: FileAnalyzer;
  /** Per-file results by content hash, kept between assessments. */
  cache?: AnalysisCache;
}

/**
 * An assessment that can be kept up to date: `scan()` reads everything once; `update(paths)`
 * re-reads only the files that changed (or appeared, or went) and recomputes the verdicts from
 * what it already holds. The extension keeps one per workspace folder; the CLI scans once.
 */
export class AssessmentSession {
  private files: FileEntry[] = [];
  private walkProblems: Problem[] = [];
  private manifestProblems: Problem[] = [];
  private depsByFile = new Map<string, Dependency[]>();
  /** Manifests another one includes (`-r`/`-c`), with the first that includes each. */
  private includedBy = new Map<string, string>();
  /** setup.py files that call no setup(): analysed as code once the manifests are read. */
  private setupModules = new Set<string>();
  private readonly analyses = new Map<string, FileAnalysis>();
  private readonly dialects = new Map<string, TemplateDialect>();
  private readonly maxBytes: number;
  private readonly prefilter: boolean;
  private bytesRead = 0;
  /** Each project's last verdict, reused by update() when none of its files changed. */
  private readonly projectMemo = new Map<string, ProjectAssessment>();
  private memoRootsKey = '';
  /** Paths changed since the last verdict. */
  private readonly dirtyPaths = new Set<string>();
  /** Stamps of files modified before this time (ms since the epoch) may be recorded. */
  private settledBefore = 0;

  private constructor(
    private readonly ws: Workspace,
    private readonly options: SessionOptions,
    private readonly analyzer: FileAnalyzer,
    private readonly ownsAnalyzer: boolean,
    private readonly manifestParser: () => Promise<PythonParser>,
    private readonly disposeManifestParser: () => void,
  ) {
    this.maxBytes = boundedLimit(options.maxFileBytes, DEFAULT_MAX_FILE_BYTES, MAX_FILE_BYTES_CEILING);
    this.prefilter = options.prefilter ?? true;
  }

  /** Makes a session; nothing is read until scan(). */
  static async create(ws: Workspace, options: SessionOptions = {}): Promise<AssessmentSession> {
    const given = options.analyzer;
    const analyzer = given ?? (await InProcessAnalyzer.create(options.parser));
    // setup.py is read with tree-sitter on this thread; a parser is made only when one is found.
    let own: PythonParser | undefined;
    const parserFor = async () => {
      if (analyzer instanceof InProcessAnalyzer) return analyzer.pythonParser;
      if (options.parser) return options.parser;
      own ??= await PythonParser.create();
      return own;
    };
    return new AssessmentSession(ws, options, analyzer, !given, parserFor, () => own?.dispose());
  }

  /** Reads the whole workspace and returns the verdicts. */
  async scan(): Promise<Assessment> {
    const started = Date.now();
    this.settledBefore = started - STAMP_SETTLE_MS;
    const { signal } = this.options;
    this.report({ phase: 'walk', done: 0, total: 0, message: 'Listing files' });
    this.projectMemo.clear();
    this.analyses.clear();
    this.dialects.clear();
    this.bytesRead = 0;
    // Python files go to the analyzer as the walk finds them: the workers parse while this thread
    // still lists folders.
    const found = new Feed<FileEntry>();
    const python = this.analyzeAll(found);
    python.catch(() => undefined);
    let walked: Awaited<ReturnType<typeof walk>>;
    try {
      walked = await walk(this.ws, { exclude: this.options.exclude, maxFiles: boundedLimit(this.options.maxFiles, DEFAULT_MAX_FILES, MAX_FILES_CEILING), signal, onFiles: (files) => found.push(files.filter(isAnalyzedPython)) });
    } catch (e) {
      found.close(e); // the analysis stops too
      throw e;
    }
    found.close();
    this.files = walked.files;
    this.walkProblems = walked.problems;

    // The workers parse Python while this thread reads the manifests and the templates: both
    // are work for this thread only, so they overlap the parse instead of coming before or after.
    const beside = (async () => {
      this.report({ phase: 'manifests', done: 0, total: 0, message: 'Reading manifests' });
      await this.readAllManifests();
      await this.readDialects(this.files.filter((f) => isTemplatePath(f.path)));
    })();
    // Whichever fails first (a cancel) settles the scan; the other stops at its next check.
    beside.catch(() => undefined);
    await Promise.all([python, beside]);
    await this.options.cache?.save(true);
    return this.verdict(started);
  }

  /**
   * Brings the session up to date after the files at `paths` changed, appeared or were deleted,
   * reading only those, and returns the new verdicts.
   */
  async update(paths: readonly string[]): Promise<Assessment> {
    const started = Date.now();
    this.settledBefore = started - STAMP_SETTLE_MS;
    let manifestsChanged = false;
    const isExcluded = this.options.exclude?.length ? picomatch(this.options.exclude, { dot: true }) : () => false;
    for (const path of new Set(paths)) {
      this.options.signal?.throwIfAborted();
      let entry: FileEntry | undefined;
      try {
        const st = await this.ws.stat(path);
        if (st.type === 'file' && isInteresting(baseName(path)) && !isExcluded(path) && !inSkippedDir(path)) entry = fileEntry(path, st);
      } catch {
        entry = undefined; // deleted
      }
      const index = this.files.findIndex((f) => f.path === path);
      if (entry) {
        if (index >= 0) this.files[index] = entry;
        else this.files.push(entry);
      } else if (index >= 0) {
        this.files.splice(index, 1);
      }
      if (manifestFormatOf(path) !== undefined) manifestsChanged = true;
      this.dirtyPaths.add(path);
      this.analyses.delete(path);
      this.dialects.delete(path);
      if (entry && isAnalyzedPython(entry)) await this.analyzeInto(entry, await this.readPython(entry));
      if (entry && isTemplatePath(path)) await this.readDialects([entry]);
    }
    this.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    if (manifestsChanged) {
      await this.readAllManifests();
      this.projectMemo.clear(); // includes may tie a manifest to another project's dependencies
    }
    await this.options.cache?.save(false);
    return this.verdict(started);
  }

  /**
   * Reads and analyzes the Python files, reads running ahead of the analyzer so the disk and the
   * parser(s) overlap. A file whose stamp the cache knows, with an analysis for its content, is
   * not read at all.
   */
  private async analyzeAll(found: Feed<FileEntry>): Promise<void> {
    const { signal } = this.options;
    // The files to read, in the order found: those the cache knows by their stamps are not.
    const pyFiles: FileEntry[] = [];
    let taken = 0;
    const take = () => {
      for (; taken < found.items.length; taken++) if (!this.recallAnalysis(found.items[taken])) pyFiles.push(found.items[taken]);
    };
    const reads: Promise<Uint8Array | Error>[] = [];
    let started = 0;
    const startReads = (upTo: number) => {
      for (; started < Math.min(upTo, pyFiles.length); started++) reads[started] = this.readPython(pyFiles[started]);
    };
    // Files read and handed to the analyzer, not yet analyzed: bounded by count and bytes so that
    // a large workspace is never held in memory at once, but waited on one at a time (the oldest
    // of a batch can be the slowest: waiting for a whole batch left the workers idle meanwhile).
    let held = 0;
    let heldBytes = 0;
    const analyzed = new Wakeup();
    let failure: { error: unknown } | undefined;
    const done = (size: number) => () => {
      held--;
      heldBytes -= size;
      analyzed.notify();
    };
    const until = async (limit: number, bytes: number) => {
      while (held > limit || heldBytes > bytes) await abortable(analyzed.wait(), signal);
    };
    for (let i = 0; ; i++) {
      signal?.throwIfAborted();
      found.throwIfFailed();
      take();
      while (i >= pyFiles.length && (await found.has(taken))) take();
      if (i >= pyFiles.length) break;
      startReads(i + READ_AHEAD + 1);
      const f = pyFiles[i];
      // (While the walk goes on, its phase is the one reported: the total is not known yet.)
      if (i % 50 === 0 && found.complete) this.report({ phase: 'python', done: i, total: pyFiles.length, message: `Reading ${f.path}` });
      const bytes = await abortable(reads[i], signal);
      delete reads[i];
      const size = bytes instanceof Error ? 0 : bytes.byteLength;
      held++;
      heldBytes += size;
      // (analyzeInto turns an analyzer's failure into a problem of the file; anything else fails the scan.)
      void this.analyzeInto(f, bytes).then(done(size), (error: unknown) => {
        failure ??= { error };
        done(size)();
      });
      await until(MAX_HELD_FILES, MAX_HELD_BYTES);
    }
    await until(0, 0);
    if (failure) throw failure.error;
  }

  /** Frees the analyzer (if the session made it) and any parser it made. */
  dispose(): void {
    if (this.ownsAnalyzer) this.analyzer.dispose();
    this.disposeManifestParser();
  }

  private report(p: Progress): void {
    this.options.onProgress?.(p);
  }

  private async readAllManifests(): Promise<void> {
    const manifestFiles = this.files.filter((f) => manifestFormatOf(f.path) !== undefined).map((f) => f.path);
    // Manifests are parsed on the analyzer's workers when it has them (setup.py needs tree-sitter),
    // else here.
    const analyzer = this.analyzer;
    const parser: ManifestParsing = analyzer.parseManifest
      ? (format, text, file) => analyzer.parseManifest!(format, file, text)
      : manifestFiles.some(isSetupPy)
        ? await this.manifestParser()
        : (undefined as unknown as PythonParser);
    const manifests = await readManifests(this.ws, manifestFiles, parser, this.maxBytes, this.options.signal);
    this.manifestProblems = manifests.problems;
    this.depsByFile = new Map();
    this.includedBy = new Map();
    for (const [file, result] of manifests.results) {
      this.depsByFile.set(file, result.dependencies);
      // The first includer in path order, whatever order the reads finished in.
      for (const inc of result.includes ?? []) {
        const known = this.includedBy.get(inc.file);
        if (known === undefined || file < known) this.includedBy.set(inc.file, file);
      }
    }
    this.setupModules = new Set(manifests.setupModules);
    await this.analyzeSetupModules();
  }

  /** Brings the analyses of files named setup.py in line with which of them are code (setupModules). */
  private async analyzeSetupModules(): Promise<void> {
    for (const path of [...this.analyses.keys()]) if (isSetupPy(path) && !this.setupModules.has(path)) this.analyses.delete(path);
    for (const f of this.files) {
      if (!this.setupModules.has(f.path) || this.analyses.has(f.path)) continue;
      this.options.signal?.throwIfAborted();
      await this.analyzeInto(f, await this.readPython(f));
    }
  }

  private isCode(f: FileEntry): boolean {
    return isAnalyzedPython(f) || this.setupModules.has(f.path);
  }

  private readPython(f: FileEntry): Promise<Uint8Array | Error> {
    // An empty file needs no read (a hostile workspace can hold tens of thousands, each a round trip in VS Code).
    if (f.size > this.maxBytes || f.size === 0) return Promise.resolve(new Uint8Array(0));
    return this.ws.readFile(f.path, this.maxBytes).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  }

  private async analyzeInto(f: FileEntry, bytes: Uint8Array | Error): Promise<void> {
    if (f.size > this.maxBytes) {
      this.analyses.set(f.path, emptyAnalysis([{ file: f.path, line: null, message: `skipped: ${f.size} bytes is over the ${this.maxBytes}-byte limit`, severity: 'info' }]));
      return;
    }
    if (bytes instanceof Error) {
      this.analyses.set(f.path, emptyAnalysis([{ file: f.path, line: null, message: `could not read: ${bytes.message}`, severity: 'warning' }]));
      return;
    }
    this.bytesRead += bytes.byteLength;
    const cache = this.options.cache;
    const hash = cache ? contentHash(bytes) : '';
    const key = cache ? contentKey(hash, this.prefilter, f.path) : '';
    this.rememberStamp(f, bytes, PY_STAMP, hash);
    const cached = cache?.get(key, f.path);
    if (cached) {
      this.analyses.set(f.path, cached);
      return;
    }
    let analysis: FileAnalysis;
    try {
      analysis = await this.analyzer.analyze(f.path, bytes, this.prefilter);
    } catch (e) {
      // The analyzer failed (a worker gone, the pool disposed): not a result of the content, so
      // not kept in the cache, and the next scan tries again.
      this.analyses.set(f.path, emptyAnalysis([{ file: f.path, line: null, message: `could not analyze: ${errorText(e)}`, severity: 'warning' }]));
      return;
    }
    this.analyses.set(f.path, analysis);
    cache?.set(key, f.path, analysis);
  }

  /**
   * Sets the analysis of `f` from the cache without reading it, when its stamp is known and the
   * analysis of the content it stands for is kept; returns whether it did.
   */
  private recallAnalysis(f: FileEntry): boolean {
    const hash = this.recallStamp(f, PY_STAMP);
    const cached = hash === undefined ? undefined : this.options.cache?.get(contentKey(hash, this.prefilter, f.path), f.path);
    if (cached) this.analyses.set(f.path, cached);
    return cached !== undefined;
  }

  /** What the cache remembers of `f` (of the `kind` given) at the size and time the walk saw, if anything. */
  private recallStamp(f: FileEntry, kind: StampKind): string | undefined {
    if (!f.mtime || f.size > this.maxBytes) return undefined;
    const value = this.options.cache?.recall(f.path, { size: f.size, mtime: f.mtime });
    return value?.startsWith(kind) ? value.slice(kind.length) : undefined;
  }

  /**
   * Remembers `value` (of the `kind` given) for `f` at the stamp the walk saw, unless none may be
   * recorded: no modification time, modified too recently (STAMP_SETTLE_MS), or `bytes` (the
   * content just read) not of the walk's size (the file changed in between).
   */
  private rememberStamp(f: FileEntry, bytes: Uint8Array, kind: StampKind, value: string): void {
    if (!f.mtime || f.mtime >= this.settledBefore || bytes.byteLength !== f.size) return;
    this.options.cache?.remember(f.path, { size: f.size, mtime: f.mtime }, `${kind}${value}`);
  }

  private async readDialects(files: readonly FileEntry[]): Promise<void> {
    const wanted: FileEntry[] = [];
    for (const f of files) {
      if (f.size > this.maxBytes) continue;
      const dialect = this.recallStamp(f, DIALECT_STAMP);
      if (dialect !== undefined && isDialect(dialect)) this.dialects.set(f.path, dialect);
      else wanted.push(f);
    }
    // READ_AHEAD reads at a time: one after the other, each read's round trip would add up.
    for (let next = 0; next < wanted.length; next += READ_AHEAD) {
      this.options.signal?.throwIfAborted();
      const batch = wanted.slice(next, next + READ_AHEAD);
      const read = await Promise.all(batch.map((f) => this.ws.readFile(f.path, this.maxBytes).catch(() => undefined)));
      // An unreadable template only loses its dialect; the walk already listed it.
      batch.forEach((f, i) => {
        const bytes = read[i];
        const decoded = bytes && decodeText(bytes);
        if (!bytes || !decoded?.ok) return;
        const dialect = templateDialect(decoded.text);
        this.dialects.set(f.path, dialect);
        this.rememberStamp(f, bytes, DIALECT_STAMP, dialect);
      });
    }
  }

  /** Recomputes every project's verdict from what the session holds. */
  private async verdict(started: number): Promise<Assessment> {
    this.report({ phase: 'verdict', done: 0, total: 0, message: 'Weighing the evidence' });
    const pyFiles = this.files.filter((f) => this.isCode(f));
    // In path order: analyses arrive in whatever order the walk, the cache and the workers give.
    const appFiles = [...this.analyses]
      .filter(([path, a]) => path.endsWith('manage.py') || a.observations.some((o) => o.kind === 'app' && o.framework === 'flask'))
      .map(([path]) => path)
      .sort();
    const roots = findProjectRoots({ manifests: this.depsByFile, appFiles, pythonFiles: pyFiles.map((f) => f.path), includedBy: this.includedBy });
    const rootDirs = roots.map((r) => r.dir);
    const filesByRoot = groupByOwner(this.files.map((f) => f.path), rootDirs);
    const manifestsByRoot = groupByOwner([...this.depsByFile.keys()], rootDirs);
    // A project's verdict depends only on its own files: after an update, recompute only the
    // projects a changed path belongs to (all of them when the set of roots or the manifests moved).
    const rootsKey = JSON.stringify(roots);
    if (rootsKey !== this.memoRootsKey) {
      this.projectMemo.clear();
      this.memoRootsKey = rootsKey;
    }
    const dirtyRoots = groupByOwner([...this.dirtyPaths], rootDirs);
    const assessed: ProjectAssessment[] = [];
    // In time slices, giving the thread back in between: on a large workspace the verdicts
    // together would hold it for longer than an editor should wait.
    const slicer = new TimeSlicer(VERDICT_SLICE_MS, () => nextTick(this.options.signal));
    await slicer.yieldNow();
    for (const r of roots) {
      const kept = this.projectMemo.get(r.dir);
      if (kept && (dirtyRoots.get(r.dir)?.length ?? 0) === 0) {
        assessed.push(kept);
        continue;
      }
      const fresh = await slicer.run(assessProject(r.dir, r.reason, filesByRoot.get(r.dir) ?? [], manifestsByRoot.get(r.dir) ?? [], this.depsByFile, this.analyses, this.dialects));
      this.projectMemo.set(r.dir, fresh);
      assessed.push(fresh);
    }
    const projects = withNeeds(assessed, this.options.needs);
    this.dirtyPaths.clear();
    const problems = [...this.walkProblems, ...this.manifestProblems];
    for (const f of pyFiles) append(problems, this.analyses.get(f.path)?.problems ?? []);
    return {
      schemaVersion: 1,
      root: this.ws.label,
      projects,
      problems: problems.map(normalizeProblem),
      stats: { files: this.files.length, pythonFiles: pyFiles.length, bytesRead: this.bytesRead, ms: Date.now() - started },
      summary: summarizeWorkspace(projects),
    };
  }
}

/** A promise one waiter awaits until the next `notify()`. */
class Wakeup {
  private wake: (() => void) | undefined;

  wait(): Promise<void> {
    return new Promise<void>((resolve) => (this.wake = resolve));
  }

  notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
}

/** Items that arrive over time (the walk's files), read in order by one consumer. */
class Feed<T> {
  readonly items: T[] = [];
  private closed = false;
  private readonly arrived = new Wakeup();
  private failure: { error: unknown } | undefined;

  /** Whether every item has come. */
  get complete(): boolean {
    return this.closed;
  }

  push(batch: readonly T[]): void {
    if (batch.length === 0) return;
    append(this.items, batch);
    this.arrived.notify();
  }

  /** No more items will come; with `error`, the consumer's next wait throws it. */
  close(error?: unknown): void {
    this.closed = true;
    if (error !== undefined) this.failure = { error };
    this.arrived.notify();
  }

  /** Whether item `i` exists, waiting for it while more may come. */
  async has(i: number): Promise<boolean> {
    while (i >= this.items.length && !this.closed) await this.arrived.wait();
    this.throwIfFailed();
    return i < this.items.length;
  }

  /** Throws what the producer failed with, if it did. */
  throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}

/** Gives the thread back to the event loop once (then stops if the scan was cancelled meanwhile). */
async function nextTick(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
  signal?.throwIfAborted();
}

/**
 * Awaits `p` but gives up as soon as `signal` aborts, so a cancelled scan stops at once instead of
 * waiting for work already handed to the parse workers (whose results are then dropped).
 */
function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** What a stamp of a Python file stands for: its content hash; of a template: its dialect. */
const PY_STAMP = 'py:';
const DIALECT_STAMP = 'dialect:';
type StampKind = typeof PY_STAMP | typeof DIALECT_STAMP;

function isAnalyzedPython(f: FileEntry): boolean {
  return f.path.endsWith('.py') && !isSetupPy(f.path);
}

function inSkippedDir(path: string): boolean {
  return path.split('/').slice(0, -1).some((d) => SKIPPED_DIRS.has(d) || d.endsWith('.egg-info'));
}

function isSetupPy(path: string): boolean {
  return path === 'setup.py' || path.endsWith('/setup.py');
}

/**
 * One project's verdict, pausing between steps (steps.ts): gathering the project's observations,
 * resolving its models, then weighing them (conclude.ts).
 */
function* assessProject(
  root: string,
  rootReason: string,
  ownFiles: readonly string[],
  manifests: readonly string[],
  depsByFile: ReadonlyMap<string, Dependency[]>,
  analyses: ReadonlyMap<string, FileAnalysis>,
  dialects: ReadonlyMap<string, TemplateDialect>,
): Steps<ProjectAssessment> {
  const dependencies = manifests.flatMap((m) => depsByFile.get(m) ?? []);
  const declared = dependencyObservations(dependencies);
  const observations: Observation[] = layoutObservations(ownFiles);
  for (const o of observations) {
    const dialect = o.kind === 'template' ? dialects.get(o.evidence.file) : undefined;
    if (dialect && dialect !== 'unknown') o.name = dialect;
  }
  yield;
  const classes: ClassInfo[] = [];
  const pythonFiles: string[] = [];
  for (const [i, path] of ownFiles.entries()) {
    if (i % FILES_PER_STEP === 0) yield;
    const a = analyses.get(path);
    if (!a) continue;
    pythonFiles.push(path);
    // Migration modules restate the models as operations; the layout detector counts them.
    if (MIGRATION_MODULE.test(path)) continue;
    append(observations, a.observations);
    append(classes, a.classes);
  }
  // A general-purpose package (PyJWT) counts for a battery only when the code shows that battery.
  const shown = new Set(observations.map((o) => o.kind));
  // concat, not unshift(...): a manifest may declare 100,000 packages, past any argument list.
  const counted = declared.filter((o) => !lookupPackage(o.via ?? '')?.needsCode?.includes(o.kind) || shown.has(o.kind)).concat(observations);
  const index = yield* ClassIndex.build(classes);
  for (const o of yield* resolveModelsInSteps(classes, index)) counted.push(o);
  const routed = yield* resolveRoutesInSteps(counted, classes, index);
  const resolved = yield* resolveViewsInSteps(routed, classes, index, yield* ModuleFiles.build(pythonFiles));
  return yield* concludeProjectInSteps({ root, rootReason, files: [...ownFiles], observations: resolved, pythonFiles, dependencies, manifests: [...manifests] });
}

function normalizeProblem(p: Problem): Problem {
  return { file: p.file, line: p.line ?? null, message: p.message, severity: p.severity };
}

