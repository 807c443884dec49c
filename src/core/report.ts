/**
 * Renders an assessment for people (text for a terminal, Markdown for a design review) and for
 * tools (the JSON contract, schemaVersion 1). Shared by the CLI and the extension's export.
 */
import { frameworkName } from './findings';
import type { Assessment, Evidence, ProjectAssessment } from './model';

/** The JSON contract (schemaVersion 1): stable fields first, more may be added. */
export function toJson(a: Assessment): unknown {
  return {
    schemaVersion: 1,
    root: a.root,
    projects: a.projects.map((p) => ({
      root: p.root,
      framework: p.framework,
      frameworksSeen: p.frameworksSeen,
      recommendation: p.recommendation,
      confidence: p.confidence,
      scores: p.scores,
      facts: p.facts,
      reasons: p.reasons,
      rootReason: p.rootReason,
      manifests: p.manifests,
      findings: p.findings.map((f) => ({
        id: f.id,
        concern: f.concern,
        favors: f.favors,
        weight: f.weight,
        message: f.message,
        evidence: f.evidence.map((e) => ({ file: e.file, line: e.line ?? null, ...(e.column ? { column: e.column } : {}) })),
      })),
      dependencies: p.dependencies.map((d) => ({
        name: d.name,
        rawName: d.rawName,
        specifier: d.specifier,
        extras: d.extras,
        marker: d.marker,
        kind: d.kind,
        ...(d.group ? { group: d.group } : {}),
        file: d.file,
        line: d.line,
      })),
    })),
    problems: a.problems.map((p) => ({ file: p.file, line: p.line, message: p.message, severity: p.severity })),
    stats: a.stats,
  };
}

/** One line verdict, e.g. "Django fits better — 78% · in use: Flask". */
export function verdictLine(p: ProjectAssessment): string {
  if (!p.recommendation) return `No web application found · in use: ${frameworkName(p.framework)}`;
  return `${frameworkName(p.recommendation)} fits better — ${Math.round(p.confidence * 100)}% · in use: ${frameworkName(p.framework)}`;
}

function where(e: Evidence): string {
  return e.line ? `${e.file}:${e.line}` : e.file;
}

const FAVOR_MARK: Record<string, string> = { flask: '[Flask]', django: '[Django]', neither: '[info]' };

/** Plain text for a terminal. */
export function toText(a: Assessment): string {
  const out: string[] = [];
  out.push(`Framework Fit — ${a.root}`);
  out.push(`${a.stats.files} files read (${a.stats.pythonFiles} Python) in ${a.stats.ms} ms`);
  if (a.projects.length === 0) out.push('', 'No Python project found.');
  for (const p of a.projects) {
    out.push('', `Project ${p.root}  (${p.rootReason})`, `  ${verdictLine(p)}`);
    out.push(`  Scores: Flask ${p.scores.flask} · Django ${p.scores.django}`);
    const f = p.facts;
    out.push(
      `  Facts: ${f.models} models, ${f.relations} relations, ${f.routes} routes, ${f.views} views, ${f.templates} templates; ` +
        `auth ${yes(f.auth)}, admin ${yes(f.admin)}, migrations ${yes(f.migrations)}, forms ${yes(f.forms)}, REST API ${yes(f.restApi)}`,
    );
    if (p.reasons.length) {
      out.push('  Why:');
      for (const r of p.reasons) out.push(`    - ${r}`);
    }
    out.push('  Findings:');
    for (const fd of p.findings) {
      out.push(`    ${FAVOR_MARK[fd.favors]} ${fd.message}${fd.weight ? ` (+${fd.weight})` : ''}`);
      for (const e of fd.evidence.slice(0, 3)) out.push(`        ${where(e)}${e.text ? `  ${e.text}` : ''}`);
      if (fd.evidence.length > 3) out.push(`        … and ${fd.evidence.length - 3} more`);
    }
  }
  if (a.problems.length) {
    out.push('', `Problems (${a.problems.length}):`);
    for (const pr of a.problems.slice(0, 50)) out.push(`  ${pr.severity}: ${pr.file}${pr.line ? `:${pr.line}` : ''}: ${pr.message}`);
    if (a.problems.length > 50) out.push(`  … and ${a.problems.length - 50} more`);
  }
  return `${out.join('\n')}\n`;
}

function yes(b: boolean): string {
  return b ? 'yes' : 'no';
}

/** Escapes text for Markdown table cells and inline use. */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** A Markdown report a team can paste into a design review. */
export function toMarkdown(a: Assessment): string {
  const out: string[] = ['# Framework Fit report', '', `Workspace: \`${a.root.replace(/`/g, "'")}\` — ${a.stats.files} files, ${a.stats.pythonFiles} Python.`];
  for (const p of a.projects) {
    out.push('', `## Project \`${p.root.replace(/`/g, "'")}\``, '', `**${mdEscape(verdictLine(p))}**`, '');
    out.push(`| | Flask | Django |`, `|---|---|---|`, `| Score | ${p.scores.flask} | ${p.scores.django} |`, '');
    if (p.reasons.length) {
      out.push('### Why');
      for (const r of p.reasons) out.push(`- ${mdEscape(r)}`);
      out.push('');
    }
    const f = p.facts;
    out.push('### Facts', '', '| models | relations | routes | views | templates | auth | admin | migrations | forms | REST API |', '|---|---|---|---|---|---|---|---|---|---|');
    out.push(`| ${f.models} | ${f.relations} | ${f.routes} | ${f.views} | ${f.templates} | ${yes(f.auth)} | ${yes(f.admin)} | ${yes(f.migrations)} | ${yes(f.forms)} | ${yes(f.restApi)} |`, '');
    out.push('### Findings', '', '| Concern | Favours | Weight | Finding | Evidence |', '|---|---|---|---|---|');
    for (const fd of p.findings) {
      const ev = fd.evidence.slice(0, 3).map((e) => `\`${where(e).replace(/`/g, "'")}\``).join(', ');
      out.push(`| ${fd.concern} | ${fd.favors} | ${fd.weight} | ${mdEscape(fd.message)} | ${ev} |`);
    }
  }
  if (a.problems.length) {
    out.push('', '## Problems', '');
    for (const pr of a.problems.slice(0, 100)) out.push(`- ${pr.severity}: \`${(pr.file + (pr.line ? `:${pr.line}` : '')).replace(/`/g, "'")}\` ${mdEscape(pr.message)}`);
  }
  return `${out.join('\n')}\n`;
}
