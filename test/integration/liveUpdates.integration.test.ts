/**
 * Live updates (`frameworkFit.liveUpdates`, on by default): editing a manifest on disk assesses its
 * folder again in the background, without any command.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activate, folder, waitFor, type FrameworkFitApi } from './helpers';

describe('live updates', () => {
  let api: FrameworkFitApi;
  const file = () => vscode.Uri.joinPath(folder('flask-minimal').uri, 'requirements.txt');
  let original: Uint8Array;
  before(async () => {
    api = await activate();
    original = await vscode.workspace.fs.readFile(file());
  });
  after(async () => {
    await vscode.workspace.fs.writeFile(file(), original);
    await waitFor(() => project()?.facts.auth === false, 'flask-minimal to be assessed again after the restore', 30_000);
  });

  const project = () => api.lastAssessments().find((r) => r.folder.name === 'flask-minimal')?.assessment.projects[0];

  it('a new dependency in requirements.txt shows in the next assessment by itself', async () => {
    await waitFor(() => project(), 'a first assessment of flask-minimal', 30_000);
    assert.equal(project()!.facts.auth, false);
    const added = new TextEncoder().encode(`${new TextDecoder().decode(original)}Flask-Login==0.6.3\n`);
    await vscode.workspace.fs.writeFile(file(), added);
    const p = await waitFor(() => (project()?.facts.auth ? project() : undefined), 'flask-minimal to be assessed again with Flask-Login', 30_000);
    assert.ok(p.dependencies.some((d) => d.name === 'flask-login'));
  });
});
