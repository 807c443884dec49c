/**
 * Views: the project's own functions and classes its routes hand requests to, each counted once.
 * A route decorator's function is one as analyze.ts finds it; a URL pattern's or add_url_rule's
 * target and a registered viewset count when they resolve to the project's code (its class index,
 * else the file of the module they are imported from). A view class that only other view classes
 * derive from, and no route reaches, is their base, not a view. Example: `path("search/",
 * views.search)` is one view; `TemplateView.as_view()` is a route to Django's view, not the project's.
 */
import type { Observation } from '../model';
import type { ClassInfo } from '../python/analyze';
import type { Steps } from '../engine/steps';
import type { ClassIndex, ModuleFiles } from './classes';

/** How many observations or classes are looked at between two points where the work may pause. */
const PER_STEP = 256;

/** A class is known by its file, line and name; a function only by its file and name. */
const classKey = (file: string, line: number | undefined, name: string) => `${file}:${line}:${name}`;

/** A route's target resolved to the project's code. */
interface Routed {
  target: Observation;
  name: string;
  /** classKey for a class, `file:name` for a function. */
  key: string;
  isClass: boolean;
}

/**
 * The observations with view targets made views (the project's own, once each), a view seen twice
 * (a routed class with a view base) kept once and unrouted base view classes left out. Cached
 * observations are never changed.
 */
export function* resolveViewsInSteps(observations: readonly Observation[], classes: readonly ClassInfo[], index: ClassIndex, modules: ModuleFiles): Steps<Observation[]> {
  const out: Observation[] = [];
  const views: Observation[] = [];
  const routed: Routed[] = [];
  const routedClasses = new Set<string>();
  for (const [i, o] of observations.entries()) {
    if (i % PER_STEP === 0) yield;
    if (o.kind === 'viewTarget' || (o.kind === 'route' && o.via === 'router.register' && o.name)) {
      const r = resolve(o, index, modules);
      if (r) routed.push(r);
      if (r?.isClass) routedClasses.add(r.key);
    }
    if (o.kind === 'view') views.push(o);
    else if (o.kind !== 'viewTarget') out.push(o);
  }

  // The project classes another project class derives from, looked up only when a view class may be one.
  const bases = new Set<string>();
  if (views.some((v) => v.via !== 'route decorator')) {
    for (const [i, c] of classes.entries()) {
      if (i % PER_STEP === 0) yield;
      for (const b of c.bases) {
        const parent = index.candidates(b, c.file, c)[0];
        if (parent) bases.add(classKey(parent.file, parent.evidence.line, parent.name));
      }
    }
  }

  const exact = new Set<string>();
  const named = new Set<string>();
  for (const v of views) {
    if (!v.name) {
      out.push(v);
      continue;
    }
    const key = classKey(v.evidence.file, v.evidence.line, v.name);
    if (exact.has(key) || (v.via !== 'route decorator' && bases.has(key) && !routedClasses.has(key))) continue;
    exact.add(key);
    named.add(`${v.evidence.file}:${v.name}`);
    out.push(v);
  }
  for (const r of routed) {
    if ((r.isClass ? exact : named).has(r.key)) continue;
    (r.isClass ? exact : named).add(r.key);
    const o = r.target;
    out.push({ kind: 'view', ...(o.framework ? { framework: o.framework } : {}), via: o.kind === 'route' ? 'router.register' : 'URL target', name: r.name, evidence: o.evidence });
  }
  return out;
}

/** The project class or function a target names, if it is the project's. */
function resolve(o: Observation, index: ClassIndex, modules: ModuleFiles): Routed | undefined {
  const dotted = o.name ?? '';
  const cls = index.candidates(dotted, o.evidence.file)[0];
  if (cls) return { target: o, name: cls.name, key: classKey(cls.file, cls.evidence.line, cls.name), isClass: true };
  const dot = dotted.lastIndexOf('.');
  const name = dotted.slice(dot + 1);
  // A bare name is the file's own (defined there or star-imported); a dotted one, its module's.
  const file = dot < 0 ? o.evidence.file : modules.file(dotted.slice(0, dot), o.evidence.file);
  return file && name ? { target: o, name, key: `${file}:${name}`, isClass: false } : undefined;
}
