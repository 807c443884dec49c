/**
 * The parts that follow the controller: diagnostics in the Problems panel, the status bar item,
 * and live updates (a file watcher and configuration changes that ask for a background run).
 */
import * as vscode from 'vscode';
import { diagnosticsOf, isRelevantChange, WATCH_GLOB, type DiagnosticSpec } from '../shared/live';
import { statusText } from '../shared/sidebarModel';
import type { AssessmentController, FolderAssessment } from './controller';
import { visibleLines } from '../core/report/visible';
import { relativePath } from './hovers';

const SEVERITY: Record<DiagnosticSpec['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Keeps the Problems panel in step with the last assessment of each folder. */
export class Diagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('frameworkFit');
  private shown: readonly FolderAssessment[] = [];
  private readonly sub: vscode.Disposable;

  constructor(private readonly controller: AssessmentController) {
    this.sub = controller.onDidChange(() => this.update());
  }

  /** Rebuilds the diagnostics when the assessments changed (not on a mere selection change). */
  update(): void {
    const all = this.controller.assessments();
    if (all.length === this.shown.length && all.every((a, i) => a === this.shown[i])) return;
    this.shown = all;
    this.collection.clear();
    for (const { folder, assessment } of all) {
      const byFile = new Map<string, vscode.Diagnostic[]>();
      for (const spec of diagnosticsOf(assessment)) {
        const list = byFile.get(spec.file) ?? [];
        list.push(toDiagnostic(spec));
        byFile.set(spec.file, list);
      }
      for (const [file, list] of byFile) this.collection.set(vscode.Uri.joinPath(folder.uri, ...file.split('/')), list);
    }
  }

  dispose(): void {
    this.sub.dispose();
    this.collection.dispose();
  }
}

function toDiagnostic(spec: DiagnosticSpec): vscode.Diagnostic {
  const line = Math.max(0, (spec.line ?? 1) - 1);
  const range =
    spec.column !== undefined
      ? new vscode.Range(line, spec.column - 1, Math.max(line, (spec.endLine ?? spec.line ?? 1) - 1), Math.max(0, (spec.endColumn ?? spec.column) - 1))
      : new vscode.Range(line, 0, line, spec.line === null ? 0 : Number.MAX_SAFE_INTEGER);
  const d = new vscode.Diagnostic(range, visibleLines(spec.message), SEVERITY[spec.severity]);
  d.source = 'Framework Fit';
  d.code = spec.code;
  return d;
}

/** The status bar item: the selected project's verdict; a click focuses the sidebar. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('frameworkFit.verdict', vscode.StatusBarAlignment.Left, 50);
  private readonly subs: vscode.Disposable[];

  constructor(private readonly controller: AssessmentController) {
    this.item.name = 'Framework Fit';
    this.item.command = { command: 'frameworkFit.sidebar.focus', title: 'Show the Framework Fit sidebar' };
    this.subs = [
      controller.onDidChange(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('frameworkFit.statusBar')) this.update();
      }),
    ];
    this.update();
  }

  /** The text shown, or undefined when the item is hidden. */
  text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  private visible = false;

  update(): void {
    const enabled = vscode.workspace.getConfiguration('frameworkFit').get<boolean>('statusBar', true);
    const status = this.controller.status;
    const { text, tooltip } = statusText(status, this.controller.entries(), this.controller.selectedKeyValue);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: tooltip.split('\n')[0], role: 'button' };
    this.item.backgroundColor = status === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.visible = enabled && status !== 'noFolder' && status !== 'noProject';
    if (this.visible) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.item.dispose();
  }
}

/**
 * Live updates: with `frameworkFit.liveUpdates` on, a change to a manifest or a Python file asks
 * for a background run of its folder (debounced 500 ms by the controller); changes to the
 * assessment settings or to the workspace folders ask for a run of every folder.
 */
export class LiveUpdates implements vscode.Disposable {
  private watcher?: vscode.Disposable;
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly controller: AssessmentController,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subs = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('frameworkFit.liveUpdates')) this.configure();
        const shapesAssessment = ['exclude', 'maxFiles', 'maxFileSize'].some((k) => e.affectsConfiguration(`frameworkFit.${k}`));
        if (shapesAssessment && this.controller.hasResults) this.controller.schedule();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        if (this.enabled() || this.controller.hasResults) this.controller.schedule();
      }),
    ];
    this.configure();
  }

  /** Whether `frameworkFit.liveUpdates` is on. */
  enabled(): boolean {
    return vscode.workspace.getConfiguration('frameworkFit').get<boolean>('liveUpdates', true);
  }

  private configure(): void {
    const on = this.enabled();
    if (on && !this.watcher) {
      const w = vscode.workspace.createFileSystemWatcher(WATCH_GLOB);
      const onEvent = (uri: vscode.Uri) => this.changed(uri);
      this.watcher = vscode.Disposable.from(w, w.onDidCreate(onEvent), w.onDidChange(onEvent), w.onDidDelete(onEvent));
    } else if (!on && this.watcher) {
      this.watcher.dispose();
      this.watcher = undefined;
    }
  }

  private changed(uri: vscode.Uri): void {
    const { folder, path } = relativePath(uri);
    if (!folder) return;
    const exclude = vscode.workspace.getConfiguration('frameworkFit', folder.uri).get<string[]>('exclude', []);
    if (!isRelevantChange(path, exclude)) return;
    this.log.trace(`changed: ${folder.name}/${path}`);
    this.controller.scheduleChange(folder, path);
  }

  dispose(): void {
    this.watcher?.dispose();
    for (const s of this.subs) s.dispose();
  }
}
