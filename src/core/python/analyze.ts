/**
 * Per-file Python analysis: parses one file and reports observations (imports, apps, routes, views,
 * models' classes, batteries ...) with file:line evidence. The result depends only on the text, so it
 * is cached by content hash and computed in a worker. Syntax: queries/python.scm; meaning: rules.ts.
 */
import type { QueryCapture } from 'web-tree-sitter';
import type { Evidence, Observation, ObservationKind, Problem } from '../model';
import { cutInertRegions, type CutText } from './cut';
import { lineStarts } from '../read/text';
import { nodeRange, stringValue, type Node, type PythonParser } from './parser';
import query from './queries/python.scm';
import { CALL_RULES, CLASS_BASE_RULES, DECORATOR_RULES, IMPORT_RULES, INSTALLED_APP_RULES, ROUTE_HELPER, ROUTE_METHODS, ROUTER_CLASS, URL_CALLS, VIEWSET_ACTIONS, type ObservationSpec } from './rules';

/** A class definition, with its bases resolved through the file's imports. */
export interface ClassInfo {
  name: string;
  /** Base expressions, qualified through imports (e.g. "django.db.models.Model", ".base.TimeStamped"). */
  bases: string[];
  /** `class Meta: abstract = True` (Django) or `__abstract__ = True` (SQLAlchemy). */
  abstract: boolean;
  /** SQLModel's `table=True` class keyword. */
  table: boolean;
  /** A name bound to `declarative_base()` / `registry().generate_base()`, recorded as a pseudo class. */
  declarativeBase?: boolean;
  /** `class Meta: proxy = True` (a Django proxy model). */
  proxy?: boolean;
  /** The DRF viewset actions it defines (VIEWSET_ACTIONS: list, retrieve ...), when any. */
  methods?: string[];
  /** How many `@action` (or `@list_route`/`@detail_route`) methods it defines, when any. */
  actions?: number;
  file: string;
  evidence: Evidence;
}

/** What one Python file shows. */
export interface FileAnalysis {
  observations: Observation[];
  classes: ClassInfo[];
  /** Top-level modules imported (absolute imports only). */
  imports: string[];
  problems: Problem[];
}

const SQL_START = /^\s*(select|insert|update|delete|create|drop|alter|with)\s/i;

/**
 * The work the query may do on one file, in tree-sitter progress calls: 1,000 plus one per 100
 * bytes (real code needs one per 770 bytes at most). Counted in work, not time: deterministic.
 */
export function queryBudget(length: number): number {
  return 1000 + Math.floor(length / 100);
}

/** How analyzePython may save work. */
export interface AnalyzeOptions {
  /**
   * Parse the file with the bodies of inert functions cut out (cut.ts). The result is the same;
   * when the cut text does not parse cleanly, the original text is analyzed instead, so a broken
   * file is reported exactly as without this option.
   */
  skipInertBodies?: boolean;
}

/** Analyzes one Python file. Never throws for bad input: problems are returned instead. */
export function analyzePython(parser: PythonParser, text: string, file: string, options: AnalyzeOptions = {}): FileAnalysis {
  // Evidence excerpts always come from the original text.
  const lines = new SourceLines(text);
  if (options.skipInertBodies) {
    const cut = cutInertRegions(text);
    if (cut) {
      // A cut text past the parse budget is tried whole, as without the option: the same answer.
      const result = attempt(() => analyzeText(parser, cut.text, lines, file, cut));
      if (result && !('failed' in result)) return result;
    }
  }
  const result = attempt(() => analyzeText(parser, text, lines, file)!);
  if (!('failed' in result)) return result;
  return { observations: [], classes: [], imports: [], problems: [{ file, line: null, message: `could not analyze: ${result.failed}`, severity: 'warning' }] };
}

/** Runs `fn`; a refused parse (parser.ts budgets) becomes its message. */
function attempt<T>(fn: () => T): T | { failed: string } {
  try {
    return fn();
  } catch (e) {
    return { failed: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Parses `text` and analyzes the tree. With `cut` (whose cut text `text` is), positions are mapped
 * back to the original, and undefined is returned (nothing analyzed) when the tree has a syntax
 * error.
 */
function analyzeText(parser: PythonParser, text: string, lines: SourceLines, file: string, cut?: CutText): FileAnalysis | undefined {
  const result: FileAnalysis = { observations: [], classes: [], imports: [], problems: [] };
  const done = parser.withTree(text, (tree) => {
    const root = tree.rootNode;
    if (root.hasError) {
      if (cut) return false;
      const bad = firstError(root);
      result.problems.push({
        file,
        line: bad ? bad.startPosition.row + 1 : null,
        message: 'Python syntax error; results for this file may be partial',
        severity: 'warning',
      });
    }
    const ctx = new FileContext(file, lines, result, cut ? (node) => cutRange(cut, node) : nodeRange);
    const { captures, complete } = captureAll(parser, root, text.length);
    if (!complete) {
      result.problems.push({ file, line: null, message: 'analysis stopped: far more work than real code of this size needs (pathological syntax); results for this file are partial', severity: 'warning' });
    }
    // Pass 1: imports and bindings, so that pass 2 can qualify names used before their import line.
    for (const c of captures) {
      if (c.name === 'import.module') ctx.importModule(c.node, c.node.text);
      else if (c.name === 'import.alias') ctx.importAlias(c.node);
      else if (c.name === 'import.from') ctx.importFrom(c.node);
      else if (c.name === 'assign') ctx.bind(c.node);
    }
    for (const c of captures) {
      switch (c.name) {
        case 'decorator':
          ctx.decorator(c.node);
          break;
        case 'call':
          ctx.call(c.node);
          break;
        case 'class':
          ctx.classDef(c.node);
          break;
        case 'assign':
        case 'augassign':
          ctx.assignment(c.node);
          break;
        default:
          break;
      }
    }
    return true;
  });
  if (done === false) return undefined;
  if (!done) result.problems.push({ file, line: null, message: 'the Python parser gave no tree', severity: 'warning' });
  return result;
}

/**
 * Runs the query over the tree, within queryBudget. tree-sitter's query cursor slows down
 * quadratically on a node with very many error children (30,000 stray brackets took seconds, a
 * 1 MB file of them would take minutes), so a broken module is queried one top-level statement at
 * a time, which gives the same captures in the same order in linear time.
 */
function captureAll(parser: PythonParser, root: Node, length: number): { captures: QueryCapture[]; complete: boolean } {
  const q = parser.query(query);
  const budget = queryBudget(length);
  let steps = 0;
  // Returning true cancels the query (web-tree-sitter calls this every ~100 cursor operations).
  const progressCallback = (): boolean => ++steps > budget;
  const parts = root.hasError && root.childCount > 64 ? root.children : [root];
  const captures: QueryCapture[] = [];
  for (const part of parts) {
    if (!part) continue;
    for (const c of q.captures(part, { progressCallback })) captures.push(c);
    if (steps > budget) break;
  }
  parser.work.query += steps;
  return { captures, complete: steps <= budget };
}

/** The first ERROR or missing node, depth first (iterative: a tree can be 10,000s of levels deep). */
function firstError(root: Node): Node | undefined {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'ERROR' || node.isMissing) return node;
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (c && (c.hasError || c.isMissing)) stack.push(c);
    }
  }
  return undefined;
}

/**
 * The lines of a source (split at CRLF, CR or LF), found only when evidence asks for one: most of
 * a file's lines are never shown, and splitting every file whole was a tenth of a worker's time
 * on the benchmark's workspace.
 */
export class SourceLines {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** The text of 1-based line `n` without its line break ('' past the end). */
  line(n: number): string {
    const starts = (this.starts ??= lineStarts(this.text));
    if (n < 1 || n > starts.length) return '';
    const from = starts[n - 1];
    let to = n < starts.length ? starts[n] - 1 : this.text.length;
    if (n < starts.length && this.text.charCodeAt(to) === 10 && to > from && this.text.charCodeAt(to - 1) === 13) to--;
    return this.text.slice(from, to);
  }
}

/** 1-based line and column of a node's start and end (Evidence's fields). */
type Range = ReturnType<typeof nodeRange>;

/** A node's range in the original of a cut text (its offsets mapped back). */
function cutRange(cut: CutText, node: Node): Range {
  const start = cut.position(cut.toOriginal(node.startIndex));
  const end = cut.position(cut.toOriginal(node.endIndex));
  return { line: start.row + 1, column: start.column + 1, endLine: end.row + 1, endColumn: end.column + 1 };
}

/** IMPORT_RULES by their module's first segment (only those can match an import), in table order. */
const IMPORT_RULES_BY_TOP = new Map<string, (typeof IMPORT_RULES)[number][]>();
for (const rule of IMPORT_RULES) {
  const top = rule.module.split('.')[0];
  IMPORT_RULES_BY_TOP.set(top, [...(IMPORT_RULES_BY_TOP.get(top) ?? []), rule]);
}

/** Per-file state: import aliases and what names are bound to. */
class FileContext {
  /** local name -> qualified name (from imports). */
  private readonly aliases = new Map<string, string>();
  /** local name -> qualified callee it was assigned from, with "()" (e.g. app -> "flask.Flask()"). */
  private readonly bound = new Map<string, string>();
  /** Bindings made inside a function: never hide an import or a module-level binding of the same name. */
  private readonly localBound = new Map<string, string>();
  private readonly modules = new Set<string>();
  private readonly seenFramework = new Set<string>();
  /** Definitions a route decorator routes (by start offset): one view however many routes. */
  private readonly routed = new Set<number>();

  constructor(
    private readonly file: string,
    private readonly lines: SourceLines,
    private readonly out: FileAnalysis,
    private readonly range: (node: Node) => Range,
  ) {}

  importModule(node: Node, dotted: string): void {
    const top = dotted.split('.')[0];
    this.aliases.set(top, top);
    this.noteModule(dotted, node);
  }

  importAlias(aliasNode: Node): void {
    const nameNode = aliasNode.parent?.childForFieldName('name');
    if (!nameNode) return;
    this.aliases.set(aliasNode.text, nameNode.text);
    this.noteModule(nameNode.text, nameNode);
  }

  importFrom(node: Node): void {
    const moduleNode = node.childForFieldName('module_name');
    if (!moduleNode) return;
    const mod = moduleNode.text.replace(/\s+/g, '');
    this.noteModule(mod, node);
    for (const child of node.childrenForFieldName('name')) {
      if (!child) continue;
      if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name')?.text;
        const alias = child.childForFieldName('alias')?.text;
        if (name && alias) this.aliases.set(alias, joinModule(mod, name));
        if (name) this.noteModule(joinModule(mod, name), child);
      } else {
        this.aliases.set(child.text, joinModule(mod, child.text));
        this.noteModule(joinModule(mod, child.text), child);
      }
    }
  }

  private noteModule(dotted: string, node: Node): void {
    if (dotted.startsWith('.')) return;
    const top = dotted.split('.')[0];
    if (!this.modules.has(top)) {
      this.modules.add(top);
      this.out.imports.push(top);
    }
    for (const rule of IMPORT_RULES_BY_TOP.get(top) ?? []) {
      if (dotted === rule.module || dotted.startsWith(`${rule.module}.`)) {
        const key = `${rule.obs.kind}:${rule.obs.name ?? ''}:${rule.obs.via ?? ''}`;
        if (this.seenFramework.has(key)) continue;
        this.seenFramework.add(key);
        this.emit(rule.obs, node);
      }
    }
  }

  /** Qualifies a dotted expression through imports and bindings. */
  qualify(expr: string): string {
    const text = expr.replace(/\s+/g, '');
    const dot = text.indexOf('.');
    const head = dot < 0 ? text : text.slice(0, dot);
    const rest = dot < 0 ? '' : text.slice(dot);
    const boundTo = this.bound.get(head) ?? (this.aliases.has(head) ? undefined : this.localBound.get(head));
    if (boundTo) return boundTo + rest;
    const alias = this.aliases.get(head);
    return alias ? alias + rest : text;
  }

  /**
   * Qualifies a dotted expression through the file's imports alone: imports are never cut
   * (cut.ts), bindings may be, and a routed view must read the same either way.
   */
  private qualifyImported(expr: string): string {
    const text = expr.replace(/\s+/g, '');
    const dot = text.indexOf('.');
    const alias = this.aliases.get(dot < 0 ? text : text.slice(0, dot));
    return alias ? alias + (dot < 0 ? '' : text.slice(dot)) : text;
  }

  importsAny(modules: readonly string[] | undefined): boolean {
    return !modules || modules.some((m) => this.modules.has(m));
  }

  bind(node: Node): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'call') return;
    const fn = right.childForFieldName('function');
    if (!fn || !isDotted(fn)) return;
    const q = this.qualify(fn.text);
    (inFunction(node) ? this.localBound : this.bound).set(left.text, `${q}()`);
    const last = lastSegment(q);
    if (last === 'declarative_base' || last === 'generate_base' || q.endsWith('orm.declarative_base')) {
      this.out.classes.push({
        name: left.text,
        bases: [],
        abstract: true,
        table: false,
        declarativeBase: true,
        file: this.file,
        evidence: this.evidence(node),
      });
    }
  }

  decorator(node: Node): void {
    const expr = node.namedChildren[0];
    if (!expr) return;
    const call = expr.type === 'call' ? expr : undefined;
    const fnNode = call ? call.childForFieldName('function') : expr;
    if (!fnNode || !isDotted(fnNode)) return;
    const q = this.qualify(fnNode.text);
    const last = lastSegment(q);
    const definition = node.parent?.childForFieldName('definition');
    // Routes: @x.route("/..."), @x.get("/...") ...
    if (fnNode.type === 'attribute' && call && ROUTE_METHODS.has(last) && this.isRouteCall(call, last)) {
      const framework = this.routeFramework(q);
      this.emit({ kind: 'route', framework, via: `@${fnNode.text}` }, node);
      if (definition) this.routedView(definition, framework);
      if (definition?.type === 'function_definition' && definition.text.startsWith('async')) {
        this.emit({ kind: 'async', framework, via: 'async view' }, definition);
      }
      return;
    }
    for (const rule of DECORATOR_RULES) {
      if (last === rule.last && matchesPrefix(q, rule.prefixes) && this.importsAny(rule.requires)) {
        this.emit(rule.obs, node);
        return;
      }
    }
  }

  /** The function or class a route decorator hands requests to, once per definition. */
  private routedView(definition: Node, framework: string | undefined): void {
    const name = definition.childForFieldName('name')?.text;
    if (!name || this.routed.has(definition.startIndex)) return;
    this.routed.add(definition.startIndex);
    this.emit({ kind: 'view', framework, via: 'route decorator', name }, definition);
  }

  /**
   * What a URL pattern or add_url_rule routes to: a dotted name, the class of `X.as_view(...)`, a lambda.
   * detectors/views.ts counts it when it is the project's own; with `params`, a parameter of the
   * function around it (a value handed in) is none.
   */
  private viewTarget(target: Node | null | undefined, framework: string, at: Node, params = false): void {
    // A lambda is a view of this file's own, one per route that writes it.
    if (target?.type === 'lambda') return this.emit({ kind: 'view', framework, via: 'lambda', name: '<lambda>' }, at);
    let ref = target;
    if (ref?.type === 'call') {
      const fn = ref.childForFieldName('function');
      ref = fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'as_view' ? fn.childForFieldName('object') : null;
    }
    if (!ref || !isDotted(ref)) return;
    if (params && ref.type === 'identifier' && !this.aliases.has(ref.text) && isParameter(at, ref.text)) return;
    this.emit({ kind: 'viewTarget', framework, name: this.qualifyImported(ref.text) }, at);
  }

  private isRouteCall(call: Node, method: string): boolean {
    const args = call.childForFieldName('arguments');
    const first = args?.namedChildren[0];
    if (!first) return false;
    const value = first.type === 'keyword_argument' ? first.childForFieldName('value') : first;
    // A URL built at run time (`@bp.route(org_scoped_rule('/x'))`, PREFIX + '/x') is still one rule.
    if (!value || (value.type !== 'string' && value.type !== 'concatenated_string')) return method === 'route' && !!value && COMPUTED_URL.has(value.type);
    const raw = stringValue(value) ?? value.text.replace(/^[a-zA-Z]*['"]+/, '');
    return method === 'route' || method === 'websocket' || raw === '' || raw.startsWith('/');
  }

  private routeFramework(q: string): string | undefined {
    const owner = q.slice(0, q.lastIndexOf('.'));
    for (const [prefix, fw] of ROUTE_OWNERS) if (owner.startsWith(prefix)) return fw;
    if (this.modules.has('fastapi')) return 'fastapi';
    if (this.modules.has('flask')) return 'flask';
    for (const fw of ['quart', 'sanic', 'bottle', 'litestar', 'starlette']) if (this.modules.has(fw)) return fw;
    return undefined;
  }

  call(node: Node): void {
    const fnNode = node.childForFieldName('function');
    if (fnNode && isChainedRegister(fnNode) && this.importsAny(DRF_ROUTER_MODULES)) {
      this.routerRegister(node, fnNode.text);
      return;
    }
    if (!fnNode || !isDotted(fnNode)) return;
    const q = this.qualify(fnNode.text);
    const last = lastSegment(q);
    if (last === 'execute' || last === 'executemany' || last === 'executescript') {
      const first = node.childForFieldName('arguments')?.namedChildren[0];
      const sql = stringValue(first);
      if (sql !== undefined && SQL_START.test(sql)) this.emit({ kind: 'database', name: 'raw SQL', via: 'raw SQL' }, node);
      return;
    }
    if (last === 'setdefault' && q.endsWith('environ.setdefault')) {
      const first = node.childForFieldName('arguments')?.namedChildren[0];
      if (stringValue(first) === 'DJANGO_SETTINGS_MODULE') {
        this.emit({ kind: 'app', framework: 'django', name: 'DJANGO_SETTINGS_MODULE', via: 'django' }, node);
      }
      return;
    }
    const args = node.childForFieldName('arguments');
    if (last === 'register' && fnNode.type === 'attribute' && (this.importsAny(DRF_ROUTER_MODULES) || /Router\(\)\.register$/.test(q)) && this.routerRegister(node, q)) return;
    if ((last === 'add_url_rule' || (last === 'add_resource' && this.importsAny(['flask_restful', 'flask_restx']))) && fnNode.type === 'attribute') {
      // One route per URL rule given; inside a function that is handed its URLs, the function is a route helper.
      const urls = urlStrings(args);
      const helper = urls === 0 ? forwardingFunction(node, args) : undefined;
      if (helper) this.emit({ kind: 'routeHelper', name: helper, via: last }, node);
      else this.emit({ kind: 'route', framework: 'flask', via: last, ...(urls > 1 ? { count: urls } : {}) }, node);
      // add_url_rule(rule, endpoint, view_func) / view_func=...; add_resource(Resource, *urls).
      if (!helper) this.viewTarget(last === 'add_resource' ? positional(args)[0] : (keywordValue(args, 'view_func') ?? positional(args)[2]), 'flask', node, true);
      return;
    }
    if ((last === 'extend' || last === 'append') && fnNode.type === 'attribute' && args) {
      this.emitUrlPatterns(args, loopLength(node), fnNode.childForFieldName('object')?.text === 'urlpatterns');
      return;
    }
    for (const rule of CALL_RULES) {
      if (last !== rule.last || !matchesPrefix(q, rule.prefixes) || !this.importsAny(rule.requires)) continue;
      if (rule.keyword && !hasKeyword(args, rule.keyword)) continue;
      this.emit(rule.obs, node);
      return;
    }
    // A project's own router class (class NetBoxRouter(DefaultRouter)): detectors/routes.ts decides.
    if (ROUTER_CLASS.test(last) && last !== 'DefaultRouter' && !q.startsWith('rest_framework')) {
      this.emit({ kind: 'routerMade', name: q }, node);
      return;
    }
    if (ROUTE_HELPER.test(last)) {
      const urls = urlStrings(args);
      if (urls > 0) this.emit({ kind: 'routeCall', name: last, via: 'route helper', count: urls }, node);
    }
  }

  classDef(node: Node): void {
    const name = node.childForFieldName('name')?.text;
    if (!name) return;
    const bases: string[] = [];
    let table = false;
    for (const arg of node.childForFieldName('superclasses')?.namedChildren ?? []) {
      if (!arg) continue;
      if (arg.type === 'keyword_argument') {
        if (arg.childForFieldName('name')?.text === 'table' && arg.childForFieldName('value')?.text === 'True') table = true;
        continue;
      }
      const base = arg.type === 'subscript' ? arg.childForFieldName('value') : arg;
      if (base && isDotted(base)) bases.push(this.qualify(base.text));
    }
    const body = node.childForFieldName('body');
    const info: ClassInfo = {
      name,
      bases,
      abstract: isAbstractBody(body),
      table,
      file: this.file,
      evidence: this.evidence(node),
    };
    if (metaFlag(body, 'proxy')) info.proxy = true;
    this.viewsetMembers(body, info);
    this.out.classes.push(info);
    for (const base of bases) {
      const last = lastSegment(base);
      for (const rule of CLASS_BASE_RULES) {
        if (!rule.last.includes(last) || !matchesPrefix(base, rule.prefixes) || !this.importsAny(rule.requires)) continue;
        for (const obs of rule.obs) this.emit({ ...obs, name: obs.name ?? name }, node);
        return;
      }
    }
  }

  /** The DRF actions a class body defines: viewset methods by name, `@action` methods by decorator. */
  private viewsetMembers(body: Node | null, info: ClassInfo): void {
    const methods: string[] = [];
    let actions = 0;
    for (const stmt of body?.namedChildren ?? []) {
      if (!stmt) continue;
      const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
      if (def?.type !== 'function_definition') continue;
      const fname = def.childForFieldName('name')?.text ?? '';
      if (VIEWSET_ACTIONS.has(fname)) methods.push(fname);
      if (stmt.type !== 'decorated_definition') continue;
      for (const d of stmt.namedChildren) {
        if (d?.type !== 'decorator') continue;
        const e = d.namedChildren[0];
        const f = e?.type === 'call' ? e.childForFieldName('function') : e;
        const dq = f && isDotted(f) ? this.qualify(f.text) : '';
        if (/(^|\.)(action|list_route|detail_route)$/.test(dq) && (dq.startsWith('rest_framework.') || this.modules.has('rest_framework'))) actions++;
      }
    }
    if (methods.length > 0) info.methods = methods;
    if (actions > 0) info.actions = actions;
  }

  /**
   * The Django URL patterns (path/re_path/url calls) an expression holds, each with how many times
   * it is made (comprehensions and loops over literal lists), looking into `include([...])` lists.
   * `bare` accepts an unqualified `path`/`url` (in `urlpatterns`); elsewhere they must be Django's.
   */
  private *urlPatternCalls(expr: Node, times: number, bare: boolean): Generator<{ call: Node; count: number }> {
    for (const c of callsIn(expr)) {
      if (c.type === 'list_comprehension' || c.type === 'generator_expression') {
        const body = c.childForFieldName('body');
        if (body) yield* this.urlPatternCalls(body, times * comprehensionLength(c), bare);
        continue;
      }
      const fn = c.childForFieldName('function');
      if (!fn) continue;
      const q = this.qualify(fn.text);
      const last = lastSegment(q);
      if (!URL_CALLS.has(last) || !(q.startsWith('django.') || (bare && q === last))) continue;
      const target = positional(c.childForFieldName('arguments'))[1];
      const targetFn = target?.type === 'call' ? lastSegment(target.childForFieldName('function')?.text ?? '') : '';
      // include(...) and admin.site.urls / router.urls link to another URLconf: not a route.
      if (targetFn === 'include') {
        const inline = positional(target?.childForFieldName('arguments'))[0];
        if (inline && inline.type !== 'string') yield* this.urlPatternCalls(inline, times, bare);
        continue;
      }
      if (target?.type === 'attribute' && target.text.endsWith('.urls')) continue;
      yield { call: c, count: times };
    }
  }

  /** `router.register('prefix', ViewSet)`: a route the viewset expands across files (detectors/routes.ts). */
  private routerRegister(node: Node, callee: string): boolean {
    const [first, second] = positional(node.childForFieldName('arguments'));
    if (!first || (first.type !== 'string' && first.type !== 'concatenated_string') || callee.includes('admin')) return false;
    const viewset = second && isDotted(second) ? this.qualify(second.text) : undefined;
    this.emit({ kind: 'route', framework: 'django', via: 'router.register', ...(viewset ? { name: viewset } : {}) }, node);
    return true;
  }

  private emitUrlPatterns(expr: Node, times: number, bare: boolean): void {
    for (const { call, count } of this.urlPatternCalls(expr, times, bare)) {
      const last = lastSegment(this.qualify(call.childForFieldName('function')?.text ?? ''));
      this.emit({ kind: 'route', framework: 'django', via: `${last}()`, ...(count > 1 ? { count } : {}) }, call);
      this.viewTarget(positional(call.childForFieldName('arguments'))[1], 'django', call);
    }
  }

  assignment(node: Node): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right || left.type !== 'identifier') return;
    // Only module-level (or if/try-nested) settings and URL confs count.
    if (enclosingScope(node) !== 'module') return;
    if (left.text === 'INSTALLED_APPS') {
      this.emit({ kind: 'app', framework: 'django', name: 'settings', via: 'INSTALLED_APPS' }, left);
      for (const s of stringsIn(right)) {
        const app = stringValue(s);
        if (!app) continue;
        this.emit({ kind: 'djangoApp', framework: 'django', name: app, via: 'INSTALLED_APPS' }, s);
        const rule = INSTALLED_APP_RULES.get(app.replace(/\.apps\.\w+$/, ''));
        if (rule) this.emit({ ...rule, framework: rule.framework ?? 'django' }, s);
      }
    } else {
      // urlpatterns, or any module-level list of Django URL patterns (included by name elsewhere).
      this.emitUrlPatterns(right, loopLength(node), left.text === 'urlpatterns');
    }
  }

  emit(spec: ObservationSpec, node: Node): void {
    const obs: Observation = { ...spec, evidence: this.evidence(node) };
    if (obs.framework === undefined) delete obs.framework;
    this.out.observations.push(obs);
  }

  evidence(node: Node): Evidence {
    const r = this.range(node);
    const lineText = this.lines.line(r.line);
    if (r.endLine > r.line) {
      // Evidence points at the first line (a class or decorator header), not the whole body.
      r.endLine = r.line;
      r.endColumn = lineText.length + 1;
    }
    const text = lineText.trim();
    return { file: this.file, ...r, text: text.length > 160 ? `${text.slice(0, 157)}...` : text };
  }
}

/** Which app or router object a route decorator hangs on, by its qualified constructor. */
const ROUTE_OWNERS: [string, string][] = [
  ['flask.Flask()', 'flask'],
  ['flask.Blueprint()', 'flask'],
  ['fastapi.FastAPI()', 'fastapi'],
  ['fastapi.APIRouter()', 'fastapi'],
  ['quart.Quart()', 'quart'],
  ['quart.Blueprint()', 'quart'],
  ['sanic.Sanic()', 'sanic'],
  ['bottle.Bottle()', 'bottle'],
  ['flask_restx.Namespace()', 'flask'],
  ['flask_restx.Api()', 'flask'],
  ['flask_smorest.Blueprint()', 'flask'],
  ['apiflask.APIFlask()', 'flask'],
  ['apiflask.APIBlueprint()', 'flask'],
];

/** A call's positional arguments (keyword arguments and splats left out). */
function positional(args: Node | null | undefined): Node[] {
  return (args?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat' && a.type !== 'comment');
}

/** The value of a call's keyword argument `name`, when given. */
function keywordValue(args: Node | null | undefined, name: string): Node | undefined {
  const kw = (args?.namedChildren ?? []).find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
  return kw?.childForFieldName('value') ?? undefined;
}

/**
 * True when `name` is a parameter of the function `node` sits in, looking up at most 64 levels:
 * each step up costs tree-sitter a walk from the root, and a statement sits far less deep.
 */
function isParameter(node: Node, name: string): boolean {
  let fn: Node | null = node.parent;
  for (let up = 0; fn && fn.type !== 'function_definition'; up++) fn = up < 64 ? fn.parent : null;
  for (const p of fn?.childForFieldName('parameters')?.namedChildren ?? []) {
    const id = p?.type === 'identifier' ? p : p?.namedChildren.find((c) => c?.type === 'identifier');
    if (id?.text === name) return true;
  }
  return false;
}

/** True when a call passes the keyword argument `name`. */
function hasKeyword(args: Node | null | undefined, name: string): boolean {
  return (args?.namedChildren ?? []).some((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
}

/** How many URL rules ('/...' strings) a call is given: as arguments, or in a list or tuple argument. */
function urlStrings(args: Node | null | undefined): number {
  let n = 0;
  for (const a of args?.namedChildren ?? []) {
    if (!a) continue;
    const v = a.type === 'keyword_argument' ? a.childForFieldName('value') : a;
    if (!v) continue;
    for (const s of v.type === 'list' || v.type === 'tuple' ? v.namedChildren : [v]) if (stringValue(s)?.startsWith('/')) n++;
  }
  return n;
}

/**
 * The function a registration call sits in when it registers URLs that function is given: an
 * argument (or `*arg`, or `rule=`) that is one of its parameters, or the variable of a loop over one.
 */
function forwardingFunction(node: Node, args: Node | null): string | undefined {
  let fn: Node | null = node.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (!fn) return undefined;
  const params = new Set<string>();
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    const id = p?.type === 'identifier' ? p : p?.namedChildren.find((c) => c?.type === 'identifier');
    if (id) params.add(id.text);
  }
  for (let p = node.parent; p && p !== fn; p = p.parent) {
    const left = p.type === 'for_statement' ? p.childForFieldName('left') : null;
    if (left?.type === 'identifier' && params.has(p.childForFieldName('right')?.text ?? '')) params.add(left.text);
  }
  for (const a of args?.namedChildren ?? []) {
    const id = a?.type === 'list_splat' ? a.namedChildren[0] : a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'rule' ? a.childForFieldName('value') : a;
    if (id?.type === 'identifier' && params.has(id.text)) return fn.childForFieldName('name')?.text;
  }
  return undefined;
}

/** How many times a `for` loop over a literal list or tuple around the node runs (1 without one). */
function loopLength(node: Node): number {
  let times = 1;
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition') break;
    if (p.type !== 'for_statement') continue;
    const over = p.childForFieldName('right');
    if (over && (over.type === 'list' || over.type === 'tuple')) times *= over.namedChildren.filter((c) => c && c.type !== 'comment').length;
  }
  return times;
}

/** Expressions a `.route(...)` URL may be computed by. */
const COMPUTED_URL: ReadonlySet<string> = new Set(['identifier', 'attribute', 'call', 'binary_operator', 'subscript']);

/** Modules whose routers register viewsets: DRF, drf-nested-routers, drf-extensions. */
const DRF_ROUTER_MODULES = ['rest_framework', 'rest_framework_nested', 'rest_framework_extensions'];

/** `router.register(...).register(...)`: drf-extensions' nested registration. */
function isChainedRegister(fn: Node): boolean {
  if (fn.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'register') return false;
  const inner = fn.childForFieldName('object');
  return inner?.type === 'call' && /\.register$/.test(inner.childForFieldName('function')?.text ?? '');
}

/** How many items a comprehension yields when it runs over literal lists (1 when it cannot tell). */
function comprehensionLength(node: Node): number {
  let times = 1;
  for (const c of node.namedChildren) {
    if (c?.type !== 'for_in_clause') continue;
    const over = c.childForFieldName('right');
    if (over && (over.type === 'list' || over.type === 'tuple')) times *= over.namedChildren.filter((x) => x && x.type !== 'comment').length;
  }
  return times;
}

/** `class Meta: <flag> = True` in a class body. */
function metaFlag(body: Node | null, flag: string): boolean {
  for (const stmt of body?.namedChildren ?? []) {
    if (stmt?.type !== 'class_definition' || stmt.childForFieldName('name')?.text !== 'Meta') continue;
    for (const inner of stmt.childForFieldName('body')?.namedChildren ?? []) {
      const a = inner?.namedChildren[0];
      if (a?.type === 'assignment' && a.childForFieldName('left')?.text === flag && a.childForFieldName('right')?.text === 'True') return true;
    }
  }
  return false;
}

function joinModule(mod: string, name: string): string {
  return mod.endsWith('.') ? `${mod}${name}` : `${mod}.${name}`;
}

/** `a`, `a.b`, `a.b.c` ...: identifiers joined by attribute access (a loop: chains can be very long). */
function isDotted(node: Node): boolean {
  for (let n: Node | null = node; n; n = n.childForFieldName('object')) {
    if (n.type === 'identifier') return true;
    if (n.type !== 'attribute') return false;
  }
  return false;
}

function lastSegment(q: string): string {
  return q.slice(q.lastIndexOf('.') + 1);
}

function matchesPrefix(q: string, prefixes: readonly string[] | undefined): boolean {
  return !prefixes || prefixes.some((p) => q === p || q.startsWith(p));
}

function isAbstractBody(body: Node | null): boolean {
  if (!body) return false;
  for (const stmt of body.namedChildren) {
    if (!stmt) continue;
    if (stmt.type === 'expression_statement') {
      const a = stmt.namedChildren[0];
      if (a?.type === 'assignment' && a.childForFieldName('left')?.text === '__abstract__' && a.childForFieldName('right')?.text === 'True') return true;
    }
  }
  return metaFlag(body, 'abstract');
}

function enclosingScope(node: Node): 'module' | 'other' {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition' || p.type === 'lambda') return 'other';
  }
  return 'module';
}

const STRING_CONTAINERS: ReadonlySet<string> = new Set(['list', 'tuple', 'parenthesized_expression', 'binary_operator', 'expression_list']);
const CALL_CONTAINERS: ReadonlySet<string> = new Set([...STRING_CONTAINERS, 'list_splat', 'argument_list']);

/**
 * The nodes of a tree, depth first in source order, that `pick` keeps; `descend` says which
 * nodes' named children are looked into. Iterative, so no input nesting can overflow the stack.
 */
function collect(node: Node, pick: (n: Node) => boolean, descend: (n: Node) => readonly (Node | null)[] | undefined): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (pick(n)) {
      out.push(n);
      continue;
    }
    const children = descend(n) ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (c) stack.push(c);
    }
  }
  return out;
}

/** String literals in a list/tuple/`+` expression (INSTALLED_APPS). */
function stringsIn(node: Node): Node[] {
  return collect(
    node,
    (n) => n.type === 'string' || n.type === 'concatenated_string',
    (n) => (STRING_CONTAINERS.has(n.type) ? n.namedChildren : undefined),
  );
}

/** path()/re_path()/url() calls in a URL conf expression, looking inside wrappers such as i18n_patterns(...). */
function callsIn(node: Node): Node[] {
  const isRoute = (n: Node) => {
    if (n.type === 'list_comprehension' || n.type === 'generator_expression') return true;
    if (n.type !== 'call') return false;
    const fn = n.childForFieldName('function');
    return fn ? URL_CALLS.has(lastSegment(fn.text)) : false;
  };
  return collect(node, isRoute, (n) => {
    if (n.type === 'call') return n.childForFieldName('arguments')?.namedChildren ?? [];
    return CALL_CONTAINERS.has(n.type) ? n.namedChildren : undefined;
  });
}

/** Which observation kinds are specific enough that one file reporting them twice means two things. */
export const COUNTED_KINDS: ReadonlySet<ObservationKind> = new Set(['route', 'model', 'relation', 'view', 'template', 'blueprint']);

/** True when the node sits inside a function's body (its bindings are local there). */
function inFunction(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition') return true;
  return false;
}
