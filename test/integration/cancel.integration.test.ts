/**
 * Cancelling a running assessment (what the progress notification's Cancel button does) stops the
 * engine promptly and leaves the previous result in place.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, folder, waitFor } from './helpers';

describe('cancellation', () => {
  const bulk = () => path.join(folder('flask-minimal').uri.fsPath, 'bulk');

  after(async () => {
    fs.rmSync(bulk(), { recursive: true, force: true });
    await vscode.workspace.getConfiguration('frameworkFit').update('liveUpdates', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('stops a running assessment promptly and keeps the last result', async function () {
    this.timeout(180_000);
    const api = await activate();
    await vscode.workspace.getConfiguration('frameworkFit').update('liveUpdates', false, vscode.ConfigurationTarget.Workspace);
    await api.whenIdle();
    // Enough Python for a scan that lasts several seconds.
    fs.mkdirSync(bulk(), { recursive: true });
    const body = Array.from({ length: 60 }, (_, i) => `@bp.route("/r${i}")\ndef r${i}():\n    return render_template("x.html", n=${i})\n`).join('\n');
    for (let i = 0; i < 2500; i++) fs.writeFileSync(path.join(bulk(), `m${i}.py`), `from flask import Blueprint, render_template\nbp = Blueprint("b${i}", __name__)\n${body}`);
    const before = api.lastAssessments().find((a) => a.folder.name === 'flask-minimal');

    const run = vscode.commands.executeCommand('frameworkFit.refresh');
    await waitFor(() => api.busy(), 'the assessment to start');
    await new Promise((r) => setImmediate(r));
    const t0 = Date.now();
    api.cancel();
    const result = await run;
    const elapsed = Date.now() - t0;
    assert.equal(result, undefined, 'a cancelled run returns no result');
    // The engine stops within milliseconds (test/unit); through the extension host, the progress
    // UI and a busy CI machine, allow a few seconds — a full scan of this folder takes far longer.
    assert.ok(elapsed < 3000, `cancelling took ${elapsed} ms`);
    await api.whenIdle();
    const after = api.lastAssessments().find((a) => a.folder.name === 'flask-minimal');
    assert.equal(after?.assessment.stats.pythonFiles, before?.assessment.stats.pythonFiles, 'the cancelled run must not replace the last result');
  });
});
