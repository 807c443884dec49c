/**
 * Property-based fuzzing shared by the *.fuzz.unit.test.ts files: fast-check properties with a
 * seed that is printed whenever a property fails (fast-check's own report: "seed: …, path: …"),
 * a per-case time bound (a case that hangs is a failure too), and a tally of the cases run,
 * printed after the unit suite.
 *
 * Inputs are real files (the fixtures and the samples in corpus.ts) mutated the ways hostile or
 * broken files differ from good ones: truncated, random bytes and tokens inserted, deep nesting,
 * huge lines, NUL bytes, lone surrogates, BOMs, CRLF/CR line ends; and plain random text.
 *
 * Environment:
 *   FUZZ_SEED=<n>    replay a run (the seed printed by a failure or by the tally);
 *   FUZZ_SCALE=<x>   multiply every property's case count (e.g. 10 for a long local run).
 */
import fc from 'fast-check';

/** One seed for the whole run, so a run can be replayed as a whole. */
export const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 0x7fffffff);
/** Multiplies every property's number of cases. */
export const SCALE = process.env.FUZZ_SCALE !== undefined ? Number(process.env.FUZZ_SCALE) : 1;
/** A single case taking longer than this fails its property (a hang is a bug). */
export const CASE_MS = 5_000;

interface Tally {
  name: string;
  cases: number;
  ms: number;
  slowestMs: number;
}
const tally: Tally[] = [];

/**
 * Runs `check` on `runs × FUZZ_SCALE` values of `arb`; `check` throws (assert) to fail. Resolves
 * when every case passed; on failure rejects with fast-check's report (seed, path, shrunk value).
 */
export async function fuzz<T>(name: string, arb: fc.Arbitrary<T>, check: (value: T) => void | Promise<void>, runs: number): Promise<void> {
  const numRuns = Math.max(1, Math.round(runs * SCALE));
  const entry: Tally = { name, cases: 0, ms: 0, slowestMs: 0 };
  const t0 = performance.now();
  try {
    await fc.assert(
      fc.asyncProperty(arb, async (value) => {
        const t = performance.now();
        await check(value);
        const ms = performance.now() - t;
        entry.cases++;
        entry.slowestMs = Math.max(entry.slowestMs, ms);
        if (ms > CASE_MS) throw new Error(`one case took ${Math.round(ms)} ms (bound ${CASE_MS} ms)`);
      }),
      { numRuns, seed: SEED, endOnFailure: false },
    );
  } finally {
    entry.ms = performance.now() - t0;
    tally.push(entry);
  }
}

/** The tally so far: one line per property and a total. */
export function tallyLines(): string[] {
  const total = tally.reduce((n, t) => n + t.cases, 0);
  const ms = tally.reduce((n, t) => n + t.ms, 0);
  return [
    `fuzz: ${total} cases in ${(ms / 1000).toFixed(1)} s (seed ${SEED}, scale ${SCALE}; replay with FUZZ_SEED=${SEED})`,
    ...tally.map((t) => `  ${t.name}: ${t.cases} cases, ${(t.ms / 1000).toFixed(1)} s, slowest ${Math.round(t.slowestMs)} ms`),
  ];
}

/** Total cases run so far. */
export function totalCases(): number {
  return tally.reduce((n, t) => n + t.cases, 0);
}

// Printed once after the whole unit suite (a root-level hook, registered on first import).
const KEY = Symbol.for('framework-fit.fuzz-tally');
const g = globalThis as Record<symbol, boolean>;
if (!g[KEY] && typeof after === 'function') {
  g[KEY] = true;
  after(() => {
    if (tally.length > 0) console.log(`\n${tallyLines().join('\n')}`);
  });
}

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

/** Random text of every kind: ASCII, any UTF-16 unit (lone surrogates included), control characters. */
export const anyText = (maxLength = 200): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength }),
    fc.string({ unit: fc.constantFrom('\u0000', '\r', '\n', '\t', ' ', '\uFEFF', '\u2028', '\u202E', '\uD800', '\uDFFF', '\\', '"', "'", '#'), maxLength }),
  );

/** A text mutation: a function of the input, described for fast-check's failure report. */
type Mutation = fc.Arbitrary<(s: string) => string>;

const at = (s: string, f: number) => Math.floor(f * (s.length + 1));
const frac = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

function named(label: string, fn: (s: string) => string): (s: string) => string {
  return Object.assign(fn, { toString: () => label });
}

/** Mutations that apply to any text format; `tokens` are the format's syntax, inserted at random. */
export function mutations(tokens: readonly string[]): Mutation {
  const insert = (what: fc.Arbitrary<string>, label: string): Mutation =>
    fc.tuple(frac, what).map(([f, w]) => named(`${label}(${JSON.stringify(w.length > 40 ? `${w.slice(0, 40)}…(${w.length})` : w)} at ${f.toFixed(3)})`, (s) => s.slice(0, at(s, f)) + w + s.slice(at(s, f))));
  const token = fc.constantFrom(...tokens);
  return fc.oneof(
    // Truncation, deletion, duplication.
    frac.map((f) => named(`truncate(${f.toFixed(3)})`, (s) => s.slice(0, at(s, f)))),
    fc.tuple(frac, frac).map(([a, b]) => named(`delete(${a.toFixed(3)}, ${b.toFixed(3)})`, (s) => s.slice(0, at(s, Math.min(a, b))) + s.slice(at(s, Math.max(a, b))))),
    fc.tuple(frac, frac).map(([a, b]) => named(`duplicate(${a.toFixed(3)}, ${b.toFixed(3)})`, (s) => s.slice(0, at(s, Math.max(a, b))) + s.slice(at(s, Math.min(a, b))))),
    // Random text, the format's own tokens, several of them.
    insert(anyText(40), 'insert'),
    insert(token, 'token'),
    insert(fc.array(token, { maxLength: 12 }).map((t) => t.join('')), 'tokens'),
    // Deep nesting and huge lines.
    insert(fc.tuple(fc.constantFrom('(', '[', '{', '"', "'", '- ', ' ', '\t', '\\', '.', 'a.', 'f(', '[[', '{a='), fc.integer({ min: 50, max: 3000 })).map(([t, n]) => t.repeat(n)), 'nest'),
    insert(fc.tuple(fc.constantFrom('x', ' ', '=', '-', ',', '#', '@', ';', 'é', '\u0000'), fc.integer({ min: 1000, max: 30000 })).map(([t, n]) => t.repeat(n)), 'long'),
    // Encoding trouble.
    insert(fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\uDC00\uD800', '\uFFFE', '\uFEFF', '\u202E', '\u2028', '\u0085', '\x1b[31m'), 'char'),
    fc.constant(named('bom', (s) => `\uFEFF${s}`)),
    fc.constant(named('crlf', (s) => s.replace(/\r?\n/g, '\r\n'))),
    fc.constant(named('cr', (s) => s.replace(/\r?\n/g, '\r'))),
    fc.constant(named('mixed-eol', (s) => s.split('\n').map((l, i) => l + ['\n', '\r\n', '\r'][i % 3]).join(''))),
    fc.constant(named('tabs', (s) => s.replace(/ {4}/g, '\t'))),
    // Lines swapped or indented differently.
    fc.tuple(frac, frac).map(([a, b]) =>
      named(`swap-lines(${a.toFixed(3)}, ${b.toFixed(3)})`, (s) => {
        const lines = s.split('\n');
        const i = Math.floor(a * lines.length);
        const j = Math.floor(b * lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        return lines.join('\n');
      }),
    ),
    fc.tuple(frac, fc.integer({ min: 1, max: 40 })).map(([a, n]) =>
      named(`indent(${a.toFixed(3)}, ${n})`, (s) => {
        const lines = s.split('\n');
        const i = Math.floor(a * lines.length);
        lines[i] = ' '.repeat(n) + lines[i];
        return lines.join('\n');
      }),
    ),
  );
}

/**
 * Text for a format: a corpus sample with 0–4 mutations (most cases), or random tokens of the
 * format, or random text.
 */
export function textFor(corpus: readonly string[], tokens: readonly string[]): fc.Arbitrary<string> {
  const mutated = fc.tuple(fc.constantFrom(...corpus), fc.array(mutations(tokens), { minLength: 0, maxLength: 4 })).map(([s, ms]) => ms.reduce((acc, m) => m(acc), s));
  return fc.oneof(
    { weight: 6, arbitrary: mutated },
    { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom(...tokens), anyText(8)), { maxLength: 60 }).map((t) => t.join('')) },
    { weight: 1, arbitrary: anyText(400) },
  );
}

/** Bytes for a file: the text encoded as UTF-8, or raw random bytes, or text with random bytes spliced in. */
export function bytesFor(text: fc.Arbitrary<string>): fc.Arbitrary<Uint8Array> {
  const enc = new TextEncoder();
  return fc.oneof(
    { weight: 6, arbitrary: text.map((t) => enc.encode(t)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }) },
    {
      weight: 2,
      arbitrary: fc.tuple(text, fc.uint8Array({ minLength: 1, maxLength: 30 }), frac).map(([t, junk, f]) => {
        const b = enc.encode(t);
        const i = Math.floor(f * (b.length + 1));
        const out = new Uint8Array(b.length + junk.length);
        out.set(b.subarray(0, i));
        out.set(junk, i);
        out.set(b.subarray(i), i + junk.length);
        return out;
      }),
    },
  );
}
