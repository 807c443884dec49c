/**
 * The only place that turns findings into a verdict. Each finding id has a weight rule (points
 * for the framework it favours, growing with how much it stands for, capped); the verdict is the
 * framework with more points, and the confidence is a calibrated probability from the margin and
 * the code the evidence covers (`npm run calibrate`). Documented in docs/scoring.md; change both.
 */
import type { Facts, Finding, Framework, Observation } from '../model';
import type { DraftFinding } from './findings';
import { frameworkName } from './findings';

/** Points for a finding: base + per × (amount − 1), at most cap. */
export interface WeightRule {
  base: number;
  per: number;
  cap: number;
}

/** The weights table (see docs/scoring.md). Findings that favour neither weigh 0. */
export const WEIGHTS: Readonly<Record<string, WeightRule>> = {
  'data.models': { base: 6, per: 2, cap: 30 },
  'data.records': { base: 6, per: 0, cap: 6 },
  'data.light': { base: 4, per: 0, cap: 4 },
  'data.none': { base: 10, per: 0, cap: 10 },
  'auth.users': { base: 8, per: 0, cap: 8 },
  'admin.backoffice': { base: 10, per: 0, cap: 10 },
  'migrations.schema': { base: 6, per: 0, cap: 6 },
  'forms.validation': { base: 5, per: 0, cap: 5 },
  'i18n.translations': { base: 3, per: 0, cap: 3 },
  'batteries.mail': { base: 1, per: 0, cap: 1 },
  'batteries.cache': { base: 1, per: 0, cap: 1 },
  'api.drf': { base: 6, per: 0, cap: 6 },
  'api.small': { base: 10, per: 0, cap: 10 },
  'templates.pages': { base: 6, per: 0, cap: 6 },
  'size.small': { base: 8, per: 0, cap: 8 },
  'size.large': { base: 6, per: 3, cap: 15 },
  'batteries.recreated': { base: 4, per: 2, cap: 14 },
  'batteries.unused': { base: 6, per: 2, cap: 14 },
};

/** Margin (points) at which confidence has gone about two thirds of the way to its cap. */
export const MARGIN_SCALE = 8;
/** No verdict is surer than this: the rules read code statically and miss what it does at run time. */
export const CONFIDENCE_CAP = 0.95;
/** A comparison for a project on another framework (FastAPI, aiohttp...) is a hypothetical move. */
export const OTHER_FRAMEWORK_CAP = 0.7;
/** Share of the project's Python files carrying evidence from which coverage costs nothing. */
export const FULL_COVERAGE = 0.4;

/** Weight of one finding by the table. */
export function weightOf(f: DraftFinding): number {
  if (f.favors === 'neither') return 0;
  const rule = WEIGHTS[f.id];
  if (!rule) return 0;
  return round1(Math.min(rule.cap, rule.base + rule.per * Math.max(0, f.amount - 1)));
}

/** The verdict of one project. */
export interface Verdict {
  recommendation: Framework | null;
  confidence: number;
  scores: Record<Framework, number>;
  findings: Finding[];
  reasons: string[];
}

/**
 * True when the project is a web application: a web framework is in use (declared with no code
 * yet, or imported, or an app object made). Routes or templates without a framework are a
 * library's internals or stray files, not an application to compare.
 */
export function hasWebSignal(framework: string, _facts?: Facts, _observations?: readonly Observation[]): boolean {
  return framework !== 'none';
}

/** What a confidence rests on besides the scores: how much code the evidence covers, the framework in use. */
export interface ConfidenceBasis {
  /** Share (0..1) of the project's own Python files that carry evidence; undefined: no code. */
  coverage?: number;
  /** The framework in use; another than Flask or Django caps the comparison's confidence. */
  framework?: string;
}

/** Weighs the findings and decides. */
export function score(drafts: readonly DraftFinding[], web: boolean, basis: ConfidenceBasis = {}): Verdict {
  const findings: Finding[] = drafts.map(({ amount: _amount, ...f }) => ({ ...f, weight: weightOf({ ...f, amount: _amount }) }));
  return decide(findings, web, basis);
}

/** How a confidence figure is made up (see docs/scoring.md, "Confidence"). */
export interface ConfidenceParts {
  /** Winner's points minus the other's. */
  margin: number;
  /** 1 − e^(−margin / MARGIN_SCALE): how decisive the margin is, 0..1. */
  decisive: number;
  /** The coverage factor, 0.75..1: 0.75 + 0.25 × min(1, coverage / FULL_COVERAGE); 0.75 with no code. */
  covered: number;
  /** The highest confidence this project can get (CONFIDENCE_CAP, or OTHER_FRAMEWORK_CAP). */
  cap: number;
  /** 0.5 + (cap − 0.5) × decisive × covered, rounded to two decimals. */
  confidence: number;
}

/** The confidence of a verdict from the two scores and its basis, with its parts (for explanations). */
export function confidenceOf(scores: Readonly<Record<Framework, number>>, basis: ConfidenceBasis = {}): ConfidenceParts {
  const margin = round1(Math.abs(scores.django - scores.flask));
  const decisive = 1 - Math.exp(-margin / MARGIN_SCALE);
  const covered = basis.coverage === undefined ? 0.75 : 0.75 + 0.25 * Math.min(1, basis.coverage / FULL_COVERAGE);
  const other = !!basis.framework && basis.framework !== 'none' && basis.framework !== 'flask' && basis.framework !== 'django';
  const cap = other ? OTHER_FRAMEWORK_CAP : CONFIDENCE_CAP;
  const confidence = Math.round((0.5 + (cap - 0.5) * decisive * covered) * 100) / 100;
  return { margin, decisive, covered, cap, confidence };
}

/**
 * Decides from findings that are already weighed: sums the points per framework, picks the
 * recommendation (Flask on a tie) and the confidence, and lists the top reasons. `score` calls it
 * after weighing; callers that add weighed findings of their own (core/verdict/needs.ts) call it directly.
 */
export function decide(weighed: readonly Finding[], web: boolean, basis: ConfidenceBasis = {}): Verdict {
  // Without a web application there is nothing to compare: findings stay, as information only.
  const findings = (web ? [...weighed] : weighed.map((f) => ({ ...f, weight: 0 }))).sort((a, b) => b.weight - a.weight);
  const scores: Record<Framework, number> = { flask: 0, django: 0 };
  for (const f of findings) if (f.favors !== 'neither') scores[f.favors] += f.weight;
  scores.flask = round1(scores.flask);
  scores.django = round1(scores.django);
  if (!web) {
    const layout = findings.find((f) => f.id === 'layout.library' || f.id === 'layout.testsOnly');
    const reason = layout ? layout.message : 'No web-application signal: no web framework, routes, views or app objects were found, so this is a library, a tool or scripts';
    return { recommendation: null, confidence: 0, scores, findings, reasons: [reason] };
  }
  const recommendation: Framework = scores.django > scores.flask ? 'django' : 'flask';
  const { confidence } = confidenceOf(scores, basis);
  // The three findings that moved it most, with the points each gave (docs/scoring.md, "Why").
  const reasons = findings
    .filter((f) => f.favors === recommendation && f.weight > 0)
    .slice(0, 3)
    .map((f) => `${f.message} (+${f.weight})`);
  if (reasons.length === 0) reasons.push(`Little to go on: ${frameworkName(recommendation)} by a small margin`);
  return { recommendation, confidence, scores, findings, reasons };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
