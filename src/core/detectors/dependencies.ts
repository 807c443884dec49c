/**
 * Dependencies: what the declared packages say.
 *
 * What it looks for: every declared runtime or optional dependency that the package table knows
 * (packages.ts): a web framework, or a package that brings a battery (ORM, auth, admin, forms,
 * migrations, REST, task queue, ...). Dev and constraint entries do not count: a test runner's
 * plugin is not a feature of the application.
 * Why: the manifest is the project's own statement of what it needs; a Flask project that declares
 * Flask-Login, Flask-Admin and Flask-Migrate has chosen to re-create Django's built-ins.
 * Example: `Flask-Login==0.6.3` in requirements.txt is an `auth` observation via flask-login.
 */
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
      out.push({ kind, via: d.name, ...(framework ? { framework } : {}), strength, evidence });
    }
  }
  return out;
}
