/**
 * Renders an assessment for people (text for a terminal, Markdown for a design review) and for
 * tools (the JSON contract, schemaVersion 1; SARIF is in sarif.ts). Shared by the CLI and the
 * extension's export.
 */
import { DJANGO_BATTERIES, frameworkName } from '../verdict/findings';
import type { Assessment, Evidence, Finding, ProjectAssessment, WorkspaceSummary } from '../model';
import { onOtherFramework, summarizeWorkspace, verdictWords } from '../verdict/summary';
import { visibleText } from './visible';

function evidenceJson(e: Evidence): Record<string, unknown> {
  return { file: e.file, line: e.line ?? null, ...(e.column ? { column: e.column } : {}) };
}

/** The JSON contract (schemaVersion 1): stable fields first, more may be added. */
export function toJson(a: Assessment): unknown {
  return {
    schemaVersion: 1,
    root: a.root,
    summary: a.summary ?? summarizeWorkspace(a.projects),
    projects: a.projects.map((p) => ({
      root: p.root,
      framework: p.framework,
      frameworksSeen: p.frameworksSeen,
      recommendation: p.recommendation,
      verdict: verdictLine(p),
      confidence: p.confidence,
      ...(p.coverage === undefined ? {} : { coverage: p.coverage }),
      scores: p.scores,
      facts: p.facts,
      ...(p.headline ? { headline: p.headline } : {}),
      reasons: p.reasons,
      ...(p.whatWouldChange ? { whatWouldChange: p.whatWouldChange } : {}),
      rootReason: p.rootReason,
      manifests: p.manifests,
      findings: p.findings.map((f) => ({
        id: f.id,
        concern: f.concern,
        favors: f.favors,
        weight: f.weight,
        message: f.message,
        evidence: f.evidence.map(evidenceJson),
      })),
      ...(p.batteries
        ? {
            batteries: {
              recreated: p.batteries.recreated.map((r) => ({ addOn: r.addOn, builtin: r.builtin, evidence: r.evidence.map(evidenceJson) })),
              used: p.batteries.used,
              unused: p.batteries.unused,
            },
          }
        : {}),
      ...(p.outline ? { outline: p.outline } : {}),
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

/**
 * One line verdict, e.g. "Django fits better — 78% · in use: Flask", or on another framework
 * "Uses FastAPI · if you had to move: Flask fits better — 62%".
 */
export function verdictLine(p: ProjectAssessment): string {
  if (!p.recommendation) return `No web application found · in use: ${frameworkName(p.framework)}`;
  const pct = `${Math.round(p.confidence * 100)}%`;
  return onOtherFramework(p) ? `${verdictWords(p)} — ${pct}` : `${verdictWords(p)} — ${pct} · in use: ${frameworkName(p.framework)}`;
}

function where(e: Evidence): string {
  return e.line ? `${e.file}:${e.line}` : e.file;
}

const FAVOR_MARK: Record<string, string> = { flask: '[Flask]', django: '[Django]', neither: '[info]' };

function batteriesLines(p: ProjectAssessment): string[] {
  const b = p.batteries;
  if (!b) return [];
  if (b.recreated.length > 0) {
    return [`Batteries re-created (${b.recreated.length} add-on${b.recreated.length === 1 ? '' : 's'} doing what Django ships):`, ...b.recreated.map((r) => `${r.addOn} → ${r.builtin}${r.evidence[0] ? `  (${where(r.evidence[0])})` : ''}`)];
  }
  if (p.framework === 'django') return [`Django batteries used: ${b.used.join(', ') || 'none'}; unused: ${b.unused.join(', ') || 'none'}`];
  return [];
}

function summaryOf(a: Assessment): WorkspaceSummary {
  return a.summary ?? summarizeWorkspace(a.projects);
}

/** Plain text for a terminal. */
export function toText(a: Assessment): string {
  const out: string[] = [];
  out.push(`Framework Fit — ${a.root}`);
  out.push(`${a.stats.files} files read (${a.stats.pythonFiles} Python) in ${a.stats.ms} ms`);
  if (a.projects.length === 0) out.push('', 'No Python project found.');
  if (a.projects.length > 1) {
    const s = summaryOf(a);
    out.push('', `Workspace: ${s.lines[0]}`, ...s.lines.slice(1).map((l) => `  ${l}`));
  }
  for (const p of a.projects) {
    out.push('', `Project ${p.root}  (${p.rootReason})`, `  ${verdictLine(p)}`);
    if (p.headline) out.push(`  ${p.headline}`);
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
    if (p.whatWouldChange?.length) {
      out.push('  What would change it:');
      for (const w of p.whatWouldChange) out.push(`    - ${w}`);
    }
    const bl = batteriesLines(p);
    if (bl.length) out.push(`  ${bl[0]}`, ...bl.slice(1).map((l) => `    - ${l}`));
    if (p.outline) {
      const o = p.outline;
      out.push(`  Moving to ${o.to}: ${o.effort} effort (${o.effortText})`);
      for (const m of o.mappings) out.push(`    - ${m.from} → ${m.to}${m.note ? ` (${m.note})` : ''}`);
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
  return `${out.map(visibleText).join('\n')}\n`;
}

function yes(b: boolean): string {
  return b ? 'yes' : 'no';
}

/** Escapes text for Markdown table cells and inline use. */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, ' ');
}

/** Inline code for a workspace-derived string (a path), safe in a table cell. */
function mdCode(s: string): string {
  return `\`${s.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, ' ')}\``;
}

function favours(f: Finding): string {
  return f.favors === 'neither' ? '—' : frameworkName(f.favors);
}

/** A Markdown report a team can paste into a design review. */
export function toMarkdown(a: Assessment): string {
  const out: string[] = ['# Framework Fit report', '', `Workspace: ${mdCode(a.root)} — ${a.stats.files} files, ${a.stats.pythonFiles} Python.`];
  if (a.projects.length === 0) out.push('', 'No Python project found.');
  if (a.projects.length > 1) {
    const s = summaryOf(a);
    out.push('', '## Summary', '', mdEscape(s.lines[0]), '', '| Project | In use | Verdict | Confidence |', '|---|---|---|---|');
    for (const p of a.projects) {
      out.push(`| ${mdCode(p.root)} | ${frameworkName(p.framework)} | ${p.recommendation ? verdictWords(p) : 'not a web application'} | ${p.recommendation ? `${Math.round(p.confidence * 100)}%` : '—'} |`);
    }
  }
  for (const p of a.projects) {
    out.push('', `## Project ${mdCode(p.root)}`, '', `**${mdEscape(verdictLine(p))}**`, '');
    if (p.headline) out.push(mdEscape(p.headline), '');
    out.push(`| | Flask | Django |`, `|---|---|---|`, `| Score | ${p.scores.flask} | ${p.scores.django} |`, '');
    if (p.reasons.length) {
      out.push('### Why', '');
      for (const r of p.reasons) out.push(`- ${mdEscape(r)}`);
      out.push('');
    }
    if (p.whatWouldChange?.length) {
      out.push('### What would change the verdict', '');
      for (const w of p.whatWouldChange) out.push(`- ${mdEscape(w)}`);
      out.push('');
    }
    const f = p.facts;
    out.push('### Facts', '', '| models | relations | routes | views | templates | auth | admin | migrations | forms | REST API |', '|---|---|---|---|---|---|---|---|---|---|');
    out.push(`| ${f.models} | ${f.relations} | ${f.routes} | ${f.views} | ${f.templates} | ${yes(f.auth)} | ${yes(f.admin)} | ${yes(f.migrations)} | ${yes(f.forms)} | ${yes(f.restApi)} |`, '');
    const b = p.batteries;
    if (b && b.recreated.length > 0) {
      out.push('### Batteries re-created', '', 'Add-ons that re-implement what Django ships built in:', '', '| Add-on | Django built-in | Where |', '|---|---|---|');
      for (const r of b.recreated) out.push(`| ${mdEscape(r.addOn)} | ${mdEscape(r.builtin)} | ${r.evidence.slice(0, 2).map((e) => mdCode(where(e))).join(', ')} |`);
      out.push('');
    } else if (b && p.framework === 'django') {
      out.push('### Django batteries', '', '| Battery | Used |', '|---|---|');
      for (const { label: name } of DJANGO_BATTERIES) out.push(`| ${name} | ${b.used.includes(name) ? 'yes' : 'no'} |`);
      out.push('');
    }
    if (p.outline) {
      const o = p.outline;
      const s = o.size;
      out.push(`### Moving from ${mdEscape(o.from)} to ${mdEscape(o.to)}`, '', `Effort: **${o.effort}** — ${mdEscape(o.effortText)}.`, '');
      out.push(`To move: ${s.models} models (${s.relations} relations), ${s.routes} routes, ${s.views} views, ${s.templates} templates, ${s.forms} forms, ${s.modules} ${o.from === 'Django' ? 'apps' : 'blueprints'}, ${s.addOns} add-ons.`, '');
      out.push('| Now | Becomes | Notes |', '|---|---|---|');
      for (const m of o.mappings) out.push(`| ${mdEscape(m.from)} | ${mdEscape(m.to)} | ${mdEscape(m.note ?? '')}${m.evidence?.length ? ` ${m.evidence.slice(0, 2).map((e) => mdCode(where(e))).join(', ')}` : ''} |`);
      out.push('', 'Steps:', '');
      o.steps.forEach((st, i) => out.push(`${i + 1}. ${mdEscape(st)}`));
      out.push('');
    }
    out.push('### Findings', '', '| Concern | Favours | Weight | Finding | Evidence |', '|---|---|---|---|---|');
    for (const fd of p.findings) {
      const ev = fd.evidence.slice(0, 3).map((e) => mdCode(where(e))).join(', ') + (fd.evidence.length > 3 ? ` and ${fd.evidence.length - 3} more` : '');
      out.push(`| ${fd.concern} | ${favours(fd)} | ${fd.weight} | ${mdEscape(fd.message)} | ${ev} |`);
    }
  }
  if (a.problems.length) {
    out.push('', '## Problems', '');
    for (const pr of a.problems.slice(0, 100)) out.push(`- ${pr.severity}: ${mdCode(pr.file + (pr.line ? `:${pr.line}` : ''))} ${mdEscape(pr.message)}`);
    if (a.problems.length > 100) out.push(`- … and ${a.problems.length - 100} more`);
  }
  return `${out.map(visibleText).join('\n')}\n`;
}
