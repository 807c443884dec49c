/**
 * Declared needs ("Plan a new project") merged with what the workspace shows: one `needs.<question>`
 * finding per answer, decided again with scoring.ts `decide`, so a plan reads like a scanned
 * project. A need the code already shows counts 0 points. Weights and merge rules: docs/design.md.
 */
import type { Concern, Facts, Favors, Finding, ProjectAssessment } from '../model';
import { decide } from './scoring';
import { describeVerdict } from './summary';

/** Answers to the planning questions; a question left undefined was skipped ("not sure"). */
export interface DeclaredNeeds {
  /** How much data of its own the project keeps. */
  database?: 'none' | 'few' | 'many';
  /** User accounts: sign-up, log-in, permissions. */
  accounts?: boolean;
  /** An admin back office for staff to edit the data. */
  admin?: boolean;
  /** HTML forms with validation. */
  forms?: boolean;
  /** Only a JSON API, no server-rendered pages. */
  apiOnly?: boolean;
  /** About how many pages or endpoints: under 10, 10 to 40, over 40. */
  pages?: 'few' | 'some' | 'many';
  /** Real-time features (WebSockets, server push). */
  realtime?: boolean;
}

/** The questions, in the order "Plan a new project" asks them. */
export const NEED_KEYS: readonly (keyof DeclaredNeeds)[] = ['database', 'accounts', 'admin', 'forms', 'apiOnly', 'pages', 'realtime'];

interface NeedRule {
  concern: Concern;
  favors: Favors;
  weight: number;
  message: string;
}

/** The weights table (documented in the header). `undefined`: the answer adds no finding. */
function ruleFor(key: keyof DeclaredNeeds, answer: NonNullable<DeclaredNeeds[keyof DeclaredNeeds]>): NeedRule | undefined {
  const yes = answer === true;
  switch (key) {
    case 'database':
      if (answer === 'many') return { concern: 'data', favors: 'django', weight: 12, message: "Planned: many tables (10 or more) with relations: Django's ORM, migrations and admin are built around models" };
      if (answer === 'few') return { concern: 'data', favors: 'flask', weight: 3, message: 'Planned: a few tables: Flask-SQLAlchemy or plain SQL is enough' };
      return { concern: 'data', favors: 'flask', weight: 8, message: 'Planned: no database of its own: pages or an API without data suit Flask' };
    case 'accounts':
      return yes
        ? { concern: 'auth', favors: 'django', weight: 8, message: 'Planned: user accounts (sign-up, log-in, permissions): Django ships django.contrib.auth' }
        : { concern: 'auth', favors: 'flask', weight: 3, message: 'Planned: no user accounts' };
    case 'admin':
      return yes
        ? { concern: 'admin', favors: 'django', weight: 10, message: 'Planned: an admin back office: Django ships django.contrib.admin' }
        : { concern: 'admin', favors: 'flask', weight: 3, message: 'Planned: no admin back office' };
    case 'forms':
      return yes
        ? { concern: 'forms', favors: 'django', weight: 5, message: 'Planned: HTML forms with validation: Django ships django.forms (ModelForm)' }
        : { concern: 'forms', favors: 'flask', weight: 2, message: 'Planned: no HTML forms' };
    case 'apiOnly':
      return yes ? { concern: 'api', favors: 'flask', weight: 6, message: 'Planned: a JSON API only, no pages: a small API fits Flask' } : undefined;
    case 'pages':
      if (answer === 'few') return { concern: 'size', favors: 'flask', weight: 6, message: 'Planned: under 10 pages or endpoints: a small site fits Flask' };
      if (answer === 'many') return { concern: 'size', favors: 'django', weight: 8, message: "Planned: over 40 pages or endpoints: Django's structure pays off as projects grow" };
      return { concern: 'size', favors: 'neither', weight: 0, message: 'Planned: 10 to 40 pages or endpoints (either framework)' };
    case 'realtime':
      return yes ? { concern: 'realtime', favors: 'neither', weight: 0, message: 'Planned: real-time features (Flask-SocketIO or Django Channels; either works)' } : undefined;
  }
  return undefined;
}

/** A project with nothing scanned: what "Plan a new project" starts from in an empty workspace. */
export function blankProject(root = '.'): ProjectAssessment {
  const facts: Facts = {
    models: 0,
    relations: 0,
    routes: 0,
    routesBy: {},
    views: 0,
    templates: 0,
    templateDialect: 'none',
    blueprints: 0,
    djangoApps: 0,
    pythonFiles: 0,
    auth: false,
    admin: false,
    migrations: false,
    forms: false,
    restApi: false,
    database: false,
    async: false,
    tasks: false,
    realtime: false,
    i18n: false,
  };
  return {
    root,
    framework: 'none',
    frameworksSeen: [],
    recommendation: null,
    confidence: 0,
    scores: { flask: 0, django: 0 },
    facts,
    findings: [],
    reasons: [],
    dependencies: [],
    manifests: [],
    rootReason: 'a new project (declared needs only)',
  };
}

/** True when at least one question was answered. */
export function hasNeeds(needs: DeclaredNeeds): boolean {
  return NEED_KEYS.some((k) => needs[k] !== undefined);
}

/** The findings the answers add, before merging (weights from the table above). */
export function needFindings(needs: DeclaredNeeds): Finding[] {
  const out: Finding[] = [];
  for (const key of NEED_KEYS) {
    const answer = needs[key];
    if (answer === undefined) continue;
    const rule = ruleFor(key, answer);
    if (!rule) continue;
    out.push({ id: `needs.${key}`, concern: rule.concern, favors: rule.favors, weight: rule.weight, message: rule.message, evidence: [] });
  }
  return out;
}

/**
 * Merges declared needs into a scanned project (or `blankProject()`) and decides again. Facts,
 * dependencies, batteries and the framework in use are what the code shows and stay as they are;
 * findings, scores, recommendation, confidence and reasons are recomputed (and the engine's
 * headline and "what would change", which explain the scanned verdict, are left out). Needs are about a web project,
 * so a project without a web signal gets a verdict once any question is answered.
 */
export function applyNeeds(project: ProjectAssessment, needs: DeclaredNeeds): ProjectAssessment {
  const answered = new Set(needFindings(needs).map((f) => f.concern));
  // A finding that rests on absence (no evidence: "no database found") gives way to an answer
  // about the same concern: in a new project, nothing written yet says nothing about what is to come.
  const scanned = project.findings
    .filter((f) => !f.id.startsWith('needs.'))
    .map((f) => (f.evidence.length === 0 && f.weight > 0 && answered.has(f.concern) ? { ...f, weight: 0, message: `${f.message} (superseded by the declared need)` } : f));
  const added = needFindings(needs).map((f) => {
    const shown = scanned.find((s) => s.concern === f.concern && s.favors === f.favors && f.favors !== 'neither' && s.weight > 0);
    return shown ? { ...f, weight: 0, message: `${f.message} (the code already shows it: counted once)` } : f;
  });
  const web = project.recommendation !== null || added.length > 0;
  const verdict = decide([...scanned, ...added], web, { framework: project.framework, ...(project.coverage === undefined ? {} : { coverage: project.coverage }) });
  const decided: ProjectAssessment = {
    ...project,
    recommendation: verdict.recommendation,
    confidence: verdict.confidence,
    scores: verdict.scores,
    findings: verdict.findings,
    reasons: verdict.reasons,
  };
  // Headline, "what would change it" and the outline are made again for the merged verdict
  // (summary.ts `describeVerdict`; what would change it is weighed on the findings).
  return describeVerdict(decided);
}

/**
 * Merges declared needs into every project of an assessment; a workspace with no project (a
 * fresh folder) gets one blank project at its root with the needs alone. Without answers the
 * projects are returned as they are.
 */
export function withNeeds(projects: ProjectAssessment[], needs: DeclaredNeeds | undefined): ProjectAssessment[] {
  if (!needs || !hasNeeds(needs)) return projects;
  if (projects.length === 0) return [applyNeeds(blankProject(), needs)];
  return projects.map((p) => applyNeeds(p, needs));
}

const ANSWERS: Readonly<Record<keyof DeclaredNeeds, readonly unknown[]>> = {
  database: ['none', 'few', 'many'],
  accounts: [true, false],
  admin: [true, false],
  forms: [true, false],
  apiOnly: [true, false],
  pages: ['few', 'some', 'many'],
  realtime: [true, false],
};

/**
 * Reads declared needs from untrusted input (a command argument, saved state): known questions
 * with allowed answers are kept, anything else is dropped. Undefined when `raw` is not an object.
 */
export function parseNeeds(raw: unknown): DeclaredNeeds | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of NEED_KEYS) {
    if (!Object.prototype.hasOwnProperty.call(raw, key)) continue;
    const value = (raw as Record<string, unknown>)[key];
    if (ANSWERS[key].includes(value)) out[key] = value;
  }
  return out as DeclaredNeeds;
}
