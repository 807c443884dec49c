/**
 * The engine's one PEP 508 parser, over pip-requirements-js, with the gaps of its 1.0.3 release
 * worked around (`${VAR}`, `===`, `name @ url ; marker`, a glued `#`) so we accept what pip accepts.
 * Values reported are slices of the input, never rebuilt. The gaps: docs/design.md.
 */
import { parsePipRequirementsLine, type RequirementWithLocation } from 'pip-requirements-js';
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

const ENV_VAR = /\$\{[A-Z0-9_]+\}/g;

/**
 * Bounds on what is handed to the grammar, whose parser recurses per nesting level and memoises per
 * character: no real requirement comes near them, and a hostile one cannot exhaust the stack or
 * make one line cost seconds.
 */
export const MAX_REQUIREMENT_LENGTH = 16_384;
export const MAX_MARKER_NESTING = 32;

/**
 * Results by input text. The grammar is an interpreted PEG (about 1 ms a line), and the same lines
 * come back on every re-assessment of a workspace (live updates, a warm scan after a restart of
 * the session): a parse is a pure function of the text, so it is kept, up to a bound.
 */
const memo = new Map<string, Pep508Result>();
const MEMO_ENTRIES = 20_000;

/** Forgets every remembered parse (the benchmark measures cold runs without them). */
export function forgetParsedRequirements(): void {
  memo.clear();
}

/** Parses one PEP 508 requirement string (a trailing `# comment` is allowed). Never throws. */
export function parsePep508(text: string): Pep508Result {
  const known = memo.get(text);
  if (known) return copy(known);
  // The plain shape is read by one regex: cheaper than remembering it (100,000 lines stay linear).
  const simple = text.length <= MAX_REQUIREMENT_LENGTH ? parseSimple(text) : undefined;
  if (simple) return simple;
  const result = parseUncached(text);
  // Full: new lines are parsed, not remembered (clearing would make a long file thrash it).
  if (memo.size < MEMO_ENTRIES) memo.set(text, result);
  return copy(result);
}

/** A copy: callers own what they get (the fields are strings and numbers, and one array). */
function copy(r: Pep508Result): Pep508Result {
  return r.ok ? { ok: true, requirement: { ...r.requirement, extras: [...r.requirement.extras] } } : { ...r };
}

function parseUncached(text: string): Pep508Result {
  if (text.length > MAX_REQUIREMENT_LENGTH) {
    return { ok: false, error: `longer than ${MAX_REQUIREMENT_LENGTH} characters; not parsed` };
  }
  if (nesting(text) > MAX_MARKER_NESTING) {
    return { ok: false, error: `parentheses nested more than ${MAX_MARKER_NESTING} levels deep; not parsed` };
  }
  const simple = parseSimple(text);
  if (simple) return simple;
  const masked = text.replace(ENV_VAR, (m) => 'x'.repeat(m.length));
  const first = tryParse(masked);
  if (first.ok) return build(text, first.value);

  if (masked.includes('===')) {
    const retry = tryParse(masked.replace(/===/g, '== '));
    if (retry.ok) return build(text, retry.value);
  }

  // `name [extras] @ url ; marker`: blank out "@ url" to parse name and marker, check the URL apart.
  // (Written so that no two quantifiers compete for the same blanks: linear on any input.)
  const urlMarker = /^(\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[[^\]]*\]\s*)?)@(\s*)(\S+)\s+;/.exec(masked);
  if (urlMarker) {
    const urlStart = urlMarker[1].length + 1 + urlMarker[2].length;
    const urlEnd = urlStart + urlMarker[3].length;
    const head = tryParse(masked.slice(0, urlEnd));
    if (!head.ok) return head.error;
    const blanked = masked.slice(0, urlMarker[1].length) + ' '.repeat(urlEnd - urlMarker[1].length) + masked.slice(urlEnd);
    const rest = tryParse(blanked);
    if (rest.ok && rest.value.data.type === 'ProjectName') {
      const req = build(text, rest.value);
      if (req.ok) req.requirement.url = text.slice(urlStart, urlEnd);
      return req;
    }
  }
  return first.error;
}

/**
 * The commonest shape of a requirement, `name[extra,extra]>=1.0,<2` with no blank, marker, URL or
 * comment, read without the grammar. The grammar is an interpreted PEG that costs 0.2-1 ms a line
 * (a cold scan of a small project spent a fifth of its time there); this shape is a strict subset
 * of PEP 508 whose reading is the grammar's to the letter, which a unit test checks against the
 * grammar on generated lines and on every requirement line of the fixtures. Anything else (a blank,
 * `===`, a marker, an `@`) goes to the grammar.
 */
const SIMPLE = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(?:\[([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:,[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)*)\])?((?:~=|==|!=|<=|>=|<|>)[A-Za-z0-9._*+!-]+(?:,(?:~=|==|!=|<=|>=|<|>)[A-Za-z0-9._*+!-]+)*)?$/;

/** `text` read as the simple shape (SIMPLE), or undefined when it has another shape. */
export function parseSimple(text: string): Pep508Result | undefined {
  const m = SIMPLE.exec(text);
  if (!m) return undefined;
  return {
    ok: true,
    requirement: {
      name: normalizeName(m[1]),
      rawName: m[1],
      extras: m[2] ? m[2].split(',') : [],
      specifier: m[3] ?? '',
      marker: '',
      start: 0,
      end: text.length,
    },
  };
}

/** The grammar's reading of `text` alone (no simple shape, no work-arounds): for the tests. */
export function parseWithGrammar(text: string): Pep508Result {
  const parsed = tryParse(text);
  return parsed.ok ? build(text, parsed.value) : parsed.error;
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

type Parsed = { ok: true; value: RequirementWithLocation } | { ok: false; error: Extract<Pep508Result, { ok: false }> };

function tryParse(text: string): Parsed {
  let value: RequirementWithLocation | null;
  try {
    value = parsePipRequirementsLine(text, { includeLocations: true });
  } catch (e) {
    return { ok: false, error: describeError(e, text) };
  }
  if (!value) return { ok: false, error: { ok: false, error: 'empty requirement' } };
  if (value.data.type === 'RequirementsFile' || value.data.type === 'ConstraintsFile') {
    return { ok: false, error: { ok: false, error: 'a -r/-c include is not a requirement', offset: 0 } };
  }
  return { ok: true, value };
}

/** Turns the grammar's message ("… Line 1, col 6: expected …") into a short reason and an offset. */
function describeError(e: unknown, text: string): Extract<Pep508Result, { ok: false }> {
  const message = e instanceof Error ? e.message : String(e);
  const m = /Line \d+, col (\d+): (.*)/s.exec(message);
  if (!m) return { ok: false, error: message };
  const offset = Number(m[1]) - 1;
  const found = offset >= text.length ? 'unexpected end of text' : `unexpected ${JSON.stringify(text[offset])}`;
  const expected = m[2].split('\n')[0].trim();
  // The grammar lists every character class it would take; only short lists help a reader.
  return { ok: false, error: expected.length <= 40 ? `${found} (${expected})` : found, offset };
}

function build(text: string, parsed: RequirementWithLocation): Pep508Result {
  const data = parsed.data;
  if (data.type !== 'ProjectName' && data.type !== 'ProjectURL') {
    return { ok: false, error: 'not a requirement' };
  }
  // The grammar takes "#" as a comment anywhere; pip and packaging only after whitespace.
  const end = parsed.location.endIdx;
  if (text[end] === '#') return { ok: false, error: 'unexpected "#" (a comment needs a space before it)', offset: end };
  const slice = (loc: { startIdx: number; endIdx: number }): string => text.slice(loc.startIdx, loc.endIdx);
  const rawName = slice(data.name.location);
  const req: Pep508 = {
    name: normalizeName(rawName),
    rawName,
    extras: (data.extras ?? []).map((e) => slice(e.location)),
    specifier:
      data.type === 'ProjectName'
        ? (data.versionSpec ?? []).map((v) => compactSpecifier(slice(v.location))).join(',')
        : '',
    marker: data.environmentMarkerTree ? slice(data.environmentMarkerTree.location).trim() : '',
    start: parsed.location.startIdx,
    end: parsed.location.endIdx,
  };
  if (data.type === 'ProjectURL') req.url = slice(data.url.location);
  return { ok: true, requirement: req };
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

/** Removes all whitespace from a version specifier (">= 4.2, < 5" -> ">=4.2,<5"). */
export function compactSpecifier(spec: string): string {
  return spec.replace(/\s+/g, '');
}
