/**
 * The one protocol between the host (extension/sidebar.ts) and the sidebar webview (webview/main.ts):
 * `HostToWebview` / `WebviewToHost`, switched over exhaustively on both sides. Everything the webview
 * sends is untrusted: `parseWebviewToHost` checks its shape; `isEvidenceOf` / `isSafeRelativePath`
 * limit what the host opens. No `vscode` import: this file is bundled into the browser code too.
 */
import type { Concern, Evidence, Favors, Framework, ProjectAssessment } from '../core/model';

// ---------------------------------------------------------------------------------------------
// The view model: everything the sidebar shows, as plain data built by the host
// (shared/sidebarModel.ts). The webview only lays it out.
// ---------------------------------------------------------------------------------------------

/** One place a finding cites, with a ready-made label ("app/models.py:12"). */
export interface EvidenceView {
  file: string;
  line?: number;
  column?: number;
  label: string;
  /** A one-line excerpt, when the detector kept one. */
  text?: string;
}

/** One finding as the sidebar shows it. */
export interface FindingView {
  id: string;
  message: string;
  favors: Favors;
  weight: number;
  /** "Django +8", "" for information. */
  badge: string;
  /** A codicon name (without "codicon-"). */
  icon: string;
  /** True for `needs.*` findings (declared in a plan, not found in the code). */
  declared: boolean;
  evidence: EvidenceView[];
}

/** Findings about one concern. */
export interface ConcernGroup {
  concern: Concern;
  label: string;
  icon: string;
  findings: FindingView[];
}

/** A Flask add-on that does a job Django ships built in. */
export interface BatteryItem {
  addOn: string;
  builtin: string;
  evidence?: EvidenceView;
}

/** The "batteries" section: add-ons re-creating Django built-ins, or Django batteries left unused. */
export interface BatteriesView {
  kind: 'recreated' | 'unused';
  /** The finding's message. */
  message: string;
  /** A short lead for the list ("7 Flask add-ons do jobs Django ships built in:"), or the message. */
  lead: string;
  items: BatteryItem[];
}

/** A migration outline, shown when the recommendation differs from the framework in use. */
export interface MigrationView {
  from: string;
  to: string;
  steps: string[];
  /** "This becomes that" lines (engine outlines only). */
  mappings?: { from: string; to: string; note?: string }[];
  /** A rough effort band, e.g. "medium: 1–3 weeks for one developer" (engine outlines only). */
  effort?: string;
}

/** The selected project, ready to lay out. */
export interface ProjectView {
  key: string;
  label: string;
  /** verdictLine(): "Django fits better — 78% · in use: Flask". */
  verdict: string;
  /** The verdict alone: "Django fits better", "Uses FastAPI · if you had to move: Flask fits better", "No web application found". */
  headline: string;
  recommendation: Framework | null;
  /** Display name of the framework in use ("Flask", "no web framework"). */
  inUse: string;
  /** 0..100. */
  confidence: number;
  scores: Record<Framework, number>;
  reasons: string[];
  /** "12 models · 40 routes · 18 templates · auth · admin". */
  factsLine: string;
  groups: ConcernGroup[];
  batteries?: BatteriesView;
  migration?: MigrationView;
  /** What would change the verdict, in plain words (when the engine says). */
  whatWouldChange?: string[];
  /** Present when this entry is a plan (declared needs merged with the code). */
  plan?: { base: string; answers: string[] };
}

/** One entry of the project selector. */
export interface ProjectOption {
  key: string;
  label: string;
  description: string;
}

/** What the sidebar is doing. */
export type SidebarStatus = 'idle' | 'scanning' | 'ready' | 'noFolder' | 'noProject' | 'error';

/** The whole sidebar state. */
export interface SidebarState {
  status: SidebarStatus;
  /** Progress or error text. */
  message?: string;
  projects: ProjectOption[];
  selected?: string;
  project?: ProjectView;
  /** "Assessed 3 folders in 420 ms". */
  summary?: string;
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

/** Messages the host posts to the webview. */
export type HostToWebview =
  /** The whole view model; posted after every change (scan started or finished, selection, plan). */
  | { type: 'state'; state: SidebarState }
  /** Progress text of the running scan ("web: Reading app/models.py"). */
  | { type: 'progress'; message: string };

/** Messages the webview posts to the host. */
export type WebviewToHost =
  /** The webview has loaded and wants the current state (and a first scan if none ran). */
  | { type: 'ready' }
  /** The user chose another project in the selector. */
  | { type: 'selectProject'; key: string }
  /** Open a finding's evidence; the host checks it is cited by that project and inside its folder. */
  | { type: 'openEvidence'; key: string; file: string; line?: number; column?: number }
  /** Assess again. */
  | { type: 'rerun' }
  /** Export the Markdown report. */
  | { type: 'export' }
  /** Explain the verdict of a project (score breakdown). */
  | { type: 'explain'; key: string }
  /** Start the planning questionnaire. */
  | { type: 'plan' }
  /** Forget the declared needs. */
  | { type: 'clearPlan' };

/** Every WebviewToHost type, for validation. */
export const WEBVIEW_TO_HOST_TYPES = ['ready', 'selectProject', 'openEvidence', 'rerun', 'export', 'explain', 'plan', 'clearPlan'] as const satisfies readonly WebviewToHost['type'][];

const MAX_KEY = 4096;
const MAX_PATH = 1024;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isText(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max;
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10_000_000;
}

/**
 * Checks the shape of a message from the webview and returns a clean copy (unknown properties
 * dropped), or undefined when it is not one of `WebviewToHost`. This is the only way a webview
 * message reaches the host's handler.
 */
export function parseWebviewToHost(raw: unknown): WebviewToHost | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  const kind = raw.type as WebviewToHost['type'];
  switch (kind) {
    case 'ready':
    case 'rerun':
    case 'export':
    case 'plan':
    case 'clearPlan':
      return { type: kind };
    case 'selectProject':
    case 'explain':
      return isText(raw.key, MAX_KEY) ? { type: kind, key: raw.key } : undefined;
    case 'openEvidence': {
      if (!isText(raw.key, MAX_KEY) || !isText(raw.file, MAX_PATH) || !isSafeRelativePath(raw.file)) return undefined;
      if (raw.line !== undefined && !isPositiveInt(raw.line)) return undefined;
      if (raw.column !== undefined && !isPositiveInt(raw.column)) return undefined;
      const msg: WebviewToHost = { type: kind, key: raw.key, file: raw.file };
      if (raw.line !== undefined) msg.line = raw.line as number;
      if (raw.column !== undefined) msg.column = raw.column as number;
      return msg;
    }
    default:
      kind satisfies never;
      return undefined;
  }
}

/**
 * True for a workspace-relative path as the engine writes them: forward slashes, no empty, "." or
 * ".." segment, not absolute, no drive letter, scheme, backslash or control character.
 */
export function isSafeRelativePath(file: string): boolean {
  if (file === '' || file.length > MAX_PATH) return false;
  if (/[\\\u0000-\u001f\u007f]/.test(file)) return false;
  if (file.startsWith('/') || /^[A-Za-z]:/.test(file) || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(file)) return false;
  return file.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/**
 * True when `file` (and `line`, when given) is cited as evidence by one of the project's findings,
 * or is one of its dependency lines or (without a line) manifests. The host opens nothing else for
 * the webview.
 */
export function isEvidenceOf(project: Pick<ProjectAssessment, 'findings' | 'manifests' | 'dependencies'>, file: string, line?: number): boolean {
  const matches = (e: Pick<Evidence, 'file' | 'line'>) => e.file === file && (line === undefined || e.line === line);
  if (project.findings.some((f) => f.evidence.some(matches))) return true;
  if (project.dependencies.some((d) => matches(d))) return true;
  return line === undefined && project.manifests.includes(file);
}

/** Workspace text as the webview shows it (core/report/visible.ts): applied to every text it renders. */
export { visibleText } from '../core/report/visible';

/** A light shape check of host messages, used by the webview before rendering. */
export function isHostToWebview(raw: unknown): raw is HostToWebview {
  if (!isRecord(raw)) return false;
  const kind = raw.type as HostToWebview['type'];
  switch (kind) {
    case 'state':
      return isRecord(raw.state) && typeof raw.state.status === 'string' && Array.isArray(raw.state.projects);
    case 'progress':
      return typeof raw.message === 'string';
    default:
      kind satisfies never;
      return false;
  }
}
