/**
 * Blanking inert function bodies before the parse (cut.ts): what it blanks and what it leaves,
 * that it keeps every offset, and that the analysis of a blanked file is the analysis of the
 * original, on every fixture, on the benchmark's synthetic files, and on generated sources (a
 * fast-check property; FUZZ_SEED replays it, see test/unit/fuzz/fuzz.ts).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { generateSynthetic } from '../../../bench/synthetic';
import { analyzePython, type FileAnalysis } from '../../../src/core/python/analyze';
import { cutInertRegions, CutText, inertRegions } from '../../../src/core/python/cut';
import { PythonParser } from '../../../src/core/python/parser';
import { PYTHON, TOKENS } from '../fuzz/corpus';
import { fuzz, textFor } from '../fuzz/fuzz';

let parser: PythonParser;
before(async () => {
  parser = await PythonParser.create();
});
after(() => parser.dispose());

/**
 * Cuts `src`, checking that each region starts at a line's first token and ends at a line end, and
 * that the cut text is the source with each region replaced by `0`. Returns the cut text (`src`
 * itself when nothing is cut).
 */
function blank(src: string): string {
  const regions = inertRegions(src) ?? [];
  let expected = '';
  let copied = 0;
  for (const r of regions) {
    assert.ok(r.start >= copied && r.end > r.start, `region ${r.start}-${r.end} out of order`);
    assert.match(src.slice(src.lastIndexOf('\n', r.start - 1) + 1, r.start), /^[ \t\f]*$/, `region at ${r.start} does not start a line`);
    assert.ok(r.end === src.length || src[r.end] === '\n' || src[r.end] === '\r', `region ending at ${r.end} does not end a line`);
    expected += `${src.slice(copied, r.start)}0`;
    copied = r.end;
  }
  expected += src.slice(copied);
  assert.equal(cutInertRegions(src)?.text ?? src, expected);
  return expected;
}

/** The lines of `src`, each line with code in a cut region shown as `~` (blank lines stay). */
function blankedLines(src: string): string[] {
  const regions = inertRegions(src) ?? [];
  blank(src);
  const out: string[] = [];
  let start = 0;
  for (const line of src.split(/\r\n|\r|\n/)) {
    const end = start + line.length;
    const cut = regions.some((r) => r.start < end && r.end > start) && /\S/.test(line);
    out.push(cut ? '~' : line);
    start = end + (src[end] === '\r' && src[end + 1] === '\n' ? 2 : 1);
  }
  return out;
}

const join = (...lines: string[]) => `${lines.join('\n')}\n`;

/** The analysis, both ways, must be the same. */
function assertSameAnalysis(src: string, label: string): FileAnalysis {
  const plain = analyzePython(parser, src, 'm.py');
  const skipped = analyzePython(parser, src, 'm.py', { skipInertBodies: true });
  assert.deepEqual(skipped, plain, label);
  return plain;
}

describe('inertRegions', () => {
  it('cuts an inert function whole, keeping what follows', () => {
    assert.deepEqual(blankedLines(join('def f(x):', '    y = x + 1', '    return y', 'import z')), ['~', '~', '~', 'import z', '']);
  });

  it('keeps the header of a decorated function and of one with a call in its header, cutting the body', () => {
    const src = join('@app.route("/")', 'def f(x):', '    y = x + 1', '    return y', 'def g(x=compute()):', '    return x', 'def h(x: Dict[str, int] = {}, *a, **k) -> List[int]:', '    return x');
    assert.deepEqual(blankedLines(src), ['@app.route("/")', 'def f(x):', '~', '~', 'def g(x=compute()):', '~', '~', '~', '']);
    assertSameAnalysis(src, 'headers');
  });

  it('cuts a region down to one `0` at its indentation, consecutive ones in a block as one', () => {
    assert.equal(blank(join('@cache', 'def f(x):', '    y = x + 1', '', '    return y', 'import z')), join('@cache', 'def f(x):', '    0', 'import z'));
    assert.equal(blank(join('def f(x):', '    y', '    # a comment', '    x', '', '# between', 'async def g():', '    pass', 'import z')), join('0', 'import z'));
    assert.equal(blank(join('class A(B):', '    x = 1', '    def m(self):', '        return self.x', '    y = 2', 'import z')), join('class A(B):', '    0', 'import z'));
    // A module's own statements too: a data table, a docstring, constants.
    assert.equal(blank(join('"""Airports."""', 'import z', 'CODES = [', '    ("AAA", "Anaa"),', ']', 'LIMIT = 3', 'class A(B):', '    pass')), join('0', 'import z', '0', 'class A(B):', '    0'));
  });

  it('cuts methods and async defs and class-level statements, keeps decorators, class headers and one-line defs', () => {
    const src = join(
      'import functools', //
      'class A:',
      '    size = 3',
      '    @functools.cache',
      '    def m(self, n):',
      '        return n * self.size',
      '    async def run(self):',
      '        await self.m(1)',
      '    def one(self): return 1',
    );
    assert.deepEqual(blankedLines(src), [
      'import functools',
      'class A:',
      '~',
      '    @functools.cache',
      '    def m(self, n):',
      '~',
      '~',
      '~',
      '    def one(self): return 1',
      '',
    ]);
  });

  it('cuts nested defs with their parent, or alone when the parent must stay', () => {
    assert.deepEqual(blankedLines(join('def outer():', '    def inner():', '        return 1', '    return inner')), ['~', '~', '~', '~', '']);
    const src = join('def outer():', '    import json', '    def inner(v):', '        return v + 1', '    return inner');
    assert.deepEqual(blankedLines(src), ['def outer():', '    import json', '~', '~', '~', '']);
  });

  it('follows docstrings with text at column 0, brackets over lines and backslash continuations', () => {
    const src = join(
      'def f(a):', //
      '    """Doc',
      'at column 0',
      '    """',
      '    b = g(',
      '1,',
      '  2)',
      '    c = a + \\',
      '1',
      '    return b',
      'import x',
    );
    assert.deepEqual(blankedLines(src), ['~', '~', '~', '~', '~', '~', '~', '~', '~', '~', 'import x', '']);
  });

  it('does not mistake a def inside a string for a function', () => {
    // (Assignments to urlpatterns are read: never cut.)
    const src = join('urlpatterns = """', 'def g():', '    x = 1', '"""', 'urlpatterns += "def h():"');
    assert.equal(blank(src), src);
  });

  it('keeps CRLF line ends, tabs and form feeds', () => {
    assert.equal(blank('def f():\r\n    x = 1\r\n    return x\r\nimport y\r\n'), '0\r\nimport y\r\n');
    assert.equal(blank('@d\r\ndef f():\r\n    x = 1\r\n    return x\r\nimport y\r\n'), '@d\r\ndef f():\r\n    0\r\nimport y\r\n');
    assert.equal(blank('@d\ndef f():\n\tx = 1\n\treturn x\n'), '@d\ndef f():\n\t0\n');
    assert.equal(blank('@d\ndef f():\n    x = 1\n\f    return x\n'), '@d\ndef f():\n    0\n');
  });

  it('maps every offset of the cut text back to the original (lines, UTF-16 columns, CRLF)', () => {
    const src = 'INSTALLED_APPS = ["é😀"]\r\ndef f():\r\n    s = "😀"\r\n\r\n    # c\r\n    return s\r\ndef g(): pass\r\nclass A:\n    a = 1\n    b = "😀"\n@d\ndef h(): \n    return "😀"\nurlpatterns = ["😀", z]\n';
    const cut = cutInertRegions(src);
    assert.ok(cut instanceof CutText);
    assert.equal(cut.text, 'INSTALLED_APPS = ["é😀"]\r\n0\r\ndef g(): pass\r\nclass A:\n    0\n@d\ndef h(): \n    0\nurlpatterns = ["😀", z]\n');
    // Tree-sitter's positions: rows counted by LF, columns in UTF-16 code units from the line start.
    const position = (i: number) => {
      const before = src.slice(0, i);
      return { row: before.split('\n').length - 1, column: i - (before.lastIndexOf('\n') + 1) };
    };
    const zeros = [...cut.text.matchAll(/0/g)].map((m) => m.index);
    for (let i = 0; i <= cut.text.length; i++) {
      const o = cut.toOriginal(i);
      if (!zeros.includes(i) && i < cut.text.length) assert.equal(src[o], cut.text[i], `offset ${i}`);
      assert.deepEqual(cut.position(o), position(o), `offset ${i}`);
    }
    // A `0` starts where its region starts and ends where it ends.
    for (const [k, z] of zeros.entries()) {
      assert.equal(cut.toOriginal(z), cut.regions[k].start);
      assert.equal(cut.toOriginal(z + 1), cut.regions[k].end);
    }
    assertSameAnalysis(src, 'mapped');
  });

  it('understands string prefixes and f-strings with nested quotes and format specs', () => {
    const src = join(
      'def f(x, w):', //
      `    a = rb'\\'' + Rb"\\\\" + u'x'`,
      `    b = f"{x['a']}" + f'{x["b"]:>{w}}' + f"{{literal}}" + f"{x!r:>10}" + f"{x=}"`,
      '    c = """one \' two " three"""',
      '    return a, b, c',
      'import y',
    );
    assert.deepEqual(blankedLines(src), ['~', '~', '~', '~', '~', 'import y', '']);
    assertSameAnalysis(src, 'prefixes');
  });

  it('keeps a body with an import, a class, a decorator, a rule call or an aliased rule call', () => {
    const kept = [
      join('def f():', '    return render_template("a.html")'),
      join('def f(cur):', '    cur.executemany("INSERT INTO t VALUES (?)", [])'),
      join('def main():', '    os.environ.setdefault("DJANGO_" "SETTINGS_MODULE", "site.settings")'),
      join('from flask import render_template as rt', 'def f():', '    return rt("a.html")'),
      join('def f(x):', '    return f"{render_template(x)}"'),
      join('def f():', '    return flask.Flask(__name__)'),
    ];
    for (const src of kept) assert.equal(blank(src), src, src);
    // An import keeps its own statement (the statements around it may go).
    assert.deepEqual(blankedLines(join('def f():', '    import os', '    return os')), ['def f():', '    import os', '~', '']);
    // A class keeps the body it is in (its own class-level statements may go).
    assert.deepEqual(blankedLines(join('def f():', '    class A:', '        pass', '    return A')), ['def f():', '    class A:', '~', '~', '']);
    // A decorator keeps the body it is in (the decorated function's own body may go).
    assert.deepEqual(blankedLines(join('def f(g):', '    @g', '    def h():', '        pass', '    return h')), ['def f(g):', '    @g', '    def h():', '~', '~', '']);
  });

  it('cuts the statements of a function that must stay, block by block, keeping what shows something', () => {
    const src = join(
      'from django.shortcuts import render',
      'def view(request):',
      '    """Shows the list."""',
      '    items = []',
      '    for i in range(3):',
      '        items.append(i)',
      '    if request.GET:',
      '        n = 1',
      '        return render(request, "a.html")',
      '    elif request.POST:',
      '        n = 2',
      '    else:',
      '        n = 3',
      '    try:',
      '        x = int(n)',
      '    except ValueError:',
      '        return render(request, "b.html")',
      '    finally:',
      '        n = 0',
      '    match n:',
      '        case 1:',
      '            y = 1',
      '        case _:',
      '            return render(request, "c.html")',
      '    return items',
    );
    assert.deepEqual(blankedLines(src), [
      'from django.shortcuts import render',
      'def view(request):',
      // Consecutive statements of one block are one region.
      '~',
      '~',
      '~',
      '~',
      // A compound statement that shows something keeps its header and clauses, not their other statements.
      '    if request.GET:',
      '~',
      '        return render(request, "a.html")',
      '    elif request.POST:',
      '~',
      '    else:',
      '~',
      '    try:',
      '~',
      '    except ValueError:',
      '        return render(request, "b.html")',
      '    finally:',
      '~',
      '    match n:',
      '        case 1:',
      '~',
      '        case _:',
      '            return render(request, "c.html")',
      '~',
      '',
    ]);
    assert.equal(blank(src).split('\n').filter((l) => l.trim() === '0').length, 8);
    assertSameAnalysis(src, 'statements');
    // A compound statement that shows nothing goes whole, with its clauses.
    const whole = join('def f(request):', '    try:', '        a = 1', '    except E:', '        a = 2', '    else:', '        a = 3', '    return render_template("x.html")');
    assert.deepEqual(blankedLines(whole), ['def f(request):', '~', '~', '~', '~', '~', '~', '    return render_template("x.html")', '']);
    assert.equal(blank(whole), join('def f(request):', '    0', '    return render_template("x.html")'));
    // A one-line compound statement that an else line may continue is left alone.
    const oneLine = join('def f(x):', '    if x: y = 1', '    else: y = 2', '    return render_template("x.html")');
    assert.deepEqual(blankedLines(oneLine), ['def f(x):', '    if x: y = 1', '    else: y = 2', '    return render_template("x.html")', '']);
    assertSameAnalysis(oneLine, 'one-line compound');
  });

  it('blanks a call of a rule name that cannot match the rule', () => {
    // `self.render` cannot be django.shortcuts.render; `cur.execute(sql)` has no SQL string to read.
    for (const src of [join('def f(self):', '    return self.render("a.html")'), join('def f(cur, sql):', '    cur.execute(sql)')]) {
      assert.notEqual(blank(src), src, src);
    }
  });

  it("cuts a Field() that needs a keyword the file never writes, keeps one that can be SQLModel's foreign key", () => {
    const pydantic = join('from pydantic import BaseModel, Field', 'class In(BaseModel):', '    name: str = Field(max_length=80)');
    assert.deepEqual(blankedLines(pydantic), ['from pydantic import BaseModel, Field', 'class In(BaseModel):', '~', '']);
    const sqlmodel = join('from sqlmodel import Field, SQLModel', 'class Hero(SQLModel, table=True):', '    name: str = Field(index=True)', '    team_id: int = Field(foreign_key="team.id")');
    assert.deepEqual(blankedLines(sqlmodel), sqlmodel.split('\n'));
    assert.equal(assertSameAnalysis(sqlmodel, 'sqlmodel').observations.filter((o) => o.kind === 'relation').length, 1);
  });

  it('keeps a body whose binding is read outside it, blanks one whose binding is not', () => {
    const read = join('def make():', '    app = build()', '    return app', '@app.route("/")', 'def index():', '    return "hi"');
    assert.deepEqual(blankedLines(read), ['def make():', '    app = build()', '~', '@app.route("/")', 'def index():', '~', '']);
    // Through another binding: conf = app.config_for(...) then a class header reading conf.
    const chained = join('def make():', '    app = build()', 'conf = app.settings()', 'class A(conf.Base):', '    x: int');
    assert.deepEqual(blankedLines(chained), ['def make():', '    app = build()', 'conf = app.settings()', 'class A(conf.Base):', '~', '']);
    // A URL conf's path(...) read through a binding made in a function.
    const urls = join('from django.urls import path', 'def helper(a):', '    path = os.path.join(a)', '    return path', 'urlpatterns = [path("x/", view)]');
    assert.deepEqual(blankedLines(urls), ['from django.urls import path', 'def helper(a):', '    path = os.path.join(a)', '~', 'urlpatterns = [path("x/", view)]', '']);
    assertSameAnalysis(urls, 'urls');
    const local = join('def f(v):', '    total = compute(v)', '    return total', 'def g(v):', '    total = compute(v)', '    return total.value');
    assert.deepEqual(blankedLines(local), ['~', '~', '~', '~', '~', '~', '']);
  });

  it('cuts the simple statements of a class body, one region for consecutive ones', () => {
    const src = join(
      'from django import forms',
      'from django.db import models',
      'class Site(models.Model):',
      '    """A site."""',
      '    name = models.CharField(max_length=100)',
      '    # a comment between fields',
      '    slug = models.SlugField(',
      '        unique=True,',
      '    )',
      '    tenant = models.ForeignKey("Tenant", on_delete=models.CASCADE)',
      '    objects = SiteManager()',
      '    if TYPE_CHECKING:',
      '        extra: int',
      '    class Meta:',
      '        abstract = True',
      '        ordering = ("name",)',
      '    __abstract__ = False',
      '    def __str__(self):',
      '        return self.name',
      'class SiteForm(forms.ModelForm):',
      '    size = 3; other = 4',
      'x = 1',
    );
    assert.deepEqual(blankedLines(src), [
      'from django import forms',
      'from django.db import models',
      'class Site(models.Model):',
      '~',
      '~',
      '~',
      '~',
      '~',
      '~',
      // A relation (a rule's call) stays; the statements after it are a region of their own.
      '    tenant = models.ForeignKey("Tenant", on_delete=models.CASCADE)',
      '~',
      // A compound statement stays whole.
      '    if TYPE_CHECKING:',
      '        extra: int',
      '    class Meta:',
      // analyze.ts reads `abstract` and `__abstract__` in class bodies.
      '        abstract = True',
      '~',
      '    __abstract__ = False',
      '~',
      '~',
      'class SiteForm(forms.ModelForm):',
      '~',
      '~',
      '',
    ]);
    // Consecutive statements are one `0` (one node for tree-sitter, not one a line).
    const out = blank(src).split('\n');
    assert.deepEqual(out.slice(2, 6), ['class Site(models.Model):', '    0', '    tenant = models.ForeignKey("Tenant", on_delete=models.CASCADE)', '    0']);
    assertSameAnalysis(src, 'class body');
  });

  it('keeps a class-level binding that a class header or a call reads', () => {
    const src = join('import flask', 'class Config:', '    app = flask.Flask(__name__)', '@Config.app.route("/")', 'def index():', '    return "hi"');
    assertSameAnalysis(src, 'class-level app');
    const read = join('class Holder:', '    base = declarative_base()', 'class User(base):', '    id = 1');
    assert.deepEqual(blankedLines(read), ['class Holder:', '    base = declarative_base()', 'class User(base):', '~', '']);
    assertSameAnalysis(read, 'class-level declarative base');
  });

  it('blanks nothing in a Python file with template tags (it does not parse; blanking could hide that)', () => {
    const src = join(
      'from django.contrib import admin',
      'class UserAdmin(admin.ModelAdmin):',
      '    fieldsets = (',
      '        {%- if cookiecutter.username_type == "email" %}',
      '        (None, {"fields": ("email",)}),',
      '        {%- endif %}',
      '    )',
      '    search_fields = ["name"]',
      'def f():',
      '    return 1',
    );
    assert.equal(blank(src), src);
    const analysis = assertSameAnalysis(src, 'template tags');
    assert.ok(analysis.problems.some((p) => /syntax error/.test(p.message)));
    // In strings they are text like any other.
    assert.notEqual(blank(join('def f():', '    return "{% url \'home\' %}"')), join('def f():', '    return "{% url \'home\' %}"'));
  });

  it('blanks nothing in a file it cannot be sure of', () => {
    const unsure = [
      'def f():\r    x = 1\r    return x\r', // lone CR line ends
      'def f():\n    x = "unterminated\n    return x\n',
      'def f():\n\tx = 1\n        return x\n', // tabs and spaces mixed
      'def f():\n    return (1\n', // unclosed bracket
      'def f():\n    x = 1 $ 2\n',
      'def f():\n    return f"{x # comment}"\n',
      'def f():\n    return f"{a)}"\n', // a bracket the field did not open
    ];
    for (const src of unsure) assert.equal(cutInertRegions(src), undefined, JSON.stringify(src));
  });

  it('falls back to the original text when the blanked text does not parse', () => {
    // Broken outside the body: the blanked text is broken too, so the original is analyzed.
    const src = join('def f():', '    x = 1', '    return x', 'import flask = 2');
    assert.notEqual(blank(src), src);
    const a = assertSameAnalysis(src, 'broken');
    assert.ok(a.problems.some((p) => /syntax error/.test(p.message)));
  });
});

describe('blanking inert bodies gives the same analysis', () => {
  it('on every Python fixture', function () {
    this.timeout(60_000);
    const root = path.join(__dirname, '..', '..', 'fixtures');
    let files = 0;
    let changed = 0;
    for (const rel of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!rel.endsWith('.py')) continue;
      const src = fs.readFileSync(path.join(root, rel), 'utf8');
      files++;
      if (blank(src) !== src) changed++;
      assertSameAnalysis(src, rel);
    }
    assert.ok(files > 10 && changed > 0, `${files} fixtures, ${changed} blanked`);
  });

  it("on the benchmark's synthetic files, blanking most of their text", function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-blank-'));
    try {
      generateSynthetic(dir, { files: 24, targetBytes: 24 * 6_000 });
      let bytes = 0;
      let blanked = 0;
      for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        if (!rel.endsWith('.py')) continue;
        const src = fs.readFileSync(path.join(dir, rel), 'utf8');
        const out = blank(src);
        bytes += src.length;
        for (let i = 0; i < src.length; i++) if (out[i] !== src[i]) blanked++;
        assertSameAnalysis(src, rel);
      }
      assert.ok(blanked / bytes > 0.5, `only ${((100 * blanked) / bytes).toFixed(1)}% blanked`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the same answer, and no exception, where the parse budget runs out (a fuzz find: 8,000 minus signs before the code)', () => {
    const text = `${'-'.repeat(8000)}from os import path\r\rBASE = path.join(__file__).strip().lower()\r\rKEY = "k"\rDEBUG = True\rHOSTS = ["a", "b"]\r`;
    const plain = analyzePython(parser, text, 'm.py');
    assert.match(plain.problems[0]?.message ?? '', /could not analyze: parsing stopped: far more work/);
    assert.deepEqual(analyzePython(parser, text, 'm.py', { skipInertBodies: true }), plain);
  });

  it('on mutated and random Python (property): never throws, and equal wherever the original parses', async function () {
    this.timeout(120_000);
    await fuzz('blank bodies, mutated', textFor(PYTHON, TOKENS.python), (text) => {
      blank(text);
      const plain = analyzePython(parser, text, 'm.py');
      if (plain.problems.some((p) => /syntax error/.test(p.message))) return;
      assert.deepEqual(analyzePython(parser, text, 'm.py', { skipInertBodies: true }), plain);
    }, 800);
  });

  it('on generated sources (property)', async function () {
    this.timeout(120_000);
    await fuzz('blank bodies', pythonSource(), ({ text }) => {
      blank(text);
      const a = assertSameAnalysis(text, text);
      // The generator writes valid Python (a syntax error inside a blanked body would go unreported).
      assert.deepEqual(a.problems, [], 'the generated source is not valid Python');
    }, 600);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated Python: imports, module-level bindings, decorated defs (nested, in classes) whose
// bodies mix plain statements with ones the analysis reads.
// ---------------------------------------------------------------------------------------------

type Lines = string[];

const IMPORTS = [
  'import os',
  'import sqlite3',
  'from flask import Flask, Blueprint, render_template, jsonify',
  'from flask import render_template as rt',
  'from django.urls import path',
  'from django.shortcuts import render',
  'from django.db import models',
  'from sqlalchemy.orm import declarative_base as dbase',
  'from flask_login import login_required',
  'import flask',
  'from .helpers import build',
];

const MODULE_LINES: Lines[] = [
  // A class header reading a name bound from a name a function may bind.
  ['conf = app.config_for("x")', 'class Conf(conf.Base):', '    pass'],
  ['app = Flask(__name__)'],
  ['bp = Blueprint("b", __name__)'],
  ['db = build()'],
  ['Base = dbase()'],
  ['conf = app.config_for("x")'],
  ['urlpatterns = [path("a/", view), path("b/", include("x.urls"))]'],
  ['INSTALLED_APPS = ["django.contrib.admin", "rest_framework"]'],
  ['x = 1'],
  ['total = compute()'],
];

const DECORATORS = ['@app.route("/x")', '@bp.get("/y")', '@login_required', '@functools.wraps(f)', '@conf.route("/z")'];

/** Statements that show nothing by themselves (some bind names the file may read elsewhere). */
const PLAIN: string[][] = [
  ['total = 0'],
  ['for i, v in enumerate(values):', '    total += v * i'],
  ['return {"total": total, "label": "x"}'],
  ['"""A docstring.', '§Text at column 0 with def g(): and @app.route("/no")', '"""'],
  ["s = 'def f():' + \"class X(Base):\" + r'\\d+' + b'\\x00'"],
  ["m = f\"{values['k']}\" + f'{total:>{width}}' + f\"{{}}\""],
  ['y = compute(', '§1,', '    2)'],
  ['z = 1 + \\', '    2'],
  ['# a comment: import flask'],
  ['app = build()'],
  ['path = os.path.join(a, b)'],
  ['conf = settings.load()'],
  ['total = compute(values)'],
  ['self.render("page.html")'],
  ['cur.execute(query)'],
  ['if values: total = compute(1)'],
  ['x: int = compute()'],
  ['pass'],
  ['try:', '    total = 1', 'except ValueError:', '    total = 2'],
  ['with open(path) as fh:', '    data = fh.read()'],
  ['while total:', '    total -= 1', 'else:', '    total = 0'],
];

/** Statements the analysis reads. */
const TRIGGERS: string[][] = [
  ['return render_template("a.html")'],
  ['return rt("a.html")'],
  ['return render(request, "a.html")'],
  ['cur.execute("SELECT * FROM t")'],
  ['cur.executemany("INSERT INTO t VALUES (?)", rows)'],
  ['conn = sqlite3.connect("db")'],
  ['import json'],
  ['from celery import shared_task'],
  ['class Inner(models.Model):', '    name = models.CharField()'],
  ['class Meta:', '    abstract = True'],
  ['Base = dbase()'],
  ['os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")'],
  ['return jsonify(ok=True)'],
  ['return flask.Flask(__name__)'],
  // Compound statements with something to show in one block or clause.
  ['if values:', '    return render_template("a.html")', 'elif total:', '    total = 1', 'else:', '    total = 2'],
  ['try:', '    total = 0', 'except Exception:', '    cur.execute("SELECT 1")', 'finally:', '    total = 3'],
  ['for v in values:', '    if v:', '        import json', '    total += v'],
];

/** Indents lines one level, except those marked § (they stay at column 0). */
const indent = (lines: string[]) => lines.map((l) => (l === '' || l.startsWith('§') ? l : `    ${l}`));

const statement: fc.Memo<Lines> = fc.memo((n) =>
  n <= 1
    ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PLAIN) }, { weight: 1, arbitrary: fc.constantFrom(...TRIGGERS) })
    : fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PLAIN) }, { weight: 1, arbitrary: fc.constantFrom(...TRIGGERS) }, { weight: 2, arbitrary: funcDef(n - 1) }),
);

function funcDef(n: number): fc.Arbitrary<Lines> {
  return fc
    .record({
      decorators: fc.subarray(DECORATORS, { maxLength: 2 }),
      async: fc.boolean(),
      name: fc.constantFrom('index', 'helper', 'view', 'compute_total'),
      // Headers with and without a call the analysis reads (a def with a plain header goes whole).
      params: fc.constantFrom('(request, values=None)', '(self, x: dict[str, int] = {}, *a, **k) -> list', '(request, conn=sqlite3.connect("db"))', '(app=flask.Flask(__name__))', '(\n§    a,\n§    b=1,\n§)'),
      body: fc.array(statement(n), { minLength: 1, maxLength: 5 }),
      oneLine: fc.boolean(),
    })
    .map((d) => {
      const header = `${d.async ? 'async ' : ''}def ${d.name}${d.params}:`;
      if (d.oneLine && d.body[0].length === 1 && !/^(class|def|async|for|if|import|from)\b/.test(d.body[0][0])) return [...d.decorators, ...`${header} ${d.body[0][0]}`.split('\n')];
      return [...d.decorators, ...header.split('\n'), ...indent(d.body.flat())];
    });
}

const classDef: fc.Arbitrary<Lines> = fc
  .record({ base: fc.constantFrom('', '(models.Model)', '(Base)', '(conf.Base)'), methods: fc.array(funcDef(2), { minLength: 1, maxLength: 3 }) })
  .map((c) => [`class Thing${c.base}:`, '    size = 3', ...indent(c.methods.flat())]);

/** A generated module, with its line ends (LF or CRLF) and indentation (spaces or tabs) varied. */
function pythonSource(): fc.Arbitrary<{ text: string }> {
  return fc
    .record({
      imports: fc.subarray(IMPORTS),
      items: fc.array(fc.oneof(fc.constantFrom(...MODULE_LINES), funcDef(3), classDef), { minLength: 1, maxLength: 6 }),
      crlf: fc.boolean(),
      tabs: fc.boolean(),
    })
    .map((m) => {
      let lines = [...m.imports, ...m.items.flatMap((item) => ['', ...item])].map((l) => l.replace(/^§/, ''));
      if (m.tabs) lines = lines.map((l) => l.replace(/^((?: {4})+)/, (lead: string) => '\t'.repeat(lead.length / 4)));
      const text = lines.join(m.crlf ? '\r\n' : '\n') + (m.crlf ? '\r\n' : '\n');
      // fast-check prints the value of a failing case: show the source itself.
      return { text, toString: () => text };
    });
}
