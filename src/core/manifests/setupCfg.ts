/**
 * setup.cfg (setuptools declarative config): `[options] install_requires` (runtime),
 * `setup_requires` (build), `tests_require` (dev) and `[options.extras_require]` (optional, group =
 * extra). A value may be `file: requirements.txt, …`, reported in `includes` and read as a
 * requirements file. Values are split the way setuptools does: one requirement a line when the
 * value spans lines, else on ';'.
 */
import type { DependencyKind, ManifestResult } from '../model';
import { dirName, resolvePath } from '../read/workspace';
import { splitLines } from '../read/text';
import { dependencyFrom, problem, quote } from './common';
import { parsePep508 } from './pep508';

/** One physical line of an INI value: its stripped text and where that text starts. */
export interface IniLine {
  text: string;
  line: number;
  /** 0-based column of `text` on its line. */
  column: number;
}

/** An option: its key, the line of the key, and its value lines (the first is the text after the delimiter). */
export interface IniOption {
  key: string;
  line: number;
  lines: IniLine[];
}

/** A section and its options (case-sensitive keys, as setuptools reads them). */
export interface IniSection {
  name: string;
  line: number;
  options: Map<string, IniOption>;
}

/**
 * A reader for the INI dialect of Python's configparser, as setuptools configures it: sections
 * `[name]`, `key = value` or `key: value`, values continued on lines indented deeper than their
 * key (blank lines inside a value kept), whole-line comments starting with `#` or `;` (also inside
 * values), no inline comments, keys case-sensitive.
 *
 * Written here rather than taken from npm: the common INI packages (`ini`, `js-ini`) read one
 * `key=value` a line and know no indented continuation lines, which is exactly how install_requires
 * is written, and none reports the line of each value line, which the dependency positions need.
 */
export function readIni(text: string): { sections: Map<string, IniSection>; problems: { line: number; message: string }[] } {
  const sections = new Map<string, IniSection>();
  const problems: { line: number; message: string }[] = [];
  let section: IniSection | undefined;
  let option: IniOption | undefined;
  let indent = 0;
  const lines = splitLines(text.startsWith('\uFEFF') ? text.slice(1) : text);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const stripped = raw.trim();
    if (stripped.startsWith('#') || stripped.startsWith(';')) return;
    if (stripped === '') {
      if (option) option.lines.push({ text: '', line: lineNo, column: 0 });
      return;
    }
    const lineIndent = raw.length - raw.trimStart().length;
    const column = lineIndent;
    if (option && lineIndent > indent) {
      option.lines.push({ text: stripped, line: lineNo, column });
      return;
    }
    indent = lineIndent;
    option = undefined;
    const header = /^\[(.+)\]/.exec(stripped);
    if (header) {
      const name = header[1];
      const existing = sections.get(name);
      if (existing) {
        problems.push({ line: lineNo, message: `section [${name}] appears twice (configparser rejects this)` });
        section = existing;
      } else {
        section = { name, line: lineNo, options: new Map() };
        sections.set(name, section);
      }
      return;
    }
    if (!section) {
      problems.push({ line: lineNo, message: 'text before the first [section] header (configparser rejects this)' });
      return;
    }
    // The key runs to the first delimiter. (indexOf and trims rather than /^(.*?)\s*[=:]\s*(.*)$/,
    // which backtracks quadratically on a long line of blanks without a delimiter.)
    const delimiter = stripped.search(/[=:]/);
    const key = delimiter < 0 ? '' : stripped.slice(0, delimiter).trimEnd();
    if (key === '') {
      problems.push({ line: lineNo, message: `line ${quote(stripped)} is neither "key = value" nor a continuation` });
      return;
    }
    const value = stripped.slice(delimiter + 1).trimStart();
    if (section.options.has(key)) {
      problems.push({ line: lineNo, message: `option ${key} appears twice in [${section.name}] (configparser rejects this)` });
    }
    const valueColumn = column + stripped.length - value.length;
    option = { key, line: lineNo, lines: [{ text: value, line: lineNo, column: valueColumn }] };
    section.options.set(key, option);
  });
  return { sections, problems };
}

/** Parses setup.cfg. */
export function parseSetupCfg(text: string, file: string): ManifestResult {
  const result: ManifestResult = { dependencies: [], problems: [], includes: [] };
  const ini = readIni(text);
  for (const p of ini.problems) result.problems.push(problem(file, p.line, p.message, 'warning'));

  const options = ini.sections.get('options');
  const get = (s: IniSection | undefined, key: string): IniOption | undefined =>
    s?.options.get(key) ?? s?.options.get(key.replace(/_/g, '-'));
  const lists: [string, DependencyKind, string | undefined][] = [
    ['install_requires', 'runtime', undefined],
    ['setup_requires', 'build', undefined],
    ['tests_require', 'dev', 'tests_require'],
  ];
  for (const [key, kind, group] of lists) {
    const opt = get(options, key);
    if (opt) requirementList(opt, file, kind, group, result);
  }
  const extras = ini.sections.get('options.extras_require');
  for (const opt of extras?.options.values() ?? []) requirementList(opt, file, 'optional', opt.key, result);
  return result;
}

/** A requirements value as setuptools' `_parse_requirements_list` reads it. */
function requirementList(opt: IniOption, file: string, kind: DependencyKind, group: string | undefined, result: ManifestResult): void {
  const lines = [...opt.lines];
  while (lines.length > 1 && lines[lines.length - 1].text === '') lines.pop();

  const whole = lines.map((l) => l.text).join('\n').trim();
  if (whole.startsWith('file:')) {
    for (const path of whole.slice('file:'.length).split(',').map((p) => p.trim()).filter(Boolean)) {
      const resolved = resolvePath(dirName(file), path);
      if (resolved === undefined || resolved === '') {
        result.problems.push(problem(file, opt.line, `${opt.key}: ${quote(path)} points outside the workspace; not read`, 'warning'));
      } else {
        result.includes?.push({ file: resolved, constraint: false, line: opt.line });
      }
    }
    return;
  }

  // Multi-line values hold one requirement a line; a one-line value is split on ';'.
  const chunks: IniLine[] = [];
  if (lines.length > 1) chunks.push(...lines);
  else {
    const only = lines[0];
    let offset = 0;
    for (const part of only.text.split(';')) {
      const lead = part.length - part.trimStart().length;
      chunks.push({ text: part.trim(), line: only.line, column: only.column + offset + lead });
      offset += part.length + 1;
    }
  }
  for (const chunk of chunks) {
    if (chunk.text === '' || chunk.text.startsWith('#')) continue;
    const parsed = parsePep508(chunk.text);
    if (!parsed.ok) {
      result.problems.push(problem(file, chunk.line, `${opt.key}: invalid requirement ${quote(chunk.text)}: ${parsed.error}`));
      continue;
    }
    const req = parsed.requirement;
    result.dependencies.push(
      dependencyFrom(req, {
        file,
        format: 'setup.cfg',
        kind,
        group,
        line: chunk.line,
        column: chunk.column + req.start + 1,
        endLine: chunk.line,
        endColumn: chunk.column + req.end + 1,
      }),
    );
  }
}
