/**
 * pyproject.toml: the dependency tables of PEP 621, PEP 735 and PEP 518, and of Poetry, PDM and uv,
 * each entry with its kind (runtime, optional, dev, build) and group. Poetry constraints are kept as
 * written. The tables read: docs/design.md "pyproject.toml".
 */
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import type { Dependency, DependencyKind, ManifestResult } from '../model';
import { normalizeName } from '../read/text';
import { dependencyFrom, LineIndex, markUnreadable, problem, quote, type Range } from './common';
import { compactSpecifier, isUrl, nameFromUrl, parsePep508 } from './pep508';
import { TomlLocator, type TomlPath } from './tomlLocator';

// smol-toml is an ES module with a CommonJS build ("require" export); this package compiles to
// CommonJS, so the value is required and only the types come from the ESM declaration.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseToml, TomlError } = require('smol-toml') as typeof SmolToml;

type Table = Record<string, unknown>;

const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** What the TOML parsers share: the parsed document, positions, and where results go. */
export interface TomlContext {
  file: string;
  format: Dependency['format'];
  text: string;
  lines: LineIndex;
  locator: TomlLocator;
  result: ManifestResult;
}

/**
 * Parses TOML text for a manifest; on a syntax error adds one Problem (with smol-toml's line) to
 * `result` and returns undefined.
 */
export function readToml(text: string, file: string, result: ManifestResult): Table | undefined {
  try {
    return parseToml(text.startsWith('\uFEFF') ? text.slice(1) : text) as Table;
  } catch (e) {
    if (e instanceof TomlError) {
      const reason = e.message.split('\n')[0].replace(/^Invalid TOML document:\s*/, '');
      result.problems.push(problem(file, e.line, `invalid TOML (line ${e.line}, column ${e.column}): ${reason}`));
    } else {
      result.problems.push(problem(file, null, `invalid TOML: ${e instanceof Error ? e.message : String(e)}`));
    }
    markUnreadable(result);
    return undefined;
  }
}

/** Makes the shared context of a TOML manifest. */
export function tomlContext(text: string, file: string, format: Dependency['format'], result: ManifestResult): TomlContext {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return { file, format, text: body, lines: new LineIndex(body), locator: new TomlLocator(body), result };
}

/** Parses pyproject.toml. */
export function parsePyproject(text: string, file: string): ManifestResult {
  const result: ManifestResult = { dependencies: [], problems: [] };
  const doc = readToml(text, file, result);
  if (!doc) return result;
  const ctx = tomlContext(text, file, 'pyproject', result);

  const project = doc.project;
  if (isTable(project)) {
    pep508List(ctx, project.dependencies, ['project', 'dependencies'], 'runtime');
    if (isTable(project['optional-dependencies'])) {
      for (const [extra, list] of Object.entries(project['optional-dependencies'])) {
        pep508List(ctx, list, ['project', 'optional-dependencies', extra], 'optional', extra);
      }
    }
    if (Array.isArray(project.dynamic) && project.dynamic.includes('dependencies')) result.dynamicDependencies = true;
  }

  const groups = doc['dependency-groups'];
  if (isTable(groups)) {
    for (const [group, list] of Object.entries(groups)) pep508List(ctx, list, ['dependency-groups', group], 'dev', group);
    checkIncludeGroups(ctx, groups);
  }

  const build = doc['build-system'];
  if (isTable(build)) pep508List(ctx, build.requires, ['build-system', 'requires'], 'build');

  const tool = isTable(doc.tool) ? doc.tool : {};
  const poetry = tool.poetry;
  if (isTable(poetry)) {
    const extrasOf = poetryExtras(poetry.extras);
    poetryTable(ctx, poetry.dependencies, ['tool', 'poetry', 'dependencies'], 'runtime', undefined, extrasOf);
    poetryTable(ctx, poetry['dev-dependencies'], ['tool', 'poetry', 'dev-dependencies'], 'dev', 'dev');
    if (isTable(poetry.group)) {
      for (const [group, body] of Object.entries(poetry.group)) {
        if (isTable(body)) poetryTable(ctx, body.dependencies, ['tool', 'poetry', 'group', group, 'dependencies'], 'dev', group);
      }
    }
  }
  const pdm = tool.pdm;
  if (isTable(pdm) && isTable(pdm['dev-dependencies'])) {
    for (const [group, list] of Object.entries(pdm['dev-dependencies'])) {
      pep508List(ctx, list, ['tool', 'pdm', 'dev-dependencies', group], 'dev', group);
    }
  }
  const uv = tool.uv;
  if (isTable(uv)) pep508List(ctx, uv['dev-dependencies'], ['tool', 'uv', 'dev-dependencies'], 'dev', 'dev');
  return result;
}

/** The range of a path's entry, else of its nearest located parent, else the first line. */
export function rangeOf(ctx: TomlContext, path: TomlPath): Range {
  const span = ctx.locator.entry(path) ?? ctx.locator.nearest(path);
  return span ? ctx.lines.range(span.start, span.end) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** An array of PEP 508 strings at `path` (PEP 621, PEP 735, PDM, uv, build-system). */
function pep508List(ctx: TomlContext, list: unknown, path: TomlPath, kind: DependencyKind, group?: string): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    ctx.result.problems.push(problem(ctx.file, rangeOf(ctx, path).line, `${path.join('.')} should be an array of requirement strings`, 'warning'));
    return;
  }
  list.forEach((item, i) => {
    if (typeof item === 'string') pep508String(ctx, item, [...path, i], kind, group);
    else if (!(isTable(item) && 'include-group' in item)) {
      ctx.result.problems.push(problem(ctx.file, rangeOf(ctx, [...path, i]).line, `${path.join('.')}[${i}] is not a requirement string; skipped`, 'warning'));
    }
  });
}

/**
 * One PEP 508 string stored at `path` (a TOML string value). PDM's `-e <path or url>` entries are
 * read as editables.
 */
export function pep508String(ctx: TomlContext, value: string, path: TomlPath, kind: DependencyKind, group?: string): void {
  const where = { file: ctx.file, format: ctx.format, kind, group };
  const span = ctx.locator.value(path);
  const editable = /^-e\s+/.exec(value);
  const body = editable ? value.slice(editable[0].length) : value;
  const parsed = parsePep508(body);
  if (!parsed.ok) {
    if (editable || isUrl(body)) {
      const name = nameFromUrl(body);
      if (name) {
        const dep: Dependency = {
          ...dependencyFrom(
            { name: normalizeName(name), rawName: name, extras: [], specifier: '', marker: '', url: body, start: 0, end: 0 },
            { ...where, ...rangeOf(ctx, path) },
          ),
        };
        if (editable) dep.editable = true;
        ctx.result.dependencies.push(dep);
      }
      return; // A local project path without a name is a project of its own.
    }
    ctx.result.problems.push(
      problem(ctx.file, rangeOf(ctx, path).line, `invalid requirement ${quote(value)} in ${displayPath(path)}: ${parsed.error}`),
    );
    return;
  }
  const req = parsed.requirement;
  let range = rangeOf(ctx, path);
  if (span) {
    // When the string is written without escapes, point at the requirement itself inside the quotes.
    const raw = ctx.locator.slice(span);
    const quoteLen = /^("""|'''|"|')/.exec(raw)?.[0].length ?? 0;
    const inner = raw.slice(quoteLen, raw.length - quoteLen);
    const offset = span.start + quoteLen + (editable ? editable[0].length : 0);
    if (inner === value && !inner.includes('\n')) range = ctx.lines.range(offset + req.start, offset + req.end);
  }
  ctx.result.dependencies.push(dependencyFrom(req, { ...where, ...range }, { editable: !!editable }));
}

/** `[tool.poetry.extras]`: package name -> first extra listing it. */
function poetryExtras(extras: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isTable(extras)) return out;
  for (const [extra, names] of Object.entries(extras)) {
    if (!Array.isArray(names)) continue;
    for (const n of names) if (typeof n === 'string' && !out.has(normalizeName(n))) out.set(normalizeName(n), extra);
  }
  return out;
}

/** A Poetry dependency table: `name = "^1.2"`, `name = { version, extras, optional, markers, … }` or an array of those. */
function poetryTable(
  ctx: TomlContext,
  table: unknown,
  path: TomlPath,
  kind: DependencyKind,
  group?: string,
  extrasOf?: Map<string, string>,
): void {
  if (!isTable(table)) return;
  for (const [rawName, spec] of Object.entries(table)) {
    if (rawName.toLowerCase() === 'python') continue;
    const entryPath = [...path, rawName];
    const specs = Array.isArray(spec) ? spec : [spec];
    for (const one of specs) {
      const dep = poetryDependency(ctx, rawName, one, entryPath, kind, group, extrasOf);
      if (dep) ctx.result.dependencies.push(dep);
    }
  }
}

function poetryDependency(
  ctx: TomlContext,
  rawName: string,
  spec: unknown,
  path: TomlPath,
  kind: DependencyKind,
  group: string | undefined,
  extrasOf: Map<string, string> | undefined,
): Dependency | undefined {
  const name = normalizeName(rawName);
  const range = rangeOf(ctx, path);
  const dep: Dependency = {
    name,
    rawName,
    specifier: '',
    extras: [],
    marker: '',
    kind,
    format: ctx.format,
    file: ctx.file,
    ...range,
  };
  if (group !== undefined) dep.group = group;
  if (typeof spec === 'string') {
    dep.specifier = poetryVersion(spec);
    return dep;
  }
  if (!isTable(spec)) {
    ctx.result.problems.push(problem(ctx.file, range.line, `${displayPath(path)} is neither a version string nor a table; skipped`, 'warning'));
    return undefined;
  }
  if (typeof spec.version === 'string') dep.specifier = poetryVersion(spec.version);
  if (Array.isArray(spec.extras)) dep.extras = spec.extras.filter((e): e is string => typeof e === 'string');
  if (typeof spec.markers === 'string') dep.marker = spec.markers.trim();
  const url = [spec.git, spec.url, spec.path].find((v): v is string => typeof v === 'string');
  if (url) dep.url = url;
  if (spec.develop === true) dep.editable = true;
  if (spec.optional === true && kind === 'runtime') {
    dep.kind = 'optional';
    const extra = extrasOf?.get(name);
    if (extra) dep.group = extra;
  }
  return dep;
}

/** A Poetry constraint as written without spaces; "*" (any version) becomes "". */
function poetryVersion(v: string): string {
  const s = compactSpecifier(v);
  return s === '*' ? '' : s;
}

function displayPath(path: TomlPath): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').slice(1);
}

/**
 * PEP 735 `{include-group = "name"}` entries: one that names no group, or a chain that comes back
 * to itself (which pip and uv refuse), is a problem at the entry. Names compare normalised (PEP 503).
 */
function checkIncludeGroups(ctx: TomlContext, groups: Record<string, unknown>): void {
  const norm = normalizeName;
  const names = new Map(Object.keys(groups).map((g) => [norm(g), g]));
  const edges = new Map<string, { to: string; path: TomlPath }[]>();
  for (const [group, list] of Object.entries(groups)) {
    if (!Array.isArray(list)) continue;
    const out: { to: string; path: TomlPath }[] = [];
    list.forEach((item, i) => {
      if (!isTable(item) || !('include-group' in item)) return;
      const path = ['dependency-groups', group, i];
      const target = item['include-group'];
      const at = rangeOf(ctx, path).line;
      if (typeof target !== 'string') ctx.result.problems.push(problem(ctx.file, at, `dependency-groups.${group}[${i}]: include-group should be a group name`, 'warning'));
      else if (!names.has(norm(target))) ctx.result.problems.push(problem(ctx.file, at, `dependency-groups.${group}[${i}]: include-group ${quote(target)} names no group`));
      else out.push({ to: names.get(norm(target))!, path });
    });
    edges.set(group, out);
  }
  // Depth-first, iterative: a cycle is reported once, at the entry that closes it.
  const state = new Map<string, 'open' | 'done'>();
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const stack: { group: string; next: number }[] = [{ group: start, next: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const edge = edges.get(top.group)?.[top.next++];
      if (!edge) {
        state.set(top.group, 'done');
        stack.pop();
        continue;
      }
      if (state.get(edge.to) === 'open') {
        const chain = [...stack.slice(stack.findIndex((s) => s.group === edge.to)).map((s) => s.group), edge.to];
        ctx.result.problems.push(problem(ctx.file, rangeOf(ctx, edge.path).line, `include-group cycle: ${chain.join(' -> ')}`, 'warning'));
      } else if (!state.has(edge.to)) {
        state.set(edge.to, 'open');
        stack.push({ group: edge.to, next: 0 });
      }
    }
  }
}
