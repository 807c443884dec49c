/**
 * The engine's one PEP 508 parser: packaging's grammar (the one pip 24+ uses), read by recursive
 * descent over sticky regular expressions, so it is linear, about a microsecond a line, and says
 * what pip says. Values reported are slices of the input, never rebuilt. Why not a library:
 * docs/design.md "PEP 508".
 */
import { clean } from '@renovatebot/pep440';
import { normalizeName } from '../read/text';

/** A parsed PEP 508 requirement. Offsets are into the string given to `parsePep508`. */
export interface Pep508 {
  /** PEP 503 normalised name. */
  name: string;
  /** The name as written. */
  rawName: string;
  extras: string[];
  /** Version specifiers joined with "," and without spaces ("" when none). */
  specifier: string;
  /** The marker as written, without the ';' ("" when none). */
  marker: string;
  /** The URL of a `name @ url` requirement. */
  url?: string;
  /** Offset of the name. */
  start: number;
  /** Offset just past the requirement (its specifier, URL or marker). */
  end: number;
}

/** The outcome of `parsePep508`: the requirement, or why pip would reject the string. */
export type Pep508Result =
  | { ok: true; requirement: Pep508 }
  | { ok: false; error: string; /** 0-based offset of the error in the input, when known. */ offset?: number };

/** No real requirement comes near these; they bound the recursion and one line's cost. */
export const MAX_REQUIREMENT_LENGTH = 16_384;
export const MAX_MARKER_NESTING = 32;

// The tokens of packaging's grammar (packaging/_tokenizer.py), all sticky: matched where the reader is.
const WS = /[ \t]+/y;
const IDENTIFIER = /\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b/y;
const QUOTED_STRING = /'[^']*'|"[^"]*"/y;
const OP = /===|==|~=|!=|<=|>=|<|>/y;
const BOOLOP = /\b(?:or|and)\b/y;
const IN = /\bin\b/y;
const NOT = /\bnot\b/y;
/** Marker variables, with the old dotted names pip and packaging still accept (`os.name`). */
const VARIABLE =
  /\b(?:python_version|python_full_version|os[._]name|sys[._]platform|platform_(?:release|system)|platform[._](?:version|machine|python_implementation)|python_implementation|implementation_(?:name|version)|extras?|dependency_groups)\b/y;
const URL = /[^ \t]+/y;

// A version specifier (PEP 440), as packaging's Specifier reads it: `.*` and a local label only
// after == and !=, two release parts after ~=, anything but blanks, ';' and ')' after ===.
const RELEASE = 'v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*';
const PRE = '(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?';
const POST = '(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?';
const DEV = '(?:[-_.]?dev[-_.]?[0-9]*)?';
const LOCAL = '(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?';
const SPECIFIER = new RegExp(
  [
    '===\\s*[^\\s;)]*',
    `(?:==|!=)\\s*${RELEASE}(?:\\.\\*|${PRE}${POST}${DEV}${LOCAL})`,
    `~=\\s*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+${PRE}${POST}${DEV}`,
    `(?:<=|>=|<|>)\\s*${RELEASE}${PRE}${POST}${DEV}`,
  ].join('|'),
  'iy',
);
/** One specifier, whole: what each ','-separated piece of a `===` token must be. */
const WHOLE_SPECIFIER = new RegExp(`^\\s*(?:${SPECIFIER.source})\\s*$`, 'i');
const PREFIX_TRAIL = /\.\*/y;
const LOCAL_TRAIL = /\+[a-z0-9]+(?:[-_.][a-z0-9]+)*/y;

/** Why the text is not a requirement, and where. */
class Rejected {
  constructor(
    readonly error: string,
    readonly offset: number,
  ) {}
}

/**
 * A cursor over the text; each token is tried where it stands (sticky), never searched for.
 * Tokens are matched in `text` and given back as written in `source` (the same length: see ENV_VAR).
 */
class Reader {
  pos = 0;
  constructor(
    readonly text: string,
    readonly source = text,
  ) {}

  /** The length of the token at the cursor, or -1. */
  peek(re: RegExp): number {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    return m ? m[0].length : -1;
  }

  /** Reads the token at the cursor when it is there. */
  take(re: RegExp): string | undefined {
    const n = this.peek(re);
    if (n < 0) return undefined;
    this.pos += n;
    return this.source.slice(this.pos - n, this.pos);
  }

  char(c: string): boolean {
    if (this.text[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  blanks(): void {
    this.take(WS);
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  expect(re: RegExp, what: string): string {
    const t = this.take(re);
    if (t === undefined) this.fail(`expected ${what}`);
    return t;
  }

  fail(message: string, at = this.pos): never {
    const found = at >= this.text.length ? 'unexpected end of text' : `unexpected ${JSON.stringify(this.source[at])}`;
    throw new Rejected(`${found} (${message})`, at);
  }
}

/** Parses one PEP 508 requirement string (a trailing ` # comment` is allowed). Never throws. */
export function parsePep508(text: string): Pep508Result {
  return (text.length <= MAX_REQUIREMENT_LENGTH ? parseSimple(text) : undefined) ?? parseFull(text);
}

/** The whole grammar, without the shortcut for the simple shape (the tests compare the two). */
export function parseFull(text: string): Pep508Result {
  const refused = outOfBounds(text);
  if (refused) return { ok: false, error: refused };
  // A comment after a blank ends the requirement (requirements files strip it before; setup.cfg does not).
  const hash = /[ \t]#/.exec(text);
  const body = hash ? text.slice(0, hash.index) : text;
  const first = read(new Reader(body));
  if (first.ok || !body.includes('${')) return first;
  // pip fills `${VAR}` in from the environment: read it as a version-like filler of its length,
  // and say so where it stands for the name (a name is never guessed).
  const masked = read(new Reader(body.replace(ENV_VAR, (m) => '0'.repeat(m.length)), body));
  if (masked.ok && masked.requirement.rawName.includes('$')) {
    return { ok: false, error: 'the name is an environment variable pip fills in; not read', offset: masked.requirement.start };
  }
  return masked.ok ? masked : first;
}

/** `${NAME}` references, which pip expands in requirements files (upper case, digits, '_'). */
const ENV_VAR = /\$\{[A-Z0-9_]+\}/g;

/**
 * The commonest shape, `name[extra,extra]>=1.0,<2` (release numbers only; no blank, marker or
 * URL), read by one regex: a strict subset of the grammar, read to the letter (a unit test checks
 * it against the full reader on generated lines); the slowest hostile manifest (100,000 such
 * lines, parsed alone in the bench) went from 538 to 279 ms with it.
 */
const SIMPLE = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(?:\[([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:,[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)*)\])?((?:(?:==|!=|<=|>=|<|>)[0-9]+(?:\.[0-9]+)*|~=[0-9]+(?:\.[0-9]+)+)(?:,(?:(?:==|!=|<=|>=|<|>)[0-9]+(?:\.[0-9]+)*|~=[0-9]+(?:\.[0-9]+)+))*)?$/;

/** `text` read as the simple shape (SIMPLE), or undefined when it has another shape. */
export function parseSimple(text: string): Pep508Result | undefined {
  const m = SIMPLE.exec(text);
  if (!m) return undefined;
  const extras = m[2] ? m[2].split(',') : [];
  return { ok: true, requirement: { name: normalizeName(m[1]), rawName: m[1], extras, specifier: m[3] ?? '', marker: '', start: 0, end: text.length } };
}

/** A marker on its own (pip cuts it off a requirements-file line at the first ';'); "" is none. */
export function parseMarker(text: string): { ok: true; marker: string; start: number; end: number } | { ok: false; error: string; offset: number } {
  const refused = outOfBounds(text);
  if (refused) return { ok: false, error: refused, offset: 0 };
  const r = new Reader(text);
  return attempt(() => {
    r.blanks();
    const start = r.pos;
    if (r.atEnd()) return { ok: true, marker: '', start, end: start };
    markerExpression(r);
    const end = lastNonBlank(text, r.pos);
    if (!r.atEnd()) r.fail('the end of the marker');
    return { ok: true, marker: text.slice(start, end), start, end };
  });
}

function read(r: Reader): Pep508Result {
  return attempt(() => ({ ok: true, requirement: requirement(r) }));
}

/** Why the text is not handed to the reader at all (too long, nested too deep), or undefined. */
function outOfBounds(text: string): string | undefined {
  if (text.length > MAX_REQUIREMENT_LENGTH) return `longer than ${MAX_REQUIREMENT_LENGTH} characters; not parsed`;
  if (nesting(text) > MAX_MARKER_NESTING) return `parentheses nested more than ${MAX_MARKER_NESTING} levels deep; not parsed`;
  return undefined;
}

/** Runs a read; a rejection becomes its result (the reader throws only Rejected). */
function attempt<T>(fn: () => T): T | { ok: false; error: string; offset: number } {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Rejected) return { ok: false, error: e.error, offset: e.offset };
    throw e;
  }
}

function requirement(r: Reader): Pep508 {
  r.blanks();
  const start = r.pos;
  if (r.atEnd()) r.fail('a package name');
  const rawName = r.expect(IDENTIFIER, 'a package name');
  const req: Pep508 = { name: normalizeName(rawName), rawName, extras: [], specifier: '', marker: '', start, end: r.pos };
  r.blanks();
  if (r.text[r.pos] === '[') {
    req.extras = extrasList(r);
    req.end = r.pos;
  }
  r.blanks();
  if (r.char('@')) {
    r.blanks();
    const urlStart = r.pos;
    req.url = r.expect(URL, 'a URL after @');
    req.end = r.pos;
    r.blanks(); // the URL runs to a blank: a blank or the end follows it
    if (r.atEnd()) return req;
    marker(r, req, urlStart, 'the URL and a blank');
  } else {
    const specStart = r.pos;
    req.specifier = specifier(r);
    if (r.pos > specStart) req.end = lastNonBlank(r.text, r.pos);
    r.blanks();
    if (r.atEnd()) return req;
    marker(r, req, specStart, req.specifier ? 'the version specifier' : 'the name');
  }
  if (!r.atEnd()) r.fail('the end of the requirement');
  return req;
}

/** Offset just past the last non-blank character before `pos`. */
function lastNonBlank(text: string, pos: number): number {
  let end = pos;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end;
}

function extrasList(r: Reader): string[] {
  if (!r.char('[')) return [];
  const extras: string[] = [];
  r.blanks();
  const first = r.take(IDENTIFIER);
  if (first !== undefined) {
    extras.push(first);
    for (;;) {
      r.blanks();
      if (r.peek(IDENTIFIER) >= 0) r.fail('a comma between extra names');
      if (!r.char(',')) break;
      r.blanks();
      extras.push(r.expect(IDENTIFIER, 'an extra name after the comma'));
    }
  }
  r.blanks();
  if (!r.char(']')) r.fail("']' to close the extras");
  return extras;
}

/** Version specifiers, in parentheses or not, returned joined by ',' without blanks. */
function specifier(r: Reader): string {
  const open = r.pos;
  const parens = r.char('(');
  r.blanks();
  const parts: string[] = [];
  for (;;) {
    const spec = r.take(SPECIFIER);
    if (spec === undefined) {
      // An operator with no version PEP 440 takes ('foo==', 'foo~=1'): point at the version.
      const op = r.peek(OP);
      if (op > 0) {
        const spelled = r.source.slice(r.pos, r.pos + op);
        r.fail(`a version after ${spelled}${spelled === '~=' ? ' with at least two parts, as in ~=1.4' : ''}`, r.pos + op);
      }
      break;
    }
    // `===` takes commas into its version; packaging then splits the set at them (`===x,y`).
    const pieces = spec.split(',');
    const bad = pieces.findIndex((p, i) => i > 0 && p.trim() !== '' && !WHOLE_SPECIFIER.test(p));
    if (bad > 0) r.fail(`a valid version specifier, not ${JSON.stringify(pieces[bad].trim())}`, r.pos - spec.length + pieces.slice(0, bad).join(',').length + 1);
    parts.push(spec.replace(/\s+/g, ''));
    if (r.peek(PREFIX_TRAIL) >= 0) r.fail('.* only after == or !=');
    if (r.peek(LOCAL_TRAIL) >= 0) r.fail('a local version label only after == or !=');
    r.blanks();
    if (!r.char(',')) break;
    r.blanks();
  }
  r.blanks();
  if (parens && !r.char(')')) r.fail(`')' to close the '(' at column ${open + 1}`);
  return parts.join(',');
}

/** `; marker` after the name, specifier or URL; sets req.marker and req.end. */
function marker(r: Reader, req: Pep508, since: number, after: string): void {
  if (!r.char(';')) r.fail(`';' or the end of the requirement after ${after}`, r.pos > since ? r.pos : since);
  r.blanks();
  const markerStart = r.pos;
  markerExpression(r);
  req.end = lastNonBlank(r.text, r.pos);
  req.marker = r.source.slice(markerStart, req.end);
  r.blanks();
}

/** marker = atom (('and' | 'or') atom)*; iterative along the chain, recursive only into parentheses. */
function markerExpression(r: Reader): void {
  markerAtom(r);
  while (r.take(BOOLOP) !== undefined) markerAtom(r);
}

/** A comparison or a parenthesised expression (nesting is bounded before parsing starts). */
function markerAtom(r: Reader): void {
  r.blanks();
  if (r.char('(')) {
    r.blanks();
    markerExpression(r);
    r.blanks();
    if (!r.char(')')) r.fail("')' to close the marker expression");
  } else {
    markerValue(r);
    r.blanks();
    markerOperator(r);
    r.blanks();
    markerValue(r);
  }
  r.blanks();
}

function markerValue(r: Reader): void {
  if (r.take(VARIABLE) !== undefined) return;
  const start = r.pos;
  const quoted = r.take(QUOTED_STRING);
  if (quoted === undefined) r.fail('a marker variable or a quoted string');
  const bad = badEscape(quoted);
  if (bad >= 0) r.fail('a valid Python string: packaging reads the value as a Python literal', start + bad);
}

/**
 * Where a quoted marker value stops being a valid Python string literal (packaging evaluates it):
 * a `\` escaping the closing quote, a short `\x`/`\u`/`\U` escape, `\N` without `{name}`; else -1.
 * (The names inside `\N{…}` are not checked: that would need Unicode's name table.)
 */
function badEscape(quoted: string): number {
  const hex = (at: number, n: number): boolean => /^[0-9a-fA-F]+$/.test(quoted.slice(at, at + n)) && at + n < quoted.length;
  for (let i = quoted.indexOf('\\'); i >= 0 && i < quoted.length - 1; i = quoted.indexOf('\\', i + 2)) {
    const c = quoted[i + 1];
    if (i + 1 === quoted.length - 1) return i; // escapes the closing quote
    if (c === 'x' && !hex(i + 2, 2)) return i;
    if (c === 'u' && !hex(i + 2, 4)) return i;
    if (c === 'U' && !(hex(i + 2, 8) && parseInt(quoted.slice(i + 2, i + 10), 16) <= 0x10ffff)) return i;
    if (c === 'N' && !/^\{[^}]+\}/.test(quoted.slice(i + 2, quoted.length - 1))) return i;
  }
  return -1;
}

function markerOperator(r: Reader): void {
  if (r.take(IN) !== undefined) return;
  if (r.take(NOT) !== undefined) {
    r.expect(WS, "a blank after 'not'");
    r.expect(IN, "'in' after 'not'");
    return;
  }
  r.expect(OP, 'a marker operator: <, <=, ==, !=, >=, >, ~=, ===, in, not in');
}

/** The deepest nesting of parentheses in the text. */
function nesting(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) max = Math.max(max, ++depth);
    else if (c === 41 && depth > 0) depth--;
  }
  return max;
}

const VCS_SCHEME = /^(git|hg|svn|bzr)(\+[a-z0-9.+-]+)?$/;

/** True for what pip treats as a URL: http(s), file, ftp and VCS schemes (`git+https:` …). */
export function isUrl(text: string): boolean {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text);
  if (!m) return false;
  const scheme = m[1].toLowerCase();
  return ['http', 'https', 'file', 'ftp'].includes(scheme) || VCS_SCHEME.test(scheme);
}

const ARCHIVE = /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar\.lz|tlz|tar\.lzma|tar)$/i;

/** True for what pip treats as a local path or archive rather than a requirement (pip's `_looks_like_path`). */
export function looksLikePath(text: string): boolean {
  return text.startsWith('.') || text.includes('/') || text.includes('\\') || ARCHIVE.test(text);
}

/** decodeURIComponent that keeps a malformed escape ("%", "%zz") as written instead of throwing. */
function decodeUri(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The project name a URL or path names, without downloading it: the `#egg=` fragment, else a wheel
 * file name (`Django-4.2-py3-none-any.whl`), else an sdist file name (`Django-4.2.tar.gz`).
 */
export function nameFromUrl(url: string): string | undefined {
  const egg = /[#&]egg=([^&\s]+)/.exec(url);
  if (egg) {
    const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(decodeUri(egg[1]));
    return name ? name[0] : undefined;
  }
  const path = url.split(/[?#]/)[0];
  const file = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const wheel = /^([A-Za-z0-9][A-Za-z0-9._]*)-[^-]+(-[^-]+)?-[^-]+-[^-]+-[^-]+\.whl$/i.exec(file);
  if (wheel) return wheel[1];
  const sdist = /^([A-Za-z0-9][A-Za-z0-9._-]*?)-(\d[^-]*)\.(zip|tar\.gz|tgz|tar\.bz2|tar\.xz|tar)$/i.exec(file);
  return sdist ? sdist[1] : undefined;
}

/**
 * A wheel's project and version as pip reads its file name (packaging's parse_wheel_filename; pip
 * installs `name==version` from it), 'invalid' when pip would refuse the name, undefined when the
 * URL or path is not a wheel.
 */
export function wheelOf(url: string): { name: string; version: string } | 'invalid' | undefined {
  const path = url.split(/[?#]/)[0];
  const file = decodeUri(path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1));
  if (!file.endsWith('.whl')) return undefined;
  // name-version(-build)?-python-abi-platform: four or five dashes, a PEP 440 version.
  const parts = file.slice(0, -4).split('-');
  if (parts.length !== 5 && parts.length !== 6) return 'invalid';
  const [name, version] = parts;
  if (name === '' || name.includes('__') || !/^[\p{L}\p{N}_.]+$/u.test(name)) return 'invalid';
  const normal = clean(version);
  if (!normal || (parts.length === 6 && !/^\d/.test(parts[2]))) return 'invalid';
  return { name: normalizeName(name), version: normal };
}

/** Removes all whitespace from a version specifier (">= 4.2, < 5" -> ">=4.2,<5"). */
export function compactSpecifier(spec: string): string {
  return spec.replace(/\s+/g, '');
}
