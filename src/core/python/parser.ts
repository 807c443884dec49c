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
 * The longest one parse may run before it is stopped. A backstop against pathological input only
 * (30,000 lines ending in a backslash): a real 1 MB source file parses in well under 3 s.
 */
export const PARSE_BUDGET_MS = 10_000;

/**
 * The budget of one parse by the size of its text: 1 s plus 1 s per 100 KB, at most
 * PARSE_BUDGET_MS. Real code parses at 2.5 MB/s or more, so this leaves a wide margin; a small
 * text in one of tree-sitter's slow error-recovery paths (a fuzzed setup.py of 10 KB — a run of
 * 2,000 unary minuses before runs of quotes and `@` — took 4 s) is stopped early.
 */
export function parseBudgetMs(length: number): number {
  return Math.min(PARSE_BUDGET_MS, 1000 + Math.floor(length / 100));
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
   * runs past its budget (parseBudgetMs; pathological input only).
   */
  withTree<T>(text: string, fn: (tree: Tree) => T): T | undefined {
    if (this.disposed) throw new Error('PythonParser used after dispose()');
    const budget = parseBudgetMs(text.length);
    const deadline = Date.now() + budget;
    let stopped = false;
    // Returning true cancels the parse (web-tree-sitter calls this periodically while it runs).
    const progressCallback = (): boolean => (stopped ||= Date.now() > deadline);
    const tree = this.parser.parse(blankCommentRuns(text), null, { progressCallback });
    if (stopped) {
      tree?.delete();
      // A cancelled parser would resume where it stopped on the next parse.
      this.parser.reset();
      throw new Error(`parsing stopped after ${(budget / 1000).toFixed(1)} s (pathological syntax)`);
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
