/**
 * The only place that turns findings into a verdict. Each finding id has a weight rule (points
 * for the framework it favours, growing with how much it stands for, capped); the verdict is the
 * framework with more points, and the confidence grows with the margin and with the amount of
 * evidence. The table is documented in docs/scoring.md; change both together.
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
  'api.small': { base: 6, per: 0, cap: 6 },
  'templates.pages': { base: 6, per: 0, cap: 6 },
  'size.small': { base: 8, per: 0, cap: 8 },
  'size.large': { base: 6, per: 3, cap: 15 },
  'batteries.recreated': { base: 4, per: 2, cap: 14 },
  'batteries.unused': { base: 6, per: 2, cap: 14 },
};

/** Points of evidence at which confidence reaches about two thirds of its margin. */
export const EVIDENCE_SCALE = 15;

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

/** Weighs the findings and decides. */
export function score(drafts: readonly DraftFinding[], web: boolean): Verdict {
  const findings: Finding[] = drafts.map(({ amount: _amount, ...f }) => ({ ...f, weight: weightOf({ ...f, amount: _amount }) }));
  return decide(findings, web);
}

/** How a confidence figure is made up (see docs/scoring.md, "Confidence"). */
export interface ConfidenceParts {
  /** The winner's share of all points, 0.5..1 (0.5 when there are no points). */
  share: number;
  /** 1 − e^(−points / 15): how much evidence there is, 0..1. */
  evidence: number;
  /** 0.5 + (share − 0.5) × evidence, rounded to two decimals. */
  confidence: number;
}

/** The confidence of a verdict from the two scores, with its parts (for explanations). */
export function confidenceOf(scores: Readonly<Record<Framework, number>>): ConfidenceParts {
  const total = scores.flask + scores.django;
  const winner: Framework = scores.django > scores.flask ? 'django' : 'flask';
  const share = total === 0 ? 0.5 : scores[winner] / total;
  const evidence = 1 - Math.exp(-total / EVIDENCE_SCALE);
  const confidence = Math.round((0.5 + (share - 0.5) * evidence) * 100) / 100;
  return { share, evidence, confidence };
}

/**
 * Decides from findings that are already weighed: sums the points per framework, picks the
 * recommendation (Flask on a tie) and the confidence, and lists the top reasons. `score` calls it
 * after weighing; callers that add weighed findings of their own (core/verdict/needs.ts) call it directly.
 */
export function decide(weighed: readonly Finding[], web: boolean): Verdict {
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
  const { confidence } = confidenceOf(scores);
  const reasons = findings
    .filter((f) => f.favors === recommendation && f.weight > 0)
    .slice(0, 3)
    .map((f) => f.message);
  if (reasons.length === 0) reasons.push(`Little to go on: ${frameworkName(recommendation)} by a small margin`);
  return { recommendation, confidence, scores, findings, reasons };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
