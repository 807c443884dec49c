/**
 * The sidebar webview view (`frameworkFit.sidebar`): shows shared/sidebarModel.ts's model, laid out
 * by webview/main.ts, under a nonce CSP with `localResourceRoots` limited to dist/ and media/. A
 * message is checked before use, and opens only files the current assessment cites.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isEvidenceOf, isSafeRelativePath, parseWebviewToHost, type HostToWebview, type SidebarState, type WebviewToHost } from '../shared/protocol';
import { buildSidebarState } from '../shared/sidebarModel';
import { SIDEBAR_VIEW_ID, type AssessmentController } from './controller';
import { openEvidence } from './commands';

/** What the sidebar's buttons do (the commands, so that they behave as in the palette). */
export interface SidebarActions {
  rerun(): unknown;
  export(): unknown;
  explain(key: string): unknown;
  plan(): unknown;
}

/** True when `uri` lies inside `folder` (same scheme and authority, path below it). */
export function isInsideFolder(folder: vscode.Uri, uri: vscode.Uri): boolean {
  if (folder.scheme !== uri.scheme || folder.authority !== uri.authority) return false;
  const base = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  return uri.path.startsWith(base);
}

export class SidebarProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = SIDEBAR_VIEW_ID;
  private view?: vscode.WebviewView;
  private lastState?: SidebarState;
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: AssessmentController,
    private readonly actions: SidebarActions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subs.push(
      controller.onDidChange(() => this.postState()),
      controller.onProgress((message) => this.post({ type: 'progress', message })),
    );
  }

  /** The state posted last (undefined before the view was first shown). */
  sidebarState(): SidebarState | undefined {
    return this.lastState;
  }

  /** The state the sidebar shows now, whether or not the view exists. */
  currentState(): SidebarState {
    return buildSidebarState({
      status: this.controller.status,
      message: this.controller.message,
      entries: this.controller.entries(),
      selected: this.controller.selectedKeyValue,
      summary: this.controller.summary(),
    });
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const webview = view.webview;
    webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    webview.html = this.html(webview);
    const subs = [
      webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      view.onDidChangeVisibility(() => {
        if (view.visible) this.postState();
      }),
    ];
    view.onDidDispose(() => {
      for (const s of subs) s.dispose();
      if (this.view === view) this.view = undefined;
    });
    // The first scan starts when the sidebar is first shown.
    if (!this.controller.hasResults && !this.controller.busy) void this.controller.assess('background');
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(18).toString('base64');
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('dist', 'codicons', 'codicon.css')}">
<link rel="stylesheet" href="${asset('media', 'sidebar.css')}">
<title>Framework Fit</title>
</head>
<body>
<main id="app" aria-label="Framework Fit"></main>
<div id="announce" class="visually-hidden" role="status" aria-live="polite"></div>
<script nonce="${nonce}" src="${asset('dist', 'webview.js')}"></script>
</body>
</html>`;
  }

  private post(msg: HostToWebview): void {
    if (msg.type === 'state') this.lastState = msg.state;
    if (!this.view) return;
    void this.view.webview.postMessage(msg).then(undefined, () => undefined);
  }

  /** Posts the current state (also kept for the API when no view exists yet). */
  postState(): void {
    const state = this.currentState();
    if (this.view) this.post({ type: 'state', state });
  }

  private async receive(raw: unknown): Promise<void> {
    const msg = parseWebviewToHost(raw);
    if (!msg) {
      this.log.warn(`sidebar: ignored a malformed message: ${safeJson(raw)}`);
      return;
    }
    await this.handle(msg);
  }

  private async handle(msg: WebviewToHost): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.postState();
        if (!this.controller.hasResults && !this.controller.busy) void this.controller.assess('background');
        return;
      case 'selectProject':
        this.controller.select(msg.key);
        return;
      case 'openEvidence':
        await this.openEvidence(msg);
        return;
      case 'rerun':
        await this.actions.rerun();
        return;
      case 'export':
        await this.actions.export();
        return;
      case 'explain':
        await this.actions.explain(msg.key);
        return;
      case 'plan':
        await this.actions.plan();
        return;
      case 'clearPlan':
        await this.controller.setPlan(undefined);
        return;
      default:
        msg satisfies never;
    }
  }

  /** Opens evidence the webview asks for, only if the current assessment cites it inside the folder. */
  async openEvidence(msg: Extract<WebviewToHost, { type: 'openEvidence' }>): Promise<boolean> {
    const entry = this.controller.entry(msg.key);
    const folder = entry?.folder;
    if (!entry || !folder || !isSafeRelativePath(msg.file) || !isEvidenceOf(entry.project, msg.file, msg.line)) {
      this.log.warn(`sidebar: refused to open ${safeJson(msg.file)}: not evidence of the current assessment`);
      return false;
    }
    const uri = vscode.Uri.joinPath(folder.uri, ...msg.file.split('/'));
    if (!isInsideFolder(folder.uri, uri)) {
      this.log.warn(`sidebar: refused to open ${safeJson(msg.file)}: outside the workspace folder`);
      return false;
    }
    try {
      await openEvidence(folder, msg);
      return true;
    } catch (e) {
      void vscode.window.showWarningMessage(`Framework Fit: could not open ${msg.file}: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}

function safeJson(v: unknown): string {
  try {
    const s = JSON.stringify(v) ?? String(v);
    return s.length > 200 ? `${s.slice(0, 199)}…` : s;
  } catch {
    return '(unprintable)';
  }
}
