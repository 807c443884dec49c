/**
 * Routes that only the whole project shows: a DRF `router.register(prefix, ViewSet)` expands to
 * the viewset's list and detail routes and one per `@action`, found through its class and project
 * bases; a call of a project route helper (a function that registers the URLs it is handed)
 * counts one route per URL. Example: `router.register('posts', PostViewSet)` with a ModelViewSet
 * and one `@action` is three routes.
 */
import type { Observation } from '../model';
import type { ClassInfo } from '../python/analyze';
import type { Steps } from '../engine/steps';
import { ClassIndex } from './classes';

/** DRF library bases and the routes they give a router: l = list, d = detail. */
const DRF_BASES: ReadonlyMap<string, { list: boolean; detail: boolean }> = new Map([
  ['ModelViewSet', { list: true, detail: true }],
  ['ReadOnlyModelViewSet', { list: true, detail: true }],
  ['ListModelMixin', { list: true, detail: false }],
  ['CreateModelMixin', { list: true, detail: false }],
  ['RetrieveModelMixin', { list: false, detail: true }],
  ['UpdateModelMixin', { list: false, detail: true }],
  ['DestroyModelMixin', { list: false, detail: true }],
]);

const LIST_METHODS: ReadonlySet<string> = new Set(['list', 'create']);

/** What a viewset class gives a router. */
interface ViewsetRoutes {
  list: boolean;
  detail: boolean;
  actions: number;
}

/** How many observations are expanded between two points where the work may pause. */
const OBSERVATIONS_PER_STEP = 256;

/**
 * The observations with router registrations expanded (their `count`), route-helper calls made
 * routes, and the helper markers dropped. Cached observations are never changed: expanded ones are copies.
 */
export function* resolveRoutesInSteps(observations: readonly Observation[], classes: readonly ClassInfo[], built?: ClassIndex): Steps<Observation[]> {
  const helpers = new Set<string>();
  let registrations = false;
  for (const o of observations) {
    if (o.kind === 'routeHelper' && o.name) helpers.add(o.name);
    else if ((o.kind === 'route' && o.via === 'router.register') || o.kind === 'routerMade') registrations = true;
  }
  const index = registrations ? (built ?? (yield* ClassIndex.build(classes))) : undefined;
  const memo = new Map<ClassInfo, ViewsetRoutes>();

  const routesOf = (c: ClassInfo, depth: number): ViewsetRoutes => {
    const known = memo.get(c);
    if (known) return known;
    const r: ViewsetRoutes = { list: false, detail: false, actions: c.actions ?? 0 };
    memo.set(c, r); // guards inheritance cycles
    for (const m of c.methods ?? []) {
      if (LIST_METHODS.has(m)) r.list = true;
      else r.detail = true;
    }
    if (depth > 50) return r;
    for (const base of c.bases) {
      const last = base.slice(base.lastIndexOf('.') + 1);
      const drf = DRF_BASES.get(last);
      const inherited = drf ? { ...drf, actions: 0 } : viewsetOf(base, c.file, c, depth + 1);
      if (!inherited) continue;
      r.list ||= inherited.list;
      r.detail ||= inherited.detail;
      r.actions += inherited.actions;
    }
    return r;
  };
  const viewsetOf = (name: string, file: string, self: ClassInfo | undefined, depth: number): ViewsetRoutes | undefined => {
    const cand = index?.candidates(name, file, self)[0];
    return cand ? routesOf(cand, depth) : undefined;
  };

  /** True when a project router class derives from DRF's DefaultRouter, which serves an API root. */
  const isDefaultRouter = (name: string, file: string, self: ClassInfo | undefined, depth: number): boolean => {
    const c = index?.candidates(name, file, self)[0];
    if (!c || depth > 50) return false;
    return c.bases.some((b) => b === 'DefaultRouter' || b === 'rest_framework.routers.DefaultRouter' || (!b.startsWith('rest_framework') && isDefaultRouter(b, c.file, c, depth + 1)));
  };

  const out: Observation[] = [];
  for (const [i, o] of observations.entries()) {
    if (i % OBSERVATIONS_PER_STEP === 0) yield;
    if (o.kind === 'routeHelper') continue;
    if (o.kind === 'routerMade') {
      if (o.name && isDefaultRouter(o.name, o.evidence.file, undefined, 0)) out.push({ ...o, kind: 'route', framework: 'django', via: 'API root' });
      continue;
    }
    if (o.kind === 'routeCall') {
      if (o.name && helpers.has(o.name)) out.push({ ...o, kind: 'route', framework: 'flask', via: `route helper ${o.name}()` });
      continue;
    }
    if (o.kind === 'route' && o.via === 'router.register') {
      const v = o.name ? viewsetOf(o.name, o.evidence.file, undefined, 0) : undefined;
      // A viewset not found (a library's) is taken as one route, as a ModelViewSet-like name as two.
      const n = v ? Number(v.list) + Number(v.detail) + v.actions : /ModelViewSet$/.test(o.name ?? '') ? 2 : 1;
      out.push(n > 1 ? { ...o, count: n } : o);
      continue;
    }
    out.push(o);
  }
  return out;
}
