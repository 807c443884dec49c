/**
 * A lexical pre-filter deciding which Python files need a parse. Lossless by construction: every
 * observation needs a name from the rule tables (rules.ts) or a class definition to appear in the
 * text, and the filter is derived from the same tables. Why, and what a skipped file loses:
 * docs/design.md "Parsing less".
 */
import { CALL_RULES, CLASS_BASE_RULES, DECORATOR_RULES, IMPORT_RULES, ROUTE_METHODS } from './rules';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The names a call is matched on (its callee's last segment): CALL_RULES and the calls analyze.ts
 * reads itself. cut.ts keeps every function body that calls one of them.
 */
export const CALL_NAMES: ReadonlySet<string> = new Set([
  ...CALL_RULES.map((r) => r.last),
  'execute',
  'executemany',
  'executescript',
  'register',
  'declarative_base',
  'generate_base',
]);

function buildTrigger(): RegExp {
  const words = new Set<string>([
    ...CALL_NAMES,
    // Other names analyze.ts reads outside the tables.
    'INSTALLED_APPS',
    'urlpatterns',
    'DJANGO_SETTINGS_MODULE',
  ]);
  for (const r of IMPORT_RULES) words.add(r.module.split('.')[0]);
  for (const r of CLASS_BASE_RULES) for (const l of r.last) words.add(l);
  const decorators = [...new Set(DECORATOR_RULES.map((r) => r.last))].map(escape).join('|');
  const routes = [...ROUTE_METHODS].map(escape).join('|');
  const alternatives = [
    // Identifiers match as whole words: a name in the source is always a whole token.
    `\\b(?:${[...words].sort((a, b) => b.length - a.length).map(escape).join('|')})\\b`,
    // Decorator-only names (short words such as "on" or "task") count only after an @.
    `@[\\w.\\s]{0,200}?\\b(?:${decorators})\\b`,
    // A call of a project route helper (rules.ts ROUTE_HELPER), which may register URLs it is handed.
    `\\b(?:add|register)_\\w*(?:resource|rule|route|view|url|api|endpoint)s?\\s*\\(`,
    // A route decorator: @<anything>.route( / .get( ... (possibly spread over lines).
    `@[\\w.\\s]{0,200}?\\.\\s*(?:${routes})\\s*\\(`,
    // Any class definition (at the start of a line, after indentation): one with bases may inherit a
    // model or a view through the project's own classes, and every class, with bases or not, is
    // recorded — models are resolved by class name across files, so a base-less mixin named like
    // a model changes the resolution (netbox: 141 models with it, 373 without).
    '^[ \\t\\f]*class\\b',
  ];
  return new RegExp(alternatives.join('|'), 'm');
}

const TRIGGER = buildTrigger();

/** True when the file may show something; false when parsing it would find nothing. */
export function needsParse(text: string): boolean {
  return TRIGGER.test(text);
}

/**
 * A migration module (Django's `migrations/0001_*.py`, Alembic's `migrations/versions/*.py`).
 * They restate the models as operations: the verdict leaves their observations and classes out
 * (assess.ts), and reads of them only whether one makes a Flask app (a project root).
 */
export const MIGRATION_MODULE = /(^|\/)migrations\/(\d{4}_[^/]*|versions\/[^/]+)\.py$/;

/** What a migration module must show for its parse to matter: a Flask app (CALL_RULES' Flask). */
const MIGRATION_TRIGGER = /\bFlask\b/;

/**
 * needsParse for the file at `path`: a migration module needs a parse only when it may make a
 * Flask app (what the verdict reads of it); any other file, as needsParse. The result of a
 * migration module then differs from a full analysis only in what nothing reads.
 */
export function needsParseAt(path: string, text: string): boolean {
  return prefilterKind(path) === 'migration' ? MIGRATION_TRIGGER.test(text) : TRIGGER.test(text);
}

/** All that the pre-filter's decision reads of a path (the analysis cache keys results by it). */
export function prefilterKind(path: string): 'migration' | 'module' {
  return MIGRATION_MODULE.test(path) ? 'migration' : 'module';
}
