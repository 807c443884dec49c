/**
 * Pipfile (pipenv): `[packages]` (runtime) and `[dev-packages]` (dev). A value is "*" (any
 * version), a specifier ("==1.0", ">=2"), or a table with `version`, `extras`, `markers`, marker
 * variables as keys (`sys_platform = "== 'win32'"`), and `git`/`path`/`file` + `editable` for
 * direct references.
 */
import type { Dependency, DependencyKind, ManifestResult } from '../model';
import { normalizeName } from '../read/text';
import { problem } from './common';
import { compactSpecifier } from './pep508';
import { rangeOf, readToml, tomlContext, type TomlContext } from './pyproject';

/** PEP 508 marker variables that pipenv accepts as keys of a package table. */
const MARKER_KEYS = [
  'os_name',
  'sys_platform',
  'platform_machine',
  'platform_python_implementation',
  'platform_release',
  'platform_system',
  'platform_version',
  'python_version',
  'python_full_version',
  'implementation_name',
  'implementation_version',
];

/** Parses a Pipfile. */
export function parsePipfile(text: string, file: string): ManifestResult {
  const result: ManifestResult = { dependencies: [], problems: [] };
  const doc = readToml(text, file, result);
  if (!doc) return result;
  const ctx = tomlContext(text, file, 'pipfile', result);
  section(ctx, doc.packages, 'packages', 'runtime');
  section(ctx, doc['dev-packages'], 'dev-packages', 'dev');
  return result;
}

function section(ctx: TomlContext, table: unknown, name: string, kind: DependencyKind): void {
  if (table === undefined) return;
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    ctx.result.problems.push(problem(ctx.file, rangeOf(ctx, [name]).line, `[${name}] should be a table`, 'warning'));
    return;
  }
  for (const [rawName, spec] of Object.entries(table as Record<string, unknown>)) {
    const range = rangeOf(ctx, [name, rawName]);
    const dep: Dependency = {
      name: normalizeName(rawName),
      rawName,
      specifier: '',
      extras: [],
      marker: '',
      kind,
      format: 'pipfile',
      file: ctx.file,
      ...range,
    };
    if (kind === 'dev') dep.group = name;
    if (typeof spec === 'string') {
      dep.specifier = version(spec);
    } else if (typeof spec === 'object' && spec !== null && !Array.isArray(spec)) {
      const t = spec as Record<string, unknown>;
      if (typeof t.version === 'string') dep.specifier = version(t.version);
      if (Array.isArray(t.extras)) dep.extras = t.extras.filter((e): e is string => typeof e === 'string');
      const markers: string[] = [];
      if (typeof t.markers === 'string' && t.markers.trim()) markers.push(t.markers.trim());
      for (const key of MARKER_KEYS) {
        if (typeof t[key] === 'string') markers.push(`${key} ${(t[key] as string).trim()}`);
      }
      dep.marker = markers.length > 1 ? markers.map((m) => `(${m})`).join(' and ') : (markers[0] ?? '');
      const url = [t.git, t.path, t.file].find((v): v is string => typeof v === 'string');
      if (url) dep.url = url;
      if (t.editable === true) dep.editable = true;
    } else {
      ctx.result.problems.push(problem(ctx.file, range.line, `[${name}] ${rawName}: expected a version string or a table; skipped`, 'warning'));
      continue;
    }
    ctx.result.dependencies.push(dep);
  }
}

/** "*" means any version. */
function version(v: string): string {
  const s = compactSpecifier(v);
  return s === '*' ? '' : s;
}
