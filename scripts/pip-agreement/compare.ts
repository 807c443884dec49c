/**
 * How far our requirements-file reader agrees with pip on accept/reject (issue #21, item 8).
 * Reads the JSON written by oracle.py (pip's verdict on the string constants of pip's and
 * packaging's own test files), feeds each case that is not excluded to `parseRequirements` and
 * prints the agreement, the field agreement where both accept, and with `--list N` the
 * disagreements grouped by cause (largest first; N examples in all, shared round robin) and the
 * field differences. A measurement, not a test: the exit code is always 0.
 *
 *   python3 scripts/pip-agreement/oracle.py /tmp/pip-agreement.json [--record] <test files...>
 *   npx tsx scripts/pip-agreement/compare.ts /tmp/pip-agreement.json --list 40
 */
import { readFileSync } from 'node:fs';
import { parseRequirements } from '../../src/core/manifests/requirements';
import type { Dependency, Problem } from '../../src/core/model';

type Verdict = 'accept' | 'reject';

interface Case {
  text: string;
  source: string;
  verdict: Verdict | 'excluded';
  error?: string;
  excluded?: string;
  names?: (string | null)[];
  name?: string | null;
  extras?: string[];
  specifier?: string;
  marker?: string;
  url?: string | null;
}

interface Oracle {
  pip: string;
  /** The packaging vendored in that pip, which parses the requirements. */
  pipPackaging: string;
  /** The packaging the oracle (and the --record run of packaging's tests) imported. */
  packaging: string;
  sources: { repo: string | null; commit: string | null; file: string }[];
  cases: Case[];
}

/**
 * Problems that mean pip rejects the file, by what pip 23+ does with such a line:
 * - severity error "invalid requirement ...: pip would reject it": pip raises InvalidRequirement / InstallationError;
 * - "unknown option" / "ambiguous option" (warnings): optparse fails, pip raises RequirementsFileParseError;
 * - "needs a value" / "takes no value" (warnings): the same optparse failure;
 * - "editable ... has no #egg= name" (info): pip's parse_editable raises "Could not detect requirement name"
 *   (or, for a non-VCS URL, "is not a valid editable requirement").
 * Not a rejection: "-r, -c and -e after a requirement ... are ignored" and "--hash without a requirement"
 * (pip ignores those options), "cannot tell which package ..." (pip accepts an unnamed URL), and the
 * include notes (pip reads the include; the oracle excludes those cases).
 */
const REJECTS: RegExp[] = [/pip would reject/, /needs a value$/, /takes no value$/, /^editable .* has no #egg= name/];

function rejection(problems: Problem[]): Problem | undefined {
  return problems.find((p) => p.severity === 'error' || REJECTS.some((re) => re.test(p.message)));
}

const sorted = (xs: readonly string[]): string[] => [...xs].sort();
/** PEP 503 / PEP 685 form of a name or an extra. */
const canonical = (s: string): string => s.toLowerCase().replace(/[-_.]+/g, '-');
/** pip prints markers normalised; ours are as written. Both are compared without blanks, parentheses
 * and quote style, with the legacy variable aliases (os.name, python_implementation...) renamed and
 * the values compared with extra, extras or dependency_groups canonicalised, as packaging prints them. */
const ALIASES: [RegExp, string][] = [
  [/\bplatform\.python_implementation\b|(?<![._])\bpython_implementation\b/g, 'platform_python_implementation'],
  [/\b(os|sys|platform)\.(name|platform|version|machine)\b/g, '$1_$2'],
];
const OPS = '===|==|!=|~=|>=|<=|<|>|not\\s+in|in';
const NAMES = '\\b(?:extras?|dependency_groups)\\b';
const NAME_LEFT = new RegExp(`(${NAMES}\\s*(?:${OPS})\\s*)(['"])(.*?)\\2`, 'g');
const NAME_RIGHT = new RegExp(`(['"])(.*?)\\1(\\s*(?:${OPS})\\s*${NAMES})`, 'g');
function looseMarker(m: string): string {
  let s = m;
  for (const [re, to] of ALIASES) s = s.replace(re, to);
  s = s
    .replace(NAME_LEFT, (_m, left: string, _q: string, v: string) => `${left}"${canonical(v)}"`)
    .replace(NAME_RIGHT, (_m, _q: string, v: string, right: string) => `"${canonical(v)}"${right}`);
  return s.replace(/[\s()]+/g, '').replace(/'/g, '"');
}
/** pip's str(SpecifierSet) sorts the specifiers; ours keep their order. */
const specifierSet = (s: string): string => sorted(s.split(',').filter(Boolean)).join(',');
/** Extras as a set of canonical names (pip keeps a set, normalised). */
const extraSet = (xs: readonly string[]): string => sorted([...new Set(xs.map(canonical))]).join(',');

/** `names`: the named requirements of the whole case; the others: its one named requirement. */
type Field = 'names' | 'name' | 'extras' | 'specifier' | 'marker' | 'url';
const FIELDS: Field[] = ['names', 'name', 'extras', 'specifier', 'marker', 'url'];

/** For a case both accept: per field, [pip's value, ours], or undefined when the field does not apply. */
function fieldPairs(c: Case, deps: Dependency[]): Partial<Record<Field, [string, string]>> {
  const pipNames = (c.names ?? []).filter((n): n is string => n !== null);
  const out: Partial<Record<Field, [string, string]>> = {
    names: [sorted(pipNames).join(' '), sorted(deps.map((d) => d.name)).join(' ')],
  };
  const d = deps.length === 1 ? deps[0] : undefined;
  if (c.name === undefined || c.name === null || !d) return out;
  out.name = [c.name, d.name];
  out.extras = [extraSet(c.extras ?? []), extraSet(d.extras)];
  out.specifier = [specifierSet(c.specifier ?? ''), specifierSet(d.specifier)];
  out.marker = [looseMarker(c.marker ?? ''), looseMarker(d.marker)];
  out.url = [c.url ?? '', d.url ?? ''];
  return out;
}

/** A cause-looking key: the direction and the deciding message, with quoted parts, temp paths and numbers blanked. */
function causeOf(pip: Verdict, c: Case, ours: Problem | undefined): string {
  const message = pip === 'reject' ? (c.error ?? '') : (ours?.message ?? '');
  const shape = message
    .split('\n')[0]
    .replace(/ \(from line \d+ of <tmp>\/requirements\.txt\)/, '')
    .replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '…')
    .replace(/\d+/g, 'N')
    .slice(0, 140);
  return `pip ${pip}, ours ${pip === 'accept' ? 'reject' : 'accept'}: ${shape}`;
}

/** How many examples of each group to print: round robin over the groups, `max` in all. */
function quota(sizes: number[], max: number): number[] {
  const take = sizes.map(() => 0);
  for (let left = max, more = true; left > 0 && more; ) {
    more = false;
    for (let i = 0; i < sizes.length && left > 0; i++) {
      if (take[i] < sizes[i]) {
        take[i]++;
        left--;
        more = true;
      }
    }
  }
  return take;
}

function main(argv: string[]): void {
  const file = argv[0];
  if (!file) {
    console.log('usage: npx tsx scripts/pip-agreement/compare.ts <oracle.json> [--list N]');
    return;
  }
  const listAt = argv.indexOf('--list');
  const listMax = listAt >= 0 ? Number(argv[listAt + 1] ?? 40) : 0;
  const oracle = JSON.parse(readFileSync(file, 'utf8')) as Oracle;
  const excluded = new Map<string, number>();
  const groups = new Map<string, string[]>();
  const fieldTotals = new Map<Field, { same: number; all: number; diffs: string[] }>(FIELDS.map((f) => [f, { same: 0, all: 0, diffs: [] }]));
  let compared = 0;
  let agreed = 0;
  let bothAccept = 0;
  for (const c of oracle.cases) {
    if (c.verdict === 'excluded') {
      const why = c.excluded ?? '?';
      excluded.set(why, (excluded.get(why) ?? 0) + 1);
      continue;
    }
    compared++;
    const result = parseRequirements(c.text, 'requirements.txt');
    const ours = rejection(result.problems);
    const verdict: Verdict = ours ? 'reject' : 'accept';
    if (verdict === c.verdict) {
      agreed++;
      if (verdict === 'reject') continue;
      bothAccept++;
      for (const [field, pair] of Object.entries(fieldPairs(c, result.dependencies)) as [Field, [string, string]][]) {
        const t = fieldTotals.get(field);
        if (!t) continue;
        t.all++;
        if (pair[0] === pair[1]) t.same++;
        else t.diffs.push(`${JSON.stringify(c.text)}  pip ${JSON.stringify(pair[0])}  ours ${JSON.stringify(pair[1])}`);
      }
      continue;
    }
    const pipSays = c.error ? ` ${JSON.stringify(c.error.split('\n').slice(0, 2).join(' / '))}` : '';
    const others = result.problems.map((p) => `${p.severity}: ${p.message}`);
    const oursSays = ours ? ` ${JSON.stringify(ours.message)}` : others.length > 0 ? ` (problems: ${JSON.stringify(others)})` : '';
    const key = causeOf(c.verdict, c, ours);
    const line = `  ${JSON.stringify(c.text)}  (${c.source})\n      pip: ${c.verdict}${pipSays}\n      ours: ${verdict}${oursSays}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(2)}%`);
  const nExcluded = [...excluded.values()].reduce((a, b) => a + b, 0);
  console.log(`pip ${oracle.pip} (vendored packaging ${oracle.pipPackaging}), tests run with packaging ${oracle.packaging}; sources: ${oracle.sources.map((s) => `${s.repo ?? '?'}@${(s.commit ?? '?').slice(0, 12)}:${s.file}`).join(', ')}`);
  console.log(`cases: ${oracle.cases.length}, excluded: ${nExcluded}, compared: ${compared}`);
  for (const [why, n] of excluded) console.log(`  excluded ${n}: ${why}`);
  console.log(`accept/reject agreement: ${agreed}/${compared} (${pct(agreed, compared)}); disagreements: ${compared - agreed}`);
  console.log(`fields where both accept (${bothAccept} cases; name to url only where each side has one named requirement):`);
  for (const [field, t] of fieldTotals) console.log(`  ${field}: ${t.same}/${t.all} (${pct(t.same, t.all)})`);
  if (listMax <= 0) return;
  const byCount = [...groups].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  const take = quota(byCount.map(([, lines]) => lines.length), listMax);
  byCount.forEach(([key, lines], i) => {
    console.log(`\n[${lines.length}] ${key}`);
    for (const l of lines.slice(0, take[i])) console.log(l);
  });
  for (const [field, t] of fieldTotals) {
    if (t.diffs.length === 0) continue;
    console.log(`\nfield ${field}: ${t.diffs.length} differ`);
    for (const d of t.diffs.slice(0, listMax)) console.log(`  ${d}`);
  }
}

main(process.argv.slice(2));
