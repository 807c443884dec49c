import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeSource } from '../../../src/core/engine/analyzer';
import { assess } from '../../../src/core/assess';
import type { Assessment } from '../../../src/core/model';
import { PythonParser } from '../../../src/core/python/parser';
import { contentHash, contentKey } from '../../../src/core/engine/cache';
import { needsParse, needsParseAt } from '../../../src/core/python/prefilter';
import { NodeWorkspace } from '../../../src/core/read/workspace';

/** The assessment without timings, for comparing two runs. */
function comparable(a: Assessment): unknown {
  return { projects: a.projects, problems: a.problems.filter((p) => !/syntax error/.test(p.message)) };
}

describe('lexical pre-filter', () => {
  it('keeps every file that can show something, including route modules that never import flask', () => {
    assert.equal(needsParse('from . import bp\n\n@bp.route("/x")\ndef x(): pass\n'), true);
    assert.equal(needsParse('@ api .\n  get (\n"/x")\ndef x(): pass\n'), true);
    assert.equal(needsParse('from .base import Stamped\nclass Post(Stamped):\n    pass\n'), true);
    assert.equal(needsParse('urlpatterns = []\n'), true);
    assert.equal(needsParse('import json\n\ndef helper(x):\n    """A class of helpers."""\n    return json.dumps(x)  # class x\n'), false);
  });

  it('keeps a file whose only classes have no bases: every class is recorded, and models resolve by class name', async () => {
    const parser = await PythonParser.create();
    try {
      for (const src of ['class Plain:\n    pass\n', 'if True:\n\tclass Nested :\n\t\tx = 1\n', 'import json\r\rclass Cr: pass\r']) {
        assert.equal(needsParse(src), true, src);
        const bytes = new TextEncoder().encode(src);
        const filtered = analyzeSource(parser, 'mixins.py', bytes, true);
        assert.equal(filtered.classes.length, 1, src);
        assert.deepEqual(filtered, analyzeSource(parser, 'mixins.py', bytes, false), src);
      }
    } finally {
      parser.dispose();
    }
  });

  it('keeps a file whose only construct is raw SQL through executemany or executescript', async () => {
    const parser = await PythonParser.create();
    try {
      for (const call of ['cur.executemany("INSERT INTO t VALUES (?)", rows)', 'cur.executescript("CREATE TABLE t (x)")']) {
        const src = `def save(cur, rows):\n    ${call}\n`;
        assert.equal(needsParse(src), true, call);
        const bytes = new TextEncoder().encode(src);
        const filtered = analyzeSource(parser, 'db.py', bytes, true);
        assert.deepEqual(filtered, analyzeSource(parser, 'db.py', bytes, false), call);
        assert.deepEqual(
          filtered.observations.map((o) => o.name),
          ['raw SQL'],
          call,
        );
      }
    } finally {
      parser.dispose();
    }
  });

  it('parses a migration module only when it may make a Flask app (all the verdict reads of one)', async () => {
    const operations = 'from django.db import migrations, models\nclass Migration(migrations.Migration):\n    operations = [migrations.CreateModel(name="A", fields=[("id", models.AutoField())])]\n';
    assert.equal(needsParseAt('blog/migrations/0001_initial.py', operations), false);
    assert.equal(needsParseAt('migrations/versions/5d9b02c6e4aa_add.py', 'import sqlalchemy as sa\nop.add_column("t", sa.Column("x"))\n'), false);
    assert.equal(needsParseAt('blog/models.py', operations), true);
    // Not a numbered migration: a module like any other.
    assert.equal(needsParseAt('blog/migrations/helpers.py', operations), true);
    const app = 'from flask import Flask\napp = Flask(__name__)\n';
    assert.equal(needsParseAt('migrations/versions/a1_x.py', app), true);
    const parser = await PythonParser.create();
    try {
      const bytes = new TextEncoder().encode(app);
      const apps = analyzeSource(parser, 'migrations/versions/a1_x.py', bytes, true).observations.filter((o) => o.kind === 'app');
      assert.equal(apps.length, 1);
    } finally {
      parser.dispose();
    }
    // The cached result of the same bytes differs by that: the keys do too.
    const bytes = new TextEncoder().encode(operations);
    assert.notEqual(contentKey(contentHash(bytes), true, 'blog/migrations/0001_initial.py'), contentKey(contentHash(bytes), true, 'blog/models.py'));
    assert.equal(contentKey(contentHash(bytes), true, 'blog/models.py'), contentKey(contentHash(bytes), true, 'shop/models.py'));
    assert.notEqual(contentKey(contentHash(bytes), false, 'blog/models.py'), contentKey(contentHash(bytes), true, 'blog/models.py'));
  });

  it('gives the same assessment as parsing everything, on every fixture and example', async function () {
    this.timeout(60_000);
    const roots = [path.join(__dirname, '..', '..', 'fixtures'), path.join(__dirname, '..', '..', '..', 'examples')];
    for (const root of roots) {
      for (const name of fs.readdirSync(root)) {
        const dir = path.join(root, name);
        if (!fs.statSync(dir).isDirectory()) continue;
        const filtered = await assess(new NodeWorkspace(dir));
        const full = await assess(new NodeWorkspace(dir), { prefilter: false });
        assert.deepEqual(comparable(filtered), comparable(full), name);
      }
    }
  });
});
