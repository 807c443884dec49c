/**
 * What the user sees after "Assess framework fit": a project list when the workspace has several,
 * then the verdict first and the findings grouped by concern; choosing a finding opens its
 * evidence at the line (through a second list when there are several places).
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { QuickPickSpy, activate, assessAndShow, findingId, plain, resetWorkbench, runAssess, waitFor } from './helpers';

/** Waits for an editor on `file` (relative to a folder) with the cursor on 1-based `line`. */
async function editorAt(folderName: string, file: string, line: number): Promise<vscode.TextEditor> {
  return waitFor(() => {
    const ed = vscode.window.activeTextEditor;
    const want = path.join(folderName, ...file.split('/'));
    return ed && ed.document.uri.fsPath.endsWith(want) && ed.selection.active.line === line - 1 ? ed : undefined;
  }, `${folderName}/${file}:${line} to open`);
}

describe('the assess quick picks', () => {
  let spy: QuickPickSpy;
  before(activate);
  beforeEach(() => (spy = new QuickPickSpy()));
  afterEach(async () => {
    spy.dispose();
    await resetWorkbench();
  });

  it('lists one project per workspace folder with its verdict', async () => {
    const { projects } = await runAssess(spy);
    await projects.visible();
    const byLabel = new Map(projects.choices.map((c) => [plain(c.label), c.description]));
    assert.match(byLabel.get('flask-batteries') ?? '', /^Django fits better — \d+% · in use: Flask$/);
    assert.match(byLabel.get('django-polls') ?? '', /^Django fits better — \d+% · in use: Django$/);
    assert.match(byLabel.get('flask-minimal') ?? '', /^Flask fits better — \d+% · in use: Flask$/);
    await projects.dismiss();
  });

  it('shows the verdict first, then findings grouped by concern', async () => {
    const { findings } = await assessAndShow(spy, 'flask-batteries');
    const pick = await findings.visible();
    assert.match(pick.choices[0].label, /^\$\(pass\) Django fits better — \d+% · in use: Flask$/);
    assert.equal(pick.active, pick.choices[0], 'the cursor starts on the verdict');
    const separators = pick.items.filter((i) => i.kind === vscode.QuickPickItemKind.Separator).map((i) => i.label);
    assert.ok(separators.length >= 5, `concerns: ${separators.join(', ')}`);
    assert.equal(new Set(separators).size, separators.length, 'each concern once');
    const models = pick.choices.find((c) => findingId(c) === 'data.models');
    assert.ok(models, 'a finding about the models');
    assert.match(models.label, /6 ORM models with 19 relations/);
    assert.match(models.description ?? '', /^Django \+\d+$/);
    assert.match(models.detail ?? '', /^blog\/models\.py:20, blog\/models\.py:29, blog\/models\.py:52 … \+3$/);
    // Each finding sits under its concern's separator: the models one comes right after one.
    const at = pick.items.indexOf(models);
    assert.equal(pick.items[at - 1].kind, vscode.QuickPickItemKind.Separator);
  });

  it('opens the chosen place when a finding has several', async () => {
    const { findings } = await assessAndShow(spy, 'flask-batteries');
    await findings.choose((c) => findingId(c) === 'data.models');
    const places = await (await spy.next()).visible();
    assert.deepEqual(
      places.choices.map((c) => plain(c.label)),
      [20, 29, 52, 61, 79, 92].map((l) => `blog/models.py:${l}`),
    );
    await places.choose((c) => plain(c.label) === 'blog/models.py:52');
    const ed = await editorAt('flask-batteries', 'blog/models.py', 52);
    assert.match(ed.document.lineAt(51).text, /^class Category\(db\.Model\):/);
  });

  it('opens the only place of a finding directly', async () => {
    // Any finding with a single place will do; which ones have one is the engine's business.
    const { results, projects } = await runAssess(spy);
    await projects.dismiss();
    const candidates = results.flatMap(({ folder, assessment }) =>
      assessment.projects.filter((p) => p.root === '.').flatMap((p) => p.findings.filter((f) => f.evidence.length === 1).map((f) => ({ name: folder.name, finding: f }))),
    );
    assert.ok(candidates.length > 0, 'some fixture has a finding with a single place');
    const { name, finding } = candidates[0];
    const { findings } = await assessAndShow(spy, name);
    await findings.choose((c) => findingId(c) === finding.id);
    const [e] = finding.evidence;
    const ed = await editorAt(name, e.file, e.line ?? 1);
    assert.equal(ed.selection.active.character, (e.column ?? 1) - 1);
    assert.equal(spy.shown.length, 3, 'no second list for a single place (project list, findings, nothing more)');
  });

  it('does nothing when the findings list is dismissed', async () => {
    const { findings } = await assessAndShow(spy, 'flask-minimal');
    await findings.dismiss();
    assert.equal(vscode.window.activeTextEditor, undefined);
  });
});
