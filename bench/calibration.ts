/**
 * The calibration set: seeded synthetic workspaces (in memory) with a known intended fit, and the
 * reliability table of stated confidence against observed hit rate. Used by `npm run calibrate`
 * and test/unit/calibration.unit.test.ts; the archetypes and why: docs/scoring.md, "Calibration".
 */
import { assess } from '../src/core/assess';
import type { Framework } from '../src/core/model';
import type { PythonParser } from '../src/core/python/parser';
import { MemoryWorkspace } from '../src/core/read/workspace';

/** One synthetic workspace: its files, the fit it was made for, and what shaped it. */
export interface CalibrationCase {
  name: string;
  intended: Framework;
  files: Record<string, string>;
}

/** Mulberry32: a small seeded generator, so the set is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a generated project has; the writers turn it into Flask or Django files. */
interface Shape {
  routes: number;
  templates: number;
  models: number;
  auth: boolean;
  admin: boolean;
  migrations: boolean;
  forms: boolean;
  /** Plain helper modules with no framework code (the code evidence does not cover). */
  helpers: number;
  json: boolean;
}

const helper = (i: number) => `"""Helpers ${i}."""\n\n\ndef compute_${i}(values):\n    total = 0\n    for v in values:\n        total += v * ${i}\n    return total\n`;

function flaskFiles(s: Shape): Record<string, string> {
  const req = ['Flask==3.0.3'];
  const imports = ['from flask import Flask, render_template, jsonify, request'];
  const setup = ['app = Flask(__name__)'];
  if (s.models > 0) {
    req.push('Flask-SQLAlchemy==3.1.1');
    imports.push('from flask_sqlalchemy import SQLAlchemy');
    setup.push('db = SQLAlchemy(app)');
  }
  if (s.auth) {
    req.push('Flask-Login==0.6.3');
    imports.push('from flask_login import LoginManager, login_required', 'from werkzeug.security import check_password_hash');
    setup.push('login = LoginManager(app)');
  }
  if (s.admin) {
    req.push('Flask-Admin==1.6.1');
    imports.push('from flask_admin import Admin', 'from flask_admin.contrib.sqla import ModelView');
    setup.push('admin = Admin(app)');
  }
  if (s.migrations) {
    req.push('Flask-Migrate==4.0.7');
    imports.push('from flask_migrate import Migrate');
    setup.push('migrate = Migrate(app, db)');
  }
  const files: Record<string, string> = {};
  const body: string[] = [...imports, '', ...setup, ''];
  for (let i = 0; i < s.models; i++) {
    body.push(`class Thing${i}(db.Model):`, '    id = db.Column(db.Integer, primary_key=True)', i > 0 ? `    parent_id = db.Column(db.Integer, db.ForeignKey("thing${i - 1}.id"))` : '    name = db.Column(db.String(80))', '');
    if (s.admin) body.push(`admin.add_view(ModelView(Thing${i}, db.session))`, '');
  }
  for (let i = 0; i < s.routes; i++) {
    body.push(`@app.route("/r${i}")`, `def view_${i}():`, i < s.templates ? `    return render_template("page${i}.html")` : '    return jsonify(ok=True)', '');
  }
  files['app.py'] = body.join('\n');
  if (s.forms) {
    req.push('Flask-WTF==1.2.1');
    files['forms.py'] = 'from flask_wtf import FlaskForm\nfrom wtforms import StringField\n\n\nclass EntryForm(FlaskForm):\n    name = StringField("name")\n';
  }
  if (s.migrations) files['migrations/versions/0001_initial.py'] = 'from alembic import op\n\nrevision = "0001"\n\n\ndef upgrade():\n    pass\n';
  for (let i = 0; i < s.templates; i++) files[`templates/page${i}.html`] = `<h1>{{ title }}</h1>\n{% for x in items %}{{ x }}{% endfor %}\n`;
  files['requirements.txt'] = `${req.join('\n')}\n`;
  return files;
}

function djangoFiles(s: Shape): Record<string, string> {
  const files: Record<string, string> = {};
  const apps = ['django.contrib.contenttypes', 'django.contrib.staticfiles', ...(s.auth || s.admin ? ['django.contrib.auth', 'django.contrib.sessions'] : []), ...(s.admin ? ['django.contrib.admin'] : []), 'shop'];
  files['requirements.txt'] = 'Django==5.0.6\n';
  files['manage.py'] = 'import os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_conf.settings")\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n';
  files['site_conf/__init__.py'] = '';
  files['site_conf/settings.py'] = `INSTALLED_APPS = [\n${apps.map((a) => `    "${a}",`).join('\n')}\n]\nROOT_URLCONF = "site_conf.urls"\n`;
  files['site_conf/urls.py'] = `from django.urls import path, include\n${s.admin ? 'from django.contrib import admin\n' : ''}\nurlpatterns = [\n${s.admin ? '    path("admin/", admin.site.urls),\n' : ''}    path("", include("shop.urls")),\n]\n`;
  files['shop/__init__.py'] = '';
  files['shop/apps.py'] = 'from django.apps import AppConfig\n\n\nclass ShopConfig(AppConfig):\n    name = "shop"\n';
  const models: string[] = ['from django.db import models', ''];
  for (let i = 0; i < s.models; i++) models.push(`class Thing${i}(models.Model):`, i > 0 ? `    parent = models.ForeignKey("Thing${i - 1}", on_delete=models.CASCADE)` : '    name = models.CharField(max_length=80)', '');
  files['shop/models.py'] = models.join('\n');
  if (s.admin) files['shop/admin.py'] = `from django.contrib import admin\nfrom .models import ${Array.from({ length: s.models }, (_, i) => `Thing${i}`).join(', ') || 'models'}\n\n${Array.from({ length: s.models }, (_, i) => `admin.site.register(Thing${i})`).join('\n')}\n`;
  const views: string[] = ['from django.shortcuts import render', 'from django.http import JsonResponse', ...(s.auth ? ['from django.contrib.auth.decorators import login_required'] : []), ''];
  const urls: string[] = ['from django.urls import path', 'from . import views', '', 'urlpatterns = ['];
  for (let i = 0; i < s.routes; i++) {
    views.push(...(s.auth && i === 0 ? ['@login_required'] : []), `def view_${i}(request):`, i < s.templates ? `    return render(request, "shop/page${i}.html")` : '    return JsonResponse({"ok": True})', '');
    urls.push(`    path("r${i}/", views.view_${i}),`);
  }
  urls.push(']');
  files['shop/views.py'] = views.join('\n');
  files['shop/urls.py'] = `${urls.join('\n')}\n`;
  if (s.forms) files['shop/forms.py'] = 'from django import forms\n\n\nclass EntryForm(forms.Form):\n    name = forms.CharField()\n';
  if (s.migrations && s.models > 0) files['shop/migrations/__init__.py'] = '';
  if (s.migrations && s.models > 0) files['shop/migrations/0001_initial.py'] = 'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    operations = []\n';
  for (let i = 0; i < s.templates; i++) files[`shop/templates/shop/page${i}.html`] = `{% extends "base.html" %}\n{% block content %}{{ title }}{% endblock %}\n`;
  return files;
}

/**
 * The archetypes, each with the fit the rule of thumb gives it: pages-only sites and small APIs
 * (Flask), model-heavy apps with accounts and an admin (Django), and half-way cases whose intent
 * follows what they need, plus noise: two reviewers need not agree on a blog with four tables.
 */
function drawShape(kind: string, r: () => number): { intended: Framework; shape: Shape } {
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const p = (x: number) => r() < x;
  const helpers = p(0.3) ? int(4, 30) : int(0, 2);
  switch (kind) {
    case 'pages':
      return { intended: 'flask', shape: { routes: int(2, 10), templates: int(2, 8), models: 0, auth: false, admin: false, migrations: false, forms: p(0.3), helpers, json: false } };
    case 'api':
      return { intended: 'flask', shape: { routes: int(2, 12), templates: 0, models: int(0, 3), auth: false, admin: false, migrations: p(0.2), forms: false, helpers, json: true } };
    case 'heavy':
      return { intended: 'django', shape: { routes: int(8, 45), templates: int(0, 20), models: int(6, 25), auth: true, admin: p(0.8), migrations: p(0.85), forms: p(0.7), helpers, json: p(0.3) } };
    default: {
      const shape: Shape = { routes: int(4, 20), templates: int(0, 6), models: int(1, 6), auth: p(0.5), admin: p(0.35), migrations: p(0.5), forms: p(0.5), helpers, json: p(0.5) };
      // The need for Django's batteries, and a reviewer's noise around it (sum of uniforms, sd ≈ 1).
      const need = 0.6 * shape.models + 2 * +shape.auth + 2.5 * +shape.admin + +shape.migrations + +shape.forms;
      const noise = (r() + r() + r() + r() - 2) * 1.8;
      return { intended: need + noise > 3.5 ? 'django' : 'flask', shape };
    }
  }
}

/** `count` cases from `seed`: a fifth each of pages, APIs and model-heavy apps, two fifths half-way, each written for Flask or Django at random. */
export function calibrationSet(count = 300, seed = 16): CalibrationCase[] {
  const r = rng(seed);
  const kinds = ['pages', 'api', 'heavy', 'halfway', 'halfway'];
  const out: CalibrationCase[] = [];
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length];
    const { intended, shape } = drawShape(kind, r);
    const onDjango = r() < (intended === 'django' ? 0.5 : 0.25);
    const files = onDjango ? djangoFiles(shape) : flaskFiles(shape);
    for (let h = 0; h < shape.helpers; h++) files[`lib/helpers_${h}.py`] = helper(h);
    out.push({ name: `${kind}-${i}${onDjango ? '-django' : '-flask'}`, intended, files });
  }
  return out;
}

/** One case assessed: what was stated and whether it was right. */
export interface CalibrationResult {
  name: string;
  intended: Framework;
  recommendation: Framework | null;
  confidence: number;
  scores: Record<Framework, number>;
}

/** Assesses every case (one parser for all, when given). */
export async function runCalibration(cases: readonly CalibrationCase[], parser?: PythonParser): Promise<CalibrationResult[]> {
  const out: CalibrationResult[] = [];
  for (const c of cases) {
    const a = await assess(new MemoryWorkspace(c.files, c.name), parser ? { parser } : {});
    const p = a.projects[0];
    out.push({ name: c.name, intended: c.intended, recommendation: p?.recommendation ?? null, confidence: p?.confidence ?? 0, scores: p?.scores ?? { flask: 0, django: 0 } });
  }
  return out;
}

/** One decile of stated confidence (50–59 %, ..., 90–99 %) and its observed hit rate. */
export interface ReliabilityRow {
  decile: string;
  cases: number;
  stated: number;
  observed: number;
}

/** The reliability table: per decile of stated confidence, the mean stated and the hit rate. */
export function reliability(results: readonly CalibrationResult[]): ReliabilityRow[] {
  const rows: ReliabilityRow[] = [];
  for (let lo = 50; lo < 100; lo += 10) {
    const inDecile = results.filter((x) => x.recommendation && Math.round(x.confidence * 100) >= lo && Math.round(x.confidence * 100) < lo + 10);
    if (inDecile.length === 0) continue;
    const stated = inDecile.reduce((s, x) => s + x.confidence, 0) / inDecile.length;
    const observed = inDecile.filter((x) => x.recommendation === x.intended).length / inDecile.length;
    rows.push({ decile: `${lo}–${lo + 9} %`, cases: inDecile.length, stated, observed });
  }
  return rows;
}

/** Deciles with fewer cases than this have a sampling error above 10 points: shown, not judged. */
export const MIN_DECILE_CASES = 10;

/** The rows that miss calibration: a judged decile whose hit rate is more than 10 points off. */
export function miscalibrated(rows: readonly ReliabilityRow[]): ReliabilityRow[] {
  return rows.filter((r) => r.cases >= MIN_DECILE_CASES && Math.abs(r.observed - r.stated) > 0.1);
}

/** The table as Markdown rows (docs/scoring.md keeps a copy). */
export function reliabilityTable(rows: readonly ReliabilityRow[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return ['| Stated confidence | Cases | Mean stated | Observed hit rate | Gap |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.decile} | ${r.cases} | ${pct(r.stated)} | ${pct(r.observed)} | ${((r.observed - r.stated) * 100).toFixed(1)} |`)].join('\n');
}
