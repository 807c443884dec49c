/**
 * Rules that turn a project's observations and facts into findings (concern, framework, evidence);
 * no weights here, scoring.ts weighs them. `batteryUse` decides which batteries are used, not merely
 * declared (startproject's admin and auth are not use). The rule of thumb: docs/scoring.md.
 */
import { countKind, ofKind, routesBreakdown, surface } from '../facts/facts';
import type { BatteriesReport, BatteryName, Concern, Dependency, Evidence, Facts, Favors, Finding, Observation, RecreatedBattery } from '../model';
import { lookupPackage } from '../knowledge/packages';

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
  /** Where each framework seen is declared or imported, used or not (`observations` keeps only the used). */
  frameworkPlaces?: readonly Observation[];
  /** The project's declared dependencies (for the add-ons that re-create Django built-ins). */
  dependencies?: readonly Dependency[];
  /** Web frameworks that only the project's tests use (a library's test suite, not an app). */
  testOnlyFrameworks?: readonly string[];
  /** A web framework the code imports without making an application (an extension, a library). */
  libraryOf?: string;
}

const MAX_EVIDENCE = 20;

/** Evidence of observations, deduplicated by location, capped. */
export function evidenceOf(observations: readonly Observation[], max = MAX_EVIDENCE): Evidence[] {
  return uniqueEvidence(observations.map((o) => o.evidence), max);
}

/**
 * Lists of evidence taken in turns (every list's first, then every list's second...), so that a cap
 * keeps the first place of each: an add-on's declaration, which hovers and the sidebar cite.
 */
export function inTurns(lists: readonly (readonly Evidence[])[]): Evidence[] {
  const out: Evidence[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
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
  masonite: 'Masonite',
  web2py: 'web2py',
  py4web: 'py4web',
  hug: 'hug',
  responder: 'Responder',
  connexion: 'Connexion',
  eve: 'Eve',
  none: 'no web framework',
};

/** A framework's display name. */
export function frameworkName(name: string): string {
  return DISPLAY[name] ?? name;
}

/**
 * The five batteries Django ships, in display order, with the observation kind that shows each and
 * its built-in's name: the one list that `batteryUse` and `batteriesReport` (and so the batteries
 * report's `used` / `unused`) are derived from. The ORM's use is shown by models, not by its kind.
 */
export const DJANGO_BATTERIES = [
  { kind: 'database', label: 'ORM', builtin: 'the Django ORM' },
  { kind: 'admin', label: 'admin', builtin: 'django.contrib.admin' },
  { kind: 'auth', label: 'auth', builtin: 'django.contrib.auth' },
  { kind: 'forms', label: 'forms', builtin: 'django.forms' },
  { kind: 'migrations', label: 'migrations', builtin: 'Django migrations' },
] as const satisfies readonly { kind: Observation['kind']; label: BatteryName; builtin: string }[];

/** The batteries whose use shows in observations of their own kind: all but the ORM. */
export type ObservedBattery = Exclude<(typeof DJANGO_BATTERIES)[number]['kind'], 'database'>;

const OBSERVED_BATTERIES: readonly ObservedBattery[] = DJANGO_BATTERIES.map((b) => b.kind).filter((k): k is ObservedBattery => k !== 'database');

// `django-admin startproject` and `startapp` write these; they declare a battery, they do not use it.
const DJANGO_DEFAULT_VIAS = new Set(['django.contrib.auth', 'django.contrib.admin']);
const GENERATED_ADMIN_IMPORT = /^\s*(from\s+django\.contrib\s+import\s+admin|import\s+django\.contrib\.admin)\s*(#.*)?$/;

/**
 * Observations that only repeat what Django's project template declares: the default
 * INSTALLED_APPS entries (and middleware) in the settings module, and the `from django.contrib
 * import admin` line that startproject puts in urls.py and startapp in admin.py.
 */
export function isDjangoDefault(o: Observation, settingsFiles: ReadonlySet<string>): boolean {
  if (o.framework !== 'django' || (o.kind !== 'auth' && o.kind !== 'admin')) return false;
  if (o.via && DJANGO_DEFAULT_VIAS.has(o.via) && settingsFiles.has(o.evidence.file)) return true;
  return o.kind === 'admin' && GENERATED_ADMIN_IMPORT.test(o.evidence.text ?? '');
}

/** Which of the five batteries a project uses, with the observations that show each. */
export interface BatteryUse {
  /** Concrete ORM models, or (with user accounts) a database of the project's own records. */
  data: boolean;
  /** Authentication backed by a user store (a database or Django's user model). */
  accounts: boolean;
  /** Authentication of any kind (tokens, HTTP auth, sessions). */
  auth: boolean;
  admin: boolean;
  migrations: boolean;
  forms: boolean;
  /** How many of data, accounts, admin, migrations and forms are used. */
  count: number;
  /** The observations of each battery kind that count as use. */
  used: Readonly<Record<ObservedBattery, Observation[]>>;
}

/** Decides which batteries the project uses (not merely declares). */
export function batteryUse(observations: readonly Observation[], facts: Facts, framework: string): BatteryUse {
  const settings = new Set(observations.filter((o) => o.kind === 'app' && o.framework === 'django' && o.name === 'settings').map((o) => o.evidence.file));
  const used = Object.fromEntries(OBSERVED_BATTERIES.map((kind) => [kind, ofKind(observations, kind).filter((o) => !isDjangoDefault(o, settings))])) as Record<ObservedBattery, Observation[]>;
  const admin = used.admin.length > 0;
  // Django's admin logs staff in through django.contrib.auth: using the admin uses auth.
  const auth = used.auth.length > 0 || (admin && framework === 'django');
  const accounts = auth && (facts.database || facts.models > 0 || framework === 'django');
  const data = facts.models > 0 || (accounts && (facts.database || framework === 'django'));
  const migrations = used.migrations.length > 0;
  const forms = used.forms.length > 0;
  // What needs each battery: the ORM, data of the project's own; auth, user accounts (a token check needs none).
  const needs: Record<BatteryName, boolean> = { ORM: data, auth: accounts, admin, migrations, forms };
  const count = DJANGO_BATTERIES.filter((b) => needs[b.label]).length;
  return { data, accounts, auth, admin, migrations, forms, count, used };
}

/**
 * The add-ons that re-implement a Django built-in, one entry per add-on with the built-in's name:
 * declared runtime or optional dependencies first, then add-ons the code imports without declaring.
 */
export function recreatedBatteries(observations: readonly Observation[], dependencies: readonly Dependency[] = []): RecreatedBattery[] {
  const byAddOn = new Map<string, RecreatedBattery>();
  const add = (name: string | undefined, e: Evidence) => {
    const pkg = name ? lookupPackage(name) : undefined;
    if (!pkg?.replacesBuiltin) return;
    const entry = byAddOn.get(pkg.name) ?? { addOn: pkg.display, builtin: pkg.replacesBuiltin, evidence: [] };
    if (entry.evidence.length < 5 && !entry.evidence.some((x) => x.file === e.file && x.line === e.line)) entry.evidence.push(e);
    byAddOn.set(pkg.name, entry);
  };
  for (const d of dependencies) {
    if (d.kind !== 'runtime' && d.kind !== 'optional') continue;
    add(d.name, { file: d.file, line: d.line, column: d.column, text: `${d.rawName}${d.specifier}` });
  }
  for (const o of observations) if (o.via) add(o.via, o.evidence);
  return [...byAddOn.values()];
}

/**
 * The dependencies the rules read: the add-ons that re-create a built-in (the rest are observations
 * already). Kept once per project, so a what-if pass does not walk 100,000 of them per change.
 */
export function addOnDependencies(deps: readonly Dependency[]): Dependency[] {
  return deps.filter((d) => lookupPackage(d.name)?.replacesBuiltin);
}

/** The batteries report of a project (model.ts `BatteriesReport`). */
export function batteriesReport(input: RuleInput, use: BatteryUse = batteryUse(input.observations, input.facts, input.framework)): BatteriesReport | undefined {
  if (input.framework === 'django') {
    const isUsed = (b: (typeof DJANGO_BATTERIES)[number]) => (b.kind === 'database' ? input.facts.models > 0 : use[b.kind]);
    return { recreated: [], used: DJANGO_BATTERIES.filter(isUsed).map((b) => b.label), unused: DJANGO_BATTERIES.filter((b) => !isUsed(b)).map((b) => b.label) };
  }
  if (input.framework === 'none') return undefined;
  const recreated = recreatedBatteries(input.observations, input.dependencies);
  return recreated.length > 0 ? { recreated, used: [], unused: [] } : undefined;
}

/** "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Derives the findings of one project. */
export function deriveFindings(input: RuleInput): DraftFinding[] {
  const { observations: obs, facts, framework } = input;
  const out: DraftFinding[] = [];
  const add = (id: string, concern: Concern, favors: Favors, message: string, evidence: Evidence[], amount = 1) =>
    out.push({ id, concern, favors, message, evidence, amount });
  const use = batteryUse(obs, facts, framework);
  const web = framework !== 'none' || facts.routes > 0;

  // Framework in use.
  const fwObs = obs.filter((o) => (o.kind === 'framework' || o.kind === 'app') && o.framework === framework);
  if (framework !== 'none') add('framework.inUse', 'framework', 'neither', `Uses ${frameworkName(framework)}`, evidenceOf(fwObs, 8));
  const webSeen = input.frameworksSeen;
  if (webSeen.includes('flask') && webSeen.includes('django')) {
    // The places of the one not in use: that is the line a user would remove.
    const other = framework === 'flask' ? ['django'] : framework === 'django' ? ['flask'] : ['flask', 'django'];
    const message =
      other.length === 1
        ? `${frameworkName(other[0])} is declared or imported too, but this project uses ${frameworkName(framework)}: the verdict weighs what the code actually uses`
        : 'Both Flask and Django are declared or imported; the verdict weighs what the code actually uses';
    add('framework.both', 'framework', 'neither', message, evidenceOf((input.frameworkPlaces ?? obs).filter((o) => o.kind === 'framework' && other.includes(o.name ?? '')), 8));
  }
  if (framework !== 'none' && framework !== 'flask' && framework !== 'django') {
    add('framework.other', 'framework', 'neither', `Uses ${frameworkName(framework)}: the Flask-or-Django verdict is a comparison of what this project would need from either`, evidenceOf(fwObs, 8));
  }
  if (input.libraryOf) {
    add('layout.library', 'layout', 'neither', `Uses ${frameworkName(input.libraryOf)} as a library: no app object, route, view or template of its own, so an extension or package built on ${frameworkName(input.libraryOf)}, not an application`, evidenceOf(obs.filter((o) => o.kind === 'framework' && o.name === input.libraryOf), 8));
  } else if (framework === 'none' && input.testOnlyFrameworks?.length) {
    add('layout.testsOnly', 'layout', 'neither', `Only the tests use ${listWords(input.testOnlyFrameworks.map(frameworkName))}: a library or tool tested against a web framework, not a web application`, []);
  }

  // Data layer.
  const models = ofKind(obs, 'model');
  if (models.length > 0) {
    const rel = facts.relations > 0 ? ` with ${plural(facts.relations, 'relation')}` : '';
    add('data.models', 'data', 'django', `${plural(models.length, 'ORM model')}${rel}: Django's ORM, migrations and admin are built around models`, evidenceOf(models), models.length);
  } else if (use.data) {
    // User accounts keep their own records even without ORM classes (raw SQL, a document store).
    const message =
      framework === 'django'
        ? "User accounts kept in the database by django.contrib.auth: Django's ORM and admin already manage them"
        : "User accounts and the project's own records in a database, without ORM models: Django's ORM, migrations and admin would manage them";
    add('data.records', 'data', 'django', message, evidenceOf(ofKind(obs, 'database')));
  } else if (facts.database) {
    add('data.light', 'data', 'flask', 'A database is used but no ORM models are declared: light data access suits Flask', evidenceOf(ofKind(obs, 'database')));
  } else if (web) {
    add('data.none', 'data', 'flask', 'No database or data models found: pages or an API without data of their own suit Flask', []);
  }

  // Batteries.
  const vias = (list: readonly Observation[]) => [...new Set(list.map((o) => o.via).filter(Boolean))].slice(0, 4).join(', ');
  if (use.accounts && use.used.auth.length === 0) {
    add('auth.users', 'auth', 'django', "Staff accounts for the admin's log-in (django.contrib.auth): Django ships users, groups and permissions", evidenceOf(use.used.admin));
  } else if (use.accounts) {
    add('auth.users', 'auth', 'django', `User accounts (${vias(use.used.auth)}): Django ships django.contrib.auth (users, groups, permissions, login views)`, evidenceOf(use.used.auth));
  } else if (use.auth) {
    add('auth.api', 'auth', 'neither', `Authentication without a user store of its own (${vias(use.used.auth)}): tokens or HTTP auth work the same in either framework`, evidenceOf(use.used.auth));
  }
  if (use.admin) add('admin.backoffice', 'admin', 'django', `An admin back office (${vias(use.used.admin)}): Django ships django.contrib.admin`, evidenceOf(use.used.admin));
  if (use.migrations) add('migrations.schema', 'migrations', 'django', `Schema migrations (${vias(use.used.migrations)}): Django ships makemigrations/migrate`, evidenceOf(use.used.migrations));
  if (use.forms) add('forms.validation', 'forms', 'django', `Form handling and validation (${vias(use.used.forms)}): Django ships django.forms`, evidenceOf(use.used.forms));
  const battery = (kind: 'i18n' | 'mail' | 'cache', concern: Concern, id: string, text: string, builtin: string) => {
    const list = ofKind(obs, kind);
    if (list.length === 0) return;
    add(id, concern, 'django', `${text} (${vias(list)}): Django ships ${builtin}`, evidenceOf(list));
  };
  battery('i18n', 'i18n', 'i18n.translations', 'Translations', 'django.utils.translation');
  battery('mail', 'batteries', 'batteries.mail', 'Sending mail', 'django.core.mail');
  battery('cache', 'batteries', 'batteries.cache', 'Caching', 'django.core.cache');

  // Pages and APIs.
  const api = ofKind(obs, 'restApi');
  if (facts.restApi && api.some((o) => o.framework === 'django')) {
    add('api.drf', 'api', 'django', 'A REST API built on Django REST framework or Django Ninja', evidenceOf(api.filter((o) => o.framework === 'django')));
  } else if (api.length > 0 && facts.models <= 3 && !use.accounts && !use.admin) {
    add('api.small', 'api', 'flask', `A JSON API over ${facts.models === 0 ? 'no' : 'few'} data models and no user accounts: a small API fits Flask`, evidenceOf(api));
  }
  const templates = ofKind(obs, 'template').filter((o) => (o.count ?? 1) > 0);
  if (templates.length > 0 && facts.models === 0 && !use.accounts && !use.admin) {
    add('templates.pages', 'templates', 'flask', `Serves pages from ${plural(templates.length, 'template')} with no data model, accounts or admin: a simple site fits Flask`, evidenceOf(templates));
  }

  // Size. Small counts for Flask only while the project needs at most one battery: a small blog
  // with accounts and posts still needs what Django ships.
  const routes = ofKind(obs, 'route');
  if (web) {
    if (surface(facts) <= 12 && facts.models <= 3 && use.count <= 1) {
      add('size.small', 'size', 'flask', `A small surface: ${plural(facts.routes, 'route')}, ${plural(facts.models, 'model')} and ${use.count === 0 ? 'none' : 'one'} of Django's batteries`, evidenceOf(routes, 10));
    } else if (facts.routes >= 40 || facts.models >= 15) {
      add('size.large', 'size', 'django', `A large application: ${plural(facts.routes, 'route')} and ${plural(facts.models, 'model')}; Django's structure pays off as projects grow`, evidenceOf(routes, 10), Math.max(facts.routes / 40, facts.models / 15));
    } else if (facts.routes > 0) {
      // Size between the two weighs nothing, but the routes stay one click away.
      add('size.medium', 'size', 'neither', `A mid-sized application: ${plural(facts.routes, 'route')}${routesBreakdown(facts.routesBy)} and ${plural(facts.models, 'model')}; size alone favours neither framework`, evidenceOf(routes));
    }
  }

  // Add-ons that re-create Django's built-ins, each named with the built-in.
  if (framework !== 'none' && framework !== 'django') {
    const recreated = recreatedBatteries(obs, input.dependencies);
    const builtins = new Set(recreated.map((r) => r.builtin));
    if (builtins.size >= 2) {
      const byBuiltin = new Map<string, string[]>();
      for (const r of recreated) byBuiltin.set(r.builtin, [...(byBuiltin.get(r.builtin) ?? []), r.addOn]);
      const list = [...byBuiltin].map(([builtin, addOns]) => `${addOns.join(' + ')} → ${builtin}`).join('; ');
      add('batteries.recreated', 'batteries', 'django', `Add-ons re-create ${builtins.size} Django built-ins: ${list}`, uniqueEvidence(inTurns(recreated.map((r) => r.evidence))), builtins.size);
    }
  }

  // A Django project that uses almost none of its batteries: no admin, no accounts, at most one
  // of the ORM, forms and migrations.
  if (framework === 'django') {
    const report = batteriesReport(input, use);
    if (report && !use.admin && !use.auth && report.used.length <= 1) {
      const settings = obs.filter((o) => o.kind === 'app' && o.framework === 'django' && o.name === 'settings');
      // Installed by startproject, never used: say so, so "auth: no" does not read as a missed INSTALLED_APPS line.
      const settingsFiles = new Set(settings.map((o) => o.evidence.file));
      const installed = [...new Set(obs.filter((o) => isDjangoDefault(o, settingsFiles) && o.via?.startsWith('django.contrib.')).map((o) => o.via as string))].sort();
      const present = installed.length > 0 ? ` (${listWords(installed)} installed, unused)` : '';
      add('batteries.unused', 'batteries', 'flask', `Django's batteries are mostly unused: uses ${report.used.join(', ') || 'none of them'}; not ${report.unused.join(', ')}${present}`, evidenceOf(settings), report.unused.length);
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
