/**
 * What the integration tests share: the extension under test, its public API, the workspace
 * folders (copies of test/fixtures/<name>), condition waits, and a spy on the quick picks the
 * extension shows, so that a test can read what the user would see and choose an item through
 * the workbench's own quick-pick commands.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Assessment } from '../../src/core/model';
import type { FolderAssessment } from '../../src/extension/controller';
import type { FrameworkFitApi } from '../../src/extension/extension';

export type { FolderAssessment, FrameworkFitApi };

/** `<publisher>.<name>` from package.json. */
export const EXTENSION_ID = 'framework-fit.framework-fit';

/** The extension under test. */
export function extension(): vscode.Extension<FrameworkFitApi> {
  const ext = vscode.extensions.getExtension<FrameworkFitApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

/** Activates the extension (a no-op when active) and returns its API. */
export async function activate(): Promise<FrameworkFitApi> {
  return extension().activate();
}

/** A workspace folder by fixture name. */
export function folder(name: string): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.find((w) => w.name === name);
  assert.ok(f, `workspace folder ${name} is not open`);
  return f;
}

/** A fixture's EXPECTED.json, read from the copy in the workspace. */
export function expected<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fs.readFileSync(vscode.Uri.joinPath(folder(name).uri, 'EXPECTED.json').fsPath, 'utf8')) as T;
}

/** Waits until `condition` returns a truthy value, polling; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(condition: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await condition();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Closes any quick pick and every editor, so each test starts from the same workbench. */
export async function resetWorkbench(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** One quick pick the extension showed, as the user sees it. */
export class ShownQuickPick {
  /** Items in order, separators included (filled once the items resolve). */
  items: readonly vscode.QuickPickItem[] = [];
  /** The item the cursor is on; set once the quick pick is visible. */
  active: vscode.QuickPickItem | undefined;
  /** What the user chose, or undefined when it was dismissed. */
  readonly result: Promise<vscode.QuickPickItem | undefined>;
  private settle!: (r: vscode.QuickPickItem | undefined) => void;
  constructor(readonly options: vscode.QuickPickOptions | undefined) {
    this.result = new Promise((r) => (this.settle = r));
  }
  /** @internal */ done(r: vscode.QuickPickItem | undefined): void {
    this.settle(r);
  }

  /** The items a user can choose (no separators). */
  get choices(): vscode.QuickPickItem[] {
    return this.items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
  }

  /** Waits until the quick pick is on screen with its cursor on an item. */
  async visible(): Promise<this> {
    await waitFor(() => this.active, `quick pick "${this.options?.title ?? ''}" to show`);
    return this;
  }

  /** Moves the cursor to the first item matching `match` and accepts it, as the keyboard would. */
  async choose(match: (item: vscode.QuickPickItem) => boolean): Promise<vscode.QuickPickItem | undefined> {
    await this.visible();
    const target = this.choices.find(match);
    assert.ok(target, `no item to choose in "${this.options?.title}": ${this.choices.map((c) => c.label).join(' | ')}`);
    for (let i = 0; this.active !== target; i++) {
      assert.ok(i <= this.choices.length, `could not move to "${target.label}"`);
      const before = this.active;
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await waitFor(() => this.active !== before, 'the quick pick cursor to move');
    }
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return this.result;
  }

  /** Dismisses the quick pick as Escape would. */
  async dismiss(): Promise<void> {
    await this.visible();
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await this.result;
  }
}

/**
 * Records every `vscode.window.showQuickPick` call while installed. The extension and these tests
 * live in the same extension folder, so VS Code hands both the same `vscode` API object; the spy
 * passes each call on to the real quick pick unchanged and only listens to its cursor.
 */
export class QuickPickSpy implements vscode.Disposable {
  readonly shown: ShownQuickPick[] = [];
  private taken = 0;
  private readonly original = vscode.window.showQuickPick;

  constructor() {
    const original = this.original;
    const shown = this.shown;
    const window = vscode.window as { showQuickPick: unknown };
    window.showQuickPick = (
      items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>,
      options?: vscode.QuickPickOptions,
      token?: vscode.CancellationToken,
    ) => {
      const pick = new ShownQuickPick(options);
      shown.push(pick);
      void Promise.resolve(items).then((i) => (pick.items = i));
      const result = original(
        items,
        {
          ...options,
          onDidSelectItem: (item) => {
            pick.active = typeof item === 'string' ? undefined : item;
            return options?.onDidSelectItem?.(item);
          },
        },
        token,
      );
      void Promise.resolve(result).then(
        (r) => pick.done(r),
        () => pick.done(undefined),
      );
      return result;
    };
  }

  /** The next quick pick shown after the ones already taken. */
  async next(): Promise<ShownQuickPick> {
    const pick = await waitFor(() => this.shown[this.taken], 'a quick pick to be shown');
    this.taken++;
    return pick;
  }

  /** Puts the real showQuickPick back. Create spies in hooks (not at load) so they nest properly. */
  dispose(): void {
    (vscode.window as { showQuickPick: unknown }).showQuickPick = this.original;
  }
}

/**
 * Runs "Assess framework fit" as the palette would. It resolves with the assessment of every
 * folder; the workspace holds several projects, so the command then asks which one to show:
 * `projects` is that quick pick (still open; choose or dismiss it).
 */
export async function runAssess(spy: QuickPickSpy): Promise<{ results: FolderAssessment[]; projects: ShownQuickPick }> {
  const results = await vscode.commands.executeCommand<FolderAssessment[] | undefined>('frameworkFit.assess');
  assert.ok(results, 'the command returned no assessment');
  const projects = await spy.next();
  assert.equal(projects.options?.title, 'Framework Fit: choose a project');
  return { results, projects };
}

/** Runs the command and chooses `project` (a folder name); returns its findings quick pick. */
export async function assessAndShow(spy: QuickPickSpy, project: string): Promise<{ results: FolderAssessment[]; findings: ShownQuickPick }> {
  const { results, projects } = await runAssess(spy);
  await projects.choose((i) => plain(i.label) === project);
  return { results, findings: await spy.next() };
}

/** The id of the finding a findings quick-pick item stands for ("data.models"), if any. */
export function findingId(item: vscode.QuickPickItem): string | undefined {
  return (item as { finding?: { id?: string } }).finding?.id;
}

/** A quick-pick label without its leading icon: "$(go-to-file) a.py:3" → "a.py:3". */
export function plain(label: string): string {
  return label.replace(/^\$\([\w-]+\)\s*/, '');
}

/** The assessment of one folder in a command result. */
export function assessmentOf(results: FolderAssessment[], name: string): Assessment {
  const r = results.find((x) => x.folder.name === name);
  assert.ok(r, `no assessment for folder ${name}`);
  return r.assessment;
}
