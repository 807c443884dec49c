/**
 * Small helpers shared by the manifest parsers: offset-to-position conversion, the Dependency
 * builder and Problem constructors. Kept here so each parser file reads as "what the format says".
 */
import type { Dependency, DependencyKind, ManifestFormat, ManifestResult, Problem } from '../model';
import { lastAtOrBefore, lineStarts } from '../read/text';
import type { Pep508 } from './pep508';

/** A 1-based range, end exclusive (the column just past the last character), as VS Code uses. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Converts string offsets (UTF-16 code units) to 1-based line/column in O(log n), with the same
 * line breaks as `splitLines` (\n, \r\n or a lone \r).
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(text: string) {
    this.starts = lineStarts(text);
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const lo = lastAtOrBefore(this.starts, offset);
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }

  /** The range covering [start, end). */
  range(start: number, end: number): Range {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}

/** Builds a Dependency from a parsed PEP 508 requirement and where it sits. */
export function dependencyFrom(
  req: Pep508,
  where: { file: string; format: ManifestFormat; kind: DependencyKind; group?: string } & Range,
  extra: { editable?: boolean } = {},
): Dependency {
  const dep: Dependency = {
    name: req.name,
    rawName: req.rawName,
    specifier: req.specifier,
    extras: req.extras,
    marker: req.marker,
    kind: where.kind,
    format: where.format,
    file: where.file,
    line: where.line,
    column: where.column,
    endLine: where.endLine,
    endColumn: where.endColumn,
  };
  if (where.group !== undefined) dep.group = where.group;
  if (req.url !== undefined) dep.url = req.url;
  if (extra.editable) dep.editable = true;
  return dep;
}

/** A Problem at a line of a file. */
export function problem(
  file: string,
  line: number | null,
  message: string,
  severity: Problem['severity'] = 'error',
): Problem {
  return { file, line, message, severity };
}

/** Marks a result whose file could not be parsed at all (malformed TOML or YAML). */
export function markUnreadable(result: ManifestResult): void {
  result.unreadable = true;
}

/** True when the file behind a result could not be parsed at all; it then says nothing about a project. */
export function isUnreadable(result: ManifestResult): boolean {
  return result.unreadable === true;
}


/** Quotes a value for a message, shortened so that one bad line cannot flood the problem list. */
export function quote(text: string, max = 80): string {
  const t = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return JSON.stringify(t);
}
