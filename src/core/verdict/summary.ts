/**
 * Verdicts in plain words: the one-sentence headline of a project ("Django fits better (97%): 12
 * models with 9 relations, Flask-Login and Flask-Admin: Django ships these."), the explanation
 * fields a verdict carries (headline, what would change it, the migration outline), and the
 * workspace summary that puts the projects of a monorepo side by side.
 */
import { surface } from '../facts/facts';
import { frameworkName, listWords } from './findings';
import type { Finding, Framework, ProjectAssessment, WorkspaceSummary } from '../model';
import { migrationOutline, type OutlineCounts } from './outline';
import { decide, WEIGHTS } from './scoring';

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function capitalise(s: string): string {
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

// Built-ins whose add-ons the headline names first: the ones Django is chosen for.
const BUILTIN_ORDER = ['django.contrib.auth', 'django.contrib.admin and django.contrib.auth', 'django.contrib.admin', 'django.forms', 'Django migrations (manage.py makemigrations/migrate)'];

/** Short phrases for the findings that carry a verdict, heaviest first, without repeats. */
function phrases(p: ProjectAssessment, side: Framework, max: number): string[] {
  const f = p.facts;
  const out: string[] = [];
  let groups = 0;
  const named = new Set<string>();
  // One finding makes one group of phrases (the add-ons of batteries.recreated are one group).
  const push = (...items: (string | undefined)[]) => {
    const fresh = items.filter((s): s is string => !!s && !out.includes(s));
    if (fresh.length === 0) return;
    out.push(...fresh);
    groups++;
  };
  const addOns = [...(p.batteries?.recreated ?? [])]
    .filter((r) => BUILTIN_ORDER.includes(r.builtin))
    .sort((a, b) => BUILTIN_ORDER.indexOf(a.builtin) - BUILTIN_ORDER.indexOf(b.builtin));
  // The add-on that stands for a built-in, unless the headline already named one for it.
  const addOnFor = (builtin: string, fallback: string) => {
    const r = addOns.find((x) => x.builtin.startsWith(builtin));
    if (!r) return fallback;
    if (named.has(r.builtin)) return undefined;
    named.add(r.builtin);
    return r.addOn;
  };
  for (const fd of p.findings) {
    if (groups >= max) break;
    if (fd.favors !== side || fd.weight <= 0) continue;
    switch (fd.id) {
      case 'data.models':
        push(`${plural(f.models, 'model')}${f.relations ? ` with ${plural(f.relations, 'relation')}` : ''}`);
        break;
      case 'data.records':
        push('user accounts and records of its own in a database');
        break;
      case 'batteries.recreated': {
        const firsts: string[] = [];
        for (const r of addOns) {
          if (firsts.length >= 3 || named.has(r.builtin)) continue;
          named.add(r.builtin);
          firsts.push(r.addOn);
        }
        if (firsts.length > 0) push(...firsts);
        else push(`${plural(fd.evidence.length, 'add-on')} re-creating Django built-ins`);
        break;
      }
      case 'auth.users':
        push(addOnFor('django.contrib.auth', 'user accounts'));
        break;
      case 'admin.backoffice':
        push(addOnFor('django.contrib.admin', 'an admin'));
        break;
      case 'migrations.schema':
        push(addOnFor('Django migrations', 'migrations'));
        break;
      case 'forms.validation':
        push(addOnFor('django.forms', 'forms'));
        break;
      case 'size.large':
        push(`${plural(f.routes, 'route')}`);
        break;
      case 'api.drf':
        push('a Django REST framework API');
        break;
      case 'i18n.translations':
        push('translations');
        break;
      case 'data.none':
        push('no database');
        break;
      case 'data.light':
        push('light data access without ORM models');
        break;
      case 'size.small':
        push(`a small surface (${plural(surface(f), 'route')})`);
        break;
      case 'templates.pages':
        push(`pages from ${plural(f.templates, 'template')}`);
        break;
      case 'api.small':
        push('a small JSON API');
        break;
      case 'batteries.unused':
        push(`Django's ${listWords(p.batteries?.unused ?? [])} unused`);
        break;
      default:
        if (fd.id.startsWith('needs.')) push(`${fd.message.replace(/^Planned: /, '').replace(/:.*$/, '')} (planned)`);
    }
  }
  return out;
}

/** True when the project is on a web framework other than Flask or Django (FastAPI, aiohttp...). */
export function onOtherFramework(p: Pick<ProjectAssessment, 'framework'>): boolean {
  return p.framework !== 'none' && p.framework !== 'flask' && p.framework !== 'django';
}

/**
 * The verdict in a few words, the same in every front end: "Django fits better", or for a project
 * on another framework "Uses FastAPI · if you had to move: Flask fits better" (what it is, first).
 */
export function verdictWords(p: Pick<ProjectAssessment, 'framework' | 'recommendation'>): string {
  if (!p.recommendation) return 'No web application found';
  const fits = `${frameworkName(p.recommendation)} fits better`;
  return onOtherFramework(p) ? `Uses ${frameworkName(p.framework)} · if you had to move: ${fits}` : fits;
}

/** The verdict in one plain sentence (model.ts `ProjectAssessment.headline`). */
export function headlineOf(p: ProjectAssessment): string {
  if (!p.recommendation) {
    const why = p.findings.find((f) => f.id === 'layout.library' || f.id === 'layout.testsOnly')?.message ?? p.reasons[0] ?? 'no web-application signal';
    return `No verdict: ${why.charAt(0).toLowerCase()}${why.slice(1)}`;
  }
  const rec = p.recommendation;
  const name = frameworkName(rec);
  const list = phrases(p, rec, 3);
  const lead = onOtherFramework(p) ? `Uses ${frameworkName(p.framework)}. If you had to move, ${name} would fit better (${pct(p.confidence)})` : `${name} fits better (${pct(p.confidence)})`;
  if (list.length === 0) return `${lead}: little to go on, by a small margin.`;
  const close =
    rec === 'django'
      ? p.framework === 'django'
        ? "Django's batteries at work"
        : 'Django ships these'
      : p.framework === 'django'
        ? "Flask keeps it simple; Django's batteries would go unused"
        : 'Flask keeps it simple';
  return `${lead}: ${listWords(list)}: ${close}.`;
}

/**
 * What would change a verdict, from its weighed findings alone (for plans, whose needs are
 * findings without observations): the other side's missing batteries, heaviest first, until they
 * outweigh the margin.
 */
export function whatWouldChangeFromFindings(p: ProjectAssessment): string[] {
  if (!p.recommendation) return ['Nothing to weigh: answer the planning questions, or add a web application, to get a verdict'];
  const other: Framework = p.recommendation === 'django' ? 'flask' : 'django';
  const has = (concern: string) => p.findings.some((f) => f.concern === concern && f.favors === 'django' && f.weight > 0);
  if (other === 'django') {
    const candidates: [string, string, number][] = [
      ['auth', 'user accounts', WEIGHTS['auth.users'].base],
      ['admin', 'an admin back office', WEIGHTS['admin.backoffice'].base],
      ['data', 'a data model of many tables', WEIGHTS['data.models'].base + 8 * WEIGHTS['data.models'].per],
      ['forms', 'forms with validation', WEIGHTS['forms.validation'].base],
      ['migrations', 'schema migrations', WEIGHTS['migrations.schema'].base],
    ];
    const extra: Finding[] = [];
    const words: string[] = [];
    for (const [concern, w, points] of candidates) {
      if (has(concern)) continue;
      extra.push({ id: `whatIf.${concern}`, concern: 'batteries', favors: 'django', weight: points, message: w, evidence: [] });
      words.push(w);
      if (decide([...p.findings, ...extra], true).recommendation === 'django') return [`${capitalise(listWords(words))} would tip this to Django`];
    }
    return ['Django would fit only with much more to manage: user accounts, an admin and a data model together'];
  }
  const heavy = p.findings.filter((f) => f.favors === 'django' && f.weight > 0);
  const dropped: Finding[] = [];
  for (const f of heavy) {
    dropped.push(f);
    const rest = p.findings.filter((x) => !dropped.includes(x));
    if (decide(rest, true).recommendation === 'flask') {
      return [`Doing without ${listWords(dropped.map((d) => d.message.replace(/^Planned: /, '').replace(/[:(].*$/, '').trim().toLowerCase()))} would tip this to Flask`];
    }
  }
  return ['Flask would fit only if the project dropped most of what Django ships'];
}

/** Extra counts the explanation uses (form classes, blueprints/apps, the ORM's name). */
export type ExplainCounts = OutlineCounts;

/**
 * Fills in the explanation of a decided project: headline, what would change it (given, or from
 * the findings) and the migration outline. Returns a new object; the input is not changed.
 */
export function describeVerdict(p: ProjectAssessment, counts: ExplainCounts = {}, whatWouldChange?: string[]): ProjectAssessment {
  const out: ProjectAssessment = { ...p };
  const outline = migrationOutline(out, { ...counts, ...(counts.formClasses === undefined && p.outline ? { formClasses: p.outline.size.forms } : {}) });
  if (outline) out.outline = outline;
  else delete out.outline;
  out.headline = headlineOf(out);
  out.whatWouldChange = whatWouldChange ?? whatWouldChangeFromFindings(out);
  return out;
}

/**
 * The project a user most likely came for: the web application with the most evidence (the two
 * scores together; then routes, views and models), else the first. Front ends show it first.
 */
export function leadProject<P extends Pick<ProjectAssessment, 'recommendation' | 'scores' | 'facts'>>(projects: readonly P[]): P | undefined {
  const weight = (p: P): number[] => [p.recommendation ? 1 : 0, p.scores.flask + p.scores.django, surface(p.facts) + p.facts.models];
  let best = projects[0];
  for (const p of projects.slice(1)) {
    const [a, b] = [weight(p), weight(best)];
    const i = a.findIndex((x, k) => x !== b[k]);
    if (i >= 0 && a[i] > b[i]) best = p;
  }
  return best;
}

/** The workspace at a glance: the tally and one line per project. */
export function summarizeWorkspace(projects: readonly ProjectAssessment[]): WorkspaceSummary {
  const recommendations: Record<Framework | 'none', number> = { flask: 0, django: 0, none: 0 };
  const frameworks: Record<string, number> = {};
  const lines: string[] = [];
  for (const p of projects) {
    recommendations[p.recommendation ?? 'none']++;
    frameworks[p.framework] = (frameworks[p.framework] ?? 0) + 1;
    const inUse = p.framework === 'none' ? 'no web framework' : frameworkName(p.framework);
    const move = p.framework !== 'none' && p.framework !== p.recommendation && !onOtherFramework(p) ? ' — a move to consider' : '';
    const verdict = p.recommendation ? `${verdictWords(p)} (${pct(p.confidence)})${move}` : 'not a web application';
    lines.push(`${p.root} (${inUse}): ${verdict}`);
  }
  const parts: string[] = [];
  if (recommendations.django) parts.push(`${recommendations.django} fit${recommendations.django === 1 ? 's' : ''} Django`);
  if (recommendations.flask) parts.push(`${recommendations.flask} fit${recommendations.flask === 1 ? 's' : ''} Flask`);
  if (recommendations.none) parts.push(`${recommendations.none} ${recommendations.none === 1 ? 'is' : 'are'} not a web application`);
  lines.unshift(projects.length === 0 ? 'No Python project found' : `${plural(projects.length, 'project')}: ${parts.join(', ')}`);
  const lead = leadProject(projects);
  return { projects: projects.length, recommendations, frameworks, lines, ...(lead && projects.length > 1 ? { lead: lead.root } : {}) };
}
