/**
 * Every reader is linear in its input, counted in work, not time: doubling the input about
 * doubles the characters the reader's string and regular-expression calls go over (a meter that
 * wraps those built-ins while the reader runs; tree-sitter work is counted by the parser itself).
 * The meter is a lower bound on the work, but it sees what made readers quadratic before: a
 * string built for every prefix of a dotted TOML key, a search from the start of the text for each
 * line, an error excerpt computed from the start for each error.
 */
import { strict as assert } from 'node:assert';
import { parseCondaEnv, parsePep508, parsePipfile, parsePyproject, parseRequirements, parseSetupCfg, parseSetupPy } from '../../src/core/manifests/index';
import { PythonParser } from '../../src/core/python/parser';
import { decodeText } from '../../src/core/read/text';

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** What one call of a built-in costs, in characters or elements gone over. */
type Cost = (self: unknown, args: unknown[], result: unknown, before: number) => number;

const len = (x: unknown): number => (typeof x === 'string' || Array.isArray(x) ? x.length : 0);
const num = (x: unknown, fallback: number): number => (typeof x === 'number' ? x : fallback);

/** Costs by what each call goes over, as the engines implement them (at least 1 a call). */
const STRING_COSTS: Record<string, Cost> = {
  // V8 makes a slice of 13 characters or more a view into the original: constant work.
  slice: (_s, _a, r) => Math.min(len(r), 13),
  substring: (_s, _a, r) => Math.min(len(r), 13),
  substr: (_s, _a, r) => Math.min(len(r), 13),
  // From the start position to where it was found (or the end).
  indexOf: (s, a, r) => (num(r, -1) >= 0 ? num(r, 0) : len(s)) - num(a[1], 0),
  includes: (s, a) => len(s) - num(a[1], 0),
  lastIndexOf: (s, a, r) => num(a[1], len(s)) - Math.max(0, num(r, 0)),
  // The prefix or suffix compared.
  startsWith: (_s, a) => len(a[0]),
  endsWith: (_s, a) => len(a[0]),
  // The whole receiver.
  ...Object.fromEntries(['split', 'replace', 'replaceAll', 'match', 'matchAll', 'search', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'normalize', 'concat', 'padStart', 'padEnd', 'repeat'].map((n) => [n, ((s, _a, r) => Math.max(len(s), len(r))) as Cost])),
};

const ARRAY_COSTS: Record<string, Cost> = {
  slice: (_s, _a, r) => len(r),
  indexOf: (s, _a, r) => (num(r, -1) >= 0 ? num(r, 0) : len(s)),
  includes: (s) => len(s),
  // What is removed and inserted, and the tail that moves (a splice at the end costs what it takes).
  splice: (s, a, r) => {
    const inserted = Math.max(0, a.length - 2);
    const before = len(s) + len(r) - inserted;
    const start = num(a[0], 0) < 0 ? Math.max(0, before + num(a[0], 0)) : Math.min(before, num(a[0], 0));
    return len(r) + inserted + (len(r) === inserted ? 0 : before - start - len(r));
  },
  ...Object.fromEntries(['join', 'concat', 'filter', 'map', 'reverse', 'sort', 'flat'].map((n) => [n, ((s, _a, r) => Math.max(len(s), len(r))) as Cost])),
};

/** A regular expression goes from where it starts to where it stopped: lastIndex when it keeps one. */
const regexCost: Cost = (self, args, result, before) => {
  const re = self as RegExp;
  const input = String(args[0]);
  if (re.global || re.sticky) return result ? re.lastIndex - before : re.sticky ? 1 : input.length - before;
  const m = result as RegExpExecArray | boolean | null;
  return m && typeof m === 'object' ? m.index + m[0].length : input.length;
};

/**
 * Runs `fn` with the string, array and regular-expression built-ins wrapped, and returns what
 * they went over (characters and elements). A lower bound on the work: loops over `text[i]` are
 * not seen.
 */
function meter(fn: () => void, tally?: Map<string, number>): number {
  let work = 0;
  const wraps: [object, string, Cost][] = [
    ...Object.entries(STRING_COSTS).map(([n, c]) => [String.prototype, n, c] as [object, string, Cost]),
    ...Object.entries(ARRAY_COSTS).map(([n, c]) => [Array.prototype, n, c] as [object, string, Cost]),
    [RegExp.prototype, 'exec', regexCost],
    [RegExp.prototype, 'test', regexCost],
    [TextDecoder.prototype, 'decode', (_s, a) => (a[0] as Uint8Array).byteLength],
  ];
  const saved = wraps.map(([proto, name]) => [proto, name, (proto as Record<string, Method>)[name]] as const);
  let inside = false;
  for (const [proto, name, cost] of wraps) {
    const original = (proto as Record<string, Method>)[name];
    (proto as Record<string, Method>)[name] = function (this: unknown, ...args: unknown[]) {
      // Only the reader's own calls count, not those the built-ins make of each other.
      if (inside) return original.apply(this, args);
      inside = true;
      try {
        const before = this instanceof RegExp ? this.lastIndex : 0;
        const result = original.apply(this, args);
        const w = Math.max(1, cost(this, args, result, before));
        work += w;
        tally?.set(name, (tally.get(name) ?? 0) + w);
        return result;
      } finally {
        inside = false;
      }
    };
  }
  try {
    fn();
  } finally {
    for (const [proto, name, original] of saved) (proto as Record<string, Method>)[name] = original;
  }
  return work;
}

describe('readers are linear, counted in work', function () {
  this.timeout(120_000);
  let parser: PythonParser;
  before(async () => {
    parser = await PythonParser.create();
  });
  after(() => parser.dispose());

  /** Each reader with inputs of size n: an ordinary file, and the shapes that were traps. */
  const readers: Record<string, [string, (n: number) => string, (text: string) => unknown][]> = {
    'requirements.txt': [
      ['pinned lines', (n) => Array.from({ length: n }, (_, i) => `pkg-${i}[extra]>=1.${i % 9},<2 ; python_version >= "3.8"  # c`).join('\n'), (t) => parseRequirements(t, 'requirements.txt')],
      ['options, URLs, continuations', (n) => Array.from({ length: n }, (_, i) => `-e git+https://x.org/r${i}.git#egg=r${i}\n--index-url https://i${i}.org/simple\nx${i} \\\n  >=1`).join('\n'), (t) => parseRequirements(t, 'requirements.txt')],
      ['continuation lines', (n) => 'a\\\n'.repeat(n * 10), (t) => parseRequirements(t, 'requirements.txt')],
    ],
    'PEP 508 requirement': [['a long marker', (n) => `flask ; ${Array.from({ length: n / 4 }, (_, i) => `python_version >= "3.${i}"`).join(' and ')}`, (t) => parsePep508(t)]],
    'pyproject.toml': [
      ['dependencies and groups', (n) => `[project]\nname = "x"\ndependencies = [\n${Array.from({ length: n }, (_, i) => `  "p${i}>=1",`).join('\n')}\n]\n[dependency-groups]\ndev = [${Array.from({ length: n }, (_, i) => `"d${i}"`).join(', ')}]\n`, (t) => parsePyproject(t, 'pyproject.toml')],
      ['a long dotted key', (n) => `[project]\ndependencies = ["flask"]\n[tool]\na.${'b.'.repeat(n * 4)}c = 1\n`, (t) => parsePyproject(t, 'pyproject.toml')],
      ['a long table header', (n) => `[project]\ndependencies = ["flask"]\n[${'b.'.repeat(n * 4)}c]\nx = 1\n`, (t) => parsePyproject(t, 'pyproject.toml')],
      ['deep inline tables', (n) => `[tool]\nx = ${'{a = '.repeat(Math.min(n, 1500))}1${'}'.repeat(Math.min(n, 1500))}\n${'y = 1\n'.repeat(n)}`, (t) => parsePyproject(t, 'pyproject.toml')],
    ],
    Pipfile: [
      ['packages', (n) => `[packages]\n${Array.from({ length: n }, (_, i) => `p${i} = {version = ">=1", extras = ["a"]}`).join('\n')}\n`, (t) => parsePipfile(t, 'Pipfile')],
      ['a long dotted key', (n) => `[packages]\nflask = "*"\n[x]\n${'b.'.repeat(n * 4)}c = 1\n`, (t) => parsePipfile(t, 'Pipfile')],
    ],
    'setup.cfg': [['install_requires and extras', (n) => `[options]\ninstall_requires =\n${Array.from({ length: n }, (_, i) => `    p${i}>=1`).join('\n')}\n[options.extras_require]\ndev =\n${Array.from({ length: n }, (_, i) => `    d${i}`).join('\n')}\n`, (t) => parseSetupCfg(t, 'setup.cfg')]],
    'environment.yml': [
      ['dependencies and pip', (n) => `name: x\ndependencies:\n${Array.from({ length: n }, (_, i) => `  - p${i}=1.${i}`).join('\n')}\n  - pip:\n${Array.from({ length: n }, (_, i) => `    - q${i}>=1`).join('\n')}\n`, (t) => parseCondaEnv(t, 'environment.yml')],
      ['quoted strings', (n) => `name: x\ndependencies:\n${'  - "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"\n'.repeat(n / 4)}`, (t) => parseCondaEnv(t, 'environment.yml')],
      ['a run of quotes (an error each)', (n) => `dependencies:\n  - ${'"'.repeat(n * 8)}\n`, (t) => parseCondaEnv(t, 'environment.yml')],
    ],
    'setup.py': [['install_requires', (n) => `from setuptools import setup\nsetup(name="x", install_requires=[${Array.from({ length: n }, (_, i) => `"p${i}>=1"`).join(', ')}])\n`, (t) => parseSetupPy(t, 'setup.py', parser)]],
    'text decoding': [
      ['UTF-8 with a BOM', (n) => `\uFEFF${'flask>=1 # é\n'.repeat(n)}`, (t) => decodeText(new TextEncoder().encode(t))],
      ['Latin-1', (n) => 'caf\xe9\n'.repeat(n * 4), (t) => decodeText(Uint8Array.from(t, (c) => c.charCodeAt(0)))],
    ],
  };

  for (const [reader, cases] of Object.entries(readers)) {
    for (const [shape, make, read] of cases) {
      it(`${reader}, ${shape}: twice the input, about twice the work`, () => {
        const work = (n: number) => {
          const text = make(n);
          const treeBefore = parser.work.parse + parser.work.query;
          read(text); // warm: the meter counts calls, not time, but keep both runs alike
          const counted = meter(() => read(text), tally);
          return counted + (parser.work.parse + parser.work.query - treeBefore) / 2;
        };
        const tally = new Map<string, number>();
        const one = work(1_000);
        tally.clear();
        const two = work(2_000);
        const top = [...tally].sort((x, y) => y[1] - x[1]).slice(0, 3).map(([k, v]) => `${k} ${v}`).join(', ');
        assert.ok(two / one > 1.5 && two / one < 2.5, `${Math.round(one)} then ${Math.round(two)} (×${(two / one).toFixed(2)}; most at 2n: ${top})`);
      });
    }
  }

  it('the meter sees quadratic work (a reader that builds every prefix)', () => {
    const prefixes = (text: string) => {
      const parts = text.split('.');
      for (let i = 1; i <= parts.length; i++) parts.slice(0, i).join('.');
    };
    const one = meter(() => prefixes('b.'.repeat(1_000)));
    const two = meter(() => prefixes('b.'.repeat(2_000)));
    assert.ok(two / one > 3.5, `×${(two / one).toFixed(2)}`);
  });
});
