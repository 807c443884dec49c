/**
 * A deterministic synthetic workspace for the benchmark: a Flask service and a Django site side by
 * side (a monorepo), with route modules, model modules, URL confs and plain helper modules padded
 * to a realistic size. Returns the counts it wrote so the benchmark can check the engine's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the generator wrote. */
export interface SyntheticCounts {
  files: number;
  bytes: number;
  models: number;
  routes: number;
}

const STAMP = 'synthetic-v2';

/** Writes (or reuses, when the stamp matches) the synthetic workspace under `dir`. */
export function generateSynthetic(dir: string, opts: { files: number; targetBytes: number }): SyntheticCounts {
  const stampFile = path.join(dir, '.stamp.json');
  const stamp = `${STAMP}:${opts.files}:${opts.targetBytes}`;
  if (fs.existsSync(stampFile)) {
    const saved = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as { stamp: string; counts: SyntheticCounts };
    if (saved.stamp === stamp) return saved.counts;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const counts: SyntheticCounts = { files: 0, bytes: 0, models: 0, routes: 0 };
  const write = (rel: string, text: string) => {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    counts.files++;
    counts.bytes += Buffer.byteLength(text);
  };
  const perFile = Math.floor(opts.targetBytes / opts.files);

  write('flaskapp/requirements.txt', 'Flask==3.0.3\nFlask-SQLAlchemy==3.1.1\nFlask-Login==0.6.3\n');
  write('flaskapp/app/__init__.py', 'from flask import Flask, Blueprint\nfrom flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\nbp = Blueprint("main", __name__)\n\n\ndef create_app():\n    app = Flask(__name__)\n    db.init_app(app)\n    app.register_blueprint(bp)\n    return app\n');
  write('djangosite/requirements.txt', 'Django>=4.2,<5\n');
  write('djangosite/manage.py', 'import os\nimport sys\n\n\ndef main():\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_conf.settings")\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n\n\nif __name__ == "__main__":\n    main()\n');
  write('djangosite/site_conf/settings.py', 'INSTALLED_APPS = [\n    "django.contrib.admin",\n    "django.contrib.auth",\n    "django.contrib.contenttypes",\n]\n');

  const half = Math.floor((opts.files - counts.files) / 2);
  for (let i = 0; i < half; i++) {
    const kind = i % 4;
    const pkg = `flaskapp/app/mod${Math.floor(i / 50)}`;
    let text: string;
    if (kind === 0) {
      text = `from .. import bp\nfrom flask import render_template, jsonify\n\n\n@bp.route("/items${i}/<int:item_id>")\ndef item${i}(item_id):\n    """@bp.route("/not-a-route")"""\n    return render_template("item.html", item=item_id)\n\n\n@bp.post("/items${i}")\ndef create${i}():\n    return jsonify(ok=True)\n`;
      counts.routes += 2;
    } else if (kind === 1) {
      text = `from .. import db\n\n\nclass Item${i}(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(80))\n    owner_id = db.Column(db.Integer, db.ForeignKey("user.id"))\n`;
      counts.models += 1;
    } else {
      text = `import json\nimport os\n\n\ndef helper${i}(value):\n    return json.dumps({"value": value, "cwd": os.getcwd()})\n`;
    }
    write(`${pkg}/file${i}.py`, pad(text, perFile, i));
  }
  const rest = opts.files - counts.files;
  for (let i = 0; i < rest; i++) {
    const kind = i % 4;
    const app = `djangosite/app${Math.floor(i / 50)}`;
    let text: string;
    if (kind === 0) {
      text = `from django.db import models\n\n\nclass Record${i}(models.Model):\n    title = models.CharField(max_length=200)\n    parent = models.ForeignKey("self", null=True, on_delete=models.CASCADE)\n\n    class Meta:\n        ordering = ["title"]\n\n\nclass Abstract${i}(models.Model):\n    class Meta:\n        abstract = True\n`;
      counts.models += 1;
    } else if (kind === 1) {
      text = `from django.urls import include, path\nfrom . import views\n\nurlpatterns = [\n    path("r${i}/", views.index),\n    path("r${i}/<int:pk>/", views.detail),\n    path("sub${i}/", include("x.urls")),\n]\n`;
      counts.routes += 2;
    } else {
      text = `from django.shortcuts import render\n\n\ndef view${i}(request):\n    return render(request, "page.html", {"n": ${i}})\n`;
    }
    write(`${app}/file${i}.py`, pad(text, perFile, i));
  }
  fs.writeFileSync(stampFile, JSON.stringify({ stamp, counts }));
  return counts;
}

/** Pads a module to about `size` bytes with plain helper functions (no framework constructs). */
function pad(text: string, size: number, seed: number): string {
  const parts = [text];
  let n = Buffer.byteLength(text);
  for (let k = 0; n < size; k++) {
    const fn = `\n\ndef _compute_${seed}_${k}(values, factor=${(seed % 7) + 1}):\n    """Sums the scaled values; plain code the analyzer must read past."""\n    total = 0\n    for index, value in enumerate(values):\n        if index % 2 == 0:\n            total += value * factor\n        else:\n            total -= value // factor\n    return {"total": total, "count": len(values), "label": "item-${k}"}\n`;
    parts.push(fn);
    n += fn.length;
  }
  return parts.join('');
}
