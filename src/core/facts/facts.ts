/**
 * Facts: the counts and flags a project's observations add up to, and which framework is in use.
 */
import type { Facts, Observation, ObservationKind } from '../model';

/** Sums observation counts (default 1) per kind. */
export function countKind(observations: readonly Observation[], kind: ObservationKind): number {
  let n = 0;
  for (const o of observations) if (o.kind === kind) n += o.count ?? 1;
  return n;
}

/** Observations of one kind. */
export function ofKind(observations: readonly Observation[], kind: ObservationKind): Observation[] {
  return observations.filter((o) => o.kind === kind);
}

/** The facts of a project. */
export function computeFacts(observations: readonly Observation[], pythonFiles: number): Facts {
  const has = (kind: ObservationKind) => observations.some((o) => o.kind === kind);
  const djangoApps = new Set(ofKind(observations, 'djangoApp').filter((o) => o.via === 'app folder').map((o) => o.evidence.file));
  return {
    models: countKind(observations, 'model'),
    relations: countKind(observations, 'relation'),
    routes: countKind(observations, 'route'),
    routesBy: routesBy(observations),
    views: countKind(observations, 'view'),
    templates: countKind(observations, 'template'),
    templateDialect: dominantDialect(observations),
    blueprints: countKind(observations, 'blueprint'),
    djangoApps: djangoApps.size,
    pythonFiles,
    auth: has('auth'),
    admin: has('admin'),
    migrations: has('migrations'),
    forms: has('forms'),
    // A REST layer (DRF, Flask-RESTful ...) is an API; so is an app where most routes answer JSON.
    restApi:
      observations.some((o) => o.kind === 'restApi' && (o.strength ?? 1) >= 1) ||
      countKind(observations, 'restApi') * 2 > countKind(observations, 'route'),
    database: has('database') || has('model'),
    async: has('async'),
    tasks: has('tasks'),
    realtime: has('realtime'),
    i18n: has('i18n'),
  };
}

/**
 * How many routes and views a port moves: every route hands requests to a view, so the larger of
 * the two counts (views beyond the routes are view classes no route is seen to reach).
 */
export function surface(f: Pick<Facts, 'routes' | 'views'>): number {
  return Math.max(f.routes, f.views);
}

/** The mechanisms routes are declared by, in the order shown, each with the test of a route's `via`. */
const ROUTE_MECHANISMS: readonly [string, (via: string) => boolean][] = [
  ['decorators', (v) => v.startsWith('@')],
  ['add_url_rule', (v) => v === 'add_url_rule'],
  ['add_resource', (v) => v === 'add_resource'],
  ['route helpers', (v) => v.startsWith('route helper')],
  ['URL patterns', (v) => v === 'path()' || v === 're_path()' || v === 'url()'],
  ['DRF routers', (v) => v === 'router.register' || v === 'API root'],
];

/** " (12 URL patterns, 9 DRF routers)" when more than one mechanism declares the routes, else "". */
export function routesBreakdown(routesBy: Readonly<Record<string, number>> | undefined): string {
  const by = Object.entries(routesBy ?? {});
  return by.length > 1 ? ` (${by.map(([k, v]) => `${v} ${k}`).join(', ')})` : '';
}

/** Route counts by mechanism (others: what no mechanism names). */
function routesBy(observations: readonly Observation[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const o of observations) {
    if (o.kind !== 'route') continue;
    const via = o.via ?? '';
    const name = ROUTE_MECHANISMS.find(([, test]) => test(via))?.[0] ?? 'other';
    counts.set(name, (counts.get(name) ?? 0) + (o.count ?? 1));
  }
  const out: Record<string, number> = {};
  for (const [name] of [...ROUTE_MECHANISMS, ['other']]) if (counts.has(name as string)) out[name as string] = counts.get(name as string)!;
  return out;
}

/** Framework names with the weight of evidence for each, strongest first. */
export function frameworkStrengths(observations: readonly Observation[]): [string, number][] {
  const score = new Map<string, number>();
  const add = (name: string, w: number) => score.set(name, (score.get(name) ?? 0) + w);
  const seen = new Set<string>();
  for (const o of observations) {
    if (o.kind === 'framework' && o.name) {
      // One declaration and one import per framework are enough; more files importing it add a little.
      const key = `${o.name}:${o.via?.startsWith('import') ? 'import' : 'dep'}`;
      add(o.name, seen.has(key) ? 0.05 : (o.strength ?? 1));
      seen.add(key);
    } else if (o.kind === 'app' && o.framework) {
      add(o.framework, o.strength ?? 1);
    } else if (o.kind === 'route' && o.framework) {
      add(o.framework, 0.1);
    }
  }
  return [...score].sort((a, b) => b[1] - a[1]);
}

function dominantDialect(observations: readonly Observation[]): Facts['templateDialect'] {
  let jinja = 0;
  let django = 0;
  let files = 0;
  for (const o of observations) {
    if (o.kind !== 'template' || o.via !== 'template file') continue;
    files++;
    if (o.name === 'jinja') jinja++;
    else if (o.name === 'django') django++;
  }
  if (files === 0) return 'none';
  if (jinja === 0 && django === 0) return 'none';
  if (Math.min(jinja, django) * 4 > Math.max(jinja, django)) return 'mixed';
  return jinja > django ? 'jinja' : 'django';
}
