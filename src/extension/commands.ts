/**
 * The palette commands over the controller: Assess (cancellable, then verdict and findings in a
 * quick pick that opens evidence), Show findings, Explain verdict, Plan a new project, Export
 * report (Markdown) and Refresh.
 */
import * as vscode from 'vscode';
import { frameworkName } from '../core/verdict/findings';
import type { Assessment, Evidence, Finding, ProjectAssessment } from '../core/model';
import { parseNeeds, type DeclaredNeeds } from '../core/verdict/needs';
import { toMarkdown, verdictLine } from '../core/report/report';
import { visibleText } from '../core/report/visible';
import { explainVerdict, type Explanation } from '../shared/explain';
import { CONCERNS, FAVOR_ICONS } from '../shared/sidebarModel';
import { type AssessmentController, type EntryRef, type FolderAssessment } from './controller';
import { askNeeds } from './planner';

export type { FolderAssessment } from './controller';

interface ProjectPick extends vscode.QuickPickItem {
  entry: EntryRef;
}
interface FindingPick extends vscode.QuickPickItem {
  finding?: Finding;
  verdict?: boolean;
}
interface EvidencePick extends vscode.QuickPickItem {
  evidence: Evidence;
}

/** "Assess framework fit": assess, then pick project → finding → evidence. Resolves after the assessment. */
export async function assessCommand(controller: AssessmentController): Promise<FolderAssessment[] | undefined> {
  if ((vscode.workspace.workspaceFolders ?? []).length === 0) {
    void vscode.window.showInformationMessage('Framework Fit: open a folder with a Python project to assess it.');
    return undefined;
  }
  const results = await controller.assess('notification');
  if (!results) return undefined;
  const entries = controller.entries().filter((e) => !e.plan);
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('Framework Fit: no Python project found in this workspace.', 'Plan a New Project').then((a) => {
      if (a) void vscode.commands.executeCommand('frameworkFit.planProject');
    });
    return results;
  }
  // The pickers are not awaited: the command's result is the assessment, whatever the user picks.
  void (async () => {
    const entry = await pickProject(controller, entries, 'Framework Fit: choose a project');
    if (entry) await showFindings(entry.folder, entry.project, entry.label);
  })();
  return results;
}

/**
 * The project to act on: the one named by `key` (from the sidebar or a hover), the only one, or
 * the user's pick (the current selection listed first). Picking selects it everywhere.
 */
export async function pickProject(controller: AssessmentController, entries: readonly EntryRef[], title: string, key?: string): Promise<EntryRef | undefined> {
  const named = key ? entries.find((e) => e.key === key) : undefined;
  if (named) return named;
  if (entries.length === 0) return undefined;
  if (entries.length === 1) return entries[0];
  const current = controller.selected()?.key;
  const items: ProjectPick[] = entries.map((entry) => ({
    label: entry.plan ? `$(checklist) ${entry.label}` : entry.label,
    description: verdictLine(entry.project),
    detail: entry.key === current ? 'the current project (status bar and sidebar)' : undefined,
    entry,
  }));
  items.sort((a, b) => Number(b.entry.key === current) - Number(a.entry.key === current));
  const chosen = await vscode.window.showQuickPick(shown(items), { title: visibleText(title), matchOnDescription: true });
  if (chosen) controller.select(chosen.entry.key);
  return chosen?.entry;
}

/** Makes sure there is a result to show: the last one, or a fresh assessment with a notification. */
async function ensureAssessed(controller: AssessmentController): Promise<boolean> {
  if (controller.hasResults || controller.entries().length > 0) return true;
  if ((vscode.workspace.workspaceFolders ?? []).length === 0) {
    void vscode.window.showInformationMessage('Framework Fit: open a folder with a Python project first, or plan a new project.');
    return false;
  }
  return (await controller.assess('notification')) !== undefined;
}

/** "Show findings": the last result's quick pick, without rescanning (it assesses only when nothing was). */
export async function showFindingsCommand(controller: AssessmentController, key?: unknown): Promise<ProjectAssessment | undefined> {
  if (!(await ensureAssessed(controller))) return undefined;
  const entry = await pickProject(controller, controller.entries(), 'Framework Fit: show the findings of', typeof key === 'string' ? key : undefined);
  if (!entry) {
    if (controller.entries().length === 0) void vscode.window.showInformationMessage('Framework Fit: no Python project found in this workspace.');
    return undefined;
  }
  void showFindings(entry.folder, entry.project, entry.label);
  return entry.project;
}

function where(e: Evidence): string {
  return e.line ? `${e.file}:${e.line}` : e.file;
}

function evidenceDetail(f: Finding): string | undefined {
  if (f.id.startsWith('needs.')) return 'declared in the plan';
  if (f.evidence.length === 0) return undefined;
  return f.evidence.slice(0, 3).map(where).join(', ') + (f.evidence.length > 3 ? ` … +${f.evidence.length - 3}` : '');
}

/**
 * Shows a project's verdict and findings grouped by concern; opens the evidence of the one chosen
 * (a second pick when it has several). Choosing the verdict opens the score breakdown.
 */
export async function showFindings(folder: vscode.WorkspaceFolder | undefined, project: ProjectAssessment, label?: string): Promise<void> {
  const items: FindingPick[] = [{ label: `$(pass) ${verdictLine(project)}`, detail: project.reasons.join(' · '), alwaysShow: true, verdict: true }];
  // What would flip it, under the verdict: choosing one opens the breakdown, as the verdict does.
  for (const w of project.whatWouldChange ?? []) items.push({ label: `$(arrow-swap) ${w}`, alwaysShow: true, verdict: true });
  const byConcern = new Map<string, Finding[]>();
  for (const f of project.findings) byConcern.set(f.concern, [...(byConcern.get(f.concern) ?? []), f]);
  for (const [concern, findings] of byConcern) {
    items.push({ label: CONCERNS[concern as keyof typeof CONCERNS]?.label ?? concern, kind: vscode.QuickPickItemKind.Separator });
    for (const f of findings) {
      items.push({
        label: `$(${FAVOR_ICONS[f.favors]}) ${f.message}`,
        description: f.favors === 'neither' ? '' : `${frameworkName(f.favors)} +${f.weight}`,
        detail: evidenceDetail(f),
        finding: f,
      });
    }
  }
  const title = label ?? (folder ? (project.root === '.' ? folder.name : `${folder.name}/${project.root}`) : project.root);
  const pick = await vscode.window.showQuickPick(shown(items), { title: visibleText(`Framework Fit: ${title}`), matchOnDetail: true, matchOnDescription: true });
  if (pick?.verdict) {
    await showExplanation(folder, explainVerdict(project), title);
    return;
  }
  const finding = pick?.finding;
  if (!finding || finding.evidence.length === 0 || !folder) return;
  await pickEvidence(folder, finding);
}

async function pickEvidence(folder: vscode.WorkspaceFolder, finding: Finding): Promise<void> {
  let evidence: Evidence | undefined = finding.evidence[0];
  if (finding.evidence.length > 1) {
    const ev = await vscode.window.showQuickPick<EvidencePick>(
      shown(finding.evidence.map((e) => ({ label: `$(go-to-file) ${where(e)}`, description: e.text, evidence: e }))),
      { title: visibleText(finding.message), matchOnDescription: true },
    );
    evidence = ev?.evidence;
  }
  if (evidence) await openEvidence(folder, evidence);
}

/** Opens a piece of evidence at its line. */
export async function openEvidence(folder: vscode.WorkspaceFolder, e: Pick<Evidence, 'file' | 'line' | 'column'>): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(folder.uri, ...e.file.split('/'));
  const line = Math.max(0, (e.line ?? 1) - 1);
  const col = Math.max(0, (e.column ?? 1) - 1);
  const pos = new vscode.Position(line, col);
  return vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), preview: true });
}

/** "Explain verdict": the score breakdown of a project. Resolves with the breakdown shown. */
export async function explainCommand(controller: AssessmentController, key?: unknown): Promise<Explanation | undefined> {
  if (!(await ensureAssessed(controller))) return undefined;
  const entry = await pickProject(controller, controller.entries(), 'Framework Fit: explain the verdict of', typeof key === 'string' ? key : undefined);
  if (!entry) return undefined;
  const explanation = explainVerdict(entry.project);
  void showExplanation(entry.folder, explanation, entry.label);
  return explanation;
}

async function showExplanation(folder: vscode.WorkspaceFolder | undefined, x: Explanation, label: string): Promise<void> {
  const items: FindingPick[] = [{ label: `$(law) ${x.headline}`, detail: x.confidence, alwaysShow: true }];
  if (x.why.length > 0) items.push({ label: 'Moved it most', kind: vscode.QuickPickItemKind.Separator }, ...x.why.map((w) => ({ label: `$(arrow-right) ${w}`, alwaysShow: true })));
  if (x.flip.length > 0) items.push({ label: 'What would flip it', kind: vscode.QuickPickItemKind.Separator }, ...x.flip.map((w) => ({ label: `$(arrow-swap) ${w}`, alwaysShow: true })));
  for (const side of x.sides) {
    items.push({ label: side.title, kind: vscode.QuickPickItemKind.Separator });
    for (const f of side.findings) {
      items.push({
        label: `$(${FAVOR_ICONS[f.favors]}) ${f.favors === 'neither' ? '' : `+${f.weight}  `}${f.message}`,
        description: CONCERNS[f.concern].label,
        detail: evidenceDetail(f),
        finding: f,
      });
    }
  }
  const pick = await vscode.window.showQuickPick(shown(items), { title: visibleText(`Framework Fit: why — ${label}`), matchOnDescription: true, matchOnDetail: true });
  if (pick?.finding && pick.finding.evidence.length > 0 && folder) await pickEvidence(folder, pick.finding);
}

/**
 * "Plan a new project": asks the questions (or takes `needs` as an argument, for scripts and
 * tests: `executeCommand('frameworkFit.planProject', { accounts: true }, baseKey | null)`),
 * merges them with the chosen project (or none) and shows the result.
 */
export async function planCommand(controller: AssessmentController, rawNeeds?: unknown, rawBase?: unknown): Promise<ProjectAssessment | undefined> {
  if (!controller.hasResults && (vscode.workspace.workspaceFolders ?? []).length > 0) await controller.assess('notification');
  const bases = controller.entries().filter((e) => !e.plan);
  let answers: { needs: DeclaredNeeds; baseKey?: string } | undefined;
  const given = parseNeeds(rawNeeds);
  if (given) {
    const baseKey = typeof rawBase === 'string' && bases.some((b) => b.key === rawBase) ? rawBase : rawBase === null ? undefined : bases[0]?.key;
    answers = { needs: given, baseKey };
  } else {
    answers = await askNeeds(
      bases.map((b) => ({ key: b.key, label: b.label, description: verdictLine(b.project) })),
      controller.planNeeds(),
    );
  }
  if (!answers) return undefined;
  const entry = await controller.setPlan(answers);
  if (!entry) {
    void vscode.window.showInformationMessage('Framework Fit: no question was answered, so there is no plan to show.');
    return undefined;
  }
  if (!given) void showFindings(entry.folder, entry.project, entry.label);
  return entry.project;
}

/** The Markdown report of every assessed folder, the plan (if any) as one more project. */
export function reportMarkdown(controller: AssessmentController): string {
  const parts: string[] = [];
  const plan = controller.entries().find((e) => e.plan);
  let planShown = false;
  for (const { folder, assessment } of controller.assessments()) {
    let a: Assessment = assessment;
    if (plan?.folder && plan.folder.uri.toString() === folder.uri.toString()) {
      a = { ...assessment, projects: [...assessment.projects, { ...plan.project, root: `${plan.project.root} (plan: declared needs)` }] };
      planShown = true;
    }
    parts.push(toMarkdown(a));
  }
  if (plan && !planShown) {
    parts.push(toMarkdown({ schemaVersion: 1, root: plan.label, projects: [plan.project], problems: [], stats: { files: 0, pythonFiles: 0, bytesRead: 0, ms: 0 } }));
  }
  return parts.join('\n---\n\n');
}

/** "Export report": the Markdown report in a new untitled editor; Save As writes it to a file. */
export async function exportCommand(controller: AssessmentController): Promise<vscode.TextDocument | undefined> {
  if (!(await ensureAssessed(controller))) return undefined;
  const content = reportMarkdown(controller);
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc, { preview: false });
  void vscode.window.showInformationMessage('Framework Fit: the report is open in a new editor.', 'Save As…').then(async (action) => {
    if (!action) return;
    const folder = vscode.workspace.workspaceFolders?.[0];
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder.uri, 'framework-fit-report.md') : undefined,
      filters: { Markdown: ['md'] },
      saveLabel: 'Save Report',
      title: 'Save the Framework Fit report',
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(doc.getText()));
    void vscode.window.showInformationMessage(`Framework Fit: report saved to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((a) => {
      if (a) void vscode.window.showTextDocument(target);
    });
  });
  return doc;
}

/** Quick-pick items with workspace text made visible (file names may hold control or bidi characters). */
function shown<T extends vscode.QuickPickItem>(items: readonly T[]): T[] {
  return items.map((i) => ({
    ...i,
    label: visibleText(i.label),
    ...(i.description !== undefined ? { description: visibleText(i.description) } : {}),
    ...(i.detail !== undefined ? { detail: visibleText(i.detail) } : {}),
  }));
}
