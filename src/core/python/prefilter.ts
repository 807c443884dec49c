/**
 * A lexical pre-filter that decides which Python files need a parse. It is lossless by
 * construction: every observation and class the analyzer can report needs a name from its rule
 * tables (rules.ts) or a class with bases to appear literally in the file's text — an alias still
 * needs an import naming the original — so a file in which none of them appears would yield an
 * empty analysis. Derived from the same tables, it cannot drift from them. The benchmark and a unit
 * test compare a filtered run with a parse-everything run.
 *
 * What is lost for a skipped file: only its syntax-error problem, which nobody needs for a file
 * that shows nothing.
 */
import { CALL_RULES, CLASS_BASE_RULES, DECORATOR_RULES, IMPORT_RULES, ROUTE_METHODS } from './rules';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function buildTrigger(): RegExp {
  const words = new Set<string>([
    // Names analyze.ts reads outside the tables.
    'INSTALLED_APPS',
    'urlpatterns',
    'DJANGO_SETTINGS_MODULE',
    'execute',
    'register',
    'declarative_base',
    'generate_base',
  ]);
  for (const r of IMPORT_RULES) words.add(r.module.split('.')[0]);
  for (const r of CALL_RULES) words.add(r.last);
  const decorators = [...new Set(DECORATOR_RULES.map((r) => r.last))].map(escape).join('|');
  for (const r of CLASS_BASE_RULES) for (const l of r.last) words.add(l);
  const routes = [...ROUTE_METHODS].map(escape).join('|');
  const alternatives = [
    // Identifiers match as whole words: a name in the source is always a whole token.
    `\\b(?:${[...words].sort((a, b) => b.length - a.length).map(escape).join('|')})\\b`,
    // Decorator-only names (short words such as "on" or "task") count only after an @.
    `@[\\w.\\s]{0,200}?\\b(?:${decorators})\\b`,
    // A route decorator: @<anything>.route( / .get( ... (possibly spread over lines).
    `@[\\w.\\s]{0,200}?\\.\\s*(?:${routes})\\s*\\(`,
    // A class with bases: it may inherit a model or a view through the project's own classes.
    'class\\s+\\w+\\s*\\(\\s*[^)\\s]',
  ];
  return new RegExp(alternatives.join('|'));
}

const TRIGGER = buildTrigger();

/** True when the file may show something; false when parsing it would find nothing. */
export function needsParse(text: string): boolean {
  return TRIGGER.test(text);
}
