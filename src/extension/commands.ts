/**
 * "Assess framework fit": assesses every workspace folder with a cancellable progress
 * notification, then shows the verdict and findings in quick picks; choosing a finding opens its
 * evidence at the line.
 */
import * as vscode from 'vscode';
import { assess } from '../core/assess';
import { frameworkName } from '../core/findings';
import type { Assessment, Evidence, Finding, ProjectAssessment } from '../core/model';
import { verdictLine } from '../core/report';
import { VscodeWorkspace } from './vscodeWorkspace';

/** One assessed workspace folder. */
export interface FolderAssessment {
  folder: vscode.WorkspaceFolder;
  assessment: Assessment;
}

/** Reads the settings that shape an assessment. */
function settings(folder: vscode.WorkspaceFolder) {
  const c = vscode.workspace.getConfiguration('frameworkFit', folder.uri);
  return {
    exclude: c.get<string[]>('exclude', []),
    maxFiles: c.get<number>('maxFiles', 200_000),
    maxFileBytes: c.get<number>('maxFileSize', 1_000_000),
  };
}

/** Assesses all workspace folders; undefined when cancelled or there is no folder. */
export async function assessAll(): Promise<FolderAssessment[] | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Framework Fit: open a folder with a Python project to assess it.');
    return undefined;
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Framework Fit', cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        const out: FolderAssessment[] = [];
        for (const folder of folders) {
          const ws = new VscodeWorkspace(folder.uri, folder.name);
          const assessment = await assess(ws, {
            ...settings(folder),
            signal: controller.signal,
            onProgress: (p) => progress.report({ message: `${folder.name}: ${p.message}` }),
          });
          out.push({ folder, assessment });
        }
        return out;
      } catch (e) {
        if (controller.signal.aborted) return undefined;
        throw e;
      } finally {
        sub.dispose();
      }
    },
  );
}

const FAVOR_ICON: Record<string, string> = { flask: '$(beaker)', django: '$(database)', neither: '$(info)' };

interface ProjectPick extends vscode.QuickPickItem {
  project: ProjectAssessment;
  folder: vscode.WorkspaceFolder;
}
interface FindingPick extends vscode.QuickPickItem {
  finding?: Finding;
}
interface EvidencePick extends vscode.QuickPickItem {
  evidence: Evidence;
}

/** The command: assess, then pick project → finding → evidence. */
export async function assessCommand(): Promise<FolderAssessment[] | undefined> {
  const results = await assessAll();
  if (!results) return undefined;
  const projects: ProjectPick[] = results.flatMap(({ folder, assessment }) =>
    assessment.projects.map((project) => ({
      label: `${folder.name}${project.root === '.' ? '' : `/${project.root}`}`,
      description: verdictLine(project),
      project,
      folder,
    })),
  );
  if (projects.length === 0) {
    void vscode.window.showInformationMessage('Framework Fit: no Python project found in this workspace.');
    return results;
  }
  const chosen = projects.length === 1 ? projects[0] : await vscode.window.showQuickPick(projects, { title: 'Framework Fit: choose a project' });
  if (chosen) void showFindings(chosen.folder, chosen.project);
  return results;
}

/** Shows a project's verdict and findings; opens the evidence of the one chosen. */
export async function showFindings(folder: vscode.WorkspaceFolder, project: ProjectAssessment): Promise<void> {
  const items: FindingPick[] = [
    { label: `$(pass) ${verdictLine(project)}`, detail: project.reasons.join(' · '), alwaysShow: true },
  ];
  const byConcern = new Map<string, Finding[]>();
  for (const f of project.findings) byConcern.set(f.concern, [...(byConcern.get(f.concern) ?? []), f]);
  for (const [concern, findings] of byConcern) {
    items.push({ label: concern, kind: vscode.QuickPickItemKind.Separator });
    for (const f of findings) {
      items.push({
        label: `${FAVOR_ICON[f.favors]} ${f.message}`,
        description: f.favors === 'neither' ? '' : `${frameworkName(f.favors)} +${f.weight}`,
        detail: f.evidence.length ? f.evidence.slice(0, 3).map(where).join(', ') + (f.evidence.length > 3 ? ` … +${f.evidence.length - 3}` : '') : undefined,
        finding: f,
      });
    }
  }
  const pick = await vscode.window.showQuickPick(items, { title: `Framework Fit: ${project.root}`, matchOnDetail: true });
  const finding = pick?.finding;
  if (!finding || finding.evidence.length === 0) return;
  let evidence: Evidence | undefined = finding.evidence[0];
  if (finding.evidence.length > 1) {
    const ev = await vscode.window.showQuickPick<EvidencePick>(
      finding.evidence.map((e) => ({ label: where(e), description: e.text, evidence: e })),
      { title: finding.message },
    );
    evidence = ev?.evidence;
  }
  if (evidence) await openEvidence(folder, evidence);
}

function where(e: Evidence): string {
  return e.line ? `${e.file}:${e.line}` : e.file;
}

/** Opens a piece of evidence at its line. */
export async function openEvidence(folder: vscode.WorkspaceFolder, e: Evidence): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(folder.uri, ...e.file.split('/'));
  const line = Math.max(0, (e.line ?? 1) - 1);
  const col = Math.max(0, (e.column ?? 1) - 1);
  const pos = new vscode.Position(line, col);
  return vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos) });
}
