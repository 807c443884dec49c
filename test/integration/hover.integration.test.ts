/**
 * Hovers on dependency entries, asked for the way VS Code asks (`vscode.executeHoverProvider`) on
 * the fixtures' manifests: what a package is for, the Django built-in a Flask add-on re-creates,
 * how the line moved the verdict, and nothing off a dependency.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { QuickPickSpy, activate, folder, resetWorkbench, runAssess } from './helpers';

/** The hover text at a 0-based position of a workspace file, all hovers joined. */
async function hoverText(folderName: string, file: string, line: number, character: number): Promise<string> {
  const uri = vscode.Uri.joinPath(folder(folderName).uri, ...file.split('/'));
  await vscode.workspace.openTextDocument(uri);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character));
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
    .join('\n')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

describe('hovers on manifests', () => {
  before(async () => {
    await activate();
    // Hovers say how a line moved the verdict once the workspace is assessed.
    const spy = new QuickPickSpy();
    try {
      await (await runAssess(spy)).projects.dismiss();
    } finally {
      spy.dispose();
    }
  });
  after(resetWorkbench);

  it('requirements.txt: a Flask add-on names the Django built-in it re-creates', async () => {
    const text = await hoverText('flask-batteries', 'requirements.txt', 4, 3); // Flask-Login==0.6.3
    assert.match(text, /Flask-Login/);
    assert.match(text, /Django ships this built in: \*\*django\.contrib\.auth\*\*/);
    assert.match(text, /In flask-batteries/);
    assert.match(text, /Verdict: Django fits better/);
  });

  it('requirements.txt: the extras and the marker of an entry', async () => {
    const text = await hoverText('flask-batteries', 'requirements.txt', 5, 2); // Flask-Admin[sqla]==1.6.1
    assert.match(text, /Flask-Admin/);
    assert.match(text, /sqla/);
    const babel = await hoverText('flask-batteries', 'requirements.txt', 8, 2); // Flask-Babel ... ; python_version >= "3.8"
    assert.match(babel, /python_version >= "3\.8"/);
  });

  it('pyproject.toml: a Django pin says whether it is still supported', async () => {
    const text = await hoverText('django-thin', 'pyproject.toml', 7, 7); //     "django>=4.2,<5.1",
    assert.match(text, /Django/);
    assert.match(text, /(supported|end of life|End of life)/i);
  });

  it('Pipfile: a package entry has its hover', async () => {
    const text = await hoverText('manifests', 'Pipfile', 6, 1); // boto3 = "*"
    assert.match(text, /boto3/);
  });

  it('nothing on a comment line', async () => {
    const text = await hoverText('flask-batteries', 'requirements.txt', 0, 5);
    assert.equal(text, '');
  });
});
