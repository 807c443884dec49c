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

  it('a uv workspace root listing its members, with only scripts and hooks of its own, is no project', async () => {
    const files = {
      'pyproject.toml': '[dependency-groups]\ndev = ["typer"]\n\n[tool.uv.workspace]\nmembers = ["backend"]\n',
      'scripts/release.py': 'print(1)\n',
      'hooks/post_gen_project.py': 'print(2)\n',
      '__init__.py': '',
      'backend/pyproject.toml': '[project]\nname = "app"\ndependencies = ["fastapi"]\n',
      'backend/app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
    };
    assert.deepEqual(await roots(files), ['backend']);
    // Code of its own at the root keeps it a project.
    assert.deepEqual(await roots({ ...files, 'cli.py': 'print(3)\n' }), ['.', 'backend']);
  });

  it('a folder whose requirements another project includes (-r) belongs to that project', async () => {
    const files = {
      'requirements.txt': '-r reqs/base.txt\n-c constraints/pins.txt\ngunicorn\n',
      'reqs/base.txt': 'django\n',
      'reqs/dev.txt': '-r base.txt\npytest\n',
      'constraints/pins.txt': 'django==5.0\n',
      'manage.py': 'from django.core.management import execute_from_command_line\n',
    };
    const a = await assess(new MemoryWorkspace(files));
    assert.deepEqual(a.projects.map((p) => p.root), ['.']);
    assert.ok(a.projects[0].dependencies.some((d) => d.name === 'django' && d.file === 'reqs/base.txt'));
  });

  it('names as the lead the web application with the most evidence, not the first root', async () => {
    const a = await assess(
      new MemoryWorkspace({
        'aaa-lib/pyproject.toml': '[project]\nname = "lib"\ndependencies = ["requests"]\n',
        'aaa-lib/lib/__init__.py': 'import requests\n',
        'small/requirements.txt': 'flask\n',
        'small/app.py': 'from flask import Flask\napp = Flask(__name__)\n',
        'web/requirements.txt': 'django\n',
        'web/manage.py': 'from django.core.management import execute_from_command_line\n',
        'web/shop/models.py': 'from django.db import models\nclass A(models.Model):\n    pass\nclass B(models.Model):\n    a = models.ForeignKey(A, on_delete=models.CASCADE)\n',
      }),
    );
    assert.deepEqual(a.projects.map((p) => p.root), ['aaa-lib', 'small', 'web']);
    assert.equal(a.summary?.lead, 'web');
  });

  describe('mixed workspaces', () => {
    const MANAGE = 'import sys\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n';
    const FLASK_APP = 'from flask import Flask\napp = Flask(__name__)\n@app.route("/x")\ndef x():\n    return "x"\n';
    const MODELS = 'from django.db import models\nclass A(models.Model):\n    name = models.CharField(max_length=9)\n';
    const URLS = 'from django.urls import path\nfrom . import views\nurlpatterns = [path("", views.index), path("a/", views.a)]\n';

    it('splits a Django project and a Flask service side by side under one manifest, saying why, borrowing nothing', async () => {
      const a = await assess(new MemoryWorkspace({ 'requirements.txt': 'django\nflask\nflask-login\n', 'web/manage.py': MANAGE, 'web/shop/models.py': MODELS, 'svc/app.py': FLASK_APP }));
      assert.deepEqual(a.projects.map((p) => p.root), ['svc', 'web']);
      const [svc, web] = a.projects;
      assert.match(svc.rootReason, /split from manifest requirements\.txt because a Django project sits beside it in web/);
      assert.match(web.rootReason, /split from manifest requirements\.txt because a Flask app sits beside it in svc/);
      assert.deepEqual([svc.framework, web.framework], ['flask', 'django']);
      // Neither takes the other's evidence: no Django model in the service, no Flask route or flask-login in the shop.
      assert.equal(svc.facts.models, 0);
      assert.equal(web.facts.routes, 0);
      assert.ok(!web.frameworksSeen.includes('flask'));
      assert.ok(svc.findings.every((f) => f.evidence.every((e) => e.file.startsWith('svc/'))));
      assert.ok(web.findings.every((f) => f.evidence.every((e) => e.file.startsWith('web/'))));
    });

    it('keeps a Django project that uses Flask for one tool as one Django project', async () => {
      assert.deepEqual(await roots({ 'requirements.txt': 'django\nflask\n', 'manage.py': MANAGE, 'shop/models.py': MODELS, 'preview/server.py': FLASK_APP }), ['.']);
      assert.deepEqual(await roots({ 'requirements.txt': 'django\nflask\n', 'web/manage.py': MANAGE, 'web/shop/models.py': MODELS, 'tools/preview.py': FLASK_APP }), ['.']);
      const [p] = (await assess(new MemoryWorkspace({ 'requirements.txt': 'django\nflask\n', 'manage.py': MANAGE, 'shop/models.py': MODELS, 'shop/urls.py': URLS, 'preview/server.py': FLASK_APP }))).projects;
      assert.equal(p.framework, 'django');
    });
  });
});
