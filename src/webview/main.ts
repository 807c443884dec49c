/// <reference lib="dom" />
/**
 * The sidebar's browser code: lays out the host's `SidebarState` and posts `WebviewToHost` actions
 * back. Plain DOM (no web-component runtime); workspace text goes in only through `textContent` and
 * attribute setters, with control characters made visible (`visibleText`). Why: docs/design.md.
 */
import type {
  BatteriesView,
  ConcernGroup,
  EvidenceView,
  FindingView,
  HostToWebview,
  MigrationView,
  ProjectView,
  SidebarState,
  WebviewToHost,
} from '../shared/protocol';
import { isHostToWebview, visibleText } from '../shared/protocol';

interface VsCodeApi<S> {
  postMessage(msg: WebviewToHost): void;
  getState(): S | undefined;
  setState(state: S): void;
}
declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

/** What survives hide/show. */
interface UiState {
  model?: SidebarState;
  /** Concern groups the user closed, by "projectKey|concern". */
  closed: string[];
  /** Findings whose full evidence list is shown, by "projectKey|findingId". */
  expanded: string[];
  /** Sections the user closed ("batteries", "migration", "reasons"). */
  closedSections: string[];
}

const vscode = acquireVsCodeApi<UiState>();
const saved = vscode.getState();
const ui: UiState = {
  model: saved?.model,
  closed: Array.isArray(saved?.closed) ? saved.closed : [],
  expanded: Array.isArray(saved?.expanded) ? saved.expanded : [],
  closedSections: Array.isArray(saved?.closedSections) ? saved.closedSections : [],
};
let progress = '';

const app = document.getElementById('app') as HTMLElement;
const announcer = document.getElementById('announce') as HTMLElement;

const EVIDENCE_SHOWN = 5;

function post(msg: WebviewToHost): void {
  vscode.postMessage(msg);
}

function persist(): void {
  vscode.setState(ui);
}

// ---------------------------------------------------------------------------------------------
// DOM helpers: text goes through textContent only.
// ---------------------------------------------------------------------------------------------

type Attrs = Record<string, string | undefined>;

/** Attributes a person reads (tooltips, screen-reader labels): shown through visibleText too. */
const READ_ATTRIBUTES = new Set(['title', 'aria-label']);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | undefined | false)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) node.setAttribute(name, READ_ATTRIBUTES.has(name) ? visibleText(value) : value);
  for (const child of children) {
    if (child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(visibleText(child)) : child);
  }
  return node;
}

function icon(name: string, extra = ''): HTMLElement {
  return el('span', { class: `codicon codicon-${name}${extra ? ` ${extra}` : ''}`, 'aria-hidden': 'true' });
}

function button(label: string, iconName: string, onClick: () => void, opts: { secondary?: boolean; title?: string; id?: string } = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', class: opts.secondary ? 'button secondary' : 'button', title: opts.title ?? label, 'data-focus': opts.id ?? `btn:${label}` }, icon(iconName), el('span', {}, label));
  b.addEventListener('click', onClick);
  return b;
}

function section(id: string, title: string, iconName: string, body: Node, open = true): HTMLDetailsElement {
  const d = el('details', { class: 'section', 'data-section': id });
  d.open = open && !ui.closedSections.includes(id);
  const summary = el('summary', { 'data-nav': '', 'data-focus': `section:${id}` }, icon(iconName), el('span', { class: 'section-title' }, title));
  d.append(summary, body);
  d.addEventListener('toggle', () => {
    ui.closedSections = ui.closedSections.filter((s) => s !== id);
    if (!d.open) ui.closedSections.push(id);
    persist();
  });
  return d;
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

function render(): void {
  const focused = (document.activeElement as HTMLElement | null)?.getAttribute('data-focus');
  const model = ui.model;
  const root = document.createDocumentFragment();
  if (!model) {
    root.append(statusBlock('Loading…', 'loading', ''));
  } else {
    root.append(renderModel(model));
  }
  app.replaceChildren(root);
  if (focused) {
    const again = app.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focused)}"]`);
    again?.focus();
  }
}

function statusBlock(text: string, iconName: string, detail?: string): HTMLElement {
  const spin = iconName === 'loading' ? 'codicon-modifier-spin' : '';
  return el('div', { class: 'status-block' }, el('p', { class: 'status-title' }, icon(iconName, spin), ' ', text), detail !== undefined ? el('p', { class: 'muted' }, detail) : undefined);
}

function renderModel(model: SidebarState): Node {
  const frag = document.createDocumentFragment();
  const scanning = model.status === 'scanning';
  if (scanning) frag.append(el('div', { class: 'progress', role: 'progressbar', 'aria-label': 'Assessing the workspace' }, el('div', { class: 'progress-bit' })));

  if (model.projects.length > 1) frag.append(projectSelector(model));

  const p = model.project;
  if (!p) {
    switch (model.status) {
      case 'scanning':
      case 'idle':
        frag.append(statusBlock('Scanning the workspace…', 'loading', progress || model.message || ''));
        break;
      case 'noFolder':
        frag.append(statusBlock('No folder is open.', 'folder', 'Open a folder with a Python project, or plan a new project.'));
        frag.append(el('div', { class: 'actions' }, button('Plan a new project', 'checklist', () => post({ type: 'plan' }))));
        break;
      case 'noProject':
        frag.append(statusBlock('No Python project found.', 'circle-slash', 'Framework Fit looks for requirements files, pyproject.toml, Pipfile, setup.py, manage.py and Flask apps.'));
        frag.append(el('div', { class: 'actions' }, button('Plan a new project', 'checklist', () => post({ type: 'plan' })), button('Assess again', 'refresh', () => post({ type: 'rerun' }), { secondary: true })));
        break;
      case 'error':
        frag.append(statusBlock('The assessment failed.', 'error', model.message));
        frag.append(el('div', { class: 'actions' }, button('Try again', 'refresh', () => post({ type: 'rerun' }))));
        break;
      case 'ready':
        frag.append(statusBlock('Nothing to show.', 'info'));
        break;
      default:
        model.status satisfies never;
    }
    return frag;
  }

  frag.append(verdict(p, scanning));
  if (p.plan) frag.append(planBanner(p));
  if (p.batteries) frag.append(batteries(p.key, p.batteries));
  if (p.migration) frag.append(migration(p.migration));
  if (p.whatWouldChange && p.whatWouldChange.length > 0) {
    const list = el('ul', {});
    for (const w of p.whatWouldChange) list.append(el('li', {}, w));
    frag.append(section('change', 'What would change the verdict', 'question', list, false));
  }
  frag.append(findings(p));
  const footer = scanning ? progress || 'Scanning…' : model.summary;
  if (footer) frag.append(el('p', { class: 'footer muted' }, footer));
  return frag;
}

function projectSelector(model: SidebarState): HTMLElement {
  const select = el('select', { id: 'project', 'data-focus': 'project' });
  for (const o of model.projects) {
    const option = el('option', { value: o.key, title: o.description }, o.label);
    option.selected = o.key === model.selected;
    select.append(option);
  }
  select.addEventListener('change', () => post({ type: 'selectProject', key: select.value }));
  return el('div', { class: 'selector' }, el('label', { for: 'project' }, 'Project'), select);
}

function verdict(p: ProjectView, scanning: boolean): HTMLElement {
  const header = el(
    'section',
    { class: `verdict${scanning ? ' stale' : ''}`, 'aria-label': 'Verdict' },
    el('h2', { title: p.verdict }, icon(p.recommendation ? 'pass' : 'circle-slash'), el('span', {}, p.headline)),
  );
  const meta = el('p', { class: 'meta' });
  if (p.recommendation) meta.append(el('span', {}, 'Confidence '), el('strong', {}, `${p.confidence}%`), el('span', { class: 'sep' }, ' · '));
  meta.append(el('span', {}, 'In use: '), el('strong', {}, p.inUse));
  header.append(meta);
  header.append(scoreBars(p));
  if (p.reasons.length > 0) {
    const list = el('ul', { class: 'reasons' });
    for (const r of p.reasons) list.append(el('li', {}, r));
    header.append(el('h3', {}, 'Why'), list);
  }
  header.append(el('p', { class: 'facts muted' }, p.factsLine));
  header.append(
    el(
      'div',
      { class: 'actions' },
      button('Re-run', 'refresh', () => post({ type: 'rerun' }), { title: 'Assess the workspace again' }),
      button('Export', 'export', () => post({ type: 'export' }), { secondary: true, title: 'Export the Markdown report' }),
      button('Explain', 'law', () => post({ type: 'explain', key: p.key }), { secondary: true, title: 'Explain the verdict: the score breakdown' }),
      button('Plan…', 'checklist', () => post({ type: 'plan' }), { secondary: true, title: 'Plan a new project: declare what it will need' }),
    ),
  );
  return header;
}

function scoreBars(p: ProjectView): HTMLElement {
  const max = Math.max(p.scores.flask, p.scores.django, 1);
  const wrap = el('div', { class: 'scores' });
  for (const fw of ['flask', 'django'] as const) {
    const name = fw === 'flask' ? 'Flask' : 'Django';
    const value = p.scores[fw];
    const fill = el('div', { class: `bar-fill ${fw}${p.recommendation === fw ? ' winner' : ''}` });
    // CSSOM, not a style attribute: the CSP allows no inline styles.
    fill.style.width = `${Math.round((value / max) * 100)}%`;
    wrap.append(
      el(
        'div',
        { class: 'score', role: 'img', 'aria-label': `${name}: ${value} points${p.recommendation === fw ? ', recommended' : ''}` },
        el('span', { class: 'score-name' }, icon(fw === 'flask' ? 'beaker' : 'database'), ` ${name}`),
        el('div', { class: 'bar', 'aria-hidden': 'true' }, fill),
        el('span', { class: 'score-value' }, String(value)),
      ),
    );
  }
  return wrap;
}

function planBanner(p: ProjectView): HTMLElement {
  const plan = p.plan!;
  const body = el('div', { class: 'plan' });
  body.append(el('p', {}, `Declared needs merged with ${plan.base}:`));
  const list = el('ul', {});
  for (const a of plan.answers) list.append(el('li', {}, a));
  body.append(list, el('div', { class: 'actions' }, button('Change answers', 'edit', () => post({ type: 'plan' }), { secondary: true }), button('Clear plan', 'close', () => post({ type: 'clearPlan' }), { secondary: true })));
  return section('plan', 'Plan', 'checklist', body);
}

function evidenceLink(key: string, e: EvidenceView, focusId: string): HTMLElement {
  const a = el('a', { href: '#', class: 'evidence', 'data-nav': '', 'data-focus': focusId, title: e.text ? `${e.label} — ${e.text}` : e.label, 'aria-label': `Open ${e.file}${e.line ? ` at line ${e.line}` : ''}` }, icon('go-to-file'), el('span', { class: 'evidence-label' }, e.label));
  if (e.text) a.append(el('span', { class: 'evidence-text muted' }, e.text));
  a.addEventListener('click', (ev) => {
    ev.preventDefault();
    const msg: WebviewToHost = { type: 'openEvidence', key, file: e.file };
    if (e.line) msg.line = e.line;
    if (e.column) msg.column = e.column;
    post(msg);
  });
  return a;
}

function batteries(key: string, b: BatteriesView): HTMLElement {
  const body = el('div', { class: 'batteries' });
  body.append(el('p', {}, b.lead));
  if (b.items.length > 0) {
    const list = el('ul', { class: 'battery-list' });
    b.items.forEach((item, i) => {
      const li = el('li', {}, el('strong', {}, item.addOn), ' → ', el('code', {}, item.builtin));
      if (item.evidence) li.append(' ', evidenceLink(key, item.evidence, `battery:${i}`));
      list.append(li);
    });
    body.append(list);
  }
  return section('batteries', b.kind === 'recreated' ? 'Batteries re-created' : 'Batteries unused', 'package', body);
}

function migration(m: MigrationView): HTMLElement {
  const body = el('div', { class: 'migration' });
  body.append(el('p', { class: 'muted' }, `From ${m.from} to ${m.to}:`));
  if (m.effort) body.append(el('p', {}, el('strong', {}, 'Effort: '), m.effort));
  if (m.mappings && m.mappings.length > 0) {
    const map = el('ul', { class: 'mappings' });
    for (const x of m.mappings) map.append(el('li', {}, x.from, ' → ', el('code', {}, x.to), x.note ? el('span', { class: 'muted' }, ` — ${x.note}`) : undefined));
    body.append(map);
  }
  const list = el('ol', {});
  for (const s of m.steps) list.append(el('li', {}, s));
  body.append(list);
  return section('migration', `Moving to ${m.to}`, 'arrow-swap', body, false);
}

function findings(p: ProjectView): HTMLElement {
  const wrap = el('section', { class: 'findings', 'aria-label': 'Findings by concern' }, el('h3', {}, 'Findings'));
  for (const g of p.groups) wrap.append(group(p.key, g));
  if (p.groups.length === 0) wrap.append(el('p', { class: 'muted' }, 'No findings.'));
  return wrap;
}

function group(key: string, g: ConcernGroup): HTMLElement {
  const id = `${key}|${g.concern}`;
  const d = el('details', { class: 'group' });
  d.open = !ui.closed.includes(id);
  const points = g.findings.filter((f) => f.favors !== 'neither');
  const tally = points.map((f) => f.badge).join(', ');
  d.append(
    el(
      'summary',
      { 'data-nav': '', 'data-focus': `group:${g.concern}`, 'aria-label': `${g.label}: ${g.findings.length} finding${g.findings.length === 1 ? '' : 's'}${tally ? `, ${tally}` : ''}` },
      icon(g.icon),
      el('span', { class: 'group-label' }, g.label),
      el('span', { class: 'badge count' }, String(g.findings.length)),
    ),
  );
  const list = el('ul', { class: 'finding-list' });
  for (const f of g.findings) list.append(finding(key, f));
  d.append(list);
  d.addEventListener('toggle', () => {
    ui.closed = ui.closed.filter((c) => c !== id);
    if (!d.open) ui.closed.push(id);
    persist();
  });
  return d;
}

function finding(key: string, f: FindingView): HTMLElement {
  const li = el('li', { class: `finding favors-${f.favors}` });
  const head = el('div', { class: 'finding-head' }, icon(f.icon, `favor-${f.favors}`), el('span', { class: 'finding-message' }, f.message));
  if (f.badge) head.append(el('span', { class: `badge ${f.favors}`, title: `${f.weight} points for ${f.favors === 'flask' ? 'Flask' : 'Django'}` }, f.badge));
  if (f.declared) head.append(el('span', { class: 'badge declared', title: 'Declared in the plan, not found in the code' }, 'declared'));
  li.append(head);
  if (f.evidence.length > 0) {
    const id = `${key}|${f.id}`;
    const all = ui.expanded.includes(id);
    const shown = all ? f.evidence : f.evidence.slice(0, EVIDENCE_SHOWN);
    const list = el('ul', { class: 'evidence-list', 'aria-label': `Evidence for: ${f.message}` });
    shown.forEach((e, i) => list.append(el('li', {}, evidenceLink(key, e, `ev:${f.id}:${i}`))));
    li.append(list);
    if (f.evidence.length > EVIDENCE_SHOWN) {
      const more = el('button', { type: 'button', class: 'link-button', 'data-nav': '', 'data-focus': `more:${f.id}`, 'aria-expanded': all ? 'true' : 'false' }, all ? 'Show fewer' : `Show ${f.evidence.length - EVIDENCE_SHOWN} more`);
      more.addEventListener('click', () => {
        ui.expanded = all ? ui.expanded.filter((x) => x !== id) : [...ui.expanded, id];
        persist();
        render();
      });
      li.append(more);
    }
  }
  return li;
}

// ---------------------------------------------------------------------------------------------
// Keyboard: Up/Down move between the rows of the findings (summaries, evidence links), Home/End
// jump to the first/last; Tab still goes through every control.
// ---------------------------------------------------------------------------------------------

app.addEventListener('keydown', (ev) => {
  const target = ev.target as HTMLElement;
  if (!target.hasAttribute('data-nav') || !['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(ev.key)) return;
  const rows = [...app.querySelectorAll<HTMLElement>('[data-nav]')].filter((n) => n.offsetParent !== null);
  const i = rows.indexOf(target);
  if (i < 0) return;
  const next = ev.key === 'ArrowDown' ? rows[i + 1] : ev.key === 'ArrowUp' ? rows[i - 1] : ev.key === 'Home' ? rows[0] : rows[rows.length - 1];
  if (next) {
    ev.preventDefault();
    next.focus();
  }
});

// ---------------------------------------------------------------------------------------------
// Messages from the host
// ---------------------------------------------------------------------------------------------

function announce(text: string): void {
  announcer.textContent = visibleText(text);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data;
  if (!isHostToWebview(msg)) return;
  const m: HostToWebview = msg;
  switch (m.type) {
    case 'state': {
      const before = ui.model;
      ui.model = m.state;
      if (m.state.status !== 'scanning') progress = '';
      persist();
      render();
      if (before?.status === 'scanning' && m.state.status !== 'scanning') announce(m.state.project ? `Assessment done: ${m.state.project.verdict}` : 'Assessment done');
      else if (before?.status !== 'scanning' && m.state.status === 'scanning') announce('Assessing the workspace');
      return;
    }
    case 'progress': {
      progress = m.message;
      const footer = app.querySelector('.footer');
      if (footer && ui.model?.status === 'scanning') footer.textContent = visibleText(m.message);
      const block = app.querySelector('.status-block .muted');
      if (block && !ui.model?.project) block.textContent = visibleText(m.message);
      return;
    }
    default:
      m satisfies never;
  }
});

render();
post({ type: 'ready' });
