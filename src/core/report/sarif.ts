/**
 * SARIF 2.1.0 output, so that CI code scanning can show the findings next to the code. One run;
 * one rule per finding id (the rule id is the finding id); one result per finding of each project,
 * located at its evidence (the first location is the primary one, the rest are related
 * locations). Paths are relative to `%SRCROOT%`, the assessed folder. Levels: a finding that speaks
 * for the framework the project does not use is a `warning` (it is why a move may pay off); every
 * other finding is a `note`. Validated against the OASIS schema in test/unit/sarif.unit.test.ts.
 */
import { frameworkName } from '../verdict/findings';
import type { Assessment, Evidence, Finding, ProjectAssessment } from '../model';
import { summarizeWorkspace } from '../verdict/summary';
import { verdictLine } from './report';

/** What a SARIF log says about the tool. */
export interface SarifOptions {
  /** The tool's version (package.json). */
  version?: string;
  /** Where to read about the tool. */
  informationUri?: string;
}

/** One line per finding id: what the rule checks, for the rule's short description. */
const RULE_TEXT: Readonly<Record<string, string>> = {
  'framework.inUse': 'The web framework the project uses',
  'framework.both': 'Both Flask and Django are declared or imported',
  'framework.other': 'Another web framework is in use; the verdict is a comparison',
  'data.models': 'ORM models: the center of Django’s batteries (ORM, migrations, admin)',
  'data.records': 'User accounts and records of its own without ORM models',
  'data.light': 'A database without ORM models: light data access',
  'data.none': 'No database: pages or an API without data of their own',
  'auth.users': 'User accounts: Django ships django.contrib.auth',
  'auth.api': 'Authentication without a user store (tokens, HTTP auth)',
  'admin.backoffice': 'An admin back office: Django ships django.contrib.admin',
  'migrations.schema': 'Schema migrations: Django ships makemigrations/migrate',
  'forms.validation': 'Form classes with validation: Django ships django.forms',
  'i18n.translations': 'Translations: Django ships django.utils.translation',
  'batteries.mail': 'Sending mail: Django ships django.core.mail',
  'batteries.cache': 'Caching: Django ships django.core.cache',
  'batteries.recreated': 'Add-ons that re-create Django built-ins',
  'batteries.unused': 'A Django project that leaves its batteries unused',
  'api.drf': 'A REST API on Django REST framework or Django Ninja',
  'api.small': 'A small JSON API with no user accounts',
  'templates.pages': 'A site that serves pages with no data model, accounts or admin',
  'size.small': 'A small surface with few batteries',
  'size.large': 'A large application',
  'size.medium': 'A mid-sized application (size favours neither)',
  'async.views': 'Async views (both frameworks run them)',
  'tasks.queue': 'A background task queue (works with either framework)',
  'realtime.websockets': 'Real-time features',
  'layout.nonWeb': 'A library or tool, not a web application',
  'layout.library': 'A web framework used as a library, not an application',
  'layout.testsOnly': 'A web framework used only by the tests',
};

// RFC 3986 path segments: keep unreserved characters and sub-delims, escape the rest.
function uriOf(path: string): string {
  return path
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

function location(e: Evidence): Record<string, unknown> {
  const region: Record<string, unknown> = {};
  if (e.line && e.line >= 1) {
    region.startLine = e.line;
    if (e.column && e.column >= 1) region.startColumn = e.column;
    if (e.endLine && e.endLine >= e.line) {
      region.endLine = e.endLine;
      if (e.endColumn && e.endColumn >= 1) region.endColumn = e.endColumn;
    }
  }
  const physical: Record<string, unknown> = { artifactLocation: { uri: uriOf(e.file), uriBaseId: '%SRCROOT%' } };
  if (Object.keys(region).length > 0) physical.region = e.text ? { ...region, snippet: { text: e.text } } : region;
  return { physicalLocation: physical };
}

function level(f: Finding, p: ProjectAssessment): 'warning' | 'note' {
  if (f.favors === 'neither' || f.weight <= 0) return 'note';
  return p.framework === 'flask' || p.framework === 'django' ? (f.favors !== p.framework ? 'warning' : 'note') : 'note';
}

/** The assessment as a SARIF 2.1.0 log. */
export function toSarif(a: Assessment, options: SarifOptions = {}): Record<string, unknown> {
  const ruleIds: string[] = [];
  const firstMessage = new Map<string, string>();
  for (const p of a.projects) {
    for (const f of p.findings) {
      if (!ruleIds.includes(f.id)) ruleIds.push(f.id);
      if (!firstMessage.has(f.id)) firstMessage.set(f.id, f.message);
    }
  }
  ruleIds.sort();
  const rules = ruleIds.map((id) => {
    const [concern] = id.split('.');
    return {
      id,
      name: id.replace(/[.](\w)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
      shortDescription: { text: RULE_TEXT[id] ?? firstMessage.get(id) ?? id },
      helpUri: options.informationUri,
      properties: { concern, tags: ['framework-fit', concern] },
    };
  });
  for (const r of rules) if (!r.helpUri) delete r.helpUri;

  const results: Record<string, unknown>[] = [];
  for (const p of a.projects) {
    for (const f of p.findings) {
      const evidence = f.evidence.length > 0 ? f.evidence : p.manifests.slice(0, 1).map((file) => ({ file }));
      const result: Record<string, unknown> = {
        ruleId: f.id,
        ruleIndex: ruleIds.indexOf(f.id),
        level: level(f, p),
        message: { text: `${p.root === '.' ? '' : `[${p.root}] `}${f.message}${f.favors === 'neither' ? '' : ` (+${f.weight} for ${frameworkName(f.favors)})`}` },
        properties: { project: p.root, concern: f.concern, favors: f.favors, weight: f.weight, frameworkInUse: p.framework, recommendation: p.recommendation },
      };
      if (evidence.length > 0) result.locations = [location(evidence[0])];
      if (evidence.length > 1) result.relatedLocations = evidence.slice(1).map((e, i) => ({ id: i + 1, ...location(e) }));
      results.push(result);
    }
  }

  const summary = a.summary ?? summarizeWorkspace(a.projects);
  const driver: Record<string, unknown> = { name: 'Framework Fit', rules };
  if (options.version) driver.version = options.version;
  if (options.informationUri) driver.informationUri = options.informationUri;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: `The assessed folder (${a.root})` } } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          summary: summary.lines,
          projects: a.projects.map((p) => ({ root: p.root, framework: p.framework, verdict: verdictLine(p), recommendation: p.recommendation, confidence: p.confidence, headline: p.headline ?? null, why: p.reasons, whatWouldChange: p.whatWouldChange ?? [] })),
        },
      },
    ],
  };
}
