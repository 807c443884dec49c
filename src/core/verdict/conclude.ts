/**
 * From one project's observations to its explained verdict: what counts, the framework in use,
 * facts, findings, scores, headline, what would change it, batteries and outline. Every front end
 * explains a verdict through here. What counts (tests, declared-but-unused frameworks, a project's
 * own package, notebooks, aiohttp as a client): docs/design.md and docs/scoring.md.
 */
import { frameworkStrengths, computeFacts } from '../facts/facts';
import { addOnDependencies, batteriesReport, batteryUse, deriveFindings } from './findings';
import type { Dependency, Observation, ProjectAssessment } from '../model';
import { IMPORT_RULES } from '../python/rules';
import { hasWebSignal, score } from './scoring';
import { runSteps, type Steps } from '../engine/steps';
import { describeVerdict } from './summary';
import { whatWouldChange } from './whatIf';

/** One project as assess.ts hands it over. */
export interface ProjectInput {
  /** Workspace-relative root, "" (or ".") for the workspace folder. */
  root: string;
  rootReason: string;
  /** The project's own files, workspace-relative (for its package names). */
  files: readonly string[];
  /** Every observation: dependencies, layout, code and resolved models. */
  observations: readonly Observation[];
  /** The project's analyzed Python files, workspace-relative. */
  pythonFiles: readonly string[];
  dependencies: Dependency[];
  manifests: string[];
}

const TEST_DIRS = new Set(['tests', 'test', 'testing', '__tests__']);
const TEST_FILE = /(^|\/)(test_[^/]*|[^/]*_tests?|tests?|conftest)\.py$/;

/** True for a test module or anything under a test folder. */
export function isTestPath(path: string): boolean {
  if (TEST_FILE.test(path)) return true;
  return path.split('/').slice(0, -1).some((d) => TEST_DIRS.has(d));
}

// Frameworks whose import the analyzer always sees (an import of one always gets a file parsed).
const IMPORT_CHECKED: ReadonlySet<string> = new Set(IMPORT_RULES.filter((r) => r.obs.kind === 'framework').map((r) => r.module));

/**
 * Top-level packages the project itself defines: folders with an `__init__.py` directly under its
 * root or under `src/` (a folder named like a package shadows that package when it has one).
 */
export function ownPackages(root: string, files: readonly string[]): Set<string> {
  const prefix = root === '' || root === '.' ? '' : `${root}/`;
  const out = new Set<string>();
  for (const f of files) {
    if (!f.startsWith(prefix)) continue;
    const m = /^(?:src\/)?([A-Za-z_]\w*)\/__init__\.py$/.exec(f.slice(prefix.length));
    if (m) out.add(m[1]);
  }
  return out;
}

// A framework's own classes register routes on `self`; applications register them on an app or blueprint.
const SELF_ROUTE = /^\s*(return\s+)?self\.(add_url_rule|route|add_route|add_api_route)\s*\(/;
const isFrameworkInternal = (o: Observation) => (o.kind === 'route' || o.kind === 'view') && SELF_ROUTE.test(o.evidence.text ?? '');

const APPLICATION_KINDS: ReadonlySet<Observation['kind']> = new Set<Observation['kind']>(['app', 'route', 'view', 'blueprint', 'djangoApp']);

/**
 * True when the code makes an application: an app object, a route, a view, a blueprint, a Django
 * app or a template of its own. A project with code and none of these uses its framework as a
 * library (an extension, a client, the framework's own source). With no code at all (a fresh
 * folder with a requirements file), the declared framework is the plan.
 */
export function makesApplication(observations: readonly Observation[], manifests: readonly string[], hasCode: boolean): boolean {
  if (!hasCode) return true;
  const declared = new Set(manifests);
  return observations.some((o) => APPLICATION_KINDS.has(o.kind) || (o.kind === 'template' && !declared.has(o.evidence.file)));
}

const NOTEBOOK_PACKAGES = new Set(['jupyter', 'notebook', 'jupyterlab', 'jupyter-server', 'ipykernel', 'nbconvert', 'marimo']);

const AIOHTTP_WEB = /aiohttp\.web|from\s+aiohttp\s+import\s+[^#]*\bweb\b/;

/**
 * The observations that count for the verdict (see the header), and what the tests alone use;
 * pausing between passes over them (a large project has tens of thousands).
 */
function* countedObservations(input: ProjectInput): Steps<{ observations: Observation[]; seen: Observation[]; testOnlyFrameworks: string[]; hasCode: boolean }> {
  const own = ownPackages(input.root, input.files);
  // Code in notebooks is not read, but it is code: a Jupyter project imports what it uses there.
  const notebooks = input.files.some((f) => f.endsWith('.ipynb')) || input.dependencies.some((d) => NOTEBOOK_PACKAGES.has(d.name));
  const hasCode = notebooks || input.pythonFiles.some((f) => !isTestPath(f));
  // Thousands of observations come from a few hundred files: each file is looked at once.
  const testFiles = new Map<string, boolean>();
  const inTests = (o: Observation) => {
    let t = testFiles.get(o.evidence.file);
    if (t === undefined) testFiles.set(o.evidence.file, (t = isTestPath(o.evidence.file)));
    return t;
  };
  const isOwnFramework = (o: Observation) => (o.kind === 'framework' && !!o.name && own.has(o.name)) || (!!o.framework && own.has(o.framework));
  const kept = input.observations.filter((o) => !inTests(o) && !isOwnFramework(o) && !isFrameworkInternal(o));
  yield;
  const usedInCode = new Set(kept.filter((o) => (o.kind === 'framework' && o.via?.startsWith('import')) || (o.kind === 'app' && o.framework)).map((o) => (o.kind === 'app' ? o.framework : o.name)));
  const aiohttpWeb = kept.some((o) => o.kind === 'framework' && o.name === 'aiohttp' && o.via?.startsWith('import') && AIOHTTP_WEB.test(o.evidence.text ?? ''));
  const observations = kept.filter((o) => {
    if (o.kind !== 'framework' || !o.name || !hasCode) return true;
    if (o.name === 'aiohttp' && !aiohttpWeb) return false;
    if (o.via?.startsWith('import')) return true;
    return !IMPORT_CHECKED.has(o.name) || usedInCode.has(o.name);
  });
  yield;
  const testSeen = frameworkStrengths(input.observations.filter(inTests)).filter(([, w]) => w >= 0.5).map(([n]) => n);
  const seen = new Set(frameworkStrengths(observations).filter(([, w]) => w >= 0.5).map(([n]) => n));
  return { observations, seen: kept, testOnlyFrameworks: testSeen.filter((n) => !seen.has(n)), hasCode };
}

/** The verdict of one project, explained. */
export function concludeProject(input: ProjectInput): ProjectAssessment {
  return runSteps(concludeProjectInSteps(input));
}

/**
 * The same, pausing between its stages (steps.ts) so that a caller can give its thread back:
 * sorting out what counts, the facts, the findings and scores, and what would change the verdict
 * (which runs the rules again for each change it tries).
 */
export function* concludeProjectInSteps(input: ProjectInput): Steps<ProjectAssessment> {
  const { observations, seen, testOnlyFrameworks, hasCode } = yield* countedObservations(input);
  const strengths = frameworkStrengths(observations);
  const framework = strengths.length > 0 && strengths[0][1] >= 0.5 ? strengths[0][0] : 'none';
  const application = makesApplication(observations, input.manifests, hasCode);
  const libraryOf = application || framework === 'none' ? undefined : framework;
  // Seen: declared or imported, used or not; in use: the strongest of what the code uses.
  const frameworksSeen = frameworkStrengths(seen).filter(([, w]) => w >= 0.5).map(([name]) => name);
  if (framework !== 'none' && !frameworksSeen.includes(framework)) frameworksSeen.unshift(framework);
  yield;
  const facts = computeFacts(observations, input.pythonFiles.length);
  // Auth and admin mean use: startproject's INSTALLED_APPS alone is "present, unused" (batteries report).
  const use = batteryUse(observations, facts, framework);
  facts.auth = use.auth;
  facts.admin = use.admin;
  yield;
  const frameworkPlaces = seen.filter((o) => o.kind === 'framework');
  const ruleInput = { observations, facts, framework, frameworksSeen, frameworkPlaces, dependencies: addOnDependencies(input.dependencies), testOnlyFrameworks, ...(libraryOf ? { libraryOf } : {}) };
  const drafts = deriveFindings(ruleInput);
  yield;
  const coverage = evidenceCoverage(observations, input.pythonFiles);
  const verdict = score(drafts, application && hasWebSignal(framework, facts, observations), { framework, ...(coverage === undefined ? {} : { coverage }) });
  const project: ProjectAssessment = {
    root: input.root === '' ? '.' : input.root,
    framework,
    frameworksSeen,
    recommendation: verdict.recommendation,
    confidence: verdict.confidence,
    ...(coverage === undefined ? {} : { coverage }),
    scores: verdict.scores,
    facts,
    findings: verdict.findings,
    reasons: verdict.reasons,
    dependencies: input.dependencies,
    manifests: input.manifests,
    rootReason: input.rootReason,
  };
  const batteries = batteriesReport(ruleInput);
  if (batteries) project.batteries = batteries;
  const formClasses = observations.filter((o) => o.kind === 'forms' && /^\s*class\s/.test(o.evidence.text ?? '')).length;
  const orms = new Map<string, number>();
  for (const o of observations) if (o.kind === 'model' && o.via) orms.set(o.via, (orms.get(o.via) ?? 0) + 1);
  const orm = [...orms].sort((a, b) => b[1] - a[1])[0]?.[0];
  const counts = { formClasses, ...(orm ? { orm: ORM_NAMES[orm] ?? orm } : {}) };
  return describeVerdict(project, counts, yield* whatWouldChange(ruleInput, project.recommendation));
}

/** Share of the project's own (non-test) Python files that carry a counted observation; undefined without code. */
export function evidenceCoverage(observations: readonly Observation[], pythonFiles: readonly string[]): number | undefined {
  const own = new Set(pythonFiles.filter((f) => !isTestPath(f)));
  if (own.size === 0) return undefined;
  const covered = new Set(observations.map((o) => o.evidence.file).filter((f) => own.has(f)));
  return Math.round((covered.size / own.size) * 100) / 100;
}

const ORM_NAMES: Record<string, string> = { sqlalchemy: 'SQLAlchemy', sqlmodel: 'SQLModel', peewee: 'peewee', django: 'Django', tortoise: 'Tortoise', ormar: 'ormar', piccolo: 'Piccolo' };
