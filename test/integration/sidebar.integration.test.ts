/**
 * The sidebar's webview view provider (`frameworkFit.sidebar`) receives the assessment: once the
 * view is shown, the state it posts to the webview carries the selected project's verdict and
 * findings, and follows the project chosen in the palette. The webview's own drawing of that
 * state is checked by the end-to-end suite (test/e2e/sidebar.e2e.test.ts).
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { QuickPickSpy, activate, assessAndShow, resetWorkbench, waitFor, type FrameworkFitApi } from './helpers';

describe('the sidebar view', () => {
  let api: FrameworkFitApi;
  let spy: QuickPickSpy;
  before(async () => {
    api = await activate();
    spy = new QuickPickSpy();
  });
  after(async () => {
    spy.dispose();
    await resetWorkbench();
  });

  it('receives the assessment once shown', async () => {
    await vscode.commands.executeCommand('frameworkFit.sidebar.focus');
    const state = await waitFor(() => {
      const s = api.sidebarState();
      return s?.status === 'ready' && s.project ? s : undefined;
    }, 'the sidebar to receive an assessment', 30_000);
    const names = (vscode.workspace.workspaceFolders ?? []).map((f) => f.name);
    for (const n of ['flask-batteries', 'django-polls', 'flask-minimal']) {
      assert.ok(state.projects.some((p) => p.label === n), `${n} in the project selector`);
    }
    assert.ok(state.projects.length >= names.length);
    assert.equal(state.selected, state.project?.key);
  });

  it('follows the project chosen in the palette, with its verdict and findings', async () => {
    const { findings } = await assessAndShow(spy, 'flask-batteries');
    await findings.dismiss();
    const state = await waitFor(() => {
      const s = api.sidebarState();
      return s?.project?.label === 'flask-batteries' ? s : undefined;
    }, 'the sidebar to show flask-batteries');
    const p = state.project!;
    assert.equal(p.recommendation, 'django');
    assert.equal(p.inUse, 'Flask');
    assert.match(p.verdict, /^Django fits better — \d+% · in use: Flask$/);
    assert.ok(p.scores.django > p.scores.flask);
    const models = p.groups.flatMap((g) => g.findings).find((f) => f.id === 'data.models');
    assert.match(models?.message ?? '', /^6 ORM models with 19 relations/);
    assert.deepEqual(models?.evidence.map((e) => e.label), [20, 29, 52, 61, 79, 92].map((l) => `blog/models.py:${l}`));
    assert.equal(p.batteries?.kind, 'recreated');
  });

  it('shows what the model says for the selected project', () => {
    assert.deepEqual(api.sidebarState(), api.sidebarModel());
  });
});
