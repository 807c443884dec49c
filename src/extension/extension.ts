/**
 * The activation shell: registers forwarders for the commands, the sidebar, hovers and the welcome
 * view, and loads the host bundle (host.ts → dist/host.js) only on first use, so activation costs
 * milliseconds. What counts as first use, and the background scan: docs/design.md.
 */
import * as vscode from 'vscode';
import type { FrameworkFitApi } from './api';
import type * as HostModule from './host';
import { COMMAND_IDS, MANIFEST_SELECTOR, SIDEBAR_VIEW_ID, WELCOME_VIEW_ID } from './ids';

export type { FrameworkFitApi } from './api';

const FIRST_SCAN_DELAY_MS = 2000;

/** The host bundle, beside this one in dist/ (esbuild keeps this require as it is). */
function loadHostModule(): typeof HostModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, on purpose (see above)
  return require('./host.js') as typeof HostModule;
}

/** Called by VS Code on the activation events in package.json. */
export function activate(context: vscode.ExtensionContext): FrameworkFitApi {
  const log = vscode.window.createOutputChannel('Framework Fit', { log: true });
  let loaded: HostModule.Host | undefined;
  const host = (): HostModule.Host => {
    if (!loaded) {
      const t0 = Date.now();
      loaded = loadHostModule().createHost(context, log);
      log.info(`loaded in ${Date.now() - t0} ms`);
    }
    return loaded;
  };
  const liveUpdates = () => vscode.workspace.getConfiguration('frameworkFit').get<boolean>('liveUpdates', true);

  context.subscriptions.push(
    log,
    ...COMMAND_IDS.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => host().commands[id](...args))),
    vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, {
      resolveWebviewView: (view, ctx, token) => {
        log.info('sidebar: resolving the view');
        try {
          return host().sidebar.resolveWebviewView(view, ctx, token);
        } catch (e) {
          log.error(`sidebar: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          throw e;
        }
      },
    }),
    vscode.window.createTreeView(WELCOME_VIEW_ID, { treeDataProvider: { getChildren: () => [], getTreeItem: (e: vscode.TreeItem) => e } }),
    vscode.languages.registerHoverProvider(MANIFEST_SELECTOR, { provideHover: (doc, pos, token) => host().hover.provideHover(doc, pos, token) }),
    // Live updates turned on later: the host takes over watching (it listens to settings itself).
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!loaded && e.affectsConfiguration('frameworkFit.liveUpdates') && liveUpdates()) host().firstScan();
    }),
  );

  if (liveUpdates()) {
    const timer = setTimeout(() => {
      if ((vscode.workspace.workspaceFolders ?? []).length > 0) host().firstScan();
    }, FIRST_SCAN_DELAY_MS);
    context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  }

  return {
    lastAssessments: () => host().api.lastAssessments(),
    sidebarState: () => host().api.sidebarState(),
    sidebarModel: () => host().api.sidebarModel(),
    statusBarText: () => host().api.statusBarText(),
    selectedProject: () => host().api.selectedProject(),
    whenIdle: () => host().api.whenIdle(),
    busy: () => host().api.busy(),
    cancel: () => host().api.cancel(),
  };
}

/** Nothing to release beyond context.subscriptions. */
export function deactivate(): void {}
