/**
 * Everything the extension does, loaded on first use by the activation shell (extension.ts): the
 * controller, the sidebar, hovers, diagnostics, the status bar and live updates. It is a bundle of
 * its own (dist/host.js) so that activating the extension does not load the engine, the parsers or
 * the package table: activation stays a few milliseconds, and this module's cost is paid when the
 * user (or the background first scan) asks for something.
 */
import * as vscode from 'vscode';
import type { FrameworkFitApi } from './api';
import { assessCommand, explainCommand, exportCommand, planCommand, showFindingsCommand } from './commands';
import { AssessmentController } from './controller';
import { DependencyHoverProvider } from './hovers';
import { Diagnostics, LiveUpdates, StatusBar } from './live';
import { SidebarProvider } from './sidebar';

/** What the shell forwards to: command handlers, the view and hover providers, the API. */
export interface Host {
  commands: Readonly<Record<string, (...args: unknown[]) => unknown>>;
  sidebar: vscode.WebviewViewProvider;
  hover: vscode.HoverProvider;
  api: FrameworkFitApi;
  /** Runs the first background scan when live updates are on and nothing has been assessed yet. */
  firstScan(): void;
}

/** Creates the host; its disposables go into `context.subscriptions`. */
export function createHost(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Host {
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
  context.subscriptions.push(controller, sidebar, statusBar, live, new Diagnostics(controller));

  return {
    commands: {
      'frameworkFit.assess': () => assessCommand(controller),
      'frameworkFit.showFindings': (key) => showFindingsCommand(controller, key),
      'frameworkFit.explainVerdict': (key) => explainCommand(controller, key),
      'frameworkFit.planProject': (needs, base) => planCommand(controller, needs, base),
      'frameworkFit.exportReport': () => exportCommand(controller),
      'frameworkFit.refresh': () => controller.assess('view'),
      'frameworkFit.clearPlan': () => controller.setPlan(undefined),
    },
    sidebar,
    hover: new DependencyHoverProvider(controller),
    api: {
      lastAssessments: () => controller.assessments(),
      sidebarState: () => sidebar.sidebarState(),
      sidebarModel: () => sidebar.currentState(),
      statusBarText: () => statusBar.text(),
      selectedProject: () => controller.selected()?.project,
      whenIdle: () => controller.whenIdle(),
      busy: () => controller.busy,
      cancel: () => controller.cancel(),
    },
    firstScan: () => {
      if (live.enabled() && !controller.hasResults && !controller.busy && (vscode.workspace.workspaceFolders ?? []).length > 0) controller.schedule(undefined, 0);
    },
  };
}
