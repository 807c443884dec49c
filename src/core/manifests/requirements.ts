/**
 * pip requirements files (requirements.txt, *.in), read the way pip's `req_file.py` reads them:
 * continuations, comments, options per line, then a URL, a path or a PEP 508 string. Nothing here
 * reads other files: `-r`/`-c` includes are listed and followed by `readManifests`. The steps in
 * pip's order: docs/design.md "Requirements files".
 */
import type { Dependency, DependencyKind, ManifestResult, Problem } from '../model';
import { baseName, dirName, resolvePath } from '../read/workspace';
import { normalizeName, splitLines } from '../read/text';
import { dependencyFrom, problem, quote, type Range } from './common';
import { isUrl, looksLikePath, nameFromUrl, parseMarker, parsePep508, wheelOf } from './pep508';

/** A logical line: text plus, for each joined physical piece, where it came from. */
export interface LogicalLine {
  text: string;
  /** Line number of the first physical line. */
  line: number;
  /** Pieces in order: offset in `text` where the piece starts, its physical line, its 0-based column there. */
  pieces: { offset: number; line: number; column: number }[];
}

/** Where a parsed line's dependencies and problems go. */
export interface Sink {
  file: string;
  format: Dependency['format'];
  group?: string;
  result: ManifestResult;
}

/** Parses a pip requirements file. `file` is its workspace-relative path (used to resolve includes). */
export function parseRequirements(text: string, file: string): ManifestResult {
  const result: ManifestResult = { dependencies: [], problems: [], includes: [], options: [] };
  const sink: Sink = { file, format: 'requirements', result };
  for (const logical of logicalLines(text)) parseLogicalLine(logical, sink);
  return result;
}

/**
 * How the dependencies of a requirements file are needed, judged by its path: 'dev' when a folder
 * or the file name has a word like dev, test, lint, docs or ci (requirements-dev.txt,
 * requirements/test.txt, dev-requirements.txt, docs/requirements.txt), else 'runtime'.
 */
export function requirementsKindFor(path: string): DependencyKind {
  const words = path
    .toLowerCase()
    .replace(/\.[a-z]+$/, '')
    .split(/[^a-z0-9]+/);
  const dev = /^(dev|devel|develop|development|tests?|testing|lint|linting|linters?|docs?|documentation|ci)$/;
  return words.some((w) => dev.test(w)) ? 'dev' : 'runtime';
}

/** Joins continuation lines and strips comments, as pip's `join_lines` and `ignore_comments` do. */
export function logicalLines(text: string): LogicalLine[] {
  const physical = splitLines(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const out: LogicalLine[] = [];
  let pending: LogicalLine | undefined;
  const add = (target: LogicalLine, piece: string, line: number): void => {
    target.pieces.push({ offset: target.text.length, line, column: 0 });
    target.text += piece;
  };
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i];
    const lineNo = i + 1;
    const isComment = /^\s*#/.test(raw);
    // pip needs the `\` to be the last character; trailing blanks after it are forgiven here.
    // (trimEnd and a loop rather than /\\+\s*$/, which backtracks quadratically on long runs.)
    const trimmed = raw.trimEnd();
    const continued = !isComment && trimmed.endsWith('\\');
    if (continued) {
      let end = trimmed.length;
      while (end > 0 && trimmed[end - 1] === '\\') end--;
      pending ??= { text: '', line: lineNo, pieces: [] };
      add(pending, trimmed.slice(0, end), lineNo);
      continue;
    }
    if (pending) {
      // A comment line ends the joined line (pip prefixes it with a space so it is cut off below).
      add(pending, isComment ? ` ${raw}` : raw, lineNo);
      out.push(pending);
      pending = undefined;
    } else {
      out.push({ text: raw, line: lineNo, pieces: [{ offset: 0, line: lineNo, column: 0 }] });
    }
  }
  if (pending) out.push(pending);
  for (const l of out) {
    const hash = /(^|\s)#/.exec(l.text);
    if (hash) l.text = l.text.slice(0, hash.index);
  }
  return out.filter((l) => l.text.trim() !== '');
}

/** 1-based position of an offset of a logical line on its physical line. */
function positionIn(l: LogicalLine, offset: number): { line: number; column: number } {
  let piece = l.pieces[0];
  for (const p of l.pieces) if (p.offset <= offset) piece = p;
  return { line: piece.line, column: piece.column + (offset - piece.offset) + 1 };
}

function rangeIn(l: LogicalLine, start: number, end: number): Range {
  const a = positionIn(l, start);
  // The end is the position just past the last character, on the last character's line.
  const b = positionIn(l, Math.max(start, end - 1));
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column + (end > start ? 1 : 0) };
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Splits on blanks, keeping offsets; quotes group (as shlex does for pip's options). */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  const re = /(?:"[^"]*"|'[^']*'|[^\s"']+)+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

const unquote = (s: string): string => s.replace(/"([^"]*)"|'([^']*)'/g, (_m, a: string, b: string) => a ?? b);

/** pip's requirements-file options (pip 26's req_file.py): long name, short name, whether it takes a value. */
const OPTIONS: { long: string; short?: string; value: boolean; aliases?: string[] }[] = [
  { long: '--requirement', short: '-r', value: true },
  { long: '--constraint', short: '-c', value: true },
  { long: '--editable', short: '-e', value: true },
  { long: '--index-url', short: '-i', value: true, aliases: ['--pypi-url'] },
  { long: '--extra-index-url', value: true },
  { long: '--no-index', value: false },
  { long: '--find-links', short: '-f', value: true },
  { long: '--no-binary', value: true },
  { long: '--only-binary', value: true },
  { long: '--prefer-binary', value: false },
  { long: '--require-hashes', value: false },
  { long: '--no-require-hashes', value: false },
  { long: '--pre', value: false },
  { long: '--all-releases', value: true },
  { long: '--only-final', value: true },
  { long: '--trusted-host', value: true },
  { long: '--use-feature', value: true },
  { long: '--hash', value: true },
  { long: '--config-settings', short: '-C', value: true },
];

/** Options that qualify the requirement on their line; they are not recorded. */
const REQUIREMENT_OPTIONS = new Set(['--hash', '--config-settings']);

/** What `--use-feature` takes in pip 26 (it refuses any other name), and the hashes `--hash` takes. */
const FEATURES = new Set(['fast-deps', 'inprocess-build-deps', 'venv-isolation', 'truststore', 'no-binary-enable-wheel-cache', 'build-constraint']);
const HASHES = new Set(['sha256', 'sha384', 'sha512']);

/** Where shlex (pip splits a line's options with it) would find a quote never closed; else -1. */
function unclosedQuote(text: string): number {
  let open = -1;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = '';
    } else if (c === '\\') i++;
    else if (quote === '"') {
      if (c === '"') quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
      open = i;
    }
  }
  return quote ? open : -1;
}

/** Finds an option by its spelling, allowing unambiguous prefixes of long names as optparse does. */
function findOption(name: string): (typeof OPTIONS)[number] | 'ambiguous' | undefined {
  if (!name.startsWith('--')) return OPTIONS.find((o) => o.short === name);
  const names = (o: (typeof OPTIONS)[number]): string[] => [o.long, ...(o.aliases ?? [])];
  const exact = OPTIONS.find((o) => names(o).includes(name));
  if (exact) return exact;
  const matches = OPTIONS.filter((o) => names(o).some((n) => n.startsWith(name)));
  return matches.length === 1 ? matches[0] : matches.length > 1 ? 'ambiguous' : undefined;
}

/** Handles one logical line: options, includes, editables, URLs, paths and PEP 508 requirements. */
export function parseLogicalLine(l: LogicalLine, sink: Sink): void {
  const { result, file } = sink;
  const report = (message: string, severity: Problem['severity'] = 'error'): void => {
    result.problems.push(problem(file, l.line, message, severity));
  };

  // pip's break_args_options: the requirement runs up to the first token that starts with '-'.
  const toks = tokens(l.text);
  const firstOption = toks.findIndex((t) => t.text.startsWith('-'));
  const argToks = firstOption < 0 ? toks : toks.slice(0, firstOption);
  const optToks = firstOption < 0 ? [] : toks.slice(firstOption);

  const includes: { path: string; constraint: boolean }[] = [];
  let editable: Token | undefined;
  if (optToks.length > 0 && unclosedQuote(l.text.slice(optToks[0].start)) >= 0) {
    report('a quote in the options is never closed: pip would reject this line', 'warning');
    return;
  }
  for (let i = 0; i < optToks.length; i++) {
    const tok = optToks[i];
    // Stray positional arguments (a lone '-' is one): pip's option parser ignores them.
    if (!tok.text.startsWith('-') || tok.text === '-') continue;
    let spelled: string;
    let value: string | undefined;
    let valueTok: Token | undefined;
    if (tok.text.startsWith('--')) {
      const eq = tok.text.indexOf('=');
      spelled = eq < 0 ? tok.text : tok.text.slice(0, eq);
      if (eq >= 0) {
        value = unquote(tok.text.slice(eq + 1));
        valueTok = { text: tok.text.slice(eq + 1), start: tok.start + eq + 1, end: tok.end };
      }
    } else {
      spelled = tok.text.slice(0, 2);
      if (tok.text.length > 2) {
        value = unquote(tok.text.slice(2));
        valueTok = { text: tok.text.slice(2), start: tok.start + 2, end: tok.end };
      }
    }
    const opt = findOption(spelled);
    if (opt === 'ambiguous') {
      report(`ambiguous option ${spelled} (pip would reject this line)`, 'warning');
      continue;
    }
    if (!opt) {
      report(`unknown option ${spelled}: pip would reject this line`, 'warning');
      continue;
    }
    if (opt.value && value === undefined) {
      const next = optToks[i + 1];
      if (!next) {
        report(`option ${opt.long} needs a value`, 'warning');
        continue;
      }
      value = unquote(next.text);
      valueTok = next;
      i++;
    }
    if (!opt.value && value !== undefined) {
      report(`option ${opt.long} takes no value`, 'warning');
      continue;
    }
    if (opt.long === '--use-feature' && !FEATURES.has(value ?? '')) {
      report(`--use-feature ${quote(value ?? '')} is not a feature pip knows: pip would reject this line`, 'warning');
      continue;
    }
    if (opt.long === '--hash' && !(value?.includes(':') && HASHES.has(value.split(':')[0]))) {
      report(`--hash takes sha256:, sha384: or sha512: and a digest: pip would reject this line`, 'warning');
      continue;
    }
    switch (opt.long) {
      case '--requirement':
      case '--constraint':
        includes.push({ path: value ?? '', constraint: opt.long === '--constraint' });
        break;
      case '--editable':
        editable ??= valueTok && { ...valueTok, text: value ?? '' };
        break;
      default:
        if (!REQUIREMENT_OPTIONS.has(opt.long)) {
          result.options?.push({ name: opt.long, value: value ?? '', line: l.line });
        } else if (opt.long === '--hash' && argToks.length === 0) {
          report('--hash without a requirement on its line is ignored by pip', 'warning');
        }
    }
  }

  if (argToks.length > 0) {
    if (includes.length > 0 || editable) {
      report('-r, -c and -e after a requirement on the same line are ignored by pip', 'warning');
    }
    const start = argToks[0].start;
    const end = argToks[argToks.length - 1].end;
    parseRequirementText(l, start, end, sink);
    return;
  }
  // pip follows the first -r of a line, else its first -c.
  const include = includes.find((i) => !i.constraint) ?? includes[0];
  if (include) addInclude(include.path, include.constraint, l.line, sink);
  else if (editable) parseEditable(l, editable, sink);
}

function addInclude(path: string, constraint: boolean, line: number, sink: Sink): void {
  const { result, file } = sink;
  if (isUrl(path)) {
    result.options?.push({ name: constraint ? '--constraint' : '--requirement', value: path, line });
    result.problems.push(problem(file, line, `remote include ${quote(path)} is not read`, 'info'));
    return;
  }
  const resolved = resolvePath(dirName(file), path);
  if (resolved === undefined || resolved === '') {
    result.problems.push(problem(file, line, `include ${quote(path)} points outside the workspace; not read`, 'warning'));
    return;
  }
  result.includes?.push({ file: resolved, constraint, line });
}

/** `-e <path or VCS URL>`: a dependency when the URL names its project (#egg=). */
function parseEditable(l: LogicalLine, tok: Token, sink: Sink): void {
  const value = tok.text;
  const name = nameFromUrl(value);
  if (name) pushUrlDependency(l, tok.start, tok.end, name, value, '', sink, true);
  else if (isUrl(value) && !value.toLowerCase().startsWith('file:')) {
    sink.result.problems.push(
      problem(sink.file, l.line, `editable ${quote(value)} has no #egg= name; its package cannot be told without fetching it`, 'info'),
    );
  }
  // Otherwise a local project folder: its name is in its own metadata, read as a project of its own.
}

function pushUrlDependency(
  l: LogicalLine,
  start: number,
  end: number,
  rawName: string,
  url: string,
  marker: string,
  sink: Sink,
  editable = false,
  specifier = '',
): void {
  const extras = /\[([^\]]*)\]/.exec(/[#&]egg=([^&]*)/.exec(url)?.[1] ?? '')?.[1];
  const dep: Dependency = {
    name: normalizeName(rawName),
    rawName,
    specifier,
    extras: extras ? extras.split(',').map((e) => e.trim()).filter(Boolean) : [],
    marker,
    kind: 'runtime',
    format: sink.format,
    url,
    file: sink.file,
    ...rangeIn(l, start, end),
  };
  if (sink.group !== undefined) dep.group = sink.group;
  if (editable) dep.editable = true;
  sink.result.dependencies.push(dep);
}

/** The requirement part of a line, [start, end) in the logical line. */
function parseRequirementText(l: LogicalLine, start: number, end: number, sink: Sink): void {
  const text = l.text.slice(0, end);
  const body = text.slice(start);
  const pep508Url = /^[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[[^\]]*\]\s*)?@/.test(body);
  if (!pep508Url && (isUrl(body) || looksLikePath(body.split(';')[0].trim()))) {
    // pip splits a URL's marker at "; " and a path's at ";".
    const sep = isUrl(body) ? body.indexOf('; ') : body.indexOf(';');
    const target = (sep < 0 ? body : body.slice(0, sep)).trim();
    const marker = sep < 0 ? '' : body.slice(sep + 1).trim();
    const bare = target.replace(/\[[^\]]*\]$/, '');
    const wheel = wheelOf(bare);
    if (wheel === 'invalid' || remoteFileUrl(bare)) {
      const why = wheel === 'invalid' ? 'not a valid wheel file name' : 'a file: URL on another host';
      rejectLine(sink, l, target, ` (${why})`);
      return;
    }
    const name = wheel ? wheel.name : nameFromUrl(bare);
    if (name) pushUrlDependency(l, start, start + target.length, name, target, marker, sink, false, wheel ? `==${wheel.version}` : '');
    else if (isUrl(target) && !target.toLowerCase().startsWith('file:')) {
      sink.result.problems.push(
        problem(sink.file, l.line, `cannot tell which package ${quote(target)} provides without fetching it (add #egg=name or write "name @ url")`, 'info'),
      );
    }
    // A local folder without a name: it is a project of its own, found by the project scan.
    return;
  }
  // pip cuts the marker off at the first ';' before packaging reads the rest (so a ';' ends a URL
  // there too), and drops an empty one. Both are parsed with the line's prefix blanked, so the
  // offsets they report are offsets in the logical line.
  const semi = body.indexOf(';');
  const parsed = parsePep508(' '.repeat(start) + (semi < 0 ? body : body.slice(0, semi)));
  const marker = semi < 0 ? undefined : parseMarker(' '.repeat(start + semi + 1) + body.slice(semi + 1));
  const failed = !parsed.ok ? parsed : marker && !marker.ok ? marker : undefined;
  if (failed) {
    const at = failed.offset !== undefined ? positionIn(l, Math.min(failed.offset, end)) : undefined;
    const place = at ? `${at.line === l.line ? '' : `line ${at.line}, `}column ${at.column}: ` : '';
    const where = ` (${place}${failed.error})`;
    rejectLine(sink, l, body, where);
    return;
  }
  if (!parsed.ok) return;
  const req = parsed.requirement;
  if (marker?.ok && marker.marker !== '') {
    req.marker = marker.marker;
    req.end = marker.end;
  }
  const wrong = /\](?:,|$)/.test(req.specifier)
    ? 'extras after the version'
    : req.url !== undefined && remoteFileUrl(req.url)
      ? 'a file: URL on another host'
      : undefined;
  if (wrong) {
    rejectLine(sink, l, body, ` (${wrong})`);
    return;
  }
  sink.result.dependencies.push(dependencyFrom(req, { file: sink.file, format: sink.format, kind: 'runtime', group: sink.group, ...rangeIn(l, req.start, req.end) }));
}

/** The error for a line pip would refuse; `why` is appended as written (" (reason)"). */
function rejectLine(sink: Sink, l: LogicalLine, text: string, why: string): void {
  sink.result.problems.push(problem(sink.file, l.line, `invalid requirement ${quote(text)}: pip would reject it${why}`));
}

/** A `file://host/…` URL naming another machine, which pip refuses to read. */
function remoteFileUrl(url: string): boolean {
  const host = /^file:\/\/([^/]*)/i.exec(url)?.[1];
  return host !== undefined && host !== '' && host.toLowerCase() !== 'localhost';
}

/** True when a file name reads as a requirements file even outside the usual names (used by manifestFormatOf). */
export function isRequirementsFileName(path: string): boolean {
  const base = baseName(path).toLowerCase();
  if (base.endsWith('.txt') && base.includes('requirements')) return true;
  if (base.endsWith('.txt') && baseName(dirName(path)).toLowerCase() === 'requirements') return true;
  if (base.endsWith('.in')) {
    const stem = base.slice(0, -3);
    // pip-tools inputs (requirements.in, dev.in); not autotools/templating inputs like Makefile.in or config.h.in.
    return stem !== '' && !stem.includes('.') && !['manifest', 'makefile', 'doxyfile'].includes(stem);
  }
  return false;
}
