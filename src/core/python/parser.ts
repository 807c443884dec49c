/**
 * The one owner of tree-sitter's WebAssembly objects: loads the runtime and the Python grammar
 * (@vscode/tree-sitter-wasm) once, keeps one parser and the compiled queries, and frees every tree
 * it hands out (callers get one only inside `withTree`).
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { Language, Parser, Query, type Node, type Tree } from 'web-tree-sitter';

export type { Node, Tree } from 'web-tree-sitter';

const RUNTIME_WASM = 'web-tree-sitter.wasm';
const PYTHON_WASM = 'tree-sitter-python.wasm';

function locate(file: string): string {
  const beside = nodePath.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  const fromModules =
    file === RUNTIME_WASM
      ? require.resolve('web-tree-sitter/web-tree-sitter.wasm')
      : require.resolve(`@vscode/tree-sitter-wasm/wasm/${file}`);
  return fromModules;
}

let loading: Promise<Language> | undefined;

/** The options given to the runtime: emscripten uses this object as its module and keeps the heap views on it. */
const runtime: { locateFile: () => string; HEAPU8?: Uint8Array } = { locateFile: () => locate(RUNTIME_WASM) };

/**
 * Bytes of WebAssembly memory tree-sitter holds on this thread (undefined before the first parser).
 * WebAssembly memory grows and never shrinks, so a leak of trees or parsers shows as growth here;
 * the resource tests watch it.
 */
export function wasmMemoryBytes(): number | undefined {
  return runtime.HEAPU8?.buffer.byteLength;
}

function loadLanguage(): Promise<Language> {
  loading ??= (async () => {
    await Parser.init(runtime);
    return Language.load(fs.readFileSync(locate(PYTHON_WASM)));
  })();
  return loading;
}

/**
 * The work one parse may do, in tree-sitter progress calls (one per ~100 parser operations): 1,000
 * plus one per 10 bytes. Real code needs at most one per 68 bytes (3,620 files of five public
 * projects; docs/security.md); a fuzzed 10 KB setup.py in a slow error-recovery path needs 13 per
 * byte. Counted in work, not time, so the same file gets the same answer at any machine load.
 */
export function parseBudget(length: number): number {
  return 1000 + Math.floor(length / 10);
}

/**
 * Lines in a row ending in a backslash beyond which a text is not parsed: tree-sitter-python takes
 * quadratic time on a long statement of backslash continuations (10,000 took 3 s, 20,000 took
 * 15 s) inside single parser operations the progress calls do not see. Real code stays far below.
 */
export const MAX_CONTINUATIONS = 1000;

/** The longest run of consecutive lines ending in a backslash (linear scan). */
export function longestContinuationRun(text: string): number {
  if (!text.includes('\\')) return 0;
  let longest = 0;
  let run = 0;
  for (let start = 0; ; ) {
    let eol = start;
    while (eol < text.length && text[eol] !== '\n' && text[eol] !== '\r') eol++;
    // The last line has no line break after it: nothing continues it.
    if (eol >= text.length) return longest;
    run = eol > start && text[eol - 1] === '\\' ? run + 1 : 0;
    longest = Math.max(longest, run);
    start = eol + (text[eol] === '\r' && text[eol + 1] === '\n' ? 2 : 1);
  }
}

/** How many consecutive comment lines are blanked before parsing (see blankCommentRuns). */
export const COMMENT_RUN = 32;

/**
 * The text with each long run of comment-only lines (COMMENT_RUN or more in a row) turned into
 * blanks of the same length. tree-sitter-python's scanner takes quadratic time over consecutive
 * comment lines (8,000 took 2 s, 16,000 took 12 s; a megabyte of them would take an hour), and
 * nothing in the analysis reads comments. Every offset, line and column stays the same, and
 * callers read evidence excerpts from the original text. Only a run of 32+ lines starting with
 * `#` inside a triple-quoted string would be blanked by mistake, and no string the analysis
 * reads (a route, an app label, a requirement) looks like that.
 */
export function blankCommentRuns(text: string): string {
  // Line starts, and whether each line's first non-blank character is '#'.
  const starts: number[] = [];
  const comment: boolean[] = [];
  let longest = 0;
  let run = 0;
  for (let i = 0; i <= text.length; ) {
    starts.push(i);
    let j = i;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\f')) j++;
    const isComment = text[j] === '#';
    comment.push(isComment);
    run = isComment ? run + 1 : 0;
    longest = Math.max(longest, run);
    while (j < text.length && text[j] !== '\n' && text[j] !== '\r') j++;
    if (j >= text.length) break;
    i = j + (text[j] === '\r' && text[j + 1] === '\n' ? 2 : 1);
  }
  if (longest < COMMENT_RUN) return text;
  const out: string[] = [];
  let copied = 0;
  for (let k = 0; k < starts.length; ) {
    if (!comment[k]) {
      k++;
      continue;
    }
    let end = k;
    while (end < starts.length && comment[end]) end++;
    if (end - k >= COMMENT_RUN) {
      for (let m = k; m < end; m++) {
        const hash = text.indexOf('#', starts[m]);
        let eol = hash;
        while (eol < text.length && text[eol] !== '\n' && text[eol] !== '\r') eol++;
        out.push(text.slice(copied, hash), ' '.repeat(eol - hash));
        copied = eol;
      }
    }
    k = end;
  }
  out.push(text.slice(copied));
  return out.join('');
}

/** A Python parser with its compiled queries. Create with `PythonParser.create()`; `dispose()` frees it. */
export class PythonParser {
  private readonly queries = new Map<string, Query>();
  private disposed = false;
  /** Work done so far, in tree-sitter progress calls: what the budgets count (tests read it). */
  readonly work = { parse: 0, query: 0 };

  private constructor(
    private readonly language: Language,
    private readonly parser: Parser,
  ) {}

  /** Loads the grammar (once per process) and makes a parser. */
  static async create(): Promise<PythonParser> {
    const language = await loadLanguage();
    const parser = new Parser();
    parser.setLanguage(language);
    return new PythonParser(language, parser);
  }

  /** A compiled query for the given .scm source, compiled once and kept until dispose. */
  query(source: string): Query {
    let q = this.queries.get(source);
    if (!q) {
      q = new Query(this.language, source);
      this.queries.set(source, q);
    }
    return q;
  }

  /**
   * Parses `text` and runs `fn` on the tree, freeing the tree afterwards whatever happens. Returns
   * undefined when tree-sitter gives no tree (it never should for Python). Throws when the parse
   * needs more work than its budget (parseBudget) or the text has a shape tree-sitter is slow on.
   */
  withTree<T>(text: string, fn: (tree: Tree) => T): T | undefined {
    if (this.disposed) throw new Error('PythonParser used after dispose()');
    const continued = longestContinuationRun(text);
    if (continued > MAX_CONTINUATIONS) throw new Error(`not parsed: ${continued} lines in a row end in a backslash (more than ${MAX_CONTINUATIONS})`);
    const budget = parseBudget(text.length);
    let steps = 0;
    // Returning true cancels the parse (web-tree-sitter calls this every ~100 parser operations).
    const progressCallback = (): boolean => ++steps > budget;
    const tree = this.parser.parse(blankCommentRuns(text), null, { progressCallback });
    this.work.parse += steps;
    if (steps > budget) {
      tree?.delete();
      // A cancelled parser would resume where it stopped on the next parse.
      this.parser.reset();
      throw new Error('parsing stopped: far more work than real code of this size needs (pathological syntax)');
    }
    if (!tree) return undefined;
    try {
      return fn(tree);
    } finally {
      tree.delete();
    }
  }

  /** Frees the parser and its queries. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const q of this.queries.values()) q.delete();
    this.queries.clear();
    this.parser.delete();
  }
}

/** The text of a string literal node without quotes and prefixes, or undefined for f-strings and non-strings. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    let out = '';
    for (const c of node.namedChildren) {
      const v = stringValue(c);
      if (v === undefined) return undefined;
      out += v;
    }
    return out;
  }
  if (node.type !== 'string') return undefined;
  let out = '';
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'interpolation') return undefined;
    if (c.type === 'string_content' || c.type === 'escape_sequence') out += c.text;
  }
  return out;
}

/** 1-based line/column of a node's start, plus its end, for Evidence. */
export function nodeRange(node: Node): { line: number; column: number; endLine: number; endColumn: number } {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}
