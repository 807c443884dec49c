/**
 * Where things are in a TOML document: smol-toml gives values without positions, so this walks the
 * accepted text once more and records, per key path (`["project", "dependencies", 0]`), the range
 * of its entry or header and of its value, following the grammar (strings, arrays, inline tables).
 */

/** A key path into a TOML document. */
export type TomlPath = readonly (string | number)[];

/** A [start, end) range of offsets. */
export interface Span {
  start: number;
  end: number;
}

const keyOf = (path: TomlPath): string => path.map(String).join('\u0000');

/**
 * The deepest parent of a dotted key or header whose position is recorded. Readers ask for paths a
 * few keys deep; recording every prefix of `a.b.b.b…c` (20,000 parts) was quadratic in time and memory.
 */
const MAX_PARENT_DEPTH = 16;

/** Positions of the keys, headers and values of a TOML text. */
export class TomlLocator {
  private readonly entries = new Map<string, Span>();
  private readonly values = new Map<string, Span>();
  private readonly headers = new Map<string, Span>();
  private readonly arrayTables = new Map<string, number>();
  private pos = 0;

  constructor(private readonly text: string) {
    try {
      this.document();
    } catch {
      // Only reached on text smol-toml did not accept; what was recorded so far is kept.
    }
  }

  /** The `key = value` entry of a path (from its key to the end of its value), or its table header. */
  entry(path: TomlPath): Span | undefined {
    return this.entries.get(keyOf(path)) ?? this.headers.get(keyOf(path));
  }

  /** The value of a path (a string's range includes its quotes). */
  value(path: TomlPath): Span | undefined {
    return this.values.get(keyOf(path));
  }

  /** The entry of the path, else of its longest known prefix (e.g. the section header). */
  nearest(path: TomlPath): Span | undefined {
    for (let n = path.length; n > 0; n--) {
      const found = this.entry(path.slice(0, n));
      if (found) return found;
    }
    return undefined;
  }

  /** The source text of a span. */
  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }

  private document(): void {
    let table: (string | number)[] = [];
    for (;;) {
      this.skipBlank(true);
      if (this.pos >= this.text.length) return;
      const start = this.pos;
      if (this.text[this.pos] === '[') {
        const isArray = this.text[this.pos + 1] === '[';
        this.pos += isArray ? 2 : 1;
        const keys = this.key();
        this.skipBlank(false);
        this.pos += isArray ? 2 : 1;
        const names = keys.map((k) => k.name);
        const span = { start, end: this.pos };
        for (let i = 1; i < Math.min(names.length, MAX_PARENT_DEPTH); i++) this.setOnce(this.headers, names.slice(0, i), span);
        if (isArray) {
          const k = keyOf(names);
          const index = this.arrayTables.get(k) ?? 0;
          this.arrayTables.set(k, index + 1);
          this.setOnce(this.headers, names, span);
          table = [...names, index];
          this.setOnce(this.headers, table, span);
        } else {
          table = names;
          this.setOnce(this.headers, names, span);
        }
        continue;
      }
      this.keyValue(table);
    }
  }

  private keyValue(table: (string | number)[]): void {
    const start = this.pos;
    const keys = this.key();
    this.skipBlank(false);
    if (this.text[this.pos] !== '=') throw new Error('expected =');
    this.pos++;
    this.skipBlank(false);
    const path = [...table, ...keys.map((k) => k.name)];
    this.value_(path);
    const span = { start, end: this.pos };
    // Dotted keys define their parents too; the first mention locates them.
    for (let i = 1; i < Math.min(keys.length, MAX_PARENT_DEPTH); i++) this.setOnce(this.entries, path.slice(0, table.length + i), span);
    this.entries.set(keyOf(path), span);
  }

  private value_(path: (string | number)[]): void {
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === '"' || c === "'") this.string();
    else if (c === '[') {
      this.pos++;
      for (let i = 0; ; i++) {
        this.skipBlank(true);
        if (this.text[this.pos] === ']') break;
        const itemStart = this.pos;
        this.value_([...path, i]);
        this.entries.set(keyOf([...path, i]), { start: itemStart, end: this.pos });
        this.skipBlank(true);
        if (this.text[this.pos] === ',') this.pos++;
        else if (this.text[this.pos] !== ']') throw new Error('expected , or ]');
      }
      this.pos++;
    } else if (c === '{') {
      this.pos++;
      for (;;) {
        this.skipBlank(true);
        if (this.text[this.pos] === '}') break;
        this.keyValue(path);
        this.skipBlank(true);
        if (this.text[this.pos] === ',') this.pos++;
        else if (this.text[this.pos] !== '}') throw new Error('expected , or }');
      }
      this.pos++;
    } else {
      // Numbers, booleans and dates (which may hold one space) end at a delimiter.
      const m = /[^,\]}\r\n#]*/y;
      m.lastIndex = this.pos;
      const raw = m.exec(this.text)?.[0] ?? '';
      this.pos += raw.trimEnd().length;
      if (raw.trim() === '') throw new Error('expected a value');
    }
    this.values.set(keyOf(path), { start, end: this.pos });
  }

  /** A dotted key; returns each part with its decoded name. */
  private key(): { name: string; start: number }[] {
    const parts: { name: string; start: number }[] = [];
    for (;;) {
      this.skipBlank(false);
      const start = this.pos;
      const c = this.text[this.pos];
      let name: string;
      if (c === '"' || c === "'") name = this.string();
      else {
        const m = /[A-Za-z0-9_-]+/y;
        m.lastIndex = this.pos;
        const bare = m.exec(this.text)?.[0];
        if (!bare) throw new Error('expected a key');
        this.pos += bare.length;
        name = bare;
      }
      parts.push({ name, start });
      this.skipBlank(false);
      if (this.text[this.pos] !== '.') return parts;
      this.pos++;
    }
  }

  /** Reads a string of any of the four kinds at pos and returns its value (escapes decoded simply). */
  private string(): string {
    const t = this.text;
    const q = t[this.pos];
    const multi = t.startsWith(q.repeat(3), this.pos);
    this.pos += multi ? 3 : 1;
    const from = this.pos;
    for (;;) {
      if (this.pos >= t.length) throw new Error('unterminated string');
      const c = t[this.pos];
      if (c === '\\' && q === '"') {
        this.pos += 2;
        continue;
      }
      if (!multi && c === q) {
        const raw = t.slice(from, this.pos);
        this.pos++;
        return q === '"' ? decodeBasic(raw) : raw;
      }
      if (multi && t.startsWith(q.repeat(3), this.pos)) {
        // Up to two more quotes right before the closing three belong to the content.
        let end = this.pos + 3;
        while (t[end] === q && end - this.pos < 5) end++;
        const raw = t.slice(from, end - 3);
        this.pos = end;
        return q === '"' ? decodeBasic(raw) : raw;
      }
      this.pos++;
    }
  }

  /** Skips spaces and comments, and newlines too when `newlines`. */
  private skipBlank(newlines: boolean): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === ' ' || c === '\t' || (newlines && (c === '\n' || c === '\r'))) this.pos++;
      else if (c === '#') {
        while (this.pos < t.length && t[this.pos] !== '\n' && t[this.pos] !== '\r') this.pos++;
      } else return;
    }
  }

  private setOnce(map: Map<string, Span>, path: TomlPath, span: Span): void {
    const k = keyOf(path);
    if (!map.has(k)) map.set(k, span);
  }
}

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };

/** Decodes the escapes of a TOML basic string (enough for key names and comparison). */
function decodeBasic(raw: string): string {
  return raw.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|\s*\n\s*|.)/g, (_m, e: string) => {
    if (/^[uUx]/.test(e)) {
      const code = parseInt(e.slice(1), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
    }
    if (/^\s*\n/.test(e)) return '';
    return ESCAPES[e] ?? e;
  });
}
