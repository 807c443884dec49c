/**
 * The extension activates on its own in a Python workspace (package.json's `workspaceContains`
 * events), registers its command and contributes its settings. Runs first (see index.ts) so
 * that no other test has activated it yet.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, extension, waitFor } from './helpers';

describe('activation', () => {
  it('activates by itself in a workspace with Python manifests', async () => {
    const ext = extension();
    await waitFor(() => ext.isActive, `${EXTENSION_ID} to activate from its workspaceContains events`, 30_000);
  });

  it('returns its API from activate()', async () => {
    const api = await extension().activate();
    assert.equal(typeof api.lastAssessments, 'function');
    assert.ok(Array.isArray(api.lastAssessments()));
  });

  it('registers "Assess framework fit"', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('frameworkFit.assess'));
    const contributed = (extension().packageJSON as { contributes: { commands: { command: string; title: string }[] } }).contributes.commands;
    assert.equal(contributed.find((c) => c.command === 'frameworkFit.assess')?.title, 'Assess framework fit');
  });

  it('contributes its settings with their defaults', () => {
    const c = vscode.workspace.getConfiguration('frameworkFit');
    assert.deepEqual(c.get('exclude'), []);
    assert.equal(c.get('maxFiles'), 200_000);
    assert.equal(c.get('maxFileSize'), 1_000_000);
  });
});
