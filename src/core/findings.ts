/**
 * Rules that turn a project's observations and facts into findings: each states a concern, the
 * framework it speaks for and the evidence. Findings carry no weight here; scoring.ts weighs them.
 */
import { countKind, ofKind } from './facts';
import type { Concern, Evidence, Facts, Favors, Finding, Observation } from './model';
import { lookupPackage } from './packages';

/** A finding before scoring: `amount` is how many of the thing it stands for (models, add-ons ...). */
export interface DraftFinding extends Omit<Finding, 'weight'> {
  amount: number;
}

/** What the rules read. */
export interface RuleInput {
  observations: readonly Observation[];
  facts: Facts;
  /** The framework in use ("none" when none). */
  framework: string;
  frameworksSeen: readonly string[];
}

const MAX_EVIDENCE = 20;

/** Evidence of observations, deduplicated by location, capped. */
export function evidenceOf(observations: readonly Observation[], max = MAX_EVIDENCE): Evidence[] {
  return uniqueEvidence(observations.map((o) => o.evidence), max);
}

/** Evidence deduplicated by file and line, capped. */
export function uniqueEvidence(evidence: readonly Evidence[], max = MAX_EVIDENCE): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of evidence) {
    const key = `${e.file}:${e.line ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
    if (out.length >= max) break;
  }
  return out;
}

const DISPLAY: Record<string, string> = {
  flask: 'Flask',
  django: 'Django',
  fastapi: 'FastAPI',
  starlette: 'Starlette',
  pyramid: 'Pyramid',
  tornado: 'Tornado',
  aiohttp: 'aiohttp',
  bottle: 'Bottle',
  sanic: 'Sanic',
  quart: 'Quart',
  litestar: 'Litestar',
  falcon: 'Falcon',
  cherrypy: 'CherryPy',
  none: 'no web framework',
};

/** A framework's display name. */
export function frameworkName(name: string): string {
  return DISPLAY[name] ?? name;
}

/** Batteries Django ships, with the observation kind that shows each and its built-in's name. */
export const DJANGO_BATTERIES: readonly { kind: 'database' | 'admin' | 'auth' | 'forms' | 'migrations'; label: string; builtin: string }[] = [
  { kind: 'database', label: 'ORM', builtin: 'the Django ORM' },
  { kind: 'admin', label: 'admin', builtin: 'django.contrib.admin' },
  { kind: 'auth', label: 'auth', builtin: 'django.contrib.auth' },
  { kind: 'forms', label: 'forms', builtin: 'django.forms' },
  { kind: 'migrations', label: 'migrations', builtin: 'Django migrations' },
];

/** Derives the findings of one project. */
export function deriveFindings(input: RuleInput): DraftFinding[] {
  const { observations: obs, facts, framework } = input;
  const out: DraftFinding[] = [];
  const add = (id: string, concern: Concern, favors: Favors, message: string, evidence: Evidence[], amount = 1) =>
    out.push({ id, concern, favors, message, evidence, amount });

  // Framework in use.
  const fwObs = obs.filter((o) => (o.kind === 'framework' || o.kind === 'app') && o.framework === framework);
  if (framework !== 'none') add('framework.inUse', 'framework', 'neither', `Uses ${frameworkName(framework)}`, evidenceOf(fwObs, 8));
  const webSeen = input.frameworksSeen;
  if (webSeen.includes('flask') && webSeen.includes('django')) {
    add('framework.both', 'framework', 'neither', 'Both Flask and Django are declared or imported; the verdict weighs what the code actually uses', evidenceOf(obs.filter((o) => o.kind === 'framework' && (o.name === 'flask' || o.name === 'django')), 8));
  }
  if (framework !== 'none' && framework !== 'flask' && framework !== 'django') {
    add('framework.other', 'framework', 'neither', `Uses ${frameworkName(framework)}: the Flask-or-Django verdict is a comparison of what this project would need`, evidenceOf(fwObs, 8));
  }

  // Data layer.
  const models = ofKind(obs, 'model');
  if (models.length > 0) {
    const rel = facts.relations > 0 ? ` with ${facts.relations} relation${facts.relations === 1 ? '' : 's'}` : '';
    add('data.models', 'data', 'django', `${models.length} ORM model${models.length === 1 ? '' : 's'}${rel}: Django's ORM, migrations and admin are built around models`, evidenceOf(models), models.length);
  } else if (facts.database) {
    add('data.light', 'data', 'flask', 'A database is used but no ORM models are declared: light data access suits Flask', evidenceOf(ofKind(obs, 'database')));
  } else if (framework !== 'none' || facts.routes > 0) {
    add('data.none', 'data', 'flask', 'No database or data models found: pages or an API without data of their own suit Flask', []);
  }

  // Batteries.
  const battery = (kind: 'auth' | 'admin' | 'forms' | 'migrations' | 'i18n' | 'mail' | 'cache', concern: Concern, id: string, text: string, builtin: string) => {
    const list = ofKind(obs, kind);
    if (list.length === 0) return;
    const vias = [...new Set(list.map((o) => o.via).filter(Boolean))].slice(0, 4).join(', ');
    add(id, concern, 'django', `${text} (${vias}): Django ships ${builtin}`, evidenceOf(list));
  };
  battery('auth', 'auth', 'auth.users', 'User authentication', 'django.contrib.auth');
  battery('admin', 'admin', 'admin.backoffice', 'An admin back office', 'django.contrib.admin');
  battery('migrations', 'migrations', 'migrations.schema', 'Schema migrations', 'makemigrations/migrate');
  battery('forms', 'forms', 'forms.validation', 'Form handling and validation', 'django.forms');
  battery('i18n', 'i18n', 'i18n.translations', 'Translations', 'django.utils.translation');
  battery('mail', 'batteries', 'batteries.mail', 'Sending mail', 'django.core.mail');
  battery('cache', 'batteries', 'batteries.cache', 'Caching', 'django.core.cache');

  // Pages and APIs.
  const api = ofKind(obs, 'restApi');
  if (facts.restApi && api.some((o) => o.framework === 'django')) {
    add('api.drf', 'api', 'django', 'A REST API built on Django REST framework or Django Ninja', evidenceOf(api.filter((o) => o.framework === 'django')));
  } else if (api.length > 0 && facts.models <= 3) {
    add('api.small', 'api', 'flask', `A JSON API over ${facts.models === 0 ? 'no' : 'few'} data models: a small API fits Flask`, evidenceOf(api));
  }
  const templates = ofKind(obs, 'template').filter((o) => (o.count ?? 1) > 0);
  if (templates.length > 0 && facts.models === 0 && !facts.auth && !facts.admin) {
    add('templates.pages', 'templates', 'flask', `Serves pages from ${templates.length} template${templates.length === 1 ? '' : 's'} with no data model, accounts or admin: a simple site fits Flask`, evidenceOf(templates));
  }

  // Size.
  const routes = ofKind(obs, 'route');
  if (framework !== 'none' || routes.length > 0) {
    if (facts.routes + facts.views <= 12 && facts.models <= 2) {
      add('size.small', 'size', 'flask', `A small surface: ${facts.routes} route${facts.routes === 1 ? '' : 's'} and ${facts.models} model${facts.models === 1 ? '' : 's'}`, evidenceOf(routes, 10));
    } else if (facts.routes >= 40 || facts.models >= 15) {
      add('size.large', 'size', 'django', `A large application: ${facts.routes} routes and ${facts.models} models; Django's structure pays off as projects grow`, evidenceOf(routes, 10), Math.max(facts.routes / 40, facts.models / 15));
    }
  }

  // Flask add-ons that re-create Django's built-ins, grouped by the built-in they re-create.
  if (framework === 'flask') {
    const byBuiltin = new Map<string, { addOns: Set<string>; evidence: Evidence[] }>();
    for (const o of obs) {
      const pkg = o.via ? lookupPackage(o.via) : undefined;
      if (!pkg?.replacesBuiltin) continue;
      const entry = byBuiltin.get(pkg.replacesBuiltin) ?? { addOns: new Set<string>(), evidence: [] };
      entry.addOns.add(pkg.display);
      entry.evidence.push(o.evidence);
      byBuiltin.set(pkg.replacesBuiltin, entry);
    }
    if (byBuiltin.size >= 2) {
      const list = [...byBuiltin].map(([builtin, { addOns }]) => `${[...addOns].join(' + ')} → ${builtin}`).join('; ');
      add('batteries.recreated', 'batteries', 'django', `Add-ons re-create ${byBuiltin.size} Django built-ins: ${list}`, uniqueEvidence([...byBuiltin.values()].flatMap((a) => a.evidence)), byBuiltin.size);
    }
  }

  // A Django project that uses almost none of its batteries.
  if (framework === 'django') {
    const used = DJANGO_BATTERIES.filter((b) => (b.kind === 'database' ? facts.models > 0 : obs.some((o) => o.kind === b.kind && o.via !== 'django.contrib.auth')));
    const unused = DJANGO_BATTERIES.filter((b) => !used.includes(b));
    if (used.length <= 1) {
      const settings = obs.filter((o) => o.kind === 'app' && o.framework === 'django' && o.name === 'settings');
      add('batteries.unused', 'batteries', 'flask', `Django's batteries are mostly unused: uses ${used.map((b) => b.label).join(', ') || 'none'}; not ${unused.map((b) => b.label).join(', ')}`, evidenceOf(settings), unused.length);
    }
  }

  // Informational concerns.
  const info = (kind: 'async' | 'tasks' | 'realtime', concern: Concern, id: string, text: string) => {
    const list = ofKind(obs, kind);
    if (list.length) add(id, concern, 'neither', text, evidenceOf(list));
  };
  info('async', 'async', 'async.views', 'Async views: both Flask (2.0+) and Django (3.1+) run them');
  info('tasks', 'tasks', 'tasks.queue', 'A background task queue (works with either framework)');
  info('realtime', 'realtime', 'realtime.websockets', 'Real-time features (Flask-SocketIO or Django Channels)');

  if (countKind(obs, 'nonWeb') > 0 && framework === 'none') {
    add('layout.nonWeb', 'layout', 'neither', 'A library or tool, not a web application', evidenceOf(ofKind(obs, 'nonWeb')));
  }
  return out;
}
