/**
 * Conda environment files (environment.yml). `dependencies:` holds conda match specs
 * (`python=3.11`, `django>=4`, `conda-forge::flask`, `numpy 1.2.*`, `flask=2.0=py_0`,
 * `numpy[version='>=1.2']`), read as Dependencies with format 'conda' (python and pip themselves
 * skipped). A nested `- pip: [...]` list is what conda hands to pip as a requirements file, so each
 * entry is read as one requirements line (PEP 508, -r, -e, options), group 'pip'.
 */
import { isMap, isScalar, isSeq, parseDocument, type Scalar } from 'yaml';
import type { Dependency, ManifestResult } from '../model';
import { normalizeName, splitLines } from '../read/text';
import { LineIndex, markUnreadable, problem, quote } from './common';
import { parseLogicalLine } from './requirements';

/** At most this many YAML errors are reported one by one; the rest are counted. */
const MAX_YAML_ERRORS = 10;

/** Parses a conda environment.yml. */
export function parseCondaEnv(text: string, file: string): ManifestResult {
  const result: ManifestResult = { dependencies: [], problems: [], includes: [], options: [] };
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.length > MAX_CONDA_CHARS) {
    result.problems.push(problem(file, null, `larger than ${MAX_CONDA_CHARS} characters; not read (environment files are a few kilobytes)`, 'warning'));
    markUnreadable(result);
    return result;
  }
  const depth = nestingDepth(body);
  if (depth > MAX_YAML_NESTING) {
    result.problems.push(problem(file, null, `invalid YAML: nested more than ${MAX_YAML_NESTING} levels deep; not read`));
    markUnreadable(result);
    return result;
  }
  // prettyErrors off: the library's line-and-excerpt for each error is quadratic over many
  // errors (64 KB of quotes: 32,000 errors, 1.9 s); lines come from LineIndex instead.
  // The library makes an Error per problem (64 KB of quotes: 32,000); their stack traces are
  // never read, and capturing them was most of the time.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(body, { prettyErrors: false });
  } finally {
    Error.stackTraceLimit = limit;
  }
  const lines = new LineIndex(body);
  if (doc.errors.length > 0) {
    for (const e of doc.errors.slice(0, MAX_YAML_ERRORS)) {
      result.problems.push(problem(file, lines.position(e.pos[0]).line, `invalid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`));
    }
    const more = doc.errors.length - MAX_YAML_ERRORS;
    if (more > 0) result.problems.push(problem(file, null, `invalid YAML: ${more} more errors`));
    markUnreadable(result);
    return result;
  }
  const lineOf = (node: { range?: [number, number, number] | null }): number | null =>
    node.range ? lines.position(node.range[0]).line : null;

  if (!isMap(doc.contents)) {
    if (doc.contents !== null) result.problems.push(problem(file, 1, 'expected a mapping with a dependencies list', 'warning'));
    return result;
  }
  const deps = doc.contents.get('dependencies', true);
  if (deps === undefined || deps === null || (isScalar(deps) && deps.value === null)) return result;
  if (!isSeq(deps)) {
    result.problems.push(problem(file, lineOf(deps as Scalar), 'dependencies should be a list', 'warning'));
    return result;
  }
  for (const item of deps.items) {
    if (isScalar(item) && typeof item.value === 'string') {
      condaSpec(item, file, lines, result);
    } else if (isMap(item) && item.has('pip')) {
      const pip = item.get('pip', true);
      if (!isSeq(pip)) {
        result.problems.push(problem(file, lineOf(item), 'pip: should be a list of requirements', 'warning'));
        continue;
      }
      for (const entry of pip.items) {
        if (isScalar(entry) && typeof entry.value === 'string') pipEntry(entry as Scalar<string>, file, lines, result);
        else result.problems.push(problem(file, lineOf(entry as Scalar), 'pip: entry is not a string; skipped', 'warning'));
      }
    } else if (isScalar(item) && item.value !== null) {
      result.problems.push(problem(file, lineOf(item), `dependency ${quote(String(item.value))} is not a string; skipped`, 'warning'));
    } else if (!isScalar(item)) {
      result.problems.push(problem(file, lineOf(item as Scalar), 'dependency entry is neither a spec nor a pip: list; skipped', 'warning'));
    }
  }
  return result;
}

/**
 * The largest environment file read. The YAML library takes quadratic time on some shapes (a
 * quarter megabyte of quotes, anchors or tags took minutes); at this size the worst of them takes
 * about 3 s, and real environment files are a few kilobytes.
 */
export const MAX_CONDA_CHARS = 65_536;

/** How deep an environment file may nest (real ones: 3). */
export const MAX_YAML_NESTING = 64;

/**
 * An upper bound on how deep the collections of a YAML text nest, found in one pass without
 * recursion. yaml's parser and composer recurse once per level, so a deeply nested file (10,000
 * `[` or `- - - …`) would exhaust the stack there, and a stack overflow at the wrong moment can
 * abort the whole process in V8 rather than throw. Counted per line: the block levels open by
 * indentation, the block indicators on the line (`- `, `? `, `: `), and the flow brackets open
 * (`[`, `{`; quotes are not told apart, which only over-counts). Real environment files stay under 10.
 */
export function nestingDepth(text: string): number {
  const indents: number[] = [];
  let flow = 0;
  let max = 0;
  for (const line of splitLines(text)) {
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    if (indent === line.length || line[indent] === '#') continue;
    while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
    indents.push(indent);
    let indicators = 0;
    let lineFlow = flow;
    for (let i = indent; i < line.length; i++) {
      const c = line[i];
      if (c === '[' || c === '{') lineFlow++;
      else if ((c === ']' || c === '}') && lineFlow > 0) lineFlow--;
      else if ((c === '-' || c === '?' || c === ':') && (i === indent || line[i - 1] === ' ') && (i + 1 === line.length || line[i + 1] === ' ')) indicators++;
      max = Math.max(max, indents.length + indicators + lineFlow);
    }
    flow = lineFlow;
  }
  return max;
}

/** Where the value of a scalar starts (past its opening quote). */
function valueStart(s: Scalar): number {
  const start = s.range?.[0] ?? 0;
  return s.type === 'QUOTE_DOUBLE' || s.type === 'QUOTE_SINGLE' ? start + 1 : start;
}

/** One conda match spec. */
function condaSpec(item: Scalar, file: string, lines: LineIndex, result: ManifestResult): void {
  const spec = String(item.value);
  const m = /^\s*(?:([^\s:]+)::)?([A-Za-z0-9_][A-Za-z0-9._-]*)(.*)$/s.exec(spec);
  const start = valueStart(item);
  if (!m) {
    result.problems.push(problem(file, lines.position(start).line, `invalid conda spec ${quote(spec)}`, 'warning'));
    return;
  }
  const rawName = m[2];
  const name = normalizeName(rawName);
  if (name === 'python' || name === 'pip') return;
  const nameOffset = spec.indexOf(rawName, m[1] ? m[1].length + 2 : 0);
  const inline = item.type === 'PLAIN' || item.type === 'QUOTE_DOUBLE' || item.type === 'QUOTE_SINGLE';
  const range = inline
    ? lines.range(start + nameOffset, start + spec.trimEnd().length)
    : lines.range(item.range?.[0] ?? 0, item.range?.[1] ?? 0);
  const dep: Dependency = {
    name,
    rawName,
    specifier: condaVersion(m[3]),
    extras: [],
    marker: '',
    kind: 'runtime',
    format: 'conda',
    file,
    ...range,
  };
  result.dependencies.push(dep);
}

/**
 * The version part of a match spec, without spaces and without a build string:
 * " 1.2.* py_0" -> "1.2.*", "=2.0=py_0" -> "=2.0", ">=4" -> ">=4", "[version='>=1.2']" -> ">=1.2".
 */
function condaVersion(rest: string): string {
  const r = rest.trim();
  if (r.startsWith('[')) {
    // (No `.*` around the search: those backtrack quadratically on a long spec without a match.)
    const version = r.endsWith(']') ? /\bversion\s*=\s*(['"]?)([^'"\],]+)\1/.exec(r) : null;
    return version ? version[2].replace(/\s+/g, '') : '';
  }
  const exactBuild = /^=([^=\s]+)=\S+$/.exec(r);
  if (exactBuild) return `=${exactBuild[1]}`;
  // "name version build": the version is the first word once operators are glued to it.
  const words = r.replace(/([<>=!~]=?)\s+/g, '$1').split(/\s+/);
  return words[0] ?? '';
}

/** One entry of the pip: list, read as a requirements-file line on its own. */
function pipEntry(entry: Scalar<string>, file: string, lines: LineIndex, result: ManifestResult): void {
  const start = lines.position(valueStart(entry));
  parseLogicalLine(
    { text: entry.value, line: start.line, pieces: [{ offset: 0, line: start.line, column: start.column - 1 }] },
    { file, format: 'conda', group: 'pip', result },
  );
}
