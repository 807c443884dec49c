/**
 * The settings shape the assessment: they are read at each run, so a change takes effect on the
 * next "Assess framework fit" without reloading. Patterns are relative to each workspace folder.
 *
 * They are written at workspace level (the temporary .code-workspace file): package.json does not
 * give them `"scope": "resource"`, so VS Code refuses folder-level values.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { QuickPickSpy, activate, assessmentOf, resetWorkbench, runAssess } from './helpers';

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('frameworkFit').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Runs the command and dismisses the project list: the results are all these tests need. */
async function assessDismissed(spy: QuickPickSpy) {
  const run = await runAssess(spy);
  await run.projects.dismiss();
  return run;
}

describe('settings', () => {
  let spy: QuickPickSpy;
  before(activate);
  beforeEach(() => (spy = new QuickPickSpy()));
  afterEach(async () => {
    spy.dispose();
    await setSetting('exclude', undefined);
    await setSetting('maxFileSize', undefined);
    await resetWorkbench();
  });

  it('frameworkFit.exclude leaves the matching files out, relative to each folder', async () => {
    await setSetting('exclude', ['blog/models.py', 'migrations/**']);
    const { results } = await assessDismissed(spy);
    const [p] = assessmentOf(results, 'flask-batteries').projects;
    assert.equal(p.facts.models, 0);
    assert.equal(p.facts.relations, 0);
    const evidence = p.findings.flatMap((f) => f.evidence.map((e) => e.file));
    assert.ok(!evidence.includes('blog/models.py'), 'no evidence from an excluded file');
    assert.ok(!evidence.some((f) => f.startsWith('migrations/')), 'no evidence from an excluded folder');
    assert.equal(assessmentOf(results, 'django-polls').projects[0].facts.models, 2, 'the same pattern matches nothing in django-polls');
  });

  it('frameworkFit.exclude takes effect without a reload, and clearing it restores the count', async () => {
    await setSetting('exclude', ['blog/**']);
    const before = assessmentOf((await assessDismissed(spy)).results, 'flask-batteries').projects[0];
    assert.equal(before.facts.routes, 0);
    await setSetting('exclude', undefined);
    const after = assessmentOf((await assessDismissed(spy)).results, 'flask-batteries').projects[0];
    assert.equal(after.facts.routes, 10);
    assert.equal(after.facts.models, 6);
  });

  it('frameworkFit.maxFileSize skips larger files', async () => {
    await setSetting('maxFileSize', 64);
    const { results } = await assessDismissed(spy);
    const [p] = assessmentOf(results, 'flask-batteries').projects;
    assert.equal(p.facts.models, 0, 'blog/models.py is larger than 64 bytes');
  });
});
