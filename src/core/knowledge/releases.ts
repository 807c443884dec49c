/**
 * Which Django and Flask release lines are still supported, and whether a declared specifier keeps
 * a project on a line past end of life. Sources (checked on `RELEASES_AS_OF`) and how Flask's
 * support is inferred: docs/design.md "Release support".
 */
import { compare, explain, filter, validRange } from '@renovatebot/pep440';
import type { Framework } from '../model';

/** The date the tables below were last checked against their sources (YYYY-MM-DD). */
export const RELEASES_AS_OF = '2026-08-22';

/** One feature release line of a framework, e.g. Django 4.2. */
export interface ReleaseLine {
  /** "major.minor". */
  line: string;
  /** Date of the first final release of the line (YYYY-MM-DD). */
  released: string;
  /** A Django long-term support release. */
  lts?: boolean;
  /** Django: the end of mainstream support (bug fixes); security fixes go on until `supportedUntil`. */
  mainstreamUntil?: string;
  /**
   * The end of all support, security fixes included (Django's "end of extended support"). Absent
   * for the newest Flask line, which is supported until the next one comes out.
   */
  supportedUntil?: string;
}

/**
 * Django feature releases. The Django project publishes support ends as months; each is recorded
 * as the first day of that month, so a line counts as end-of-life from the start of the month
 * its support ends in.
 */
const DJANGO: readonly ReleaseLine[] = [
  { line: '1.3', released: '2011-03-23', mainstreamUntil: '2012-03-01', supportedUntil: '2013-02-01' },
  { line: '1.4', released: '2012-03-23', lts: true, mainstreamUntil: '2013-02-01', supportedUntil: '2015-10-01' },
  { line: '1.5', released: '2013-02-26', mainstreamUntil: '2013-11-01', supportedUntil: '2014-09-01' },
  { line: '1.6', released: '2013-11-06', mainstreamUntil: '2014-09-01', supportedUntil: '2015-04-01' },
  { line: '1.7', released: '2014-09-02', mainstreamUntil: '2015-04-01', supportedUntil: '2015-12-01' },
  { line: '1.8', released: '2015-04-01', lts: true, mainstreamUntil: '2015-12-01', supportedUntil: '2018-04-01' },
  { line: '1.9', released: '2015-12-01', mainstreamUntil: '2016-08-01', supportedUntil: '2017-04-01' },
  { line: '1.10', released: '2016-08-01', mainstreamUntil: '2017-04-01', supportedUntil: '2017-12-01' },
  { line: '1.11', released: '2017-04-04', lts: true, mainstreamUntil: '2017-12-01', supportedUntil: '2020-04-01' },
  { line: '2.0', released: '2017-12-02', mainstreamUntil: '2018-08-01', supportedUntil: '2019-04-01' },
  { line: '2.1', released: '2018-08-01', mainstreamUntil: '2019-04-01', supportedUntil: '2019-12-01' },
  { line: '2.2', released: '2019-04-01', lts: true, mainstreamUntil: '2019-12-01', supportedUntil: '2022-04-01' },
  { line: '3.0', released: '2019-12-02', mainstreamUntil: '2020-08-01', supportedUntil: '2021-04-01' },
  { line: '3.1', released: '2020-08-04', mainstreamUntil: '2021-04-01', supportedUntil: '2021-12-01' },
  { line: '3.2', released: '2021-04-06', lts: true, mainstreamUntil: '2021-12-01', supportedUntil: '2024-04-01' },
  { line: '4.0', released: '2021-12-07', mainstreamUntil: '2022-08-01', supportedUntil: '2023-04-01' },
  { line: '4.1', released: '2022-08-03', mainstreamUntil: '2023-04-01', supportedUntil: '2023-12-01' },
  { line: '4.2', released: '2023-04-03', lts: true, mainstreamUntil: '2023-12-01', supportedUntil: '2026-04-01' },
  { line: '5.0', released: '2023-12-04', mainstreamUntil: '2024-08-01', supportedUntil: '2025-04-01' },
  { line: '5.1', released: '2024-08-07', mainstreamUntil: '2025-04-01', supportedUntil: '2025-12-01' },
  { line: '5.2', released: '2025-04-02', lts: true, mainstreamUntil: '2025-12-01', supportedUntil: '2028-04-01' },
  { line: '6.0', released: '2025-12-03', mainstreamUntil: '2026-08-01', supportedUntil: '2027-04-01' },
  { line: '6.1', released: '2026-08-05', mainstreamUntil: '2027-04-01', supportedUntil: '2027-12-01' },
];

/** Flask feature releases and their dates, from CHANGES.rst. */
const FLASK_DATES: readonly (readonly [line: string, released: string])[] = [
  ['0.1', '2010-04-16'],
  ['0.2', '2010-05-12'],
  ['0.3', '2010-05-28'],
  ['0.4', '2010-06-18'],
  ['0.5', '2010-07-06'],
  ['0.6', '2010-07-27'],
  ['0.7', '2011-06-28'],
  ['0.8', '2011-09-29'],
  ['0.9', '2012-07-01'],
  ['0.10', '2013-06-13'],
  ['0.11', '2016-05-29'],
  ['0.12', '2016-12-21'],
  ['1.0', '2018-04-26'],
  ['1.1', '2019-07-04'],
  ['2.0', '2021-05-11'],
  ['2.1', '2022-03-28'],
  ['2.2', '2022-08-01'],
  ['2.3', '2023-04-25'],
  ['3.0', '2023-09-30'],
  ['3.1', '2024-11-13'],
];

// Flask supports only its latest line: each line's support ends when the next line is released.
const FLASK: readonly ReleaseLine[] = FLASK_DATES.map(([line, released], i) => {
  const next = FLASK_DATES[i + 1];
  return next ? { line, released, supportedUntil: next[1] } : { line, released };
});

/** The release lines of each framework, oldest first. */
export const RELEASES: Readonly<Record<Framework, readonly ReleaseLine[]>> = Object.freeze({
  django: Object.freeze(DJANGO.map((r) => Object.freeze(r))),
  flask: Object.freeze(FLASK.map((r) => Object.freeze(r))),
});

/** Whether a declared version of Django or Flask is still supported. */
export interface SupportStatus {
  /** The release line judged ("3.2"): the newest one the specifier allows. */
  line?: string;
  status: 'supported' | 'end-of-life' | 'unknown';
  /** When support ended or ends (YYYY-MM-DD), when that is known. */
  until?: string;
  /** One or two sentences for the user. */
  message: string;
}

const DISPLAY: Record<Framework, string> = { django: 'Django', flask: 'Flask' };

/** A patch number above any real one (Django's longest-lived lines stopped below 40). */
const FAR_PATCH = 999;

/**
 * Says whether the newest release line that `specifier` allows is still supported on `today`.
 * The specifier is PEP 440 ("==3.2.19", ">=4.2,<5", "~=3.0"); Poetry-style forms ("^4.2",
 * "~4.2", a bare "4.2.1") are read too. An empty or "*" specifier is 'unknown': the version is
 * not pinned, so what gets installed depends on the day.
 */
export function supportStatus(framework: Framework, specifier: string, today: Date): SupportStatus {
  const name = DISPLAY[framework];
  const raw = specifier.trim();
  const spec = toPep440(raw);
  if (spec === '') {
    return {
      status: 'unknown',
      message: `${name} is not pinned to a version, so whichever release is newest at install time is used; pin a supported release line.`,
    };
  }
  if (spec === undefined || !validRange(spec)) {
    return { status: 'unknown', message: `Could not read the ${name} version specifier "${raw}".` };
  }

  const lines = RELEASES[framework];
  const oldest = lines[0]!;
  const newest = lines[lines.length - 1]!;
  const candidates = [...candidatesFor(framework), ...mentionedVersions(spec)];
  const allowed = filter(candidates, spec, { prereleases: true });

  let best: { version: string; line: string } | undefined;
  let newer = false;
  const linesAllowed = new Set<string>();
  for (const version of allowed) {
    const line = lineOf(version);
    if (line === undefined) continue;
    if (compare(line, newest.line) > 0) {
      newer = true;
      continue;
    }
    // A line that never existed (e.g. 4.3, a neighbour of "<4.2.99") says nothing.
    if (compare(line, oldest.line) >= 0 && !lines.some((r) => r.line === line)) continue;
    linesAllowed.add(line);
    if (!best || compare(version, best.version) > 0) best = { version, line };
  }

  if (!best) {
    return {
      status: 'unknown',
      message: newer
        ? `"${raw}" only allows ${name} releases newer than ${name} ${newest.line}, the newest line known when the release table was checked (${RELEASES_AS_OF}).`
        : `"${raw}" allows no known ${name} release.`,
    };
  }

  const todayIso = today.toISOString().slice(0, 10);
  const known = lines.find((r) => r.line === best.line);
  if (!known) {
    // Older than every line in the table: long past end of life.
    return {
      line: best.line,
      status: 'end-of-life',
      message: `${name} ${best.line} is older than every release line still tracked (the oldest, ${name} ${oldest.line}, lost support on ${oldest.supportedUntil}); it has been unsupported for years.${upgradeHint(framework, todayIso)}`,
    };
  }

  const label = `${name} ${known.line}${known.lts ? ' LTS' : ''}`;
  // For a range over several lines, say that the line judged is the newest one it allows.
  const note =
    known === newest || linesAllowed.size < 2
      ? ''
      : ` ("${raw}" allows nothing newer than ${known.line}.)`;

  if (todayIso < known.released) {
    return {
      line: known.line,
      status: 'unknown',
      message: `${label} was not released yet on ${todayIso} (it came out on ${known.released}).`,
    };
  }

  if (known.supportedUntil !== undefined && todayIso >= known.supportedUntil) {
    const message =
      framework === 'django'
        ? `${label} reached end of extended support on ${known.supportedUntil}.`
        : `${label} stopped receiving fixes on ${known.supportedUntil}, when ${name} ${nextLine(lines, known)} was released; Flask supports only its latest release line.`;
    return {
      line: known.line,
      status: 'end-of-life',
      until: known.supportedUntil,
      message: `${message}${note}${upgradeHint(framework, todayIso)}`,
    };
  }

  if (known.supportedUntil === undefined) {
    return {
      line: known.line,
      status: 'supported',
      message: `${label} is the latest release line known (as of ${RELEASES_AS_OF}) and the only one Flask supports; support moves on when the next line is released.${note}`,
    };
  }

  const message =
    framework === 'flask'
      ? `${label} is supported until ${known.supportedUntil}.`
      : known.mainstreamUntil !== undefined && todayIso < known.mainstreamUntil
        ? `${label} is in mainstream support until ${known.mainstreamUntil} and gets security fixes until ${known.supportedUntil}.`
        : `${label} gets security fixes only, until ${known.supportedUntil} (end of extended support).`;
  return {
    line: known.line,
    status: 'supported',
    until: known.supportedUntil,
    message: `${message}${note}`,
  };
}

const candidateCache = new Map<Framework, readonly string[]>();

/**
 * The versions every specifier is tested against: the first and a far patch (X.Y.0, X.Y.999) of
 * each known line, and a few lines below the oldest one so that e.g. "<1.3" is recognised as
 * ancient. Together with `mentionedVersions` this finds every line a specifier allows without
 * listing every patch release.
 */
function candidatesFor(framework: Framework): readonly string[] {
  let out = candidateCache.get(framework);
  if (out) return out;
  const lines = RELEASES[framework];
  const list: string[] = [];
  const oldestLine = lines[0]!.line;
  const oldestMajor = Number(oldestLine.split('.')[0]);
  for (let major = 0; major <= oldestMajor; major++) {
    for (let minor = 0; minor < 20; minor++) {
      const line = `${major}.${minor}`;
      if (compare(line, oldestLine) < 0) list.push(line);
    }
  }
  for (const { line } of lines) list.push(`${line}.0`, `${line}.${FAR_PATCH}`);
  out = Object.freeze(list);
  candidateCache.set(framework, out);
  return out;
}

const OPERATOR = /^(===|~=|==|!=|<=|>=|<|>)\s*/;

/**
 * The versions written in a PEP 440 specifier and their neighbours (last component +/- 1), so
 * that pins to any patch or pre-release match, and so do narrow ranges such as ">4.2.3,<4.2.7".
 */
function mentionedVersions(spec: string): string[] {
  const out: string[] = [];
  for (const part of spec.split(',')) {
    const version = part.trim().replace(OPERATOR, '').replace(/\.\*$/, '');
    const parsed = version === '' ? null : explain(version);
    if (!parsed) continue;
    out.push(version);
    const release = parsed.release;
    const last = release.length - 1;
    const around = (delta: number) => [...release.slice(0, last), release[last]! + delta].join('.');
    out.push(around(1));
    if (release[last]! > 0) out.push(around(-1));
    if (release.length === 2) out.push(`${release.join('.')}.1`);
  }
  return out;
}

/** "major.minor" of a version, or undefined when it does not parse. */
function lineOf(version: string): string | undefined {
  const parsed = explain(version);
  if (!parsed) return undefined;
  const [major = 0, minor = 0] = parsed.release;
  return `${major}.${minor}`;
}

function nextLine(lines: readonly ReleaseLine[], line: ReleaseLine): string {
  const i = lines.indexOf(line);
  return lines[i + 1]?.line ?? 'a newer line';
}

/** Points at the release line to move to: the newest LTS still supported, else the newest line. */
function upgradeHint(framework: Framework, todayIso: string): string {
  const lines = RELEASES[framework];
  const supported = lines.filter(
    (r) => r.released <= todayIso && (r.supportedUntil === undefined || todayIso < r.supportedUntil),
  );
  const target = [...supported].reverse().find((r) => r.lts) ?? supported[supported.length - 1];
  if (!target) return '';
  const name = DISPLAY[framework];
  return target.supportedUntil
    ? ` ${name} ${target.line}${target.lts ? ' LTS' : ''} is supported until ${target.supportedUntil}.`
    : ` Upgrade to ${name} ${target.line}, the current line.`;
}

/**
 * Rewrites Poetry-style constraints (^X.Y, ~X.Y, a bare version, * ) as PEP 440, part by part;
 * PEP 440 parts pass through. Returns undefined for forms it does not know (e.g. "||").
 */
function toPep440(spec: string): string | undefined {
  if (spec.includes('||')) return undefined;
  const parts: string[] = [];
  for (const rawPart of spec.split(',')) {
    const part = rawPart.trim();
    if (part === '' || part === '*') continue;
    const caret = /^\^\s*(\d+(?:\.\d+)*)$/.exec(part);
    const tilde = /^~(?!=)\s*(\d+(?:\.\d+)*)$/.exec(part);
    if (caret) {
      const release = caret[1]!.split('.').map(Number);
      let i = release.findIndex((n) => n !== 0);
      if (i < 0) i = release.length - 1;
      parts.push(`>=${caret[1]}`, `<${bump(release, i)}`);
    } else if (tilde) {
      const release = tilde[1]!.split('.').map(Number);
      parts.push(`>=${tilde[1]}`, `<${bump(release, release.length >= 2 ? 1 : 0)}`);
    } else if (/^\d/.test(part)) {
      parts.push(`==${part}`);
    } else {
      parts.push(part);
    }
  }
  return parts.join(',');
}

/** The release with component `i` incremented and everything after it dropped. */
function bump(release: readonly number[], i: number): string {
  return [...release.slice(0, i), release[i]! + 1].join('.');
}
