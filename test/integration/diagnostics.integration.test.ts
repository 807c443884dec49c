/**
 * Problems the assessment met (a malformed manifest, a line pip would reject) appear in the
 * Problems panel at their file and line, from the source "Framework Fit".
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { QuickPickSpy, activate, folder, runAssess, waitFor } from './helpers';

function ours(file: string): vscode.Diagnostic[] {
  const uri = vscode.Uri.joinPath(folder('manifests').uri, ...file.split('/'));
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Framework Fit');
}

describe('diagnostics', () => {
  before(async () => {
    await activate();
    const spy = new QuickPickSpy();
    try {
      await (await runAssess(spy)).projects.dismiss();
    } finally {
      spy.dispose();
    }
  });

  it('reports a requirement line pip would reject, at its line', async () => {
    const [d] = await waitFor(() => (ours('requirements.txt').length ? ours('requirements.txt') : undefined), 'a diagnostic on manifests/requirements.txt');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, 18);
    assert.match(d.message, /invalid requirement/);
  });

  it('reports invalid TOML in a pyproject.toml', async () => {
    const file = 'malformed/bad-pyproject/pyproject.toml';
    const [d] = await waitFor(() => (ours(file).length ? ours(file) : undefined), `a diagnostic on manifests/${file}`);
    assert.match(d.message, /invalid TOML/);
  });

  it('leaves a clean project without diagnostics', () => {
    const uri = vscode.Uri.joinPath(folder('flask-minimal').uri, 'requirements.txt');
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Framework Fit'), []);
  });
});
