/**
 * Template dialects: whether a template file is written in Jinja (what Flask renders) or in Django's
 * template language, by counting constructs only one of them has (`{{ url_for(...) }}` is Jinja,
 * `{% url 'polls:index' %}` Django). It is part of the cost of moving between the two.
 */

/** The dialect a template is written in. */
export type TemplateDialect = 'jinja' | 'django' | 'unknown';

/** Whether a stored string names a dialect (a cache's stamp value, say). */
export function isDialect(s: string): s is TemplateDialect {
  return s === 'jinja' || s === 'django' || s === 'unknown';
}

const JINJA = [/\{\{[^}]*\w\(/, /\{%-?\s*(macro|set|import|call|filter)\b/, /\{%-|-%\}/, /\{\{-|-\}\}/, /\bloop\.(index|first|last)\b/, /\{%\s*from\s+\S+\s+import\b/];
const DJANGO = [/\{%\s*load\s/, /\{%\s*url\s+['"]/, /\{%\s*csrf_token\s*%\}/, /\{%\s*static\s/, /\{%\s*(trans|blocktrans|blocktranslate|translate)\b/, /\bforloop\./, /\|\s*\w+:["'\w]/, /\{%\s*empty\s*%\}/];

/** The rules above as text, for the analysis cache's fingerprint (a template's dialect is kept by its stamp). */
export const DIALECT_RULES: readonly string[] = [...JINJA, ...DJANGO].map(String);

/** Classifies a template's text by counting the constructs only one dialect has. */
export function templateDialect(text: string): TemplateDialect {
  const jinja = JINJA.filter((r) => r.test(text)).length;
  const django = DJANGO.filter((r) => r.test(text)).length;
  if (jinja === django) return 'unknown';
  return jinja > django ? 'jinja' : 'django';
}
