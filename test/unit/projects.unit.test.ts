import { strict as assert } from 'node:assert';
import { assess } from '../../src/core/assess';
import { MemoryWorkspace } from '../../src/core/read/workspace';

async function roots(files: Record<string, string>): Promise<string[]> {
  return (await assess(new MemoryWorkspace(files))).projects.map((p) => p.root);
}

describe('project roots', () => {
  it('a manifest folder is a project; requirements/ folds into its parent', async () => {
    assert.deepEqual(await roots({ 'requirements/base.txt': 'django', 'requirements/dev.txt': '-r base.txt\npytest', 'manage.py': '' }), ['.']);
  });

  it('a manage.py below the manifest belongs to the manifest project', async () => {
    assert.deepEqual(await roots({ 'requirements.txt': 'django', 'src/manage.py': 'from django.core.management import execute_from_command_line' }), ['.']);
  });

  it('docs/requirements.txt (Sphinx) does not become a project', async () => {
    assert.deepEqual(await roots({ 'requirements.txt': 'flask', 'app.py': '', 'docs/requirements.txt': 'sphinx\nfuro' }), ['.']);
    assert.deepEqual(await roots({ 'pyproject.toml': '[project]\nname="x"\ndependencies=["requests"]\n', 'x/__init__.py': '', 'docs/requirements.txt': 'sphinx' }), ['.']);
  });

  it('a deeper manifest starts its own project; a tool-config root with no code is dropped', async () => {
    assert.deepEqual(
      await roots({
        'pyproject.toml': '[tool.black]\nline-length = 100\n',
        'api/requirements.txt': 'flask',
        'api/app.py': 'from flask import Flask\napp = Flask(__name__)\n',
        'web/Pipfile': '[packages]\ndjango = "*"\n',
        'web/manage.py': '',
      }),
      ['api', 'web'],
    );
  });

  it('a manage.py or a Flask app with no manifest above it starts a project', async () => {
    assert.deepEqual(await roots({ 'site/manage.py': '', 'tools/api/server.py': 'import flask\napp = flask.Flask(__name__)\n' }), ['site', 'tools/api']);
  });

  it('Python files with no manifest at all make one project at the root; an empty folder makes none', async () => {
    assert.deepEqual(await roots({ 'script.py': 'print(1)' }), ['.']);
    assert.deepEqual(await roots({ 'README.md': '# hi' }), []);
  });
});
