/**
 * Inputs built to break parsers: 10,000-level deep expressions, megabyte lines, and the shapes
 * that made a regular expression or tree-sitter's query cursor take quadratic time (each found by
 * fuzzing or by a scaling probe, and fixed). Every parser must return within a bound that grows
 * linearly with the input, report a problem instead of throwing, and leave the JavaScript stack
 * alone (a stack overflow at the wrong moment aborts V8 instead of throwing).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assess } from '../../src/core/assess';
import { analyzeSource } from '../../src/core/engine/analyzer';
import { MemoryWorkspace } from '../../src/core/read/workspace';
import type { ManifestResult } from '../../src/core/model';
import { parseCondaEnv, parsePep508, parsePipfile, parsePyproject, parseRequirements, parseSetupCfg, parseSetupPy } from '../../src/core/manifests/index';
import { MAX_CONTINUATIONS, parseBudget, PythonParser } from '../../src/core/python/parser';

const N = 10_000;
const MB = 1_000_000;

/** Runs `fn` and fails when it takes longer than `ms`. */
function within<T>(ms: number, what: string, fn: () => T): T {
  const t = performance.now();
  const out = fn();
  const took = performance.now() - t;
  assert.ok(took < ms, `${what} took ${Math.round(took)} ms (bound ${ms} ms)`);
  return out;
}

const enc = new TextEncoder();

describe('pathological input: deep nesting, huge lines, quadratic traps', function () {
  this.timeout(120_000);
  let parser: PythonParser;
  before(async () => {
    parser = await PythonParser.create();
  });
  after(() => parser.dispose());

  describe('Python sources (tree-sitter and the analyzer)', () => {
    const deep: Record<string, string> = {
      'nested parentheses': `x = ${'('.repeat(N)}1${')'.repeat(N)}\n`,
      'nested lists': `x = ${'['.repeat(N)}${']'.repeat(N)}\n`,
      'an attribute chain as a decorator': `@${'a.'.repeat(N)}route("/")\ndef f(): pass\nx = ${'a.'.repeat(N)}b()\n`,
      'a call chain in urlpatterns': `from django.urls import path\nurlpatterns = ${'f('.repeat(N)}path("a", v)${')'.repeat(N)}\n`,
      'add_url_rule in a call chain': `x = ${'f('.repeat(N)}app.add_url_rule("/a", view_func=v)${')'.repeat(N)}\n`,
      'INSTALLED_APPS nested': `INSTALLED_APPS = ${'('.repeat(N)}"a"${')'.repeat(N)}\n`,
      'INSTALLED_APPS summed': `INSTALLED_APPS = ["a"${' + ["b"]'.repeat(N)}]\n`,
      'urlpatterns summed': `urlpatterns = [path("a", v)]${' + [path("b", v)]'.repeat(N)}\n`,
      'unclosed parentheses': `x = ${'('.repeat(N)}\n`,
      'lambdas': `x = ${'lambda: '.repeat(N)}1\n`,
      'unary minus': `x = ${'-'.repeat(N)}1\n`,
      'subscripts': `x = a${'[0]'.repeat(N)}\n`,
      'calls': `x = a${'()'.repeat(N)}\n`,
      'syntax errors on every line': 'def f(:\n'.repeat(N),
    };
    for (const [name, body] of Object.entries(deep)) {
      it(`${name} (10,000 levels): analysed without a stack overflow`, () => {
        const text = `import flask\nfrom flask import Flask\napp = Flask(__name__)\n${body}`;
        const a = within(5_000, name, () => analyzeSource(parser, 'deep.py', enc.encode(text), false));
        assert.ok(!a.problems.some((p) => /call stack|could not analyze/i.test(p.message)), a.problems.map((p) => p.message).join('; '));
        // What sits before the deep part is still seen.
        assert.ok(a.observations.some((o) => o.kind === 'app' && o.framework === 'flask'), 'the Flask app before the deep expression');
      });
    }

    it('finds the routes and apps inside deep expressions', () => {
      const urls = analyzeSource(parser, 'urls.py', enc.encode(`from django.urls import path\nurlpatterns = ${'f('.repeat(N)}path("a", v)${')'.repeat(N)}\n`), false);
      assert.equal(urls.observations.filter((o) => o.kind === 'route').length, 1);
      const apps = analyzeSource(parser, 'settings.py', enc.encode(`INSTALLED_APPS = ["a"${' + ["rest_framework"]'.repeat(N)}]\n`), false);
      assert.equal(apps.observations.filter((o) => o.kind === 'djangoApp').length, N + 1);
    });

    // tree-sitter-python's scanner is quadratic over consecutive comment lines (16,000 took 12 s);
    // long runs are blanked before parsing (parser.ts blankCommentRuns).
    it('a megabyte of consecutive comment lines, at top level and in a class: linear time', () => {
      for (const text of [`import flask\n${'# a comment\n'.repeat(MB / 12)}app = flask.Flask(__name__)\n`, `import flask\nclass A:\n${'    # é 😀\n'.repeat(MB / 12)}    pass\napp = flask.Flask(__name__)\n`]) {
        const a = within(5_000, 'comments', () => analyzeSource(parser, 'comments.py', enc.encode(text), false));
        assert.deepEqual(a.problems, []);
        const app = a.observations.find((o) => o.kind === 'app');
        assert.equal(app?.evidence.line, text.split('\n').length - 1, 'positions after the comments are right');
      }
    });

    it('a small file in a slow error-recovery path stops at its work budget (fuzz find: 10 KB took 4 s)', () => {
      const text = fs.readFileSync(path.join(__dirname, 'resources', 'slow-setup.py.txt'), 'utf8');
      assert.equal(parseBudget(text.length), 2022);
      const r = within(3_000, 'slow setup.py', () => parseSetupPy(text, 'setup.py', parser));
      assert.ok(r.problems.some((p) => /setup\.py not read: parsing stopped/.test(p.message)), r.problems.map((p) => p.message).join('; '));
      const before = parser.work.parse;
      const a = within(3_000, 'slow module', () => analyzeSource(parser, 'slow.py', enc.encode(text), false));
      assert.ok(a.problems.some((p) => /parsing stopped/.test(p.message)), a.problems.map((p) => p.message).join('; '));
      // Counted work, not time: the parse stops at exactly one step past its budget, at any load.
      assert.equal(parser.work.parse - before, parseBudget(text.length) + 1);
    });

    it(`a statement of more than ${MAX_CONTINUATIONS} backslash continuations is refused at once; ${MAX_CONTINUATIONS} parse`, () => {
      const a = within(1_000, 'backslashes', () => analyzeSource(parser, 'bs.py', enc.encode(`import flask\n${'a\\\n'.repeat(100_000)}`), false));
      assert.deepEqual(
        a.problems.map((p) => p.message),
        [`could not analyze: not parsed: 100000 lines in a row end in a backslash (more than ${MAX_CONTINUATIONS})`],
      );
      const ok = within(1_000, 'backslashes', () => analyzeSource(parser, 'bs.py', enc.encode(`import flask\nx = 1 + \\\n${'1 + \\\n'.repeat(MAX_CONTINUATIONS - 1)}1\n`), false));
      assert.deepEqual(ok.problems, []);
      // The parser is usable afterwards.
      const b = analyzeSource(parser, 'ok.py', enc.encode('from flask import Flask\napp = Flask(__name__)\n'), false);
      assert.ok(b.observations.some((o) => o.kind === 'app'));
    });

    // Linear in its input, counted in work (tree-sitter progress calls), not time: doubling the
    // input about doubles the work, for real-looking code and for the shapes that were traps.
    const doubling: Record<string, (n: number) => string> = {
      'a models module': (n) => `from django.db import models\n${'class M(models.Model):\n    a = models.CharField(max_length=5)\n    b = models.ForeignKey("M", on_delete=models.CASCADE)\n'.repeat(n)}`,
      'routes': (n) => `from flask import Flask\napp = Flask(__name__)\n${'@app.route("/a/<int:x>")\ndef f(x):\n    return str(x)\n'.repeat(n)}`,
      'stray brackets': (n) => `import flask\n${'['.repeat(n * 50)}\n`,
      'syntax errors on every line': (n) => 'def f(:\n'.repeat(n * 5),
      'backslash continuations in runs': (n) => `x = 1 + \\\n${'1 + \\\n'.repeat(500)}1\n`.repeat(n / 50),
    };
    for (const [name, make] of Object.entries(doubling)) {
      it(`${name}: twice the input, about twice the work`, () => {
        const work = (n: number) => {
          const before = parser.work.parse + parser.work.query;
          analyzeSource(parser, 'lin.py', enc.encode(make(n)), false);
          return parser.work.parse + parser.work.query - before;
        };
        const [one, two] = [work(1_000), work(2_000)];
        assert.ok(one > 0 && two / one > 1.6 && two / one < 2.4, `${one} then ${two} steps`);
      });
    }

    // tree-sitter's query cursor was quadratic on a module with very many error children: 64,000
    // stray brackets took 5 s; a 1 MB file of them would have taken about 20 minutes.
    for (const [name, unit] of [['brackets', '['], ['parentheses', '('], ['braces', '{'], ['dashes', '-'], ['class bodies', 'class A:\n    [']] as const) {
      it(`a megabyte of stray ${name}: linear time`, () => {
        const text = `import flask\n${unit.repeat(Math.floor(MB / unit.length))}\n`;
        const a = within(15_000, name, () => analyzeSource(parser, 'junk.py', enc.encode(text), false));
        assert.ok(a.problems.some((p) => /syntax error/.test(p.message)));
        assert.ok(a.observations.some((o) => o.kind === 'framework'), 'the import before the junk is still seen');
      });
    }
  });

  describe('manifests', () => {
    const noThrow = (what: string, fn: () => ManifestResult, ms = 5_000): ManifestResult => within(ms, what, fn);

    it('setup.py with 10,000-level literals and escapes past U+10FFFF', () => {
      const deep = `from setuptools import setup\nsetup(install_requires=${'['.repeat(N)}"flask"${']'.repeat(N)}, extras_require={"a": ${'('.repeat(N)}["x"]${')'.repeat(N)}})\n`;
      const r = noThrow('deep setup.py', () => parseSetupPy(deep, 'setup.py', parser));
      assert.ok(r.problems.length > 0 && r.problems.every((p) => p.severity === 'info'));
      const bad = noThrow('escape', () => parseSetupPy('setup(install_requires=["\\U7FFFFFFF", "flask"])\n', 'setup.py', parser));
      assert.ok(bad.dependencies.some((d) => d.name === 'flask'), 'the good requirement next to the bad escape is read');
    });

    it('TOML nested 10,000 levels: one problem', () => {
      for (const text of [`a = ${'['.repeat(N)}${']'.repeat(N)}\n`, `a = ${'{b='.repeat(N)}1${'}'.repeat(N)}\n`]) {
        const r = noThrow('deep TOML', () => parsePyproject(text, 'pyproject.toml'));
        assert.equal(r.problems.length, 1);
        assert.equal(noThrow('deep Pipfile', () => parsePipfile(text, 'Pipfile')).problems.length, 1);
      }
    });

    it('YAML nested 10,000 levels (flow, block; 300 by indentation): one problem, no stack overflow', () => {
      const shapes = [
        `dependencies:\n  - ${'['.repeat(N)}${']'.repeat(N)}\n`,
        `dependencies:\n${'- '.repeat(N)}x\n`,
        `dependencies:\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}- `).join('\n')}x\n`,
        `a: ${'{b: '.repeat(N)}1${'}'.repeat(N)}\n`,
        '['.repeat(60_000),
      ];
      for (const text of shapes) {
        const r = noThrow('deep YAML', () => parseCondaEnv(text, 'environment.yml'));
        assert.equal(r.problems.length, 1, r.problems.map((p) => p.message).join('; '));
        assert.match(r.problems[0].message, /nested more than \d+ levels/);
      }
      // A normal file still reads.
      assert.equal(parseCondaEnv('dependencies:\n  - flask\n  - pip:\n    - django\n', 'environment.yml').dependencies.length, 2);
    });

    it('PEP 508 markers nested 10,000 levels and megabyte requirements: refused quickly', () => {
      for (const depth of [1_000, 8_000]) {
        const deep = parsePep508(`flask; ${'('.repeat(depth)}python_version > "3"${')'.repeat(depth)}`);
        assert.ok(!deep.ok && /nested/.test(deep.error), `${depth} levels`);
      }
      const long = within(1_000, 'long requirement', () => parsePep508(`flask${' '.repeat(MB)}x`));
      assert.ok(!long.ok && /longer than/.test(long.error));
      assert.ok(parsePep508('flask ; (python_version > "3") and (os_name == "nt")').ok, 'ordinary nesting still parses');
    });

    // Each of these made a regular expression backtrack quadratically (found by a scaling probe):
    // a megabyte line took minutes. Each must now take well under a second per megabyte.
    const lines: Record<string, [string, (s: string) => ManifestResult]> = {
      'requirements: name, blanks, no @': [`flask${' '.repeat(MB)}x\n`, (s) => parseRequirements(s, 'requirements.txt')],
      'requirements: name, blanks, @': [`flask${' '.repeat(MB)}@\n`, (s) => parseRequirements(s, 'requirements.txt')],
      'requirements: backslashes then text': [`${'\\'.repeat(MB)}a \\\n`, (s) => parseRequirements(s, 'requirements.txt')],
      'requirements: a URL marker without its ;': [`x @ http://${'a'.repeat(MB)} \n`, (s) => parseRequirements(s, 'requirements.txt')],
      'requirements: 100,000 continuation lines': ['a\\\n'.repeat(100_000), (s) => parseRequirements(s, 'requirements.txt')],
      'setup.cfg: blanks without a delimiter': [`[options]\na${' '.repeat(MB)}b\n`, (s) => parseSetupCfg(s, 'setup.cfg')],
      'setup.cfg: a megabyte requirement': [`[options]\ninstall_requires = flask${' '.repeat(MB)}x\n`, (s) => parseSetupCfg(s, 'setup.cfg')],
      'environment.yml: a long match spec': [`dependencies:\n  - numpy[${'version=a '.repeat(MB / 10)}\n`, (s) => parseCondaEnv(s, 'environment.yml')],
      'environment.yml: a megabyte of quotes': [`dependencies:\n  - ${'"'.repeat(MB)}\n`, (s) => parseCondaEnv(s, 'environment.yml')],
      // Quadratic inside the YAML library: bounded by the size limit, the worst shapes just under it.
      'environment.yml: 64 KB of quotes': [`dependencies:\n  - ${'"'.repeat(65_000)}\n`, (s) => parseCondaEnv(s, 'environment.yml')],
      'environment.yml: 64 KB of anchors': [`dependencies:\n  - ${'&a '.repeat(21_000)}\n`, (s) => parseCondaEnv(s, 'environment.yml')],
      'environment.yml: 64 KB of tags': [`dependencies:\n  - ${'!!a '.repeat(16_000)}\n`, (s) => parseCondaEnv(s, 'environment.yml')],
      'setup.py: 256 KB of assignments': [`${'a='.repeat(128_000)}\nsetup(install_requires=["flask"])\n`, (s) => parseSetupPy(s, 'setup.py', parser)],
      'setup.py: a megabyte of comment lines': [`${'# c\n'.repeat(MB / 4)}setup(install_requires=["flask"])\n`, (s) => parseSetupPy(s, 'setup.py', parser)],
      'pyproject: a megabyte requirement string': [`[project]\ndependencies = ["flask${' '.repeat(MB)}x"]\n`, (s) => parsePyproject(s, 'pyproject.toml')],
      // Every prefix of a dotted key was located: 20,000 parts took 15-30 s and 545 MB, 40,000 over 120 s.
      'pyproject: a dotted key of 40,000 parts': [`[project]\ndependencies = ["flask"]\n[tool]\na.${'b.'.repeat(40_000)}c = 1\n`, (s) => parsePyproject(s, 'pyproject.toml')],
      'pyproject: a table header of 40,000 parts': [`[project]\ndependencies = ["flask"]\n[${'b.'.repeat(40_000)}c]\nx = 1\n`, (s) => parsePyproject(s, 'pyproject.toml')],
      'pyproject: an inline table key of 40,000 parts': [`[tool]\nx = { ${'b.'.repeat(40_000)}c = 1 }\n`, (s) => parsePyproject(s, 'pyproject.toml')],
      'Pipfile: a dotted key of 40,000 parts': [`[packages]\nflask = "*"\n[x]\n${'b.'.repeat(40_000)}c = 1\n`, (s) => parsePipfile(s, 'Pipfile')],
    };
    for (const [name, [text, parse]] of Object.entries(lines)) {
      it(`${name}: linear time, a problem, no exception`, () => {
        const r = noThrow(name, () => parse(text), 8_000);
        assert.ok(Array.isArray(r.problems));
      });
    }

    it('a malformed %-escape in #egg= is kept as written, not thrown', () => {
      const r = parseRequirements('git+https://x/y.git#egg=%\n-e git+https://x/z.git#egg=z%zz\nflask\n', 'requirements.txt');
      assert.ok(r.dependencies.some((d) => d.name === 'flask'));
    });
  });
});

describe('pathological input: more items than an argument list holds', () => {
  // `push(...items)` throws "Maximum call stack size exceeded" past about 120,000 items.
  it('assesses 160,000 requirement lines, valid or not, in a file under the size limit', async () => {
    const app = 'from flask import Flask\napp = Flask(__name__)\n';
    const valid = await assess(new MemoryWorkspace({ 'requirements.txt': Array.from({ length: 160_000 }, () => 'flask').join('\n'), 'app.py': app }));
    assert.equal(valid.projects[0].dependencies.length, 160_000);
    const invalid = await assess(new MemoryWorkspace({ 'requirements.txt': Array.from({ length: 160_000 }, () => 'f==').join('\n'), 'app.py': app }));
    assert.equal(invalid.problems.filter((p) => /pip would reject/.test(p.message)).length, 160_000);
  });
});
