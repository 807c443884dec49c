/**
 * The one owner of tree-sitter's WebAssembly objects. It loads the runtime and the Python grammar
 * once, keeps one parser and the compiled queries, and frees every tree it hands out: callers get a
 * tree only inside `withTree`, so a long-running editor cannot leak WASM memory through us.
 *
 * Grammar: `tree-sitter-python.wasm` from `@vscode/tree-sitter-wasm` (the build VS Code itself ships,
 * MIT, ABI-compatible with web-tree-sitter 0.25+). In a bundle the .wasm files sit next to the
 * bundle; in plain Node they are resolved from node_modules.
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

function loadLanguage(): Promise<Language> {
  loading ??= (async () => {
    await Parser.init({ locateFile: () => locate(RUNTIME_WASM) });
    return Language.load(fs.readFileSync(locate(PYTHON_WASM)));
  })();
  return loading;
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
   * undefined when tree-sitter gives no tree (it never should for Python).
   */
  withTree<T>(text: string, fn: (tree: Tree) => T): T | undefined {
    if (this.disposed) throw new Error('PythonParser used after dispose()');
    const tree = this.parser.parse(text);
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
