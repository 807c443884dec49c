/**
 * setup.py, read statically with tree-sitter (never run): the literal requirement lists of each
 * `setup(...)` call (`install_requires`, `extras_require`, `setup_requires`, `tests_require`), also
 * through module-level names and `**kwargs`. Anything computed becomes an info Problem.
 */
import type { Dependency, DependencyKind, ManifestResult } from '../model';
import { dirName, resolvePath } from '../read/workspace';
import type { Node, PythonParser } from '../python/parser';
import { stringValue } from '../python/parser';
import { dependencyFrom, LineIndex, problem, quote, type Range } from './common';
import { parsePep508 } from './pep508';

const LISTS: Record<string, { kind: DependencyKind; group?: string }> = {
  install_requires: { kind: 'runtime' },
  setup_requires: { kind: 'build' },
  tests_require: { kind: 'dev', group: 'tests_require' },
};

/** Parses setup.py with the given parser. */
export function parseSetupPy(text: string, file: string, parser: PythonParser): ManifestResult {
  const result: ManifestResult = { dependencies: [], problems: [], includes: [] };
  const reader = new SetupReader(text, file, result);
  let done: boolean | undefined;
  try {
    done = parser.withTree(text, (tree) => {
      reader.read(tree.rootNode);
      return true;
    });
  } catch (e) {
    // The parse budget ran out (pathological syntax): say so, and read nothing from it.
    result.dependencies.length = 0;
    result.problems.push(problem(file, null, `setup.py not read: ${e instanceof Error ? e.message : String(e)}`, 'warning'));
    return result;
  }
  if (!done) result.problems.push(problem(file, null, 'setup.py could not be parsed', 'warning'));
  return result;
}

/** Holds what one setup.py read needs; lives only inside `withTree`. */
class SetupReader {
  private readonly lines: LineIndex;
  private readonly bindings = new Map<string, Node[]>();

  constructor(
    text: string,
    private readonly file: string,
    private readonly result: ManifestResult,
  ) {
    this.lines = new LineIndex(text);
  }

  read(root: Node): void {
    this.collectBindings(root);
    const calls = setupCalls(root);
    if (calls.length === 0) this.result.notSetupScript = true;
    for (const call of calls) this.readCall(call);
  }

  /** Module-level `NAME = …` and `NAME += …` statements, in source order. */
  private collectBindings(root: Node): void {
    for (const stmt of root.namedChildren) {
      if (stmt?.type !== 'expression_statement') continue;
      const a = stmt.namedChild(0);
      if (!a || (a.type !== 'assignment' && a.type !== 'augmented_assignment')) continue;
      const left = a.childForFieldName('left');
      if (left?.type !== 'identifier' || !a.childForFieldName('right')) continue;
      const list = this.bindings.get(left.text) ?? [];
      list.push(a);
      this.bindings.set(left.text, list);
    }
  }

  /** The module-level value of `name` as seen at offset `at`: its last plain assignment plus later `+=`. */
  private resolve(name: string, at: number): Node[] | undefined {
    const before = (this.bindings.get(name) ?? []).filter((a) => a.endIndex <= at);
    let base = -1;
    before.forEach((a, i) => {
      if (a.type === 'assignment') base = i;
    });
    if (base < 0) return undefined;
    return before.slice(base).flatMap((a) => {
      if (a.type === 'augmented_assignment' && a.childForFieldName('operator')?.text !== '+=') return [];
      const right = a.childForFieldName('right');
      return right ? [right] : [];
    });
  }

  private readCall(call: Node): void {
    const args = call.childForFieldName('arguments');
    if (!args) return;
    for (const arg of args.namedChildren) {
      if (!arg) continue;
      if (arg.type === 'keyword_argument') {
        const name = arg.childForFieldName('name')?.text;
        const value = arg.childForFieldName('value');
        if (name && value) this.readKeyword(name, value);
      } else if (arg.type === 'dictionary_splat') {
        const inner = arg.namedChild(0);
        if (inner) this.readSplat(inner);
      }
    }
  }

  /** `setup(**kwargs)` with kwargs a literal dict or dict(...) call bound at module level. */
  private readSplat(expr: Node, depth = 0): void {
    if (depth > 5) return;
    if (expr.type === 'identifier') {
      for (const v of this.resolve(expr.text, expr.startIndex) ?? []) this.readSplat(v, depth + 1);
      return;
    }
    for (const [key, value] of dictEntries(expr) ?? []) this.readKeyword(key, value);
  }

  private readKeyword(name: string, value: Node): void {
    const list = LISTS[name];
    if (list) this.readList(name, value, list.kind, list.group);
    else if (name === 'extras_require') this.readExtras(value);
  }

  private readExtras(value: Node, depth = 0): void {
    if (value.type === 'identifier' && depth < 5) {
      const bound = this.resolve(value.text, value.startIndex);
      if (bound && bound.length === 1) return this.readExtras(bound[0], depth + 1);
    }
    const entries = dictEntries(value);
    if (!entries) {
      this.notStatic('extras_require', value);
      return;
    }
    for (const [extra, list] of entries) this.readList(`extras_require[${quote(extra)}]`, list, 'optional', extra);
  }

  private readList(label: string, value: Node, kind: DependencyKind, group: string | undefined): void {
    const items = this.elements(value);
    if ('fail' in items) {
      this.notStatic(label, items.fail);
      return;
    }
    for (const item of items.nodes) {
      const str = literalText(item);
      if (str === undefined) {
        this.info(item, `${label}: item ${quote(item.text)} is not a string literal; it could not be read statically`);
        continue;
      }
      // setuptools also accepts one string with a requirement a line.
      for (const [piece, offset] of splitRequirementLines(str)) this.addRequirement(label, item, piece, offset, kind, group);
    }
  }

  /** The element nodes of a literal list expression, or the node that is not literal. */
  private elements(expr: Node, depth = 0): { nodes: Node[] } | { fail: Node } {
    if (depth > 10) return { fail: expr };
    switch (expr.type) {
      case 'list':
      case 'tuple': {
        const nodes: Node[] = [];
        for (const c of expr.namedChildren) {
          if (!c || c.type === 'comment') continue;
          if (c.type === 'list_splat') {
            const inner = c.namedChild(0);
            const sub = inner ? this.elements(inner, depth + 1) : { fail: c };
            if ('fail' in sub) return sub;
            nodes.push(...sub.nodes);
          } else nodes.push(c);
        }
        return { nodes };
      }
      case 'parenthesized_expression': {
        const inner = expr.namedChild(0);
        return inner ? this.elements(inner, depth + 1) : { fail: expr };
      }
      case 'binary_operator': {
        const left = expr.childForFieldName('left');
        const right = expr.childForFieldName('right');
        if (expr.childForFieldName('operator')?.text !== '+' || !left || !right) return { fail: expr };
        const a = this.elements(left, depth + 1);
        if ('fail' in a) return a;
        const b = this.elements(right, depth + 1);
        if ('fail' in b) return b;
        return { nodes: [...a.nodes, ...b.nodes] };
      }
      case 'string':
      case 'concatenated_string':
        return literalText(expr) === undefined ? { fail: expr } : { nodes: [expr] };
      case 'identifier': {
        const bound = this.resolve(expr.text, expr.startIndex);
        if (!bound) return { fail: expr };
        const nodes: Node[] = [];
        for (const b of bound) {
          const sub = this.elements(b, depth + 1);
          if ('fail' in sub) return sub;
          nodes.push(...sub.nodes);
        }
        return { nodes };
      }
      default:
        return { fail: expr };
    }
  }

  private addRequirement(label: string, node: Node, value: string, offset: number, kind: DependencyKind, group?: string): void {
    const parsed = parsePep508(value);
    if (!parsed.ok) {
      this.result.problems.push(
        problem(this.file, node.startPosition.row + 1, `${label}: invalid requirement ${quote(value)}: ${parsed.error}`),
      );
      return;
    }
    const req = parsed.requirement;
    const dep: Dependency = dependencyFrom(req, {
      file: this.file,
      format: 'setup.py',
      kind,
      group,
      ...this.rangeWithin(node, offset + req.start, offset + req.end),
    });
    this.result.dependencies.push(dep);
  }

  /** The range of [start, end) of a string's value; the whole literal when it has escapes or pieces. */
  private rangeWithin(node: Node, start: number, end: number): Range {
    const parts = node.type === 'string' ? node.namedChildren.filter((c) => c?.type !== 'string_start' && c?.type !== 'string_end') : [];
    const content = parts.length === 1 && parts[0]?.type === 'string_content' ? parts[0] : undefined;
    if (content && !content.text.includes('\\')) return this.lines.range(content.startIndex + start, content.startIndex + end);
    return this.lines.range(node.startIndex, node.endIndex);
  }

  private notStatic(label: string, node: Node): void {
    const files = requirementFileNames(node);
    let message = `${label} is computed (${quote(node.text.replace(/\s+/g, ' '), 60)}); it could not be read statically`;
    if (files.length > 0) {
      message += `; the file it names (${files.join(', ')}) is read instead`;
      for (const f of files) {
        const resolved = resolvePath(dirName(this.file), f);
        if (resolved) this.result.includes?.push({ file: resolved, constraint: false, line: node.startPosition.row + 1 });
      }
    }
    this.info(node, message);
  }

  private info(node: Node, message: string): void {
    this.result.problems.push(problem(this.file, node.startPosition.row + 1, message, 'info'));
  }
}

/**
 * The value of a string literal (or implicit concatenation) with escapes decoded; undefined for
 * f-strings with placeholders and for anything that is not a string.
 */
function literalText(node: Node): string | undefined {
  if (node.type === 'concatenated_string') {
    let out = '';
    for (const part of node.namedChildren) {
      const v = part ? literalText(part) : undefined;
      if (v === undefined) return undefined;
      out += v;
    }
    return out;
  }
  const raw = stringValue(node);
  if (raw === undefined || node.type !== 'string') return raw;
  const prefix = (node.namedChild(0)?.text ?? '').replace(/['"]/g, '').toLowerCase();
  return prefix.includes('r') ? raw : decodeEscapes(raw);
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** Python's string escapes (the ones a requirement string could contain). */
function decodeEscapes(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|\r?\n|.)/g, (m, e: string) => {
    if (/^[xuU]/.test(e) && e.length > 1) {
      // Python rejects \U escapes past U+10FFFF (a syntax error); keep those as written.
      const code = parseInt(e.slice(1), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    if (e.startsWith('\r') || e === '\n') return '';
    return SIMPLE_ESCAPES[e] ?? m;
  });
}

/** Every `setup(...)`, `setuptools.setup(...)` and `distutils.core.setup(...)` call in the tree. */
function setupCalls(root: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'call') {
      const f = n.childForFieldName('function');
      const isSetup =
        (f?.type === 'identifier' && f.text === 'setup') ||
        (f?.type === 'attribute' &&
          f.childForFieldName('attribute')?.text === 'setup' &&
          ['setuptools', 'distutils.core'].includes(f.childForFieldName('object')?.text ?? ''));
      if (isSetup) out.push(n);
    }
    // namedChildren in one call: namedChild(i) walks from the first child each time, which made
    // this quadratic on a node with 100,000s of children.
    const children = n.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (c) stack.push(c);
    }
  }
  return out;
}

/** Entries of a literal dict (`{"k": v}`) or `dict(k=v)` call with string keys; undefined otherwise. */
function dictEntries(expr: Node): [string, Node][] | undefined {
  const out: [string, Node][] = [];
  if (expr.type === 'dictionary') {
    for (const pair of expr.namedChildren) {
      if (!pair || pair.type === 'comment') continue;
      if (pair.type !== 'pair') return undefined;
      const key = stringValue(pair.childForFieldName('key'));
      const value = pair.childForFieldName('value');
      if (key === undefined || !value) return undefined;
      out.push([key, value]);
    }
    return out;
  }
  if (expr.type === 'call' && expr.childForFieldName('function')?.text === 'dict') {
    for (const arg of expr.childForFieldName('arguments')?.namedChildren ?? []) {
      if (arg?.type !== 'keyword_argument') return undefined;
      const key = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (!key || !value) return undefined;
      out.push([key, value]);
    }
    return out;
  }
  return undefined;
}

/** Non-empty, non-comment lines of a string value, with their offsets. */
function splitRequirementLines(value: string): [string, number][] {
  const out: [string, number][] = [];
  let offset = 0;
  for (const line of value.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) out.push([trimmed, offset + (line.length - line.trimStart().length)]);
    offset += line.length + 1;
  }
  return out;
}

/** String literals inside an expression that name a requirements file (…requirements….txt, *.in). */
function requirementFileNames(node: Node): string[] {
  const out = new Set<string>();
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'string') {
      const v = stringValue(n);
      if (v && /^[\w./-]+\.(txt|in)$/.test(v) && !/(^|\/)MANIFEST\.in$/i.test(v)) out.add(v);
      continue;
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return [...out];
}
