/**
 * Builds the sidebar's view model (protocol.ts `SidebarState`) from assessed projects: the verdict,
 * scores, reasons, findings grouped by concern with their codicons, the batteries section and the
 * migration outline. Also the status-bar text. Host-side and vscode-free, so plain mocha tests it;
 * the webview receives only the result and lays it out.
 */
import { frameworkName } from '../core/verdict/findings';
import { routesBreakdown } from '../core/facts/facts';
import type { Concern, Evidence, Favors, Finding, ProjectAssessment } from '../core/model';
import type { DeclaredNeeds } from '../core/verdict/needs';
import { lookupPackage, type PackageInfo } from '../core/knowledge/packages';
import { verdictLine } from '../core/report/report';
import { onOtherFramework, verdictWords } from '../core/verdict/summary';
import type { BatteriesView, BatteryItem, ConcernGroup, EvidenceView, FindingView, MigrationView, ProjectOption, ProjectView, SidebarState, SidebarStatus } from './protocol';

/** One assessed project (or a plan) as the front ends list it. */
export interface ProjectEntry {
  /** Stable key: the folder URI and the project root ("file:///w::web"); plans add "::plan". */
  key: string;
  /** "shop" or "shop/services/api"; plans: "Plan: shop". */
  label: string;
  project: ProjectAssessment;
  /** Set for a plan: the entry it was built on (or "a new project") and the answers. */
  plan?: { base: string; needs: DeclaredNeeds };
}

/** What the sidebar state is built from. */
export interface SidebarInput {
  status: SidebarStatus;
  message?: string;
  entries: readonly ProjectEntry[];
  selected?: string;
  summary?: string;
}

/** Display order and look of each concern. */
export const CONCERNS: Readonly<Record<Concern, { label: string; icon: string }>> = {
  framework: { label: 'Framework', icon: 'symbol-namespace' },
  data: { label: 'Data and models', icon: 'table' },
  auth: { label: 'Accounts and auth', icon: 'account' },
  admin: { label: 'Admin back office', icon: 'shield' },
  forms: { label: 'Forms', icon: 'checklist' },
  migrations: { label: 'Migrations', icon: 'git-compare' },
  api: { label: 'API', icon: 'plug' },
  templates: { label: 'Pages and templates', icon: 'file-code' },
  size: { label: 'Size', icon: 'dashboard' },
  batteries: { label: 'Batteries', icon: 'package' },
  i18n: { label: 'Translations', icon: 'globe' },
  async: { label: 'Async', icon: 'sync' },
  tasks: { label: 'Background tasks', icon: 'tasklist' },
  realtime: { label: 'Real time', icon: 'broadcast' },
  layout: { label: 'Layout', icon: 'folder' },
  dependencies: { label: 'Dependencies', icon: 'library' },
};

/** The codicon of the side a finding favours (the same as the quick pick's). */
export const FAVOR_ICONS: Readonly<Record<Favors, string>> = { flask: 'beaker', django: 'database', neither: 'info' };

const MAX_EVIDENCE = 20;

/** "file:line" or "file". */
export function evidenceLabel(e: Pick<Evidence, 'file' | 'line'>): string {
  return e.line ? `${e.file}:${e.line}` : e.file;
}

function evidenceView(e: Evidence): EvidenceView {
  const v: EvidenceView = { file: e.file, label: evidenceLabel(e) };
  if (e.line) v.line = e.line;
  if (e.column) v.column = e.column;
  if (e.text) v.text = e.text.length > 160 ? `${e.text.slice(0, 159)}…` : e.text;
  return v;
}

/** "Django +8", or "" for a finding that favours neither. */
export function findingBadge(f: Pick<Finding, 'favors' | 'weight'>): string {
  return f.favors === 'neither' ? '' : `${frameworkName(f.favors)} +${f.weight}`;
}

function findingView(f: Finding): FindingView {
  return {
    id: f.id,
    message: f.message,
    favors: f.favors,
    weight: f.weight,
    badge: findingBadge(f),
    icon: FAVOR_ICONS[f.favors],
    declared: f.id.startsWith('needs.'),
    evidence: f.evidence.slice(0, MAX_EVIDENCE).map(evidenceView),
  };
}

/** Findings grouped by concern, in the fixed order of `CONCERNS` (stable while live updates run). */
export function groupFindings(findings: readonly Finding[]): ConcernGroup[] {
  const order = Object.keys(CONCERNS) as Concern[];
  const groups: ConcernGroup[] = [];
  for (const concern of order) {
    const list = findings.filter((f) => f.concern === concern);
    if (list.length === 0) continue;
    groups.push({ concern, label: CONCERNS[concern].label, icon: CONCERNS[concern].icon, findings: list.map(findingView) });
  }
  return groups;
}

/**
 * The batteries section. For `batteries.recreated`: each Flask add-on with the Django built-in it
 * re-creates — from the project's declared dependencies (runtime or optional) first, then from the
 * finding's evidence (an import line naming the add-on), each with where it is. For
 * `batteries.unused`: the finding's own message.
 */
export function batteriesView(project: ProjectAssessment): BatteriesView | undefined {
  const recreated = project.findings.find((f) => f.id === 'batteries.recreated');
  // The engine's own batteries report, when it has one.
  const report = project.batteries;
  if (recreated && report && report.recreated.length > 0) {
    const items: BatteryItem[] = report.recreated.map((b) => (b.evidence[0] ? { addOn: b.addOn, builtin: b.builtin, evidence: evidenceView(b.evidence[0]) } : { addOn: b.addOn, builtin: b.builtin }));
    return { kind: 'recreated', message: recreated.message, lead: recreatedLead(items.length), items };
  }
  if (recreated) {
    const items: BatteryItem[] = [];
    const seen = new Set<string>();
    const add = (pkg: PackageInfo | undefined, e: Evidence) => {
      if (!pkg?.replacesBuiltin || seen.has(pkg.name)) return;
      seen.add(pkg.name);
      items.push({ addOn: pkg.display, builtin: pkg.replacesBuiltin, evidence: evidenceView(e) });
    };
    for (const d of project.dependencies) {
      if (d.kind === 'runtime' || d.kind === 'optional') add(lookupPackage(d.name), { file: d.file, line: d.line, column: d.column, text: d.rawName + d.specifier });
    }
    for (const e of recreated.evidence) add(e.text ? packageInText(e.text) : undefined, e);
    const lead = items.length > 0 ? recreatedLead(items.length) : recreated.message;
    return { kind: 'recreated', message: recreated.message, lead, items };
  }
  const unused = project.findings.find((f) => f.id === 'batteries.unused');
  if (unused) return { kind: 'unused', message: unused.message, lead: unused.message, items: [] };
  return undefined;
}

function recreatedLead(n: number): string {
  return `${n} add-on${n === 1 ? ' does a job' : 's do jobs'} Django ships built in:`;
}

/**
 * The engine's migration outline (`project.outline`, core/verdict/outline.ts) as the sidebar shows it; none
 * when the project has no outline or one made for another recommendation.
 */
export function migrationView(project: ProjectAssessment): MigrationView | undefined {
  const o = project.outline;
  if (!o || !project.recommendation || project.framework === project.recommendation || o.to !== frameworkName(project.recommendation)) return undefined;
  return {
    from: o.from,
    to: o.to,
    steps: [...o.steps],
    mappings: o.mappings.map((m) => (m.note ? { from: m.from, to: m.to, note: m.note } : { from: m.from, to: m.to })),
    effort: `${o.effort}: ${o.effortText}`,
  };
}

/** The first known package an excerpt imports ("from flask_login import ..."). */
function packageInText(text: string): PackageInfo | undefined {
  const m = /^\s*(?:from|import)\s+([A-Za-z_][\w.]*)/.exec(text);
  return m ? lookupPackage(m[1]) : undefined;
}

/** "12 models · 3 relations · 40 routes · 18 templates · auth · admin · migrations". */
export function factsLine(project: ProjectAssessment): string {
  const f = project.facts;
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  // Where the routes come from, when more than one mechanism declares them: "40 routes (28 URL patterns, 12 DRF routers)".
  const routes = `${n(f.routes, 'route')}${routesBreakdown(f.routesBy)}`;
  const parts = [n(f.models, 'model'), n(f.relations, 'relation'), routes, n(f.views, 'view'), n(f.templates, 'template')];
  const flags: [boolean, string][] = [
    [f.auth, 'auth'],
    [f.admin, 'admin'],
    [f.migrations, 'migrations'],
    [f.forms, 'forms'],
    [f.restApi, 'REST API'],
    [f.async, 'async'],
    [f.tasks, 'tasks'],
    [f.realtime, 'real time'],
    [f.i18n, 'i18n'],
  ];
  for (const [on, label] of flags) if (on) parts.push(label);
  return parts.join(' · ');
}

/** The answers of a plan in words ("database: many tables", "user accounts: yes"). */
export function describeNeeds(needs: DeclaredNeeds): string[] {
  const yn = (b: boolean | undefined) => (b ? 'yes' : 'no');
  const out: string[] = [];
  if (needs.database) out.push(`database: ${{ none: 'none', few: 'a few tables', many: 'many tables' }[needs.database]}`);
  if (needs.accounts !== undefined) out.push(`user accounts: ${yn(needs.accounts)}`);
  if (needs.admin !== undefined) out.push(`admin back office: ${yn(needs.admin)}`);
  if (needs.forms !== undefined) out.push(`forms: ${yn(needs.forms)}`);
  if (needs.apiOnly !== undefined) out.push(`API only: ${yn(needs.apiOnly)}`);
  if (needs.pages) out.push(`pages: ${{ few: 'under 10', some: '10 to 40', many: 'over 40' }[needs.pages]}`);
  if (needs.realtime !== undefined) out.push(`real time: ${yn(needs.realtime)}`);
  return out;
}

/** The view of one project. */
export function projectView(entry: ProjectEntry): ProjectView {
  const p = entry.project;
  const view: ProjectView = {
    key: entry.key,
    label: entry.label,
    verdict: verdictLine(p),
    headline: verdictWords(p),
    recommendation: p.recommendation,
    inUse: frameworkName(p.framework),
    confidence: Math.round(p.confidence * 100),
    scores: { ...p.scores },
    reasons: [...p.reasons],
    factsLine: factsLine(p),
    groups: groupFindings(p.findings),
  };
  const batteries = batteriesView(p);
  if (batteries) view.batteries = batteries;
  const migration = migrationView(p);
  if (migration) view.migration = migration;
  if (p.whatWouldChange && p.whatWouldChange.length > 0) view.whatWouldChange = [...p.whatWouldChange];
  if (entry.plan) view.plan = { base: entry.plan.base, answers: describeNeeds(entry.plan.needs) };
  return view;
}

/** The selector entry of a project. */
export function projectOption(entry: ProjectEntry): ProjectOption {
  return { key: entry.key, label: entry.label, description: verdictLine(entry.project) };
}

/** The whole sidebar state. The selection falls back to the first project when it is gone. */
export function buildSidebarState(input: SidebarInput): SidebarState {
  const state: SidebarState = { status: input.status, projects: input.entries.map(projectOption) };
  if (input.message) state.message = input.message;
  if (input.summary) state.summary = input.summary;
  const selected = input.entries.find((e) => e.key === input.selected) ?? input.entries[0];
  if (selected) {
    state.selected = selected.key;
    state.project = projectView(selected);
  }
  return state;
}

/** The status bar's text and tooltip. */
export interface StatusText {
  text: string;
  tooltip: string;
}

/**
 * The status bar item: "$(pass) Django fit 78%" for the selected project ("$(checklist) Plan:
 * Django fit 80%" for a plan); a spinner while scanning; "$(circle-slash) No web app" when the
 * project shows no web application.
 */
export function statusText(status: SidebarStatus, entries: readonly ProjectEntry[], selected?: string): StatusText {
  const entry = entries.find((e) => e.key === selected) ?? entries[0];
  const others = entries.length > 1 ? `\n${entries.length} projects: ${entries.map((e) => `${e.label} — ${verdictLine(e.project)}`).join('\n')}` : '';
  if (!entry) {
    if (status === 'scanning') return { text: '$(sync~spin) Framework Fit', tooltip: 'Framework Fit: assessing the workspace…' };
    if (status === 'noProject' || status === 'noFolder') return { text: '$(circle-slash) Framework Fit', tooltip: 'Framework Fit: no Python project found' };
    if (status === 'error') return { text: '$(error) Framework Fit', tooltip: 'Framework Fit: the assessment failed; click for details' };
    return { text: '$(beaker) Framework Fit', tooltip: 'Framework Fit: not assessed yet; click to open the sidebar' };
  }
  const p = entry.project;
  const spin = status === 'scanning' ? '$(sync~spin) ' : '';
  const tooltip = `Framework Fit · ${entry.label}: ${verdictLine(p)}${others}\nClick to open the Framework Fit sidebar.`;
  if (!p.recommendation) return { text: `${spin || '$(circle-slash) '}No web app`, tooltip };
  // The percentage is how sure the verdict is, not how well the framework fits: said as such.
  const sure = `${Math.round(p.confidence * 100)}% sure`;
  const fit = onOtherFramework(p) ? `${frameworkName(p.framework)} · ${frameworkName(p.recommendation)} if moving, ${sure}` : `${frameworkName(p.recommendation)} fits better, ${sure}`;
  // A plan is marked as such: its verdict rests on declared needs, not only on the code.
  if (entry.plan) return { text: `${spin || '$(checklist) '}Plan: ${fit}`, tooltip };
  return { text: `${spin || '$(pass) '}${fit}`, tooltip };
}
