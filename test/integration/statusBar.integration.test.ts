/**
 * The status bar item shows the selected project's verdict, follows the selection and obeys the
 * `frameworkFit.statusBar` setting.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { QuickPickSpy, activate, assessAndShow, resetWorkbench, waitFor, type FrameworkFitApi } from './helpers';

describe('the status bar item', () => {
  let api: FrameworkFitApi;
  let spy: QuickPickSpy;
  before(async () => {
    api = await activate();
  });
  beforeEach(() => (spy = new QuickPickSpy()));
  afterEach(async () => {
    spy.dispose();
    await vscode.workspace.getConfiguration('frameworkFit').update('statusBar', undefined, vscode.ConfigurationTarget.Workspace);
    await resetWorkbench();
  });

  it('shows the verdict of the project chosen', async () => {
    await (await assessAndShow(spy, 'flask-minimal')).findings.dismiss();
    await waitFor(() => /Flask fits better, \d+% sure/.test(api.statusBarText() ?? ''), `"Flask fits better, NN% sure" (now: ${api.statusBarText()})`);
    await (await assessAndShow(spy, 'flask-batteries')).findings.dismiss();
    await waitFor(() => /Django fits better, \d+% sure/.test(api.statusBarText() ?? ''), `"Django fits better, NN% sure" (now: ${api.statusBarText()})`);
  });

  it('hides when frameworkFit.statusBar is off and comes back when on', async () => {
    await waitFor(() => api.statusBarText(), 'the item to show');
    await vscode.workspace.getConfiguration('frameworkFit').update('statusBar', false, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => api.statusBarText() === undefined, 'the item to hide');
    await vscode.workspace.getConfiguration('frameworkFit').update('statusBar', undefined, vscode.ConfigurationTarget.Workspace);
    const text = await waitFor(() => api.statusBarText(), 'the item to show again');
    assert.match(text, /fits better, \d+% sure/);
  });
});
