/**
 * The engine's vocabulary: what the detectors observe, what the rules conclude, and what an
 * assessment reports. Everything here is plain data (JSON-serialisable) so that it can cross a
 * worker boundary, be cached, be printed by the CLI and be sent to the webview unchanged.
 *
 * Positions: `line` is 1-based, `column` is 1-based and counts UTF-16 code units (as VS Code and
 * SARIF do). Paths are workspace-relative with forward slashes.
 */

/** The two frameworks the product compares. */
export type Framework = 'flask' | 'django';

/** Which side a finding speaks for. */
export type Favors = Framework | 'neither';

/** A place in the workspace that shows a claim. */
export interface Evidence {
  /** Workspace-relative path, forward slashes. */
  file: string;
  /** 1-based line, or absent when the evidence is the file as a whole (e.g. a folder layout). */
  line?: number;
  /** 1-based column. */
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** A short excerpt (one line at most) shown next to the location. */
  text?: string;
}

/** What a detector can observe. Each observation is one piece of evidence for one of these. */
export type ObservationKind =
  | 'framework' // the project uses a web framework (name = flask, django, fastapi, ...)
  | 'app' // an application object or project (Flask(__name__), create_app, Django settings)
  | 'blueprint' // a Flask blueprint
  | 'djangoApp' // a Django app package or an INSTALLED_APPS entry
  | 'route' // a URL route declared
  | 'routeHelper' // a project function that registers the URL rules it is given (name = function); read by detectors/routes.ts
  | 'routeCall' // a call handing URL rules to a function named like a route helper (name, count = URLs); read by detectors/routes.ts
  | 'routerMade' // a router made from a class not DRF's own (name = class); an API root when it is a DefaultRouter (detectors/routes.ts)
  | 'view' // a view function or class
  | 'viewTarget' // what a URL pattern or add_url_rule routes to (name = dotted, through imports); read by detectors/views.ts
  | 'model' // a concrete ORM model class
  | 'relation' // a relationship between models (ForeignKey, relationship(), ...)
  | 'database' // a database layer in use (ORM, driver, raw SQL, NoSQL client)
  | 'auth' // user authentication
  | 'admin' // an admin back office
  | 'forms' // form handling and validation
  | 'migrations' // schema migrations
  | 'template' // a template file or a render call
  | 'restApi' // a REST/JSON API layer
  | 'async' // async views or an ASGI stack
  | 'tasks' // a task queue
  | 'realtime' // websockets, server push
  | 'i18n' // translations
  | 'mail' // sending mail
  | 'cache' // caching
  | 'security' // CSRF, CORS, rate limiting, security headers
  | 'staticFiles' // static asset handling
  | 'nonWeb'; // a signal that the folder is a library or tool, not a web application

/**
 * One observed fact with its evidence. `name` qualifies it (the framework, the package, the model
 * class); `via` names the package or API that provides it (e.g. "flask-login" for auth) so that
 * rules can tell a Flask add-on from a Django built-in.
 */
export interface Observation {
  kind: ObservationKind;
  name?: string;
  via?: string;
  /** The framework this observation is specific to, when it is (a Flask add-on, a Django built-in). */
  framework?: string;
  /** How many of the thing this one observation stands for (default 1). */
  count?: number;
  /** Strength of the evidence, 0..1 (default 1); e.g. an import is weaker than a declared dependency. */
  strength?: number;
  evidence: Evidence;
}

/** A problem met while reading the workspace. Never fatal: the assessment goes on. */
export interface Problem {
  file: string;
  line: number | null;
  message: string;
  severity: 'error' | 'warning' | 'info';
}

/** How a dependency is needed. */
export type DependencyKind = 'runtime' | 'dev' | 'optional' | 'constraint' | 'build';

/** Which manifest format declared a dependency. */
export type ManifestFormat = 'requirements' | 'pyproject' | 'pipfile' | 'setup.cfg' | 'setup.py' | 'conda';

/** A declared dependency, from any manifest format. */
export interface Dependency {
  /** PEP 503 normalised name (lower case, runs of -_. folded to -). */
  name: string;
  /** The name as written. */
  rawName: string;
  /** The version specifier as written, normalised to no spaces ("" when none). */
  specifier: string;
  extras: string[];
  /** The environment marker as written, without the ';' ("" when none). */
  marker: string;
  kind: DependencyKind;
  /** Group, extra or section name (e.g. "dev", "postgres", "tool.poetry.group.test"). */
  group?: string;
  format: ManifestFormat;
  /** A direct reference (PEP 508 `name @ url`, VCS URL or local path). */
  url?: string;
  editable?: boolean;
  /** Workspace-relative manifest path. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A parsed manifest: its dependencies, the files it pulls in and what went wrong. */
export interface ManifestResult {
  dependencies: Dependency[];
  problems: Problem[];
  /** Other requirements files this one includes (-r / -c), resolved workspace-relative. */
  includes?: { file: string; constraint: boolean; line: number }[];
  /** Options recorded on the way (e.g. --index-url), for display only. */
  options?: { name: string; value: string; line: number }[];
  /** pyproject: dependencies are declared dynamic (read from another file). */
  dynamicDependencies?: boolean;
  /**
   * The file could not be parsed at all (malformed TOML or YAML): it then says nothing about a
   * project. A field, not an identity mark, so it survives the copy from a parse worker.
   */
  unreadable?: true;
  /** setup.py that calls no setup(): a module of the app named setup.py (redash/handlers/setup.py), read as code. */
  notSetupScript?: true;
}

/** Concerns a finding can be about; used to group findings in every front end. */
export type Concern =
  | 'framework'
  | 'size'
  | 'data'
  | 'auth'
  | 'admin'
  | 'forms'
  | 'migrations'
  | 'templates'
  | 'api'
  | 'async'
  | 'tasks'
  | 'realtime'
  | 'i18n'
  | 'batteries'
  | 'layout'
  | 'dependencies';

/** A conclusion drawn from observations, with the evidence that shows it. */
export interface Finding {
  /** Stable id, e.g. "data.models"; also the SARIF rule id. */
  id: string;
  concern: Concern;
  favors: Favors;
  /** Points added to the favoured framework's score (filled in by scoring.ts). */
  weight: number;
  message: string;
  evidence: Evidence[];
}

/** Counts and flags the verdict rests on. Part of the JSON contract. */
export interface Facts {
  models: number;
  relations: number;
  routes: number;
  /** Routes by the mechanism that declares them (ROUTE_MECHANISMS in facts/facts.ts), only those with any. */
  routesBy: Record<string, number>;
  views: number;
  templates: number;
  /** The dialect most template files are written in ("none" without templates, "mixed" when both are common). */
  templateDialect: 'jinja' | 'django' | 'mixed' | 'none';
  blueprints: number;
  djangoApps: number;
  pythonFiles: number;
  auth: boolean;
  admin: boolean;
  migrations: boolean;
  forms: boolean;
  restApi: boolean;
  database: boolean;
  async: boolean;
  tasks: boolean;
  realtime: boolean;
  i18n: boolean;
}

/** One project (a folder with a manifest, a manage.py or a Flask app) and its verdict. */
export interface ProjectAssessment {
  /** Workspace-relative root, "." for the workspace folder itself. */
  root: string;
  /** The framework in use: flask, django, fastapi, ... or "none". */
  framework: string;
  /** Every web framework seen, strongest first. */
  frameworksSeen: string[];
  /** Which of the two fits better, or null when the project shows no web-application signal. */
  recommendation: Framework | null;
  /** 0..1: how clear the margin between the two scores is. */
  confidence: number;
  /** Share (0..1) of the project's own Python files that carry evidence; absent when it has no code. */
  coverage?: number;
  scores: Record<Framework, number>;
  facts: Facts;
  findings: Finding[];
  /** Plain-words reasons for the verdict, most important first. */
  reasons: string[];
  dependencies: Dependency[];
  /** Manifest files of this project, workspace-relative. */
  manifests: string[];
  /** Why this folder is a project root. */
  rootReason: string;
  /**
   * The verdict in one plain sentence with its top reasons, e.g. "Django fits better: 12 models
   * with 9 relations, Flask-Login and Flask-Admin: Django ships these." For a project on another
   * framework it says that the verdict is a comparison; without a verdict it says why.
   */
  headline?: string;
  /** What would change the verdict, in plain words (e.g. "Flask would fit if ..."). */
  whatWouldChange?: string[];
  /** Django's batteries: re-created by Flask add-ons, or used and unused by a Django project. */
  batteries?: BatteriesReport;
  /** How to move to the recommended framework, when it differs from the one in use. */
  outline?: MigrationOutline;
}

/** A Flask (or other framework's) add-on that does the job of a Django built-in. */
export interface RecreatedBattery {
  /** The add-on as its project spells it, e.g. "Flask-Login". */
  addOn: string;
  /** The Django built-in it re-creates, e.g. "django.contrib.auth". */
  builtin: string;
  evidence: Evidence[];
}

/** One of the five batteries the verdict weighs most. */
export type BatteryName = 'ORM' | 'admin' | 'auth' | 'forms' | 'migrations';

/**
 * Django's batteries in this project. `recreated`: for a project not on Django, every add-on that
 * re-implements a Django built-in. `used` / `unused`: for a Django project, which of the ORM,
 * admin, auth, forms and migrations it actually uses (a default INSTALLED_APPS entry is not use).
 */
export interface BatteriesReport {
  recreated: RecreatedBattery[];
  used: BatteryName[];
  unused: BatteryName[];
}

/** One "this becomes that" line of a migration outline. */
export interface OutlineMapping {
  /** What there is now, e.g. "Flask-Login", "12 SQLAlchemy models", "4 blueprints". */
  from: string;
  /** What it becomes, e.g. "django.contrib.auth", "Django models", "Django apps". */
  to: string;
  /** How, in a few words. */
  note?: string;
  /** Where the current thing is (a few locations). */
  evidence?: Evidence[];
}

/** How much there is to move. */
export interface PortSize {
  models: number;
  relations: number;
  routes: number;
  views: number;
  templates: number;
  forms: number;
  /** Blueprints (Flask) or Django apps. */
  modules: number;
  /** Add-ons to replace or drop. */
  addOns: number;
}

/** A rough effort band for a port. */
export type EffortBand = 'small' | 'medium' | 'large' | 'very large';

/** A migration outline: what maps to what, how much there is to move and a rough effort band. */
export interface MigrationOutline {
  /** Display names, e.g. "Flask" → "Django". */
  from: string;
  to: string;
  mappings: OutlineMapping[];
  size: PortSize;
  effort: EffortBand;
  /** The band in time, e.g. "1–3 weeks for one developer". */
  effortText: string;
  /** The steps in the order teams usually take them. */
  steps: string[];
}

/** The workspace at a glance, for a monorepo: one line per project and the tally. */
export interface WorkspaceSummary {
  projects: number;
  /** How many projects fit each framework; `none` counts projects with no verdict. */
  recommendations: Record<Framework | 'none', number>;
  /** Frameworks in use, with how many projects use each ("none" included). */
  frameworks: Record<string, number>;
  /** Plain-words lines, e.g. "web (Django): Django fits better, 95%". */
  lines: string[];
  /** With several projects: the root of the one a user most likely came for (`leadProject`). */
  lead?: string;
}

/** The result of assessing one workspace folder. */
export interface Assessment {
  schemaVersion: 1;
  /** Absolute or display path of the assessed folder. */
  root: string;
  projects: ProjectAssessment[];
  problems: Problem[];
  stats: { files: number; pythonFiles: number; bytesRead: number; ms: number };
  /** The workspace at a glance (every project's verdict and the tally). */
  summary?: WorkspaceSummary;
}
