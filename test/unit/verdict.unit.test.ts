/**
 * Verdicts people can trust: batteries re-created and unused, the migration outline, other
 * frameworks, non-web projects, libraries, greenfield needs, monorepos, the headline and what would
 * change a verdict, and the Markdown report that carries them.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { assess } from '../../src/core/assess';
import { isTestPath } from '../../src/core/verdict/conclude';
import type { Assessment, ProjectAssessment } from '../../src/core/model';
import { effortBand, effortPoints, migrationOutline } from '../../src/core/verdict/outline';
import { PythonParser } from '../../src/core/python/parser';
import { toJson, toMarkdown, verdictLine } from '../../src/core/report/report';
import { toSarif } from '../../src/core/report/sarif';
import { projectView, statusText } from '../../src/shared/sidebarModel';
import { summarizeWorkspace } from '../../src/core/verdict/summary';
import { MemoryWorkspace, NodeWorkspace } from '../../src/core/read/workspace';
import { parseArgs } from '../../src/cli/main';

const FIX = (name: string) => path.join(__dirname, '..', 'fixtures', name);

/** A Flask blog grown with add-ons: SQLAlchemy models, Flask-Login, Flask-Admin, Flask-WTF, Flask-Migrate. */
const FLASK_BLOG: Record<string, string> = {
  'requirements.txt': 'Flask==3.0\nFlask-SQLAlchemy==3.1\nFlask-Login==0.6\nFlask-Admin==1.6\nFlask-WTF==1.2\nFlask-Migrate==4.0\n',
  'blog/__init__.py': [
    'from flask import Flask, Blueprint',
    'from flask_sqlalchemy import SQLAlchemy',
    'from flask_login import LoginManager',
    'from flask_admin import Admin',
    'from flask_migrate import Migrate',
    'db = SQLAlchemy()',
    'bp = Blueprint("main", __name__)',
    'def create_app():',
    '    app = Flask(__name__)',
    '    db.init_app(app)',
    '    LoginManager(app)',
    '    Admin(app)',
    '    Migrate(app, db)',
    '    app.register_blueprint(bp)',
    '    return app',
    '',
  ].join('\n'),
  'blog/models.py': [
    'from flask_login import UserMixin',
    'from . import db',
    'class User(UserMixin, db.Model):',
    '    id = db.Column(db.Integer, primary_key=True)',
    'class Post(db.Model):',
    '    id = db.Column(db.Integer, primary_key=True)',
    '    author_id = db.Column(db.Integer, db.ForeignKey("user.id"))',
    '    author = db.relationship("User")',
    'class Tag(db.Model):',
    '    id = db.Column(db.Integer, primary_key=True)',
    '',
  ].join('\n'),
  'blog/forms.py': 'from flask_wtf import FlaskForm\nfrom wtforms import StringField\nclass PostForm(FlaskForm):\n    title = StringField("Title")\nclass LoginForm(FlaskForm):\n    name = StringField("Name")\n',
  'blog/views.py': [
    'from flask import render_template',
    'from flask_login import login_required',
    'from . import bp',
    '@bp.route("/")',
    'def index():',
    '    return render_template("index.html")',
    '@bp.route("/new")',
    '@login_required',
    'def new():',
    '    return render_template("new.html")',
    '',
  ].join('\n'),
  'blog/templates/index.html': '{% extends "base.html" %}{% block body %}{{ url_for("main.index") }}{% endblock %}',
  'blog/templates/new.html': '{% extends "base.html" %}',
  'blog/templates/base.html': '<html>{% block body %}{% endblock %}</html>',
  'tests/test_views.py': 'from blog import create_app\ndef test_index():\n    create_app()\n',
};

/** What `django-admin startproject site` and `startapp pages` write, plus one view: a site that only serves pages. */
const DJANGO_SKELETON: Record<string, string> = {
  'requirements.txt': 'Django>=5.0\n',
  'manage.py': 'import os, sys\nfrom django.core.management import execute_from_command_line\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\nexecute_from_command_line(sys.argv)\n',
  'site/__init__.py': '',
  'site/settings.py': [
    'INSTALLED_APPS = [',
    '    "django.contrib.admin",',
    '    "django.contrib.auth",',
    '    "django.contrib.contenttypes",',
    '    "django.contrib.sessions",',
    '    "django.contrib.messages",',
    '    "django.contrib.staticfiles",',
    '    "pages",',
    ']',
    'MIDDLEWARE = ["django.contrib.auth.middleware.AuthenticationMiddleware"]',
    '',
  ].join('\n'),
  'site/urls.py': 'from django.contrib import admin\nfrom django.urls import path\nfrom pages import views\nurlpatterns = [\n    path("admin/", admin.site.urls),\n    path("", views.home),\n]\n',
  'pages/__init__.py': '',
  'pages/admin.py': 'from django.contrib import admin\n\n# Register your models here.\n',
  'pages/models.py': 'from django.db import models\n\n# Create your models here.\n',
  'pages/views.py': 'from django.shortcuts import render\ndef home(request):\n    return render(request, "home.html")\n',
  'pages/templates/home.html': '{% load static %}<h1>Hello</h1>',
};

describe('verdicts explained', () => {
  let parser: PythonParser;
  const run = (files: Record<string, string>, extra: Parameters<typeof assess>[1] = {}) => assess(new MemoryWorkspace(files), { parser, ...extra });
  const only = async (files: Record<string, string>): Promise<ProjectAssessment> => {
    const a = await run(files);
    assert.equal(a.projects.length, 1, a.projects.map((p) => p.root).join(', '));
    return a.projects[0];
  };
  before(async () => {
    parser = await PythonParser.create();
  });
  after(() => parser.dispose());

  describe('batteries re-created (a Flask project)', () => {
    it('lists every add-on that re-implements a Django built-in, with the built-in and where it is declared', async () => {
      const p = await only(FLASK_BLOG);
      assert.equal(p.framework, 'flask');
      assert.equal(p.recommendation, 'django');
      const recreated = Object.fromEntries((p.batteries?.recreated ?? []).map((r) => [r.addOn, r.builtin]));
      assert.deepEqual(recreated, {
        'Flask-SQLAlchemy': 'the Django ORM',
        'Flask-Login': 'django.contrib.auth',
        'Flask-Admin': 'django.contrib.admin',
        'Flask-WTF': 'django.forms',
        'Flask-Migrate': 'Django migrations (manage.py makemigrations/migrate)',
        SQLAlchemy: 'the Django ORM',
        WTForms: 'django.forms',
      });
      const login = p.batteries!.recreated.find((r) => r.addOn === 'Flask-Login')!;
      assert.deepEqual([login.evidence[0].file, login.evidence[0].line], ['requirements.txt', 3]);
      const finding = p.findings.find((f) => f.id === 'batteries.recreated')!;
      assert.equal(finding.favors, 'django');
      assert.ok(finding.weight > 0);
      assert.match(finding.message, /Flask-Login → django\.contrib\.auth/);
    });

    it('lists a single add-on too, but weighs re-created batteries only from two built-ins on', async () => {
      const p = await only({ 'requirements.txt': 'flask\nflask-login\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' });
      assert.deepEqual(p.batteries?.recreated.map((r) => r.addOn), ['Flask-Login']);
      assert.equal(p.findings.find((f) => f.id === 'batteries.recreated'), undefined);
    });
  });

  describe('batteries used and unused (a Django project)', () => {
    it("does not count startproject's defaults as use: a pages-only Django site leaves all five unused", async () => {
      const p = await only(DJANGO_SKELETON);
      assert.equal(p.framework, 'django');
      assert.deepEqual(p.batteries, { recreated: [], used: [], unused: ['ORM', 'admin', 'auth', 'forms', 'migrations'] });
      assert.equal(p.recommendation, 'flask');
      const f = p.findings.find((x) => x.id === 'batteries.unused')!;
      assert.match(f.message, /not ORM, admin, auth, forms, migrations/);
      assert.deepEqual(f.evidence.map((e) => e.file), ['site/settings.py']);
      assert.equal(p.findings.find((x) => x.id === 'admin.backoffice'), undefined);
      assert.equal(p.findings.find((x) => x.id === 'auth.users'), undefined);
    });

    it('counts a registered admin, its staff accounts, models and migrations as used', async () => {
      const p = await only({
        ...DJANGO_SKELETON,
        'pages/models.py': 'from django.db import models\nclass Page(models.Model):\n    title = models.CharField(max_length=100)\n',
        'pages/admin.py': 'from django.contrib import admin\nfrom .models import Page\nadmin.site.register(Page)\n',
        'pages/migrations/__init__.py': '',
        'pages/migrations/0001_initial.py': 'from django.db import migrations\nclass Migration(migrations.Migration):\n    operations = []\n',
      });
      assert.deepEqual(p.batteries?.used, ['ORM', 'admin', 'auth', 'migrations']);
      assert.deepEqual(p.batteries?.unused, ['forms']);
      assert.equal(p.recommendation, 'django');
      assert.match(p.findings.find((f) => f.id === 'auth.users')!.message, /Staff accounts for the admin/);
    });
  });

  describe('migration outline', () => {
    it('maps a Flask app to Django: add-ons to built-ins, models, blueprints, routes and Jinja templates, with the size and an effort band', async () => {
      const p = await only(FLASK_BLOG);
      const o = p.outline!;
      assert.deepEqual([o.from, o.to], ['Flask', 'Django']);
      const map = Object.fromEntries(o.mappings.map((m) => [m.from, m.to]));
      assert.equal(map['Flask-Login'], 'django.contrib.auth');
      assert.equal(map['Flask-Admin'], 'django.contrib.admin');
      assert.equal(map['Flask-WTF + WTForms'], 'django.forms');
      assert.equal(map['Flask-SQLAlchemy + SQLAlchemy'], 'the Django ORM');
      assert.equal(map['3 SQLAlchemy models with 2 relations'], 'Django models (django.db.models)');
      assert.equal(map['1 blueprint'], '1 Django app');
      assert.equal(map['2 routes (@route, add_url_rule)'], 'urls.py path() entries and views');
      assert.equal(map['3 Jinja templates'], "Django templates, or keep Jinja through Django's Jinja2 backend");
      assert.deepEqual(o.size, { models: 3, relations: 2, routes: 2, views: 2, templates: 3, forms: 2, modules: 1, addOns: 7 });
      assert.equal(o.effort, 'small');
      assert.ok(o.steps.length >= 4);
      assert.match(o.steps[o.steps.length - 1], /move traffic over/);
    });

    it('maps a thin Django project to Flask, and gives no outline when the framework in use already fits', async () => {
      const thin = await only(DJANGO_SKELETON);
      assert.deepEqual([thin.outline?.from, thin.outline?.to], ['Django', 'Flask']);
      assert.ok(thin.outline!.mappings.some((m) => m.to === '@blueprint.route functions'));
      const minimal = (await assess(new NodeWorkspace(FIX('flask-minimal')), { parser })).projects[0];
      assert.equal(minimal.outline, undefined);
      assert.equal(migrationOutline({ ...minimal, recommendation: null }), undefined);
    });

    it('bands effort by what there is to move', () => {
      const size = { models: 0, relations: 0, routes: 0, views: 0, templates: 0, forms: 0, modules: 0, addOns: 0 };
      assert.equal(effortBand(effortPoints({ ...size, models: 2, routes: 10 })).band, 'small');
      assert.equal(effortBand(effortPoints({ ...size, models: 12, relations: 20, routes: 40, templates: 30 })).band, 'medium');
      assert.equal(effortBand(effortPoints({ ...size, models: 40, relations: 80, routes: 150, templates: 120, forms: 30, modules: 10 })).band, 'large');
      assert.equal(effortBand(effortPoints({ ...size, models: 300, relations: 400, routes: 500 })).band, 'very large');
    });
  });

  describe('other frameworks, libraries and non-web projects', () => {
    it('names another framework in use and answers the Flask-or-Django question as a comparison', async () => {
      const p = await only({
        'requirements.txt': 'fastapi\nuvicorn\n',
        'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/items")\ndef items():\n    return []\n',
      });
      assert.equal(p.framework, 'fastapi');
      assert.equal(p.recommendation, 'flask');
      assert.ok(p.findings.some((f) => f.id === 'framework.other' && /comparison/.test(f.message)));
      assert.match(p.headline!, /^Uses FastAPI\. If you had to move, Flask would fit better \(\d+%\)/);
      assert.match(verdictLine(p), /^Uses FastAPI · if you had to move: Flask fits better — \d+%$/);
      assert.deepEqual([p.outline?.from, p.outline?.to], ['FastAPI', 'Flask']);
    });

    it('says "Uses X" first, at most 70 %, in JSON, Markdown, SARIF, the sidebar and the status bar alike', async () => {
      const files: Record<string, string> = {
        'requirements.txt': 'fastapi\npydantic\nsqlalchemy\nalembic\n',
        'app/main.py': ['from fastapi import FastAPI', 'from pydantic import BaseModel', 'from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column', 'app = FastAPI()', 'class Base(DeclarativeBase):', '    pass', ...Array.from({ length: 12 }, (_, i) => `class T${i}(Base):\n    __tablename__ = "t${i}"\n    id: Mapped[int] = mapped_column(primary_key=True)`), 'class Item(BaseModel):', '    name: str', ...Array.from({ length: 30 }, (_, i) => `@app.get("/r${i}")\nasync def r${i}():\n    return {}`), ''].join('\n'),
        'alembic/versions/0001_init.py': 'from alembic import op\n',
      };
      for (const [name, fw] of [['starlette', 'Starlette'], ['aiohttp', 'aiohttp'], ['tornado', 'Tornado'], ['sanic', 'Sanic'], ['litestar', 'Litestar'], ['quart', 'Quart'], ['pyramid', 'Pyramid']] as const) {
        const mini = await only({ 'requirements.txt': `${name}\n`, 'main.py': `import ${name}\n${name === 'aiohttp' ? 'from aiohttp import web\napp = web.Application()\n' : ''}` });
        if (mini.recommendation) assert.match(verdictLine(mini), new RegExp(`^Uses ${fw} · if you had to move`), name);
      }
      const a = await assess(new MemoryWorkspace(files));
      const p = a.projects[0];
      assert.equal(p.framework, 'fastapi');
      assert.ok(p.recommendation && p.confidence <= 0.7, `${p.confidence}`);
      const line = verdictLine(p);
      assert.match(line, /^Uses FastAPI · if you had to move: (Flask|Django) fits better — \d+%$/);
      const json = toJson(a) as { projects: { verdict: string; headline: string }[] };
      assert.equal(json.projects[0].verdict, line);
      assert.match(json.projects[0].headline, /^Uses FastAPI\. If you had to move/);
      assert.ok(toMarkdown(a).includes(p.headline!));
      const sarif = toSarif(a) as { runs: { properties: { projects: { verdict: string }[] } }[] };
      assert.equal(sarif.runs[0].properties.projects[0].verdict, line);
      const view = projectView({ key: 'k', label: '.', project: p });
      assert.equal(view.verdict, line);
      assert.match(view.headline, /^Uses FastAPI · if you had to move/);
      assert.match(statusText('ready', [{ key: 'k', label: '.', project: p }]).text, /FastAPI · (Flask|Django) if moving, \d+% sure/);
      assert.match(summarizeWorkspace(a.projects).lines[1], /uses FastAPI|Uses FastAPI/);
    });

    it('gives a non-web project recommendation null with the reason', async () => {
      const p = await only({ 'pyproject.toml': '[project]\nname = "tool"\ndependencies = ["requests"]\n', 'tool/__init__.py': 'import requests\n' });
      assert.equal(p.recommendation, null);
      assert.equal(p.confidence, 0);
      assert.match(p.reasons[0], /No web-application signal/);
      assert.match(p.headline!, /^No verdict: /);
    });

    it('treats a package that only imports a framework (an extension) as a library, not an application', async () => {
      const p = await only({ 'pyproject.toml': '[project]\nname = "flask-thing"\ndependencies = ["flask"]\n', 'flask_thing/__init__.py': 'from flask import current_app\ndef helper():\n    return current_app.name\n' });
      assert.equal(p.framework, 'flask');
      assert.equal(p.recommendation, null);
      assert.match(p.reasons[0], /Uses Flask as a library/);
      assert.deepEqual([p.scores.flask, p.scores.django], [0, 0]);
    });

    it('leaves tests out: a library whose tests build Flask apps is not a Flask application', async () => {
      const p = await only({
        'pyproject.toml': '[project]\nname = "lib"\ndependencies = []\n',
        'lib/__init__.py': 'def f():\n    return 1\n',
        'tests/test_web.py': 'from flask import Flask\napp = Flask(__name__)\n@app.route("/")\ndef index():\n    return "x"\n',
      });
      assert.equal(p.framework, 'none');
      assert.equal(p.recommendation, null);
      assert.ok(p.findings.some((f) => f.id === 'layout.testsOnly'));
      assert.ok(isTestPath('tests/test_web.py') && isTestPath('pkg/test_models.py') && isTestPath('conftest.py') && !isTestPath('latest/app.py'));
    });

    it('does not count a framework the code never imports (a frozen environment), nor its own source', async () => {
      const frozen = await only({ 'requirements.txt': 'tornado==6.4\npandas==2.2\njupyter==1.0\n', 'analysis.py': 'import pandas\n' });
      assert.equal(frozen.framework, 'none');
      assert.deepEqual(frozen.frameworksSeen, ['tornado']);
      const own = await only({ 'pyproject.toml': '[project]\nname = "flask"\n', 'src/flask/__init__.py': 'from flask.app import Flask\n', 'src/flask/app.py': 'class Flask:\n    def route(self):\n        return self.add_url_rule("/x")\n' });
      assert.equal(own.framework, 'none');
      assert.equal(own.recommendation, null);
    });
  });

  describe('greenfield: declared needs', () => {
    it('gives a fresh folder a verdict from the needs alone', async () => {
      const a = await run({}, { needs: { database: 'many', accounts: true, admin: true, forms: true } });
      assert.equal(a.projects.length, 1);
      const p = a.projects[0];
      assert.equal(p.recommendation, 'django');
      assert.match(p.headline!, /\(planned\)/);
      assert.match(p.whatWouldChange![0], /^Doing without .+ would tip this to Flask$/);
    });

    it('merges the needs with a requirements file: what the files show by absence gives way', async () => {
      const files = { 'requirements.txt': 'flask\n' };
      const plain = (await run(files)).projects[0];
      assert.equal(plain.recommendation, 'flask');
      const planned = (await run(files, { needs: { database: 'many', accounts: true, admin: true } })).projects[0];
      assert.equal(planned.framework, 'flask');
      assert.equal(planned.recommendation, 'django');
      assert.equal(planned.findings.find((f) => f.id === 'data.none')?.weight, 0);
      assert.deepEqual([planned.outline?.effort, planned.outline?.mappings[0].note], ['small', 'nothing to port yet']);
      const small = (await run(files, { needs: { apiOnly: true, pages: 'few', accounts: false } })).projects[0];
      assert.equal(small.recommendation, 'flask');
    });

    it('reads needs on the command line', () => {
      const args = parseArgs(['--need', 'database=many', '--need=accounts=yes', '--need', 'pages=few']);
      assert.ok('dir' in args);
      assert.deepEqual(args.needs, { database: 'many', accounts: true, pages: 'few' });
      assert.ok('error' in parseArgs(['--need', 'database=lots']));
      assert.ok('error' in parseArgs(['--need', 'colour=blue']));
      assert.ok('format' in parseArgs(['--format', 'sarif']));
    });
  });

  describe('monorepos', () => {
    it('assesses each project root with its own files and verdict, and sums the workspace up', async () => {
      const a: Assessment = await assess(new NodeWorkspace(FIX('monorepo')), { parser });
      assert.deepEqual(a.projects.map((p) => [p.root, p.framework, p.recommendation]), [
        ['services/api', 'flask', 'flask'],
        ['web', 'django', 'django'],
      ]);
      for (const p of a.projects) for (const f of p.findings) for (const e of f.evidence) assert.ok(e.file.startsWith(`${p.root}/`), `${p.root}: ${e.file}`);
      assert.deepEqual(a.summary, summarizeWorkspace(a.projects));
      assert.deepEqual(a.summary!.recommendations, { flask: 1, django: 1, none: 0 });
      assert.deepEqual(a.summary!.frameworks, { flask: 1, django: 1 });
      assert.equal(a.summary!.lines[0], '2 projects: 1 fits Django, 1 fits Flask');
      assert.match(a.summary!.lines[1], /^services\/api \(Flask\): Flask fits better \(\d+%\)$/);
      const json = toJson(a) as { summary: unknown; projects: { headline: string }[] };
      assert.deepEqual(json.summary, a.summary);
      const md = toMarkdown(a);
      assert.match(md, /## Summary/);
      assert.match(md, /\| `services\/api` \| Flask \| Flask fits better \| \d+% \|/);
    });
  });

  describe('headline and what would change it', () => {
    it('states the top reasons in plain words', async () => {
      const p = await only(FLASK_BLOG);
      assert.match(p.headline!, /^Django fits better \(\d+%\): .+: Django ships these\.$/);
      for (const part of ['3 models with 2 relations', 'Flask-Login', 'Flask-Admin', 'Flask-WTF']) assert.ok(p.headline!.includes(part), part);
      // Each add-on once, though auth, admin and the re-created batteries all name them.
      assert.equal(p.headline!.split('Flask-Login').length, 2);
    });

    it('says what would change the verdict, each change tried against the same rules', async () => {
      const site = await only({ 'requirements.txt': 'flask\n', 'app.py': 'from flask import Flask, render_template\napp = Flask(__name__)\n@app.route("/")\ndef home():\n    return render_template("home.html")\n', 'templates/home.html': '<p>hi</p>' });
      assert.equal(site.recommendation, 'flask');
      assert.ok(site.whatWouldChange!.some((w) => w === 'User accounts (sign-up, log-in) would tip this to Django'), site.whatWouldChange!.join('\n'));
      // And indeed: the same site with accounts (Flask-Login and a database) fits Django.
      const withAccounts = await only({ 'requirements.txt': 'flask\nflask-login\nflask-sqlalchemy\n', 'app.py': 'from flask import Flask, render_template\nfrom flask_login import LoginManager\napp = Flask(__name__)\nLoginManager(app)\n@app.route("/")\ndef home():\n    return render_template("home.html")\n', 'templates/home.html': '<p>hi</p>' });
      assert.equal(withAccounts.recommendation, 'django');
      const blog = await only(FLASK_BLOG);
      assert.match(blog.whatWouldChange![0], /^Doing without .+ would tip this to Flask$/);
      // A project with models of its own is told how many more would do it; each reason carries its points.
      const modelled = await only({ 'requirements.txt': 'flask\nflask-sqlalchemy\n', 'app.py': 'from flask import Flask, jsonify\nfrom flask_sqlalchemy import SQLAlchemy\napp = Flask(__name__)\ndb = SQLAlchemy(app)\nclass Item(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n@app.route("/items")\ndef items():\n    return jsonify([])\n' });
      assert.equal(modelled.recommendation, 'flask');
      assert.ok(modelled.whatWouldChange!.some((w) => /^\d+ more models would tip this to Django$/.test(w)), modelled.whatWouldChange!.join('\n'));
      assert.ok(modelled.reasons.every((r) => / \(\+\d+\)$/.test(r)), modelled.reasons.join('\n'));
    });
  });

  it('writes a Markdown report with the explanation, the batteries and the way forward', async () => {
    const a = await run(FLASK_BLOG);
    const md = toMarkdown(a);
    for (const heading of ['### Why', '### What would change the verdict', '### Batteries re-created', '### Moving from Flask to Django', '### Findings']) assert.ok(md.includes(heading), heading);
    assert.match(md, /\| Flask-Login \| django\.contrib\.auth \| `requirements\.txt:3`[^|\n]* \|/);
    assert.match(md, /Effort: \*\*small\*\*/);
    const django = toMarkdown(await run(DJANGO_SKELETON));
    assert.match(django, /### Django batteries/);
    assert.match(django, /\| admin \| no \|/);
  });
});

describe('a dependency says what a project does only when that is what the package does', () => {
  const project = async (files: Record<string, string>): Promise<ProjectAssessment> => (await assess(new MemoryWorkspace(files))).projects[0];
  const api = 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/items")\ndef items():\n    return []\n';

  it('PyJWT alone is no user accounts; with a log-in flow in the code it is', async () => {
    const alone = await project({ 'requirements.txt': 'fastapi\npyjwt\n', 'main.py': api });
    assert.equal(alone.facts.auth, false);
    assert.ok(!alone.findings.some((f) => f.id.startsWith('auth.')));
    const login = await project({
      'requirements.txt': 'fastapi\npyjwt\n',
      'main.py': api,
      'deps.py': 'from fastapi.security import OAuth2PasswordBearer\noauth2 = OAuth2PasswordBearer(tokenUrl="token")\n',
    });
    assert.equal(login.facts.auth, true);
    assert.match(login.findings.find((f) => f.id.startsWith('auth.'))?.message ?? '', /pyjwt, fastapi\.security OAuth2/);
  });

  it("python-multipart (FastAPI's body parser) is no form handling", async () => {
    const p = await project({ 'requirements.txt': 'fastapi\npython-multipart\n', 'main.py': api });
    assert.equal(p.facts.forms, false);
  });
});
