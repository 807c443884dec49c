/**
 * Owns the assessments of the open workspace: runs the engine over each workspace folder (one at a
 * time, cancellable), keeps the last result per folder, the selected project and the declared
 * needs of a plan, and tells the front ends (sidebar, status bar, diagnostics) when anything
 * changed. Background runs (live updates, the sidebar's first scan) are debounced and never cancel
 * a run the user asked for; a run the user asks for cancels a background one.
 */
import * as vscode from 'vscode';
import { SIDEBAR_VIEW_ID } from './ids';
import { AssessmentSession, boundedLimit, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES, MAX_FILE_BYTES_CEILING, MAX_FILES_CEILING, type Progress } from '../core/assess';
import * as os from 'node:os';
import type { FileAnalyzer } from '../core/engine/analyzer';
import { FileCache, MemoryCache, type AnalysisCache } from '../core/engine/cache';
import { WorkerPoolAnalyzer } from '../core/engine/pool';
import type { Assessment } from '../core/model';
import { applyNeeds, blankProject, hasNeeds, parseNeeds, type DeclaredNeeds } from '../core/verdict/needs';
import { leadProject } from '../core/verdict/summary';
import { PythonParser } from '../core/python/parser';
import type { SidebarStatus } from '../shared/protocol';
import type { ProjectEntry } from '../shared/sidebarModel';
import { VscodeWorkspace } from './vscodeWorkspace';

/** One assessed workspace folder. */
export interface FolderAssessment {
  folder: vscode.WorkspaceFolder;
  assessment: Assessment;
}

/** A listed project with the workspace folder it lives in (none for a plan of a new project). */
export interface EntryRef extends ProjectEntry {
  folder?: vscode.WorkspaceFolder;
}

/**
 * How a run was asked for. 'notification': by a command, with a cancellable progress notification.
 * 'view': by the user from the sidebar (Refresh), with progress in the view. 'background': by live
 * updates or the sidebar's first scan, with progress in the view; it never cancels another run.
 */
export type RunMode = 'notification' | 'view' | 'background';

/** The view the background progress shows on. */
export { SIDEBAR_VIEW_ID };

const PLAN_KEY = 'frameworkFit.plan';
/** The key of a plan made without a scanned project. */
export const NEW_PLAN_KEY = 'plan:new';

/** Reads the settings that shape an assessment of one folder. */
export function assessSettings(scope: { uri: vscode.Uri }) {
  const c = vscode.workspace.getConfiguration('frameworkFit', scope.uri);
  return {
    exclude: c.get<string[]>('exclude', []),
    maxFiles: boundedLimit(c.get<number>('maxFiles'), DEFAULT_MAX_FILES, MAX_FILES_CEILING),
    maxFileBytes: boundedLimit(c.get<number>('maxFileSize'), DEFAULT_MAX_FILE_BYTES, MAX_FILE_BYTES_CEILING),
  };
}

/** The key of a scanned project. */
export function projectKey(folder: vscode.WorkspaceFolder, root: string): string {
  return `${folder.uri.toString()}::${root}`;
}

interface Run {
  cts: vscode.CancellationTokenSource;
  mode: RunMode;
  done: Promise<FolderAssessment[] | undefined>;
}

/** One folder to assess: from scratch, or (with `paths`) only the files that changed. */
interface Job {
  folder: vscode.WorkspaceFolder;
  paths?: string[];
}

/** The engine session kept for a folder, so that a change re-reads only the changed files. */
interface FolderSession {
  session: AssessmentSession;
  abort: AbortController;
  /** True once `scan()` completed; only then can `update()` be used. */
  scanned: boolean;
}

/** A pending request for a scan from scratch. */
const FULL = 'full' as const;

export class AssessmentController implements vscode.Disposable {
  private readonly results = new Map<string, FolderAssessment>();
  private parser?: Promise<PythonParser>;
  /** The parse workers: undefined until first use, null when they cannot start. */
  private pool?: WorkerPoolAnalyzer | null;
  private running?: Run;
  /** Folders waiting for a background run: FULL (from scratch) or the changed paths. */
  private readonly pending = new Map<string, Set<string> | typeof FULL>();
  private readonly sessions = new Map<string, FolderSession>();
  private readonly caches = new Map<string, Promise<AnalysisCache>>();
  private timer?: ReturnType<typeof setTimeout>;
  private idleWaiters: (() => void)[] = [];
  private statusValue: SidebarStatus = 'idle';
  private messageValue?: string;
  private selectedKey?: string;
  private plan?: { baseKey?: string; needs: DeclaredNeeds };
  private lastRunMs = 0;
  private runs = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly progressed = new vscode.EventEmitter<string>();
  /** Fires after anything the front ends show has changed. */
  readonly onDidChange = this.changed.event;
  /** Progress text of the running scan. */
  readonly onProgress = this.progressed.event;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    /** A local folder for the persistent analysis cache (the extension's global storage), if any. */
    private readonly storageDir?: string,
  ) {
    const saved = memento.get<{ baseKey?: string; needs: DeclaredNeeds }>(PLAN_KEY);
    const needs = saved && typeof saved === 'object' ? parseNeeds(saved.needs) : undefined;
    if (needs && hasNeeds(needs)) this.plan = { baseKey: typeof saved?.baseKey === 'string' ? saved.baseKey : undefined, needs };
    void vscode.commands.executeCommand('setContext', 'frameworkFit.hasPlan', this.plan !== undefined);
  }

  /** What the controller is doing. */
  get status(): SidebarStatus {
    return this.statusValue;
  }

  /** Progress or error text. */
  get message(): string | undefined {
    return this.messageValue;
  }

  /** True once any run has finished. */
  get hasResults(): boolean {
    return this.runs > 0;
  }

  /** True while a run is going or about to start. */
  get busy(): boolean {
    return this.running !== undefined || this.timer !== undefined || this.pending.size > 0;
  }

  /** The last assessment of each workspace folder, in workspace order. */
  assessments(): FolderAssessment[] {
    const order = vscode.workspace.workspaceFolders ?? [];
    return order.map((f) => this.results.get(f.uri.toString())).filter((r): r is FolderAssessment => r !== undefined);
  }

  /** "Assessed 2 folders (312 files) in 420 ms". */
  summary(): string | undefined {
    const all = this.assessments();
    if (all.length === 0) return undefined;
    const files = all.reduce((n, r) => n + r.assessment.stats.files, 0);
    return `Assessed ${all.length === 1 ? all[0].folder.name : `${all.length} folders`} (${files} files) in ${this.lastRunMs} ms`;
  }

  /** Every project of every folder, then the plan if there is one. */
  entries(): EntryRef[] {
    const all = this.assessments();
    const out: EntryRef[] = [];
    for (const { folder, assessment } of all) {
      for (const project of assessment.projects) {
        const label = project.root === '.' ? folder.name : `${folder.name}/${project.root}`;
        out.push({ key: projectKey(folder, project.root), label, project, folder });
      }
    }
    if (this.plan) {
      const base = this.plan.baseKey ? out.find((e) => e.key === this.plan?.baseKey) : undefined;
      if (base) {
        out.push({ key: `${base.key}::plan`, label: `Plan: ${base.label} + declared needs`, project: applyNeeds(base.project, this.plan.needs), folder: base.folder, plan: { base: base.label, needs: this.plan.needs } });
      } else if (!this.plan.baseKey) {
        out.push({ key: NEW_PLAN_KEY, label: 'Plan: a new project', project: applyNeeds(blankProject('(new project)'), this.plan.needs), plan: { base: 'a new project', needs: this.plan.needs } });
      }
    }
    return out;
  }

  /** The entry with this key. */
  entry(key: string): EntryRef | undefined {
    return this.entries().find((e) => e.key === key);
  }

  /** The selected entry (when nothing valid is selected, the project a user most likely came for). */
  selected(): EntryRef | undefined {
    const entries = this.entries();
    const chosen = entries.find((e) => e.key === this.selectedKey);
    if (chosen) return chosen;
    const lead = leadProject(entries.filter((e) => !e.plan).map((e) => e.project));
    return entries.find((e) => e.project === lead) ?? entries[0];
  }

  /** The selected key as given to the front ends. */
  get selectedKeyValue(): string | undefined {
    return this.selected()?.key;
  }

  /** Selects an entry (ignored when unknown). */
  select(key: string): void {
    if (!this.entry(key) || key === this.selectedKey) return;
    this.selectedKey = key;
    this.changed.fire();
  }

  /** The declared needs of the current plan. */
  planNeeds(): { baseKey?: string; needs: DeclaredNeeds } | undefined {
    return this.plan;
  }

  /** Sets (or with undefined, clears) the plan, remembers it for this workspace and selects it. */
  async setPlan(plan: { baseKey?: string; needs: DeclaredNeeds } | undefined): Promise<EntryRef | undefined> {
    this.plan = plan && hasNeeds(plan.needs) ? plan : undefined;
    await this.memento.update(PLAN_KEY, this.plan);
    void vscode.commands.executeCommand('setContext', 'frameworkFit.hasPlan', this.plan !== undefined);
    const entry = this.plan ? this.entries().find((e) => e.plan) : undefined;
    if (entry) this.selectedKey = entry.key;
    else if (this.selectedKey?.endsWith('::plan') || this.selectedKey === NEW_PLAN_KEY) this.selectedKey = undefined;
    this.changed.fire();
    return entry;
  }

  /**
   * Assesses the given folders (default: all) from scratch now. A run the user asked for
   * ('notification', 'view') cancels whatever runs; a 'background' run waits for the running one.
   * Resolves with the assessments of every folder after the run, or undefined when cancelled or
   * there is no folder.
   */
  async assess(mode: RunMode, folders?: readonly vscode.WorkspaceFolder[]): Promise<FolderAssessment[] | undefined> {
    const targets = folders ?? vscode.workspace.workspaceFolders ?? [];
    if (targets.length === 0 && (vscode.workspace.workspaceFolders ?? []).length === 0) {
      this.results.clear();
      this.setStatus('noFolder');
      return undefined;
    }
    if (this.running) {
      if (mode === 'background') {
        for (const f of targets) this.pending.set(f.uri.toString(), FULL);
        await this.running.done.catch(() => undefined);
        return this.assessments();
      }
      this.running.cts.cancel();
      await this.running.done.catch(() => undefined);
    }
    return this.start(mode, targets.map((folder) => ({ folder })));
  }

  /**
   * Asks for a background run from scratch of the folders (default: all) after `delayMs` (default
   * 500 ms); requests within the delay are folded into one run. Used for configuration and
   * workspace-folder changes.
   */
  schedule(folders?: readonly vscode.WorkspaceFolder[], delayMs = 500): void {
    for (const f of folders ?? vscode.workspace.workspaceFolders ?? []) this.pending.set(f.uri.toString(), FULL);
    this.arm(delayMs);
  }

  /**
   * Notes that a file of a folder changed, appeared or went (workspace-relative path); after the
   * debounce the folder's session re-reads only the files noted (engine `AssessmentSession.update`),
   * or scans from scratch when it has no complete scan yet.
   */
  scheduleChange(folder: vscode.WorkspaceFolder, path: string, delayMs = 500): void {
    const key = folder.uri.toString();
    const paths = this.pending.get(key);
    if (paths !== FULL) this.pending.set(key, new Set([...(paths ?? []), path]));
    this.arm(delayMs);
  }

  private arm(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, delayMs);
  }

  /** Resolves once no run is going, scheduled or pending (for tests and the API). */
  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Cancels the running scan, if any. */
  cancel(): void {
    this.running?.cts.cancel();
  }

  private flush(): void {
    if (this.running || this.timer) return;
    const jobs: Job[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const wanted = this.pending.get(folder.uri.toString());
      if (!wanted) continue;
      jobs.push(wanted === FULL ? { folder } : { folder, paths: [...wanted] });
    }
    this.pending.clear();
    if (jobs.length === 0) {
      this.notifyIdle();
      return;
    }
    void this.start('background', jobs);
  }

  private notifyIdle(): void {
    if (this.busy) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private start(mode: RunMode, jobs: readonly Job[]): Promise<FolderAssessment[] | undefined> {
    const cts = new vscode.CancellationTokenSource();
    const run: Run = { cts, mode, done: Promise.resolve(undefined) };
    run.done = this.execute(run, jobs).finally(() => {
      cts.dispose();
      if (this.running === run) this.running = undefined;
      this.flush();
    });
    this.running = run;
    return run.done;
  }

  /** A complete session of the folder after a scan from scratch (the previous one is dropped). */
  private async freshSession(folder: vscode.WorkspaceFolder, report: (message: string) => void): Promise<FolderSession> {
    this.dropSession(folder.uri.toString());
    const abort = new AbortController();
    const session = await AssessmentSession.create(new VscodeWorkspace(folder.uri, folder.name), {
      ...assessSettings(folder),
      ...(await this.getAnalysis()),
      cache: await this.cacheFor(folder),
      signal: abort.signal,
      onProgress: (p: Progress) => report(`${folder.name}: ${p.message}`),
    });
    const state: FolderSession = { session, abort, scanned: false };
    this.sessions.set(folder.uri.toString(), state);
    return state;
  }

  private dropSession(key: string): void {
    const state = this.sessions.get(key);
    if (!state) return;
    this.sessions.delete(key);
    state.abort.abort();
    state.session.dispose();
  }

  /**
   * One analysis cache per folder, kept across sessions so a re-scan re-parses only what changed:
   * persisted in global storage (so reopening VS Code is a warm start) when it is a local folder,
   * in memory otherwise; none when the frameworkFit.cache setting is off.
   */
  private async cacheFor(folder: vscode.WorkspaceFolder): Promise<AnalysisCache | undefined> {
    if (!vscode.workspace.getConfiguration('frameworkFit').get<boolean>('cache', true)) return undefined;
    const key = folder.uri.toString();
    let cache = this.caches.get(key);
    if (!cache) {
      cache = this.storageDir ? FileCache.open(this.storageDir, key).catch(() => new MemoryCache()) : Promise.resolve(new MemoryCache());
      this.caches.set(key, cache);
      const opened = await cache;
      if (opened instanceof FileCache && opened.discarded) this.log.warn(opened.discarded);
    }
    return cache;
  }

  /**
   * How files are parsed: on worker threads, off the extension host's thread, one per core (up to
   * four); in process when workers cannot start (then with one shared parser).
   */
  private async getAnalysis(): Promise<{ analyzer: FileAnalyzer } | { parser: PythonParser }> {
    if (this.pool === undefined) {
      try {
        this.pool = new WorkerPoolAnalyzer(Math.max(1, Math.min(4, os.availableParallelism())));
      } catch (e) {
        this.log.warn(`parse workers unavailable, parsing in process: ${e instanceof Error ? e.message : String(e)}`);
        this.pool = null;
      }
    }
    return this.pool ? { analyzer: this.pool } : { parser: await this.getParser() };
  }

  private async execute(run: Run, jobs: readonly Job[]): Promise<FolderAssessment[] | undefined> {
    this.setStatus('scanning', 'Assessing…');
    const task = async (report: (message: string) => void, token?: vscode.CancellationToken) => {
      const sub = token?.onCancellationRequested(() => run.cts.cancel());
      let current: FolderSession | undefined;
      const abort = run.cts.token.onCancellationRequested(() => current?.abort.abort());
      const started = Date.now();
      try {
        for (const { folder, paths } of jobs) {
          const key = folder.uri.toString();
          const kept = this.sessions.get(key);
          let assessment: Assessment;
          if (paths && kept?.scanned) {
            current = kept;
            this.log.debug(`${folder.name}: re-reading ${paths.length} changed file(s)`);
            assessment = await kept.session.update(paths);
          } else {
            current = await this.freshSession(folder, report);
            if (run.cts.token.isCancellationRequested) current.abort.abort();
            assessment = await current.session.scan();
            current.scanned = true;
          }
          this.results.set(key, { folder, assessment });
        }
        // Forget folders that left the workspace.
        const open = new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()));
        for (const key of [...this.results.keys()]) if (!open.has(key)) this.results.delete(key);
        for (const key of [...this.sessions.keys()]) if (!open.has(key)) this.dropSession(key);
        this.lastRunMs = Date.now() - started;
        this.runs++;
        this.log.info(`assessed ${jobs.map((j) => j.folder.name + (j.paths ? ` (${j.paths.length} changed)` : '')).join(', ')} in ${this.lastRunMs} ms: ${this.entries().filter((e) => !e.plan).length} project(s)`);
        this.setStatus(this.entries().some((e) => !e.plan) ? 'ready' : 'noProject');
        return this.assessments();
      } catch (e) {
        // A session interrupted half-way holds a partial picture: drop it; the next run scans again.
        if (current) for (const [key, state] of this.sessions) if (state === current) this.dropSession(key);
        if (run.cts.token.isCancellationRequested || (e instanceof Error && e.name === 'AbortError')) {
          this.log.info(`assessment cancelled (${run.mode})`);
          this.setStatus(this.runs === 0 ? 'idle' : this.entries().some((x) => !x.plan) ? 'ready' : 'noProject');
          return undefined;
        }
        const text = e instanceof Error ? e.message : String(e);
        this.log.error(`assessment failed: ${e instanceof Error && e.stack ? e.stack : text}`);
        this.setStatus('error', `The assessment failed: ${text}`);
        if (run.mode === 'notification') void vscode.window.showErrorMessage(`Framework Fit: the assessment failed: ${text}`, 'Show Log').then((a) => a && this.log.show());
        return undefined;
      } finally {
        sub?.dispose();
        abort.dispose();
      }
    };
    if (run.mode === 'notification') {
      return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Framework Fit', cancellable: true }, (progress, token) =>
        task((message) => {
          progress.report({ message });
          this.progressed.fire(message);
        }, token),
      );
    }
    return vscode.window.withProgress({ location: { viewId: SIDEBAR_VIEW_ID } }, () => task((message) => this.progressed.fire(message)));
  }

  private getParser(): Promise<PythonParser> {
    this.parser ??= PythonParser.create().catch((e: unknown) => {
      this.parser = undefined;
      throw e;
    });
    return this.parser;
  }

  private setStatus(status: SidebarStatus, message?: string): void {
    this.statusValue = status;
    this.messageValue = message;
    void vscode.commands.executeCommand('setContext', 'frameworkFit.noProject', status === 'noProject' || status === 'noFolder');
    this.changed.fire();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.running?.cts.cancel();
    for (const key of [...this.sessions.keys()]) this.dropSession(key);
    this.changed.dispose();
    this.progressed.dispose();
    void this.parser?.then((p) => p.dispose(), () => undefined);
    this.pool?.dispose();
    void Promise.all([...this.caches.values()].map((c) => c.then((x) => (x instanceof FileCache ? x.flush() : undefined)))).catch(() => undefined);
    this.notifyIdle();
  }
}
