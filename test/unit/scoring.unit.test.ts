import { strict as assert } from 'node:assert';
import { assess } from '../../src/core/assess';
import type { DraftFinding } from '../../src/core/verdict/findings';
import { score, weightOf, WEIGHTS } from '../../src/core/verdict/scoring';
import { MemoryWorkspace } from '../../src/core/read/workspace';

const draft = (id: string, favors: 'flask' | 'django' | 'neither', amount = 1): DraftFinding => ({ id, concern: 'data', favors, message: id, evidence: [], amount });

describe('scoring', () => {
  it('weighs by the table: base + per × (amount − 1), capped; neither weighs 0', () => {
    assert.equal(weightOf(draft('data.models', 'django', 1)), WEIGHTS['data.models'].base);
    assert.equal(weightOf(draft('data.models', 'django', 3)), WEIGHTS['data.models'].base + 2 * WEIGHTS['data.models'].per);
    assert.equal(weightOf(draft('data.models', 'django', 1000)), WEIGHTS['data.models'].cap);
    assert.equal(weightOf(draft('framework.inUse', 'neither')), 0);
    assert.equal(weightOf(draft('unknown.id', 'flask')), 0);
  });

  it('recommends the side with more points; confidence grows with margin and evidence', () => {
    const small = score([draft('forms.validation', 'django'), draft('size.small', 'flask')], true);
    assert.equal(small.recommendation, 'flask');
    const clear = score([draft('size.small', 'flask'), draft('data.none', 'flask')], true);
    const clearer = score([draft('size.small', 'flask'), draft('data.none', 'flask'), draft('templates.pages', 'flask')], true);
    assert.ok(clear.confidence > small.confidence);
    assert.ok(clearer.confidence > clear.confidence);
    assert.ok(clearer.confidence <= 1);
    assert.deepEqual(clearer.scores, { flask: 24, django: 0 });
  });

  it('gives no recommendation without a web-application signal', () => {
    const v = score([draft('data.models', 'django')], false);
    assert.equal(v.recommendation, null);
    assert.equal(v.confidence, 0);
    assert.match(v.reasons[0], /No web-application signal/);
  });
});

describe('findings on small workspaces', () => {
  it('lists Flask add-ons that re-create Django built-ins, with the built-in names', async () => {
    const a = await assess(new MemoryWorkspace({ 'requirements.txt': 'flask\nflask-login\nflask-admin\nflask-migrate\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' }));
    const f = a.projects[0].findings.find((x) => x.id === 'batteries.recreated');
    assert.ok(f);
    assert.match(f.message, /Flask-Login → django\.contrib\.auth/);
    assert.match(f.message, /Flask-Admin → django\.contrib\.admin/);
    assert.equal(f.favors, 'django');
    assert.ok(f.evidence.some((e) => e.file === 'requirements.txt' && e.line === 2));
  });

  it('does not list re-created batteries for a Flask app with one add-on', async () => {
    const a = await assess(new MemoryWorkspace({ 'requirements.txt': 'flask\nflask-login\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' }));
    assert.equal(a.projects[0].findings.find((x) => x.id === 'batteries.recreated'), undefined);
  });

  it('says which Django batteries a thin Django project leaves unused', async () => {
    const a = await assess(
      new MemoryWorkspace({
        'requirements.txt': 'Django>=4.2',
        'manage.py': 'from django.core.management import execute_from_command_line\n',
        'site/settings.py': 'INSTALLED_APPS = ["django.contrib.staticfiles"]\n',
        'site/urls.py': 'from django.urls import path\nfrom . import views\nurlpatterns = [path("", views.home)]\n',
      }),
    );
    const p = a.projects[0];
    assert.equal(p.framework, 'django');
    assert.equal(p.recommendation, 'flask');
    const f = p.findings.find((x) => x.id === 'batteries.unused');
    assert.ok(f);
    assert.match(f.message, /not ORM, admin, auth, forms, migrations/);
    assert.deepEqual(f.evidence.map((e) => `${e.file}:${e.line}`), ['site/settings.py:1']);
  });

  it('names another framework in use and still answers the comparison', async () => {
    const a = await assess(new MemoryWorkspace({ 'requirements.txt': 'fastapi\nuvicorn\n', 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/")\ndef r(): return {}\n' }));
    const p = a.projects[0];
    assert.equal(p.framework, 'fastapi');
    assert.equal(p.recommendation, 'flask');
    assert.ok(p.findings.some((f) => f.id === 'framework.other'));
  });

  it('flags both frameworks declared at once, at the line of the one not in use', async () => {
    const a = await assess(new MemoryWorkspace({ 'requirements.txt': 'flask\ndjango\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' }));
    const both = a.projects[0].findings.find((f) => f.id === 'framework.both');
    assert.equal(a.projects[0].framework, 'flask');
    assert.deepEqual(both?.evidence.map((e) => `${e.file}:${e.line}`), ['requirements.txt:2']);
    assert.match(both?.message ?? '', /^Django is declared or imported too, but this project uses Flask/);
  });

  it("cites every re-created add-on's declaration, however many places the code uses them", async () => {
    const addOns = ['Flask-Login', 'Flask-SQLAlchemy', 'Flask-Migrate', 'Flask-WTF', 'Flask-Admin', 'Flask-Mail', 'Flask-Babel', 'SQLAlchemy'];
    const modules = ['flask_login', 'flask_sqlalchemy', 'flask_migrate', 'flask_wtf', 'flask_admin', 'flask_mail', 'flask_babel', 'sqlalchemy'];
    const files: Record<string, string> = { 'requirements.txt': ['flask', ...addOns].join('\n'), 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' };
    // Each add-on imported in five modules: 40 places, more than a finding keeps.
    for (let i = 0; i < 5; i++) files[`views${i}.py`] = modules.map((m) => `import ${m}`).join('\n');
    const p = (await assess(new MemoryWorkspace(files))).projects[0];
    const recreated = p.findings.find((f) => f.id === 'batteries.recreated')!;
    for (let line = 2; line <= addOns.length + 1; line++) {
      assert.ok(recreated.evidence.some((e) => e.file === 'requirements.txt' && e.line === line), `requirements.txt:${line} (${addOns[line - 2]}) is cited`);
    }
  });
});
