/**
 * Hovers on dependency entries (requirements files, pyproject.toml, Pipfile), from the engine's own
 * data: the manifest parsers find the entry, the package and release tables say what it means, the
 * last assessment how it moved the verdict. vscode-free; the extension wraps it in a MarkdownString.
 */
import { frameworkName } from '../core/verdict/findings';
import { manifestFormatOf, parsePipfile, parsePyproject, parseRequirements } from '../core/manifests/index';
import type { Dependency, Finding, Framework, ProjectAssessment } from '../core/model';
import { lookupPackage, type PackageInfo, type PackageRole } from '../core/knowledge/packages';
import { supportStatus } from '../core/knowledge/releases';
import { mdEscape, verdictLine } from '../core/report/report';
import { FAVOR_ICONS, findingBadge } from './sidebarModel';

/** The manifest formats hovers read (the others need the Python parser or are rare). */
export type HoverFormat = 'requirements' | 'pyproject' | 'pipfile';

/** Commands a hover may link to; the only ones its MarkdownString trusts. */
export const HOVER_COMMANDS = ['frameworkFit.explainVerdict', 'frameworkFit.showFindings', 'frameworkFit.assess'] as const;

/**
 * The format of a file for hovers, by its path (requirements*.txt, requirements/*.txt, *.in,
 * pyproject.toml, Pipfile), or 'requirements' for any file VS Code calls pip-requirements.
 */
export function hoverFormatOf(path: string, languageId?: string): HoverFormat | undefined {
  const format = manifestFormatOf(path);
  if (format === 'requirements' || format === 'pyproject' || format === 'pipfile') return format;
  if (languageId === 'pip-requirements') return 'requirements';
  return undefined;
}

/** The dependencies a manifest's text declares (`file` is its workspace-relative path). */
export function dependenciesIn(text: string, file: string, format: HoverFormat): Dependency[] {
  try {
    switch (format) {
      case 'requirements':
        return parseRequirements(text, file).dependencies;
      case 'pyproject':
        return parsePyproject(text, file).dependencies;
      case 'pipfile':
        return parsePipfile(text, file).dependencies;
      default:
        format satisfies never;
        return [];
    }
  } catch {
    return [];
  }
}

/** The dependency whose range holds the 1-based position (end column included, for a cursor just after it). */
export function dependencyAt(deps: readonly Dependency[], line: number, column: number): Dependency | undefined {
  return deps.find((d) => {
    const afterStart = line > d.line || (line === d.line && column >= d.column);
    const beforeEnd = line < d.endLine || (line === d.endLine && column <= d.endColumn);
    return afterStart && beforeEnd;
  });
}

/** What a hover knows beyond the entry itself. */
export interface HoverContext {
  /** "Today", for end-of-life notes. */
  today: Date;
  /** Whether the workspace folder holding the file has been assessed. */
  assessed: boolean;
  /** The assessed project that declares the file, when there is one. */
  project?: { key: string; label: string; assessment: ProjectAssessment };
  /** Add command links (explain verdict, show findings, assess). */
  commands: boolean;
}

const ROLES: Readonly<Record<PackageRole, string>> = {
  framework: 'web framework',
  orm: 'ORM',
  migrations: 'schema migrations',
  auth: 'authentication',
  admin: 'admin back office',
  forms: 'forms',
  rest: 'REST API',
  templating: 'templating',
  taskQueue: 'task queue',
  realtime: 'real time',
  dbDriver: 'database driver',
  nosql: 'NoSQL client',
  caching: 'caching',
  i18n: 'translations',
  mail: 'mail',
  security: 'security',
  server: 'application server',
  static: 'static files',
  testing: 'testing',
  debug: 'debugging',
  config: 'configuration',
  search: 'search',
  storage: 'file storage',
  payments: 'payments',
  cms: 'CMS',
  'api-docs': 'API docs',
  validation: 'validation',
  other: 'other',
};

/** Escapes text for the hover's Markdown (theme icons are on, so "$(" is escaped too). */
export function hoverEscape(s: string): string {
  // mdEscape folds \n and \r\n; a lone \r is a line break to Markdown too.
  return mdEscape(s).replace(/\r/g, ' ').replace(/\$\(/g, '\\$(');
}

/** An inline code span that holds any text (a fence longer than the longest backtick run). */
export function codeSpan(s: string): string {
  // Any line break (a lone \r too) would end the span and let the rest be read as Markdown.
  const text = s.replace(/\r\n|\r|\n/g, ' ');
  let longest = 0; // a loop, not Math.max(...runs): a long name can hold more runs than a call takes arguments
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Which framework a package belongs to or points to, in words. */
export function ecosystemText(pkg: PackageInfo): string {
  if (pkg.role === 'framework') {
    if (pkg.framework === 'flask' || pkg.framework === 'django') return `the ${frameworkName(pkg.framework)} framework itself`;
    const base = pkg.ecosystem === 'flask' || pkg.ecosystem === 'django' ? `, built on ${frameworkName(pkg.ecosystem)}` : '';
    return `another web framework (${frameworkName(pkg.framework ?? pkg.ecosystem)}${base}): the verdict compares what this project would need from Flask or Django`;
  }
  if (pkg.ecosystem === 'flask') return 'a Flask add-on: points to Flask';
  if (pkg.ecosystem === 'django') return 'a Django package: points to Django';
  if (pkg.ecosystem === 'neutral') return 'works with either framework';
  return `part of the ${frameworkName(pkg.ecosystem)} ecosystem`;
}

/** "active when python_version < '3.11'" for a marker (extras markers read as the extra). */
export function markerText(marker: string): string {
  return `active when ${marker}`;
}

function kindText(dep: Dependency): string {
  const group = dep.group ? ` (${dep.group})` : '';
  switch (dep.kind) {
    case 'runtime':
      return 'runtime dependency';
    case 'dev':
      return `development dependency${group}: not counted in the verdict`;
    case 'optional':
      return `optional dependency${group}`;
    case 'constraint':
      return 'constraint only: not counted in the verdict';
    case 'build':
      return 'build requirement: not counted in the verdict';
    default:
      dep.kind satisfies never;
      return dep.kind;
  }
}

/** Findings of the project that cite this entry's line. */
export function findingsOnLine(project: ProjectAssessment | undefined, file: string, line: number): Finding[] {
  if (!project) return [];
  return project.findings.filter((f) => f.evidence.some((e) => e.file === file && e.line === line));
}

function commandLink(title: string, command: (typeof HOVER_COMMANDS)[number], args: unknown[]): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify(args))} "${title}")`;
}

/** The hover's Markdown for one dependency entry. */
export function dependencyHover(dep: Dependency, ctx: HoverContext): string {
  const out: string[] = [];
  const pkg = lookupPackage(dep.name);

  // What it is.
  if (pkg) {
    out.push(`**${hoverEscape(pkg.display)}** — ${hoverEscape(ROLES[pkg.role])} · ${hoverEscape(ecosystemText(pkg))}`, '', hoverEscape(pkg.summary));
    if (pkg.replacesBuiltin) {
      out.push('', `$(arrow-swap) Django ships this built in: **${hoverEscape(pkg.replacesBuiltin)}**.`);
    }
  } else {
    out.push(`**${hoverEscape(dep.rawName)}** — not in Framework Fit's package table; it does not move the verdict.`);
  }

  // How it moved this workspace's verdict.
  out.push('', '---', '');
  if (!ctx.assessed) {
    out.push(`$(circle-outline) Not assessed yet.${ctx.commands ? ` ${commandLink('Assess framework fit', 'frameworkFit.assess', [])}` : ''}`);
  } else if (!ctx.project) {
    out.push('$(circle-outline) No assessed project declares this file.');
  } else {
    const project = ctx.project.assessment;
    const findings = findingsOnLine(project, dep.file, dep.line);
    if (findings.length > 0) {
      out.push(`**In ${hoverEscape(ctx.project.label)}** this line counts toward:`, '');
      for (const f of findings) {
        const badge = findingBadge(f);
        out.push(`- $(${FAVOR_ICONS[f.favors]}) ${badge ? `**${hoverEscape(badge)}** ` : ''}${hoverEscape(f.message)}`);
      }
    } else {
      out.push(`**In ${hoverEscape(ctx.project.label)}** no finding cites this line${dep.kind === 'runtime' || dep.kind === 'optional' ? '' : ` (${kindText(dep)})`}.`);
    }
    out.push('', `Verdict: ${hoverEscape(verdictLine(project))}`);
  }

  // What is declared.
  out.push('', '---', '');
  const declared: string[] = [];
  declared.push(`${codeSpan(dep.rawName + (dep.extras.length ? `[${dep.extras.join(',')}]` : '') + dep.specifier)} · ${hoverEscape(kindText(dep))}`);
  if (dep.specifier) declared.push(`- version: ${codeSpan(dep.specifier)}`);
  else if (dep.url) declared.push(`- installed from ${codeSpan(dep.url)}${dep.editable ? ' (editable)' : ''}`);
  else declared.push('- version: any (not pinned)');
  if (dep.extras.length) declared.push(`- extras: ${dep.extras.map(codeSpan).join(', ')}`);
  if (dep.marker) declared.push(`- ${hoverEscape('active when')} ${codeSpan(dep.marker)}`);
  out.push(...declared);

  // End of life, for Django and Flask pins.
  const fw: Framework | undefined = dep.name === 'django' || dep.name === 'flask' ? dep.name : undefined;
  if (fw) {
    out.push('');
    if (dep.url && !dep.specifier) {
      out.push(`$(question) Installed from a URL: the ${frameworkName(fw)} version cannot be told from here.`);
    } else {
      const s = supportStatus(fw, dep.specifier, ctx.today);
      const icon = s.status === 'end-of-life' ? '$(warning)' : s.status === 'supported' ? '$(pass)' : '$(question)';
      const lead = s.status === 'end-of-life' ? '**End of life.** ' : '';
      out.push(`${icon} ${lead}${hoverEscape(s.message)}`);
    }
  }

  if (ctx.commands && ctx.project) {
    out.push('', `${commandLink('Explain verdict', 'frameworkFit.explainVerdict', [ctx.project.key])} · ${commandLink('Show findings', 'frameworkFit.showFindings', [ctx.project.key])}`);
  }
  return out.join('\n');
}
