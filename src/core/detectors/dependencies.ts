/**
 * Dependencies: declared runtime and optional packages the package table knows become observations
 * (a framework, or a battery such as ORM, auth, admin, REST). Dev and constraint entries do not
 * count. Example: `Flask-Login==0.6.3` is an `auth` observation via flask-login.
 */
import { COUNTED_KINDS } from '../python/analyze';
import type { Dependency, Observation } from '../model';
import { lookupPackage } from '../knowledge/packages';

/** Observations from a project's declared dependencies. */
export function dependencyObservations(deps: readonly Dependency[]): Observation[] {
  const out: Observation[] = [];
  for (const d of deps) {
    if (d.kind === 'dev' || d.kind === 'constraint' || d.kind === 'build') continue;
    const info = lookupPackage(d.name);
    if (!info) continue;
    const strength = d.kind === 'optional' ? 0.5 : 1;
    const evidence = { file: d.file, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, text: `${d.rawName}${d.specifier}` };
    const framework = info.ecosystem === 'neutral' ? undefined : info.ecosystem;
    if (info.role === 'framework' && info.framework) {
      out.push({ kind: 'framework', name: info.framework, framework: info.framework, via: d.name, strength, evidence });
    }
    for (const kind of info.observes) {
      if (kind === 'framework') continue;
      // A package says a kind of thing is used, never how many: it adds nothing to a count (wagtail is no template).
      out.push({ kind, via: d.name, ...(framework ? { framework } : {}), ...(COUNTED_KINDS.has(kind) ? { count: 0 } : {}), strength, evidence });
    }
  }
  return out;
}
