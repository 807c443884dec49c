/**
 * "Explain verdict": the score breakdown of one project, as rows a quick pick (or a report) can
 * show — the points each finding adds to Flask or Django, the subtotals, and how the confidence is
 * made from them. The numbers come from the project and from scoring.ts `confidenceOf`, never
 * from a second copy of the formulas. Host-side, vscode-free.
 */
import { frameworkName } from '../core/verdict/findings';
import type { Finding, Framework, ProjectAssessment } from '../core/model';
import { confidenceOf, FULL_COVERAGE, MARGIN_SCALE } from '../core/verdict/scoring';
import { onOtherFramework } from '../core/verdict/summary';

/** The findings that speak for one side, with their points. */
export interface ExplanationSide {
  framework: Framework | 'neither';
  /** "Django: 31 points". */
  title: string;
  total: number;
  findings: Finding[];
}

/** The breakdown of one verdict. */
export interface Explanation {
  /** The verdict in words, e.g. "Django fits better, 63% sure: 31 points to Flask's 18". */
  headline: string;
  /** How sure it is and why, in words, then the formula. */
  confidence: string;
  /** Winner first, then the other framework, then the findings that favour neither. */
  sides: ExplanationSide[];
  /** The findings that moved the verdict most, with their points (the project's reasons). */
  why: string[];
  /** The smallest changes that would flip it ("4 more models would tip this to Django"). */
  flip: string[];
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** Builds the breakdown. */
export function explainVerdict(project: ProjectAssessment): Explanation {
  const { scores, recommendation } = project;
  const side = (framework: Framework | 'neither'): ExplanationSide => {
    const findings = project.findings.filter((f) => f.favors === framework);
    const total = framework === 'neither' ? 0 : scores[framework];
    const title =
      framework === 'neither'
        ? `Information only: ${findings.length} finding${findings.length === 1 ? '' : 's'}, no points`
        : `${frameworkName(framework)}: ${total} point${total === 1 ? '' : 's'}`;
    return { framework, title, total, findings };
  };
  const first: Framework = recommendation ?? (scores.django > scores.flask ? 'django' : 'flask');
  const second: Framework = first === 'django' ? 'flask' : 'django';
  const sides = [side(first), side(second), side('neither')].filter((s) => s.framework !== 'neither' || s.findings.length > 0);
  const story = { why: [...project.reasons], flip: [...(project.whatWouldChange ?? [])] };

  if (!recommendation) {
    return {
      headline: `No verdict: ${project.reasons[0] ?? 'no web-application signal'}`,
      confidence: 'Confidence 0%: without a web framework, routes, views or an app object there is nothing to compare.',
      sides,
      ...story,
    };
  }
  const parts = confidenceOf(scores, { framework: project.framework, ...(project.coverage === undefined ? {} : { coverage: project.coverage }) });
  const tie = scores.flask === scores.django ? ' (a tie goes to Flask)' : '';
  return {
    headline: `${onOtherFramework(project) ? `Uses ${frameworkName(project.framework)} · if you had to move: ` : ''}${frameworkName(recommendation)} fits better, ${pct(project.confidence)} sure: ${scores[first]} points to ${frameworkName(second)}'s ${scores[second]}${tie}`,
    confidence:
      `${pct(parts.confidence)} sure: a ${parts.margin}-point lead, with evidence in ${project.coverage === undefined ? 'no code yet' : `${pct(project.coverage)} of the Python files`}; a static reading is never surer than ${pct(parts.cap)}. ` +
      `How: 50% + (cap ${pct(parts.cap)} − 50%) × margin ${parts.decisive.toFixed(2)} × coverage ${parts.covered.toFixed(2)}; ` +
      `margin: 1 − e^(−${parts.margin}/${MARGIN_SCALE}) for the ${parts.margin}-point lead; coverage: ${project.coverage === undefined ? 'no code to cover (0.75)' : `${pct(project.coverage)} of the Python files carry evidence (full from ${pct(FULL_COVERAGE)})`}` +
      `${parts.cap < 0.9 ? `; capped at ${pct(parts.cap)} because the project is on ${frameworkName(project.framework)} and the comparison is a hypothetical move` : ''}.`,
    sides,
    ...story,
  };
}
