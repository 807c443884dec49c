/**
 * Turning file bytes into text safely: binary files are recognised, UTF-8 is decoded strictly,
 * anything else falls back to Latin-1 with a warning, and a BOM is dropped. A UTF-16 BOM decodes
 * the file as UTF-16, as pip reads a requirements file (its NUL bytes are not binary then).
 */

/** The outcome of decoding a file. */
export type Decoded =
  | { ok: true; text: string; warning?: string }
  | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const latin1 = new TextDecoder('latin1');
const utf16le = new TextDecoder('utf-16le', { fatal: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true });

/** Decodes file bytes to text; a NUL byte in the first 8 KiB marks the file as binary. */
export function decodeText(bytes: Uint8Array): Decoded {
  // FF FE 00 00 is UTF-32's BOM (binary here); FF FE and FE FF are UTF-16's.
  const le = bytes[0] === 0xff && bytes[1] === 0xfe && !(bytes[2] === 0 && bytes[3] === 0);
  if (le || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    try {
      return { ok: true, text: (le ? utf16le : utf16be).decode(bytes.subarray(2)) };
    } catch {
      return { ok: false, reason: 'not valid UTF-16 after its byte-order mark; skipped' };
    }
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes); skipped' };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: true, text: latin1.decode(bytes), warning: 'not valid UTF-8; read as Latin-1' };
  }
}

/** Splits text into lines on \n, \r\n or a lone \r (as Python's universal newlines do). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Where each line of `text` starts (UTF-16 offsets), lines ending at \n, \r\n or a lone \r as
 * `splitLines` cuts them. Without a \r in the text, found with indexOf (most files).
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let lf = text.indexOf('\n'); lf >= 0; lf = text.indexOf('\n', lf + 1)) starts.push(lf + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The index of the last element of ascending `sorted` that is at most `x` (0 when none is). */
export function lastAtOrBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** PEP 503 normalisation of a package name. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/** Converts a string offset into a 1-based line and column. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
