/**
 * Activation only wires: the controller, the commands, the sidebar, hovers, diagnostics, the
 * status bar and live updates are created here and put in `context.subscriptions`; the grammar is
 * loaded and the workspace scanned on first use.
 *
 * First scan: when the sidebar is shown, a command runs or a watched file changes — and, with
 * live updates on, once in the background about two seconds after activation. That one is worth
 * it: the extension activates only in workspaces that hold Python manifests, the status bar
 * verdict and the Problems entries are empty without it, a scan reads files and never runs code,
 * and it is cancelled by any command the user runs (and on deactivation). With live updates off,
 * nothing is scanned until the user asks.
 */
import * as vscode from 'vscode';
import type { ProjectAssessment } from '../core/model';
import type { SidebarState } from '../shared/protocol';
import { assessCommand, explainCommand, exportCommand, planCommand, showFindingsCommand } from './commands';
import { AssessmentController, type FolderAssessment } from './controller';
import { DependencyHoverProvider, MANIFEST_SELECTOR } from './hovers';
import { Diagnostics, LiveUpdates, StatusBar } from './live';
import { SidebarProvider } from './sidebar';

/** What `activate` returns: accessors for tests and other extensions. */
export interface FrameworkFitApi {
  /** The last assessment of each workspace folder (from a command or a background run). */
  lastAssessments(): FolderAssessment[];
  /** The state last posted to the sidebar webview (undefined before the view was shown). */
  sidebarState(): SidebarState | undefined;
  /** The state the sidebar would show now, whether or not it is open. */
  sidebarModel(): SidebarState;
  /** The status bar text ("$(pass) Django fit 78%"), or undefined when the item is hidden. */
  statusBarText(): string | undefined;
  /** The project shown in the sidebar and the status bar. */
  selectedProject(): ProjectAssessment | undefined;
  /** Resolves once no assessment is running, debounced or pending. */
  whenIdle(): Promise<void>;
  /** True while an assessment runs. */
  busy(): boolean;
  /** Cancels the running assessment, as the progress notification's Cancel button does. */
  cancel(): void;
}

const FIRST_SCAN_DELAY_MS = 2000;

/** Called by VS Code on the activation events in package.json. */
export function activate(context: vscode.ExtensionContext): FrameworkFitApi {
  const log = vscode.window.createOutputChannel('Framework Fit', { log: true });
  const storage = context.globalStorageUri.scheme === 'file' ? context.globalStorageUri.fsPath : undefined;
  const controller = new AssessmentController(context.workspaceState, log, storage);
  const sidebar = new SidebarProvider(
    context.extensionUri,
    controller,
    {
      rerun: () => vscode.commands.executeCommand('frameworkFit.refresh'),
      export: () => vscode.commands.executeCommand('frameworkFit.exportReport'),
      explain: (key) => vscode.commands.executeCommand('frameworkFit.explainVerdict', key),
      plan: () => vscode.commands.executeCommand('frameworkFit.planProject'),
    },
    log,
  );
  const statusBar = new StatusBar(controller);
  const live = new LiveUpdates(controller, log);
  const command = (id: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, fn);

  context.subscriptions.push(
    log,
    controller,
    sidebar,
    statusBar,
    live,
    new Diagnostics(controller),
    vscode.window.registerWebviewViewProvider(SidebarProvider.viewId, sidebar),
    vscode.window.createTreeView('frameworkFit.welcome', { treeDataProvider: { getChildren: () => [], getTreeItem: (e: vscode.TreeItem) => e } }),
    vscode.languages.registerHoverProvider(MANIFEST_SELECTOR, new DependencyHoverProvider(controller)),
    command('frameworkFit.assess', () => assessCommand(controller)),
    command('frameworkFit.showFindings', (key) => showFindingsCommand(controller, key)),
    command('frameworkFit.explainVerdict', (key) => explainCommand(controller, key)),
    command('frameworkFit.planProject', (needs, base) => planCommand(controller, needs, base)),
    command('frameworkFit.exportReport', () => exportCommand(controller)),
    command('frameworkFit.refresh', () => controller.assess('view')),
    command('frameworkFit.clearPlan', () => controller.setPlan(undefined)),
  );

  if (live.enabled()) {
    const timer = setTimeout(() => {
      if (!controller.hasResults && !controller.busy && (vscode.workspace.workspaceFolders ?? []).length > 0) controller.schedule(undefined, 0);
    }, FIRST_SCAN_DELAY_MS);
    context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  }

  return {
    lastAssessments: () => controller.assessments(),
    sidebarState: () => sidebar.sidebarState(),
    sidebarModel: () => sidebar.currentState(),
    statusBarText: () => statusBar.text(),
    selectedProject: () => controller.selected()?.project,
    whenIdle: () => controller.whenIdle(),
    busy: () => controller.busy,
    cancel: () => controller.cancel(),
  };
}

/** Nothing to release beyond context.subscriptions. */
export function deactivate(): void {}
