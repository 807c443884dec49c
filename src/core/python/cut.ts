/**
 * Cuts code that cannot contribute to the analysis out of the text tree-sitter parses (each
 * stretch becomes one `0`), and maps every offset back (`CutText`), so evidence is exactly a
 * whole-file parse's. A small lexer of our own finds the stretches; in any doubt nothing is cut.
 * When a stretch is inert, and why this is hand-written: docs/design.md "Cutting inert code".
 */
import { lastAtOrBefore, lineStarts } from '../read/text';
import { CALL_NAMES } from './prefilter';
import { CALL_RULES, ROUTE_HELPER, ROUTER_CLASS, URL_CALLS, VIEWSET_ACTIONS } from './rules';

const IDENT = 1;
const OP = 2;
const STR = 3;
const NUM = 4;

const LF = 10;
const CR = 13;
const TAB = 9;
const FF = 12;
const SPACE = 32;
const HASH = 35;
const BACKSLASH = 92;
const DQ = 34;
const SQ = 39;
const DOT = 46;
const COLON = 58;
const EQUALS = 61;
const BANG = 33;
const SEMI = 59;
const LPAREN = 40;
const LBRACE = 123;
const RBRACE = 125;
const AT = 64;
const PERCENT = 37;

/** Python's hard keywords: never an identifier node, so never a bound name. */
const KEYWORDS: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield',
]);

/** Words that start a compound statement (or a definition): never a statement region. */
const COMPOUND_WORDS: ReadonlySet<string> = new Set(['def', 'class', 'if', 'elif', 'else', 'try', 'except', 'finally', 'for', 'while', 'with', 'async', 'match', 'case']);

/** Words that continue the compound statement before them at the same indentation. */
const CLAUSE_WORDS: ReadonlySet<string> = new Set(['elif', 'else', 'except', 'finally']);

/** Names analyze.ts reads in a class body's statements (isAbstractBody). */
const CLASS_READS: ReadonlySet<string> = new Set(['abstract', '__abstract__', 'proxy']);

/** Names analyze.ts reads in a module's statements (assignment: settings and URL confs). */
const MODULE_READS: ReadonlySet<string> = new Set(['INSTALLED_APPS', 'urlpatterns']);

/** Keywords that keep a body wherever they are: an import, a class definition. */
const KEEP_WORDS: ReadonlySet<string> = new Set(['import', 'class']);

/**
 * Names that keep a body when called: those a call is matched on, and setdefault
 * (environ.setdefault(...) may name its key in pieces, which the pre-filter cannot see).
 */
const KEEP_CALLS: ReadonlySet<string> = new Set([...CALL_NAMES, 'setdefault']);

/** KEEP_WORDS and KEEP_CALLS together: one look-up rules out almost every identifier. */
const KEEP_ANY: ReadonlySet<string> = new Set([...KEEP_WORDS, ...KEEP_CALLS]);

/** For each name in CALL_RULES, the prefixes of its rules (undefined: a rule without prefixes). */
const CALL_PREFIXES = new Map<string, (readonly string[] | undefined)[]>();
for (const r of CALL_RULES) CALL_PREFIXES.set(r.last, [...(CALL_PREFIXES.get(r.last) ?? []), r.prefixes]);

/** Names whose every rule needs a keyword argument, with those keywords: a call shows nothing in a file that never writes one. */
const CALL_KEYWORDS = new Map<string, string[]>();
for (const r of CALL_RULES) if (r.keyword) CALL_KEYWORDS.set(r.last, [...(CALL_KEYWORDS.get(r.last) ?? []), r.keyword]);
for (const r of CALL_RULES) if (!r.keyword) CALL_KEYWORDS.delete(r.last);


/** How many rounds of dropping bodies (see choose) before giving up on a file. */
const MAX_ROUNDS = 50;

/** Deeper nesting than Python itself accepts (100 levels) is not worth the lexer's time. */
const MAX_DEF_NESTING = 100;

const STRING_PREFIXES: ReadonlySet<string> = new Set(['r', 'u', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt']);
const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /[\p{ID_Continue}\u00b7]/u;

/** ASCII classes: 1 identifier start, 2 digit, 4 operator character. */
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) ASCII[c] = 1;
  else if (/[0-9]/.test(ch)) ASCII[c] = 2;
  else if ('=<>!:+-*/%&|^@~'.includes(ch)) ASCII[c] = 4;
}

/** The lexer gave up on the file (something it does not understand for certain). */
class Doubt extends Error {}

/** A file's tokens (strings are one token each, f-string fields add theirs) and logical lines. */
class Lexed {
  count = 0;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** Bracket depth before the token (an f-string replacement field counts as a bracket). */
  depth: Int32Array;
  /** Per logical line: first token, end token (exclusive), indentation, offset of its ending newline (or the text's length). */
  lineFirst: number[] = [];
  lineEndTok: number[] = [];
  lineIndent: number[] = [];
  lineEnd: number[] = [];

  constructor(capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.depth = new Int32Array(capacity);
  }

  push(kind: number, start: number, end: number, depth: number): number {
    if (this.count === this.kind.length) {
      const grow = <T extends Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.kind = grow(this.kind, (n) => new Uint8Array(n));
      this.start = grow(this.start, (n) => new Int32Array(n));
      this.end = grow(this.end, (n) => new Int32Array(n));
      this.depth = grow(this.depth, (n) => new Int32Array(n));
    }
    const t = this.count++;
    this.kind[t] = kind;
    this.start[t] = start;
    this.end[t] = end;
    this.depth[t] = depth;
    return t;
  }
}

const isNewline = (c: number) => c === LF || c === CR;

/** Tokenizes a whole file; throws Doubt when anything is not certain. */
class Lexer {
  private readonly n: number;
  private depth = 0;
  readonly out: Lexed;

  constructor(private readonly text: string) {
    this.n = text.length;
    this.out = new Lexed(Math.max(16, text.length >> 2));
  }

  private at(i: number): number {
    return i < this.n ? this.text.charCodeAt(i) : -1;
  }

  run(): Lexed {
    const { text, n, out } = this;
    let sawTab = false;
    let sawSpace = false;
    let lineStart = true;
    let i = 0;
    while (i < n) {
      if (lineStart) {
        // A physical line that may start a logical line: its indentation, counted as tree-sitter does.
        let indent = 0;
        let tab = false;
        let space = false;
        for (; i < n; i++) {
          const c = text.charCodeAt(i);
          if (c === SPACE) {
            indent++;
            space = true;
          } else if (c === TAB) {
            indent += 8;
            tab = true;
          } else if (c === FF) indent = 0;
          else break;
        }
        if (i >= n) break;
        const c = text.charCodeAt(i);
        if (c === HASH) {
          while (i < n && !isNewline(text.charCodeAt(i))) i++;
          continue;
        }
        if (isNewline(c)) {
          i += c === CR && this.at(i + 1) === LF ? 2 : 1;
          continue;
        }
        if (c === BACKSLASH) throw new Doubt();
        sawTab ||= tab;
        sawSpace ||= space;
        lineStart = false;
        out.lineFirst.push(out.count);
        out.lineIndent.push(indent);
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === HASH) {
        while (i < n && !isNewline(text.charCodeAt(i))) i++;
        continue;
      }
      if (isNewline(c)) {
        if (this.depth === 0) {
          out.lineEndTok.push(out.count);
          out.lineEnd.push(i);
          lineStart = true;
        }
        i += c === CR && this.at(i + 1) === LF ? 2 : 1;
        continue;
      }
      if (c === BACKSLASH) {
        const nx = this.at(i + 1);
        if (nx === CR && this.at(i + 2) === LF) i += 3;
        else if (isNewline(nx)) i += 2;
        else throw new Doubt();
        if (i >= n) throw new Doubt();
        continue;
      }
      // Blanks between tokens, without a call each (most of a file's characters are these).
      if (c === SPACE || c === TAB || c === FF) {
        i++;
        continue;
      }
      i = this.token(i);
    }
    if (this.depth !== 0) throw new Doubt();
    if (!lineStart) {
      out.lineEndTok.push(out.count);
      out.lineEnd.push(n);
    }
    // Tabs and spaces mixed in indentation: Python and tree-sitter may disagree on the blocks.
    if (sawTab && sawSpace) throw new Doubt();
    return out;
  }

  /** Lexes one token (or skips a blank) in code at i; returns the next offset. Line breaks are the caller's. */
  private token(i: number): number {
    const { text, out } = this;
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === FF) return i + 1;
    if (c === DQ || c === SQ) return this.stringToken(i, i, '');
    const cls = c < 128 ? ASCII[c] : 0;
    if (c === DOT) {
      if (this.at(i + 1) === DOT && this.at(i + 2) === DOT) {
        out.push(OP, i, i + 3, this.depth);
        return i + 3;
      }
      const nx = this.at(i + 1);
      if (!(nx >= 0 && nx < 128 && ASCII[nx] === 2)) {
        out.push(OP, i, i + 1, this.depth);
        return i + 1;
      }
    }
    if (cls === 2 || c === DOT) {
      let j = i + 1;
      for (; j < this.n; j++) {
        const d = text.charCodeAt(j);
        if (!(d === DOT || (d < 128 && (ASCII[d] === 1 || ASCII[d] === 2)))) break;
      }
      out.push(NUM, i, j, this.depth);
      return j;
    }
    if (cls === 1 || (c >= 128 && ID_START.test(String.fromCodePoint(text.codePointAt(i)!)))) {
      const j = this.identEnd(i);
      const q = this.at(j);
      if ((q === DQ || q === SQ) && j - i <= 2) {
        const prefix = text.slice(i, j).toLowerCase();
        if (!STRING_PREFIXES.has(prefix)) throw new Doubt();
        return this.stringToken(i, j, prefix);
      }
      out.push(IDENT, i, j, this.depth);
      return j;
    }
    switch (c) {
      case 40: // (
      case 91: // [
      case LBRACE:
        out.push(OP, i, i + 1, this.depth++);
        return i + 1;
      case 41: // )
      case 93: // ]
      case RBRACE:
        if (--this.depth < 0) throw new Doubt();
        out.push(OP, i, i + 1, this.depth);
        return i + 1;
      case 44: // ,
      case SEMI:
        out.push(OP, i, i + 1, this.depth);
        return i + 1;
      default:
        break;
    }
    if (cls === 4) {
      let j = i + 1;
      while (j < this.n) {
        const d = text.charCodeAt(j);
        if (d < 128 && ASCII[d] === 4) j++;
        else break;
      }
      // `{%` and `%}` are never Python: template tags (a cookiecutter's or a Jinja-rendered
      // module). Such a file does not parse, and blanking could hide where it does not.
      if ((c === PERCENT && this.at(i - 1) === LBRACE) || (text.charCodeAt(j - 1) === PERCENT && this.at(j) === RBRACE)) throw new Doubt();
      out.push(OP, i, j, this.depth);
      return j;
    }
    throw new Doubt();
  }

  private identEnd(i: number): number {
    const { text, n } = this;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        if (ASCII[c] === 1 || ASCII[c] === 2) i++;
        else break;
      } else {
        const cp = text.codePointAt(i)!;
        if (!ID_CONTINUE.test(String.fromCodePoint(cp))) break;
        i += cp > 0xffff ? 2 : 1;
      }
    }
    return i;
  }

  private stringToken(start: number, quoteAt: number, prefix: string): number {
    const quote = this.text.charCodeAt(quoteAt);
    const triple = this.at(quoteAt + 1) === quote && this.at(quoteAt + 2) === quote;
    const t = this.out.push(STR, start, start, this.depth);
    const raw = prefix.includes('r');
    const fmt = prefix.includes('f') || prefix.includes('t');
    const end = this.string(quoteAt + (triple ? 3 : 1), quote, triple, raw, fmt);
    this.out.end[t] = end;
    return end;
  }

  /** Skips a string's body from i (after its opening quote); returns the offset after its closing quote. */
  private string(i: number, quote: number, triple: boolean, raw: boolean, fmt: boolean): number {
    const { text, n } = this;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) {
        const nx = this.at(i + 1);
        if (nx === BACKSLASH || nx === SQ || nx === DQ) i += 2;
        else if (nx === CR && this.at(i + 2) === LF) i += 3;
        else if (isNewline(nx)) i += 2;
        else if (fmt && !raw && nx === 78 /* N */ && this.at(i + 2) === LBRACE) {
          const close = text.indexOf('}', i + 3);
          if (close < 0 || /['"\r\n]/.test(text.slice(i + 3, close))) throw new Doubt();
          i = close + 1;
        } else if (fmt && !raw && nx === LBRACE) throw new Doubt();
        else i++;
        continue;
      }
      if (c === quote) {
        if (!triple) return i + 1;
        if (this.at(i + 1) === quote && this.at(i + 2) === quote) return i + 3;
        i++;
        continue;
      }
      if (isNewline(c) && !triple) throw new Doubt();
      if (fmt && c === LBRACE) {
        i = this.at(i + 1) === LBRACE ? i + 2 : this.field(i + 1, quote);
        continue;
      }
      if (fmt && c === RBRACE) {
        if (this.at(i + 1) !== RBRACE) throw new Doubt();
        i += 2;
        continue;
      }
      i++;
    }
    throw new Doubt();
  }

  /**
   * Lexes an f-string replacement field from i (after its `{`) up to and including its `}`,
   * recording its tokens (they are code: calls, names). Comments, backslashes and line breaks in
   * a field (Python 3.12) are left to doubt.
   */
  private field(i: number, quote: number): number {
    const { text, n, out } = this;
    const base = this.depth++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === HASH || c === BACKSLASH || isNewline(c)) throw new Doubt();
      if (this.depth > base + 1) {
        i = this.token(i);
        // A bracket closed that the field did not open.
        if (this.depth <= base) throw new Doubt();
        continue;
      }
      if (c === RBRACE) {
        this.depth--;
        return i + 1;
      }
      if (c === COLON) {
        // The format spec: literal text with nested fields, up to the field's `}`.
        for (i++; i < n; ) {
          const s = text.charCodeAt(i);
          if (s === RBRACE) {
            this.depth--;
            return i + 1;
          }
          if (s === LBRACE) i = this.field(i + 1, quote);
          else if (s === BACKSLASH || s === quote || isNewline(s)) throw new Doubt();
          else i++;
        }
        throw new Doubt();
      }
      if (c === BANG && this.at(i + 1) !== EQUALS) {
        // A conversion: !r, !s, !a.
        i += 2;
        continue;
      }
      if (c === EQUALS && /^[ \t]*[}!:]/.test(text.slice(i + 1, i + 40))) {
        // The self-documenting `=`.
        i++;
        continue;
      }
      if (c < 128 && ASCII[c] === 4) {
        // One character at a time, so that an operator never swallows the spec's `:`.
        out.push(OP, i, i + 1, this.depth);
        i++;
        continue;
      }
      i = this.token(i);
      if (this.depth <= base) throw new Doubt();
    }
    throw new Doubt();
  }
}

/**
 * A region that may be cut (a function's body; a statement in a function's blocks, in a class body
 * or in the module) and what it holds.
 */
interface Def {
  /** From the body's first token to the end of its last logical line. */
  start: number;
  end: number;
  /** The logical lines the region spans (first and last). */
  firstLine: number;
  lastLine: number;
  /**
   * A function whose whole definition may go with its body: its header's logical line and first
   * token's offset. Set when the header has no decorator and no call (see findDefs).
   */
  header?: { line: number; start: number };
  children: Def[];
  /** Whether the body's code allows blanking (bindings aside); computed when first needed. */
  inert?: boolean;
  /** Names the body's `name = dotted(...)` statements may bind (set when found inert). */
  binds?: string[];
}

/** The children of a simple statement's region: it has none (and nothing is ever added). */
const NO_DEFS = Object.freeze([]) as unknown as Def[];

/** A stretch of the original text left out of the parse: offsets [start, end). */
export interface Region {
  start: number;
  end: number;
}

/**
 * The text tree-sitter parses in place of a source: the source with each inert region replaced by
 * `0`. Every region runs from a statement's first token to the end of a logical line, so each `0`
 * stands where the region's first token stood, and what follows it is the original line break.
 */
export class CutText {
  /** The text to parse. */
  readonly text: string;
  /** Where each kept stretch starts in `text`, and in the original. */
  private readonly cutStarts: number[] = [];
  private readonly originalStarts: number[] = [];
  private lineStarts: number[] | undefined;

  constructor(
    readonly original: string,
    readonly regions: readonly Region[],
  ) {
    const parts: string[] = [];
    let copied = 0;
    let length = 0;
    for (const r of regions) {
      this.cutStarts.push(length);
      this.originalStarts.push(copied);
      parts.push(original.slice(copied, r.start), '0');
      length += r.start - copied + 1;
      copied = r.end;
    }
    this.cutStarts.push(length);
    this.originalStarts.push(copied);
    parts.push(original.slice(copied));
    this.text = parts.join('');
  }

  /**
   * The offset in the original of offset `i` of the text parsed. A `0` starts where its region
   * starts and ends where its region ends, so a node that spans regions maps to its whole extent.
   */
  toOriginal(i: number): number {
    const k = lastAtOrBefore(this.cutStarts, i);
    return this.originalStarts[k] + (i - this.cutStarts[k]);
  }

  /**
   * Row and column (0-based, UTF-16 code units after the last LF: tree-sitter's positions) of
   * offset `i` of the original. A cut file never has a lone CR (see inertRegions), so its lines
   * end where tree-sitter's rows do.
   */
  position(i: number): { row: number; column: number } {
    const starts = (this.lineStarts ??= lineStarts(this.original));
    const row = lastAtOrBefore(starts, i);
    return { row, column: i - starts[row] };
  }
}

/**
 * The source with every inert region cut out (see the module comment), or undefined when nothing
 * is cut or the file is not understood for certain.
 */
export function cutInertRegions(text: string): CutText | undefined {
  const regions = inertRegions(text);
  return regions && regions.length > 0 ? new CutText(text, regions) : undefined;
}

/**
 * The regions of `text` that cannot contribute to the analysis, in order, or undefined when
 * the file is not understood for certain.
 */
export function inertRegions(text: string): Region[] | undefined {
  // (Most files have no CR at all: indexOf answers that faster than the regular expression.)
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined;
  let lx: Lexed;
  try {
    lx = new Lexer(text).run();
  } catch (e) {
    // RangeError: f-strings nested deeper than the stack.
    if (e instanceof Doubt || e instanceof RangeError) return undefined;
    throw e;
  }
  const words: string[] = new Array<string>(lx.count);
  for (let t = 0; t < lx.count; t++) words[t] = lx.kind[t] === IDENT ? text.slice(lx.start[t], lx.end[t]) : '';
  const roots = findDefs(text, lx, words);
  if (!roots || roots.length === 0) return [];
  const picked = choose(text, lx, words, roots);
  picked.sort((a, b) => a.start - b.start);
  // An inert function with a plain header goes whole (header and body). Regions on consecutive
  // logical lines of one block become one (one `0` instead of one each): a class's field
  // declarations and its methods, a module's helper functions. Only comments and blank lines lie
  // between them.
  const chosen: Region[] = [];
  let last = -2;
  let lastIndent = -1;
  for (const d of picked) {
    const first = d.header ? d.header.line : d.firstLine;
    const start = d.header ? d.header.start : d.start;
    const indent = lx.lineIndent[first];
    const top = chosen[chosen.length - 1];
    if (top && first === last + 1 && indent === lastIndent) top.end = d.end;
    else {
      chosen.push({ start, end: d.end });
      lastIndent = indent;
    }
    last = d.lastLine;
  }
  return chosen;
}

/**
 * The regions that may be blanked, as a tree (by nesting), or undefined when nesting is absurdly
 * deep: function bodies, and the simple statements directly in a class body (a form's or a
 * serializer's field declarations are most of some modules). A statement region is one logical
 * line; one naming `abstract`, `__abstract__` or `proxy` (analyze.ts reads those in class bodies) is never
 * one. Regions nest in the function bodies around them.
 */
function findDefs(text: string, lx: Lexed, words: string[]): Def[] | undefined {
  const roots: Def[] = [];
  /**
   * Open blocks with their header's indentation and the last logical line of their body so far:
   * a def with its body region, a compound statement in a function with its region (its blocks
   * and clauses), or a class with its body's indentation.
   */
  const open: { def?: Def; stmt?: Def; classBody?: number; indent: number; last: number }[] = [];
  const lines = lx.lineFirst.length;
  /** Where a region found now goes: in the innermost open def's body or statement, else at the top. */
  const container = () => {
    for (let i = open.length - 1; i >= 0; i--) {
      const d = open[i].def ?? open[i].stmt;
      if (d) return d.children;
    }
    return roots;
  };
  /** The region of the simple statement on logical line k (it holds no other region). */
  const statement = (k: number): Def => ({ start: lx.start[lx.lineFirst[k]], end: lx.lineEnd[k], firstLine: k, lastLine: k, children: NO_DEFS });
  const close = (o: (typeof open)[number]) => {
    const d = o.def ?? o.stmt;
    if (!d) return;
    d.end = lx.lineEnd[o.last];
    d.lastLine = o.last;
  };
  for (let k = 0; k < lines; k++) {
    const indent = lx.lineIndent[k];
    while (open.length > 0 && indent <= open[open.length - 1].indent) {
      const top = open[open.length - 1];
      // `else:`, `except:` ... continue the compound statement at their indentation.
      if (top.stmt && indent === top.indent && CLAUSE_WORDS.has(words[lx.lineFirst[k]])) break;
      close(open.pop()!);
    }
    for (const o of open) o.last = k;
    const first = lx.lineFirst[k];
    const endTok = lx.lineEndTok[k];
    const head = words[first] === 'async' ? first + 1 : first;
    const last = endTok - 1;
    const opensBlock =
      last > head && lx.kind[last] === OP && lx.depth[last] === 0 && lx.end[last] - lx.start[last] === 1 && text.charCodeAt(lx.start[last]) === COLON && lx.lineEnd[k] < text.length && k + 1 < lines && lx.lineIndent[k + 1] > indent;
    const inner = open[open.length - 1];
    const decorator = lx.kind[first] === OP && text.charCodeAt(lx.start[first]) === AT;
    if ((inner?.def || inner?.stmt) && head < endTok && !decorator && words[head] !== 'def' && words[head] !== 'class') {
      // A statement in a function's block: a region of its own, so that a function whose body
      // must be parsed (it renders a template, say) has only what shows something parsed.
      const word = words[head];
      // A clause belongs to the statement it continues; `case` blocks to their `match`.
      if (CLAUSE_WORDS.has(word) || (opensBlock && word === 'case')) continue;
      if (!opensBlock) {
        // A one-line compound statement (`if x: y`) may be continued by an `else:` line: kept.
        if (!COMPOUND_WORDS.has(word)) container().push(statement(k));
        continue;
      }
      // A compound statement: its header, blocks and clauses, with the statements in them.
      const stmt: Def = { start: lx.start[first], end: -1, firstLine: k, lastLine: k, children: [] };
      container().push(stmt);
      open.push({ stmt, indent, last: k });
      if (open.length > MAX_DEF_NESTING) return undefined;
      continue;
    }
    const inClass = inner?.classBody === indent;
    const atModule = open.length === 0 && indent === 0;
    if ((inClass || atModule) && !opensBlock && head < endTok && !COMPOUND_WORDS.has(words[head]) && !decorator) {
      // A simple statement directly in a class body or in the module (a compound one opens a
      // block, or is one line that an `else:` or `except:` line may continue; a def or a class is
      // a region or a class of its own; a decorator belongs to what follows it).
      const named = inClass ? CLASS_READS : MODULE_READS;
      let reads = false;
      for (let t = first; t < endTok && !reads; t++) reads = named.has(words[t]);
      if (!reads) container().push(statement(k));
      continue;
    }
    if (head >= endTok || (words[head] !== 'def' && words[head] !== 'class')) continue;
    // A def or class with its body on the header line, or a broken one: left alone.
    if (!opensBlock) continue;
    if (words[head] === 'class') {
      if (head !== first) continue; // `async class` is not Python
      open.push({ classBody: lx.lineIndent[k + 1], indent, last: k });
    } else {
      const def: Def = { start: lx.start[lx.lineFirst[k + 1]], end: -1, firstLine: k + 1, lastLine: k + 1, children: [] };
      // A viewset method's name is read (analyze.ts viewsetMembers): its header stays.
      const named = inClass && VIEWSET_ACTIONS.has(words[head + 1]);
      if (!named && plainHeader(text, lx, k)) def.header = { line: k, start: lx.start[first] };
      container().push(def);
      open.push({ def, indent, last: k });
    }
    if (open.length > MAX_DEF_NESTING) return undefined;
  }
  while (open.length > 0) close(open.pop()!);
  return roots;
}

/**
 * Whether the def on logical line `k` may go whole when its body goes: no decorator line right
 * before it (a decorator is read, with the definition it decorates), and nothing in the header
 * the analysis reads — it reads calls (a default such as `Depends(get_db)`), never a parameter,
 * an annotation or the function's name. So: no `(` but the parameter list's, and no `@`.
 */
function plainHeader(text: string, lx: Lexed, k: number): boolean {
  if (k > 0) {
    const before = lx.lineFirst[k - 1];
    if (lx.kind[before] === OP && text.charCodeAt(lx.start[before]) === AT) return false;
  }
  let parens = 0;
  for (let t = lx.lineFirst[k]; t < lx.lineEndTok[k]; t++) {
    if (lx.kind[t] !== OP) continue;
    for (let i = lx.start[t]; i < lx.end[t]; i++) {
      const c = text.charCodeAt(i);
      if (c === AT || (c === LPAREN && ++parens > 1)) return false;
    }
  }
  return parens === 1;
}

/** The first token at or after `offset` (binary search). */
function tokenAt(lx: Lexed, offset: number): number {
  let lo = 0;
  let hi = lx.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lx.start[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The bodies to blank: inert ones whose bindings are not read outside the blanked bodies. */
function choose(text: string, lx: Lexed, words: string[], roots: Def[]): Def[] {
  const isOp = (t: number, code: number) => t < lx.count && lx.kind[t] === OP && lx.end[t] - lx.start[t] === 1 && text.charCodeAt(lx.start[t]) === code;

  // The logical line of each token.
  const lineOf = new Int32Array(lx.count);
  for (let k = 0; k < lx.lineFirst.length; k++) lineOf.fill(k, lx.lineFirst[k], lx.lineEndTok[k]);

  // Names an import may define (every name on a line with an import), and the import aliases that
  // may stand for a name that matters in a call (`from flask import render_template as rt`: the
  // word before `as` is the imported name's last segment, which a bare `rt(...)` qualifies to).
  const imported = new Set<string>();
  const aliases = new Set<string>();
  for (let k = 0; k < lx.lineFirst.length; k++) {
    let hasImport = false;
    for (let t = lx.lineFirst[k]; t < lx.lineEndTok[k] && !hasImport; t++) hasImport = words[t] === 'import';
    if (!hasImport) continue;
    for (let t = lx.lineFirst[k]; t < lx.lineEndTok[k]; t++) {
      if (lx.kind[t] === IDENT) imported.add(words[t]);
      if (t === lx.lineFirst[k] || words[t] !== 'as' || lx.kind[t + 1] !== IDENT) continue;
      if (lx.kind[t - 1] !== IDENT || KEEP_CALLS.has(words[t - 1]) || URL_CALLS.has(words[t - 1])) aliases.add(words[t + 1]);
    }
  }

  /** A `name = dotted(...)` statement: where its `=` is, the dotted name's head, the names it may bind. */
  interface BindSite {
    pos: number;
    head: string;
    binders: string[];
  }
  // Every such statement in the file, in order (their left-hand sides over-approximated).
  const sites: BindSite[] = [];
  const bound = new Set<string>();
  for (let t = 0; t < lx.count; t++) {
    if (lx.depth[t] !== 0 || !isOp(t, EQUALS)) continue;
    // The right-hand side: a dotted name, then `(`.
    let r = t + 1;
    if (r >= lx.count || lx.kind[r] !== IDENT) continue;
    const head = words[r++];
    while (isOp(r, DOT) && lx.kind[r + 1] === IDENT) r += 2;
    if (!isOp(r, LPAREN)) continue;
    // The left-hand side: from the statement's start (its line's start, a `;` or a previous `=`).
    const lineStart = lx.lineFirst[lineOf[t]];
    let s = t;
    while (s > lineStart && !(lx.depth[s - 1] === 0 && (isOp(s - 1, EQUALS) || isOp(s - 1, SEMI)))) s--;
    const len = t - s;
    const binders: string[] = [];
    if (len === 1 && lx.kind[s] === IDENT) binders.push(words[s]);
    else if (s === lineStart && len >= 3 && lx.kind[s] === IDENT && !KEYWORDS.has(words[s]) && isOp(s + 1, COLON)) {
      // An annotated name: x: T = ...
      binders.push(words[s]);
    } else {
      // An attribute target (a.b.c = ...) binds nothing.
      let attribute = len >= 3 && len % 2 === 1;
      for (let u = s; u < t && attribute; u++) attribute = (u - s) % 2 === 0 ? lx.kind[u] === IDENT : isOp(u, DOT);
      // Anything else (a compound statement's header before it, a lambda's default ...): every
      // name of the statement before the `=` (the target is among them).
      if (!attribute) for (let u = s; u < t; u++) if (lx.kind[u] === IDENT && !KEYWORDS.has(words[u])) binders.push(words[u]);
    }
    if (binders.length === 0) continue;
    sites.push({ pos: lx.start[t], head, binders });
    for (const b of binders) bound.add(b);
  }

  // The file's identifiers, made once when a keyword rule asks (a pydantic model's Field() is inert).
  let idents: Set<string> | undefined;
  const identifiers = () => (idents ??= new Set(words));

  /**
   * Whether the call of `words[t]` (a name in KEEP_CALLS, followed by `(`) may show something.
   * The callee must be a dotted name; the SQL calls and setdefault need a string first argument;
   * a name whose rules need a keyword argument needs that keyword in the file; a rule with prefixes needs the qualified callee to start with one, which for a head no import
   * or binding qualifies is the callee's own text.
   */
  const callMayShow = (t: number): boolean => {
    let h = t;
    while (isOp(h - 1, DOT) && h >= 2 && lx.kind[h - 2] === IDENT) h -= 2;
    if (h > 0 && isOp(h - 1, DOT)) return false;
    const name = words[t];
    const stringFirst = lx.kind[t + 2] === STR;
    if (name === 'execute' || name === 'executemany' || name === 'executescript' || name === 'setdefault') return stringFirst;
    if (name === 'register' && stringFirst) return true;
    const keywords = CALL_KEYWORDS.get(name);
    if (keywords && !keywords.some((k) => identifiers().has(k))) return false;
    const rules = CALL_PREFIXES.get(name);
    if (!rules || imported.has(words[h]) || bound.has(words[h])) return true;
    let callee = words[h];
    for (let u = h + 2; u <= t; u += 2) callee += `.${words[u]}`;
    return rules.some((prefixes) => !prefixes || prefixes.some((p) => callee === p || callee.startsWith(p)));
  };

  // Prefix counts of the tokens that keep a body: import, class, a call that may show something,
  // a call of an alias that may stand for a name that matters, an @ (decorators; the matrix
  // product is rare enough).
  const keep = new Int32Array(lx.count + 1);
  const anyAlias = aliases.size > 0;
  for (let t = 0; t < lx.count; t++) {
    let bad = false;
    if (lx.kind[t] === IDENT) {
      const w = words[t];
      if (KEEP_ANY.has(w) || (anyAlias && aliases.has(w))) bad = KEEP_WORDS.has(w) || (isOp(t + 1, LPAREN) && ((KEEP_CALLS.has(w) && callMayShow(t)) || aliases.has(w)));
      // A URL pattern anywhere (a list included by name, urlpatterns.extend), a call of a route helper,
      // a router made (a project's DefaultRouter subclass serves an API root).
      else if (isOp(t + 1, LPAREN)) bad = URL_CALLS.has(w) || (w.length > 4 && (w.startsWith('add_') || w.startsWith('register_')) && ROUTE_HELPER.test(w)) || ROUTER_CLASS.test(w);
    } else if (lx.kind[t] === OP) {
      for (let i = lx.start[t]; i < lx.end[t] && !bad; i++) bad = text.charCodeAt(i) === AT;
    }
    keep[t + 1] = keep[t] + (bad ? 1 : 0);
  }

  /** The first site at or after `offset`. */
  const siteAt = (offset: number) => {
    let lo = 0;
    let hi = sites.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sites[mid].pos < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const inert = (d: Def): boolean => {
    if (d.inert === undefined) {
      d.inert = keep[tokenAt(lx, d.end)] === keep[tokenAt(lx, d.start)];
      if (d.inert) {
        const binds: string[] = [];
        for (let i = siteAt(d.start); i < sites.length && sites[i].pos < d.end; i++) binds.push(...sites[i].binders);
        if (binds.length > 0) d.binds = binds;
      }
    }
    return d.inert;
  };

  /** Adds the outermost inert defs among `defs` and their descendants to `into`. */
  const outermost = (defs: Def[], into: Def[]) => {
    for (const d of defs) {
      if (inert(d)) into.push(d);
      else outermost(d.children, into);
    }
  };
  let chosen: Def[] = [];
  outermost(roots, chosen);
  if (!chosen.some((d) => d.binds)) return chosen;

  // The bindings blanking removes change the qualified names of expressions headed by the names
  // they bind, and, through `other = name.x(...)` statements left in place, of those bound from
  // them (the sites, by head). Such a changed name matters only where a qualified name is used
  // beyond its last segment: the head of a dotted call of a name in KEEP_CALLS (its prefix is
  // checked), a bare call of a URL-conf function or of an alias that may stand for a name that
  // matters (urlpatterns and calls read the qualified last segment), and anything in a class
  // header (bases are reported qualified) or a decorator line (a route's owner). `reads` lists
  // those places.
  const byHead = new Map<string, BindSite[]>();
  for (const site of sites) {
    let list = byHead.get(site.head);
    if (!list) byHead.set(site.head, (list = []));
    list.push(site);
  }
  const reads = new Map<string, number[]>();
  const lineStartsWith = (k: number, w: string) => words[lx.lineFirst[k]] === w;
  for (let t = 0; t < lx.count; t++) {
    if (lx.kind[t] !== IDENT || !bound.has(words[t]) || isOp(t - 1, DOT)) continue;
    const k = lineOf[t];
    let read = lineStartsWith(k, 'class') || isOp(lx.lineFirst[k], AT);
    if (!read && isOp(t + 1, LPAREN)) read = URL_CALLS.has(words[t]) || aliases.has(words[t]);
    if (!read && isOp(t + 1, DOT)) {
      let r = t + 1;
      while (isOp(r, DOT) && lx.kind[r + 1] === IDENT) r += 2;
      read = isOp(r, LPAREN) && KEEP_CALLS.has(words[r - 1]);
    }
    if (!read) continue;
    let list = reads.get(words[t]);
    if (!list) reads.set(words[t], (list = []));
    list.push(lx.start[t]);
  }

  // Drop the bodies whose bindings are read outside the chosen bodies (their inert descendants take
  // their place), until nothing changes. A name is tainted when it is read outside, or when a
  // statement outside binds a tainted name from it; a body is dropped when it binds a tainted name.
  for (let round = 0; ; round++) {
    // Cascades this long are contrived: rather than spend quadratic time, blank nothing.
    if (round === MAX_ROUNDS) return [];
    const sorted = [...chosen].sort((x, y) => x.start - y.start);
    const inside = (pos: number) => {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid].end <= pos) lo = mid + 1;
        else hi = mid;
      }
      return lo < sorted.length && sorted[lo].start <= pos;
    };
    const tainted = new Set<string>();
    for (const [name, list] of reads) if (list.some((pos) => !inside(pos))) tainted.add(name);
    /** binder -> heads of the statements outside that bind it. */
    const from = new Map<string, string[]>();
    for (const site of sites) {
      if (inside(site.pos)) continue;
      for (const b of site.binders) {
        let list = from.get(b);
        if (!list) from.set(b, (list = []));
        list.push(site.head);
      }
    }
    const queue = [...tainted];
    while (queue.length > 0) {
      for (const head of from.get(queue.pop()!) ?? []) {
        if (tainted.has(head)) continue;
        tainted.add(head);
        queue.push(head);
      }
    }
    const next: Def[] = [];
    let changed = false;
    for (const d of chosen) {
      if (d.binds?.some((name) => tainted.has(name))) {
        changed = true;
        outermost(d.children, next);
      } else next.push(d);
    }
    chosen = next;
    if (!changed) return chosen;
  }
}
