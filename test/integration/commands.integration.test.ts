/**
 * The other palette commands, called as the sidebar's buttons and the hovers call them (with a
 * project key): Show findings, Explain verdict, Export report, Plan a new project, Clear plan.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ProjectAssessment } from '../../src/core/model';
import type { Explanation } from '../../src/shared/explain';
import { QuickPickSpy, activate, folder, resetWorkbench, runAssess, type FrameworkFitApi } from './helpers';

/** The key the extension gives the project at the root of a workspace folder. */
function keyOf(name: string): string {
  return `${folder(name).uri.toString()}::.`;
}

describe('the other commands', () => {
  let api: FrameworkFitApi;
  let spy: QuickPickSpy;
  before(async () => {
    api = await activate();
    spy = new QuickPickSpy();
    await (await runAssess(spy)).projects.dismiss();
  });
  afterEach(resetWorkbench);
  after(async () => {
    await vscode.commands.executeCommand('frameworkFit.clearPlan');
    spy.dispose();
  });

  it('Show findings lists the last result of the project given, without assessing again', async () => {
    const before = api.lastAssessments().find((r) => r.folder.name === 'django-polls')?.assessment;
    const project = await vscode.commands.executeCommand<ProjectAssessment>('frameworkFit.showFindings', keyOf('django-polls'));
    assert.equal(project.recommendation, 'django');
    const pick = await (await spy.next()).visible();
    assert.match(pick.choices[0].label, /Django fits better — \d+% · in use: Django/);
    // What would flip it, right under the verdict, in the words of every other front end.
    assert.ok((project.whatWouldChange ?? []).length > 0);
    assert.deepEqual(pick.choices.slice(1, 1 + project.whatWouldChange!.length).map((c) => c.label), project.whatWouldChange!.map((w) => `$(arrow-swap) ${w}`));
    await pick.dismiss();
    assert.equal(api.lastAssessments().find((r) => r.folder.name === 'django-polls')?.assessment, before, 'no new assessment');
  });

  it('Explain verdict breaks the score down, winner first', async () => {
    const x = await vscode.commands.executeCommand<Explanation>('frameworkFit.explainVerdict', keyOf('flask-batteries'));
    assert.equal(x.sides[0].framework, 'django');
    const [p] = api.lastAssessments().find((r) => r.folder.name === 'flask-batteries')!.assessment.projects;
    // The three findings that moved it most, with their points, and what would flip it, on screen.
    assert.deepEqual(x.why, p.reasons);
    assert.equal(x.why.length, 3);
    assert.ok(x.why.every((w) => / \(\+\d+\)$/.test(w)), x.why.join('\n'));
    assert.deepEqual(x.flip, p.whatWouldChange);
    const shown = await (await spy.next()).visible();
    const labels = shown.items.map((i) => i.label);
    for (const line of ['Moved it most', ...x.why.map((w) => `$(arrow-right) ${w}`), 'What would flip it', ...x.flip.map((w) => `$(arrow-swap) ${w}`)]) assert.ok(labels.includes(line), `${line} in: ${labels.join(' | ')}`);
    await shown.dismiss();
    assert.equal(x.sides[0].total, p.scores.django);
    assert.equal(
      x.sides[0].findings.reduce((n, f) => n + f.weight, 0),
      p.scores.django,
      'the points of the findings add up to the score',
    );
  });

  it('Export report opens the Markdown report of every folder', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('frameworkFit.exportReport');
    assert.equal(doc.languageId, 'markdown');
    assert.equal(doc.isUntitled, true);
    const text = doc.getText();
    assert.match(text, /Django fits better/);
    assert.match(text, /Flask fits better/);
    assert.match(text, /blog\/models\.py/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Plan a new project merges declared needs with no code into a verdict, and Clear plan removes it', async () => {
    const plan = await vscode.commands.executeCommand<ProjectAssessment>(
      'frameworkFit.planProject',
      { database: 'many', accounts: true, admin: true, forms: true, pages: 'many' },
      null,
    );
    assert.equal(plan.recommendation, 'django');
    assert.ok(api.sidebarModel().projects.some((p) => p.label === 'Plan: a new project'));
    await vscode.commands.executeCommand('frameworkFit.clearPlan');
    assert.ok(!api.sidebarModel().projects.some((p) => p.label.startsWith('Plan:')));

    const small = await vscode.commands.executeCommand<ProjectAssessment>('frameworkFit.planProject', { database: 'none', pages: 'few' }, null);
    assert.equal(small.recommendation, 'flask');
  });
});
