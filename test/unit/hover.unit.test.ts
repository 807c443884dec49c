/**
 * Hovers on manifest entries (shared/hover.ts): which files get them, which entry is under the
 * cursor, and what the Markdown says — role, framework, the Django built-in a Flask add-on
 * re-creates, how the line moved the verdict, the parsed specifier/extras/marker, end of life.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assess } from '../../src/core/assess';
import type { ProjectAssessment } from '../../src/core/model';
import { NodeWorkspace } from '../../src/core/read/workspace';
import { codeSpan, dependenciesIn, dependencyAt, dependencyHover, hoverEscape, hoverFormatOf, type HoverContext } from '../../src/shared/hover';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'flask-batteries');
const TODAY = new Date('2026-09-01T12:00:00Z');

describe('manifest hovers', () => {
  let project: ProjectAssessment;
  let text: string;
  before(async () => {
    project = (await assess(new NodeWorkspace(FIXTURE))).projects[0]!;
    text = fs.readFileSync(path.join(FIXTURE, 'requirements.txt'), 'utf8');
  });
  const ctx = (over: Partial<HoverContext> = {}): HoverContext => ({
    today: TODAY,
    assessed: true,
    project: { key: 'file:///w::.', label: 'blog', assessment: project },
    commands: false,
    ...over,
  });

  it('applies to requirements files by name, pyproject.toml and Pipfile', () => {
    assert.equal(hoverFormatOf('requirements.txt'), 'requirements');
    assert.equal(hoverFormatOf('requirements-dev.txt'), 'requirements');
    assert.equal(hoverFormatOf('requirements/base.txt'), 'requirements');
    assert.equal(hoverFormatOf('deps/dev.in'), 'requirements');
    assert.equal(hoverFormatOf('sub/pyproject.toml'), 'pyproject');
    assert.equal(hoverFormatOf('Pipfile'), 'pipfile');
    assert.equal(hoverFormatOf('constraints.txt', 'pip-requirements'), 'requirements');
    assert.equal(hoverFormatOf('Makefile.in'), undefined);
    assert.equal(hoverFormatOf('setup.py'), undefined);
    assert.equal(hoverFormatOf('notes.txt', 'plaintext'), undefined);
  });

  it('finds the entry under the cursor, not on comments or options', () => {
    const deps = dependenciesIn('# comment flask\nFlask-Login[x]>=0.6 ; python_version < "3.11"\n--index-url https://x\n', 'requirements.txt', 'requirements');
    assert.equal(dependencyAt(deps, 2, 1)?.name, 'flask-login');
    assert.equal(dependencyAt(deps, 2, 30)?.name, 'flask-login');
    assert.equal(dependencyAt(deps, 1, 12), undefined);
    assert.equal(dependencyAt(deps, 3, 5), undefined);
  });

  it('finds entries in pyproject.toml arrays and Poetry tables, and in Pipfile', () => {
    const py = '[project]\nname = "x"\ndependencies = ["django>=4.2,<5", "psycopg[binary]"]\n[tool.poetry.dependencies]\nflask = "^2.0"\n';
    const deps = dependenciesIn(py, 'pyproject.toml', 'pyproject');
    const line3 = py.split('\n')[2]!;
    assert.equal(dependencyAt(deps, 3, line3.indexOf('django') + 2)?.name, 'django');
    assert.equal(dependencyAt(deps, 3, line3.indexOf('psycopg') + 2)?.name, 'psycopg');
    assert.equal(dependencyAt(deps, 5, 2)?.name, 'flask');
    const pip = dependenciesIn('[packages]\nDjango = "==3.2.1"\n', 'Pipfile', 'pipfile');
    assert.equal(dependencyAt(pip, 2, 3)?.specifier, '==3.2.1');
    assert.deepEqual(dependenciesIn('not [ toml', 'pyproject.toml', 'pyproject'), []);
  });

  it('says what a Flask add-on is, the Django built-in it re-creates and how it moved the verdict', () => {
    const deps = dependenciesIn(text, 'requirements.txt', 'requirements');
    const login = deps.find((d) => d.name === 'flask-login')!;
    const md = dependencyHover(login, ctx());
    assert.match(md, /\*\*Flask-Login\*\* — authentication · a Flask add-on: points to Flask/);
    assert.match(md, /Django ships this built in: \*\*django\.contrib\.auth\*\*/);
    // Each finding that cites the line, with its points: here the auth finding and the re-created batteries.
    for (const id of ['auth.users', 'batteries.recreated']) {
      const f = project.findings.find((x) => x.id === id)!;
      assert.ok(md.includes(`**Django +${f.weight}** ${hoverEscape(f.message)}`), id);
    }
    assert.match(md, /Verdict: Django fits better — \d+% · in use: Flask/);
    assert.match(md, /`Flask-Login==0\.6\.3` · runtime dependency/);
    assert.doesNotMatch(md, /command:/);
  });

  it('shows extras and the marker as written', () => {
    const deps = dependenciesIn(text, 'requirements.txt', 'requirements');
    const admin = deps.find((d) => d.name === 'flask-admin')!;
    assert.match(dependencyHover(admin, ctx()), /- extras: `sqla`/);
    const babel = deps.find((d) => d.name === 'flask-babel')!;
    assert.match(dependencyHover(babel, ctx()), /- active when `python_version >= "3\.8"`/);
  });

  it('notes the end of life of a Django or Flask pin', () => {
    const [django32] = dependenciesIn('Django==3.2.19\n', 'requirements.txt', 'requirements');
    const md = dependencyHover(django32!, ctx({ project: undefined }));
    assert.match(md, /\$\(warning\) \*\*End of life\.\*\* Django 3\.2 LTS reached end of extended support on 2024-04-01/);
    const [django52] = dependenciesIn('django>=5.2,<5.3\n', 'requirements.txt', 'requirements');
    assert.match(dependencyHover(django52!, ctx()), /\$\(pass\) Django 5\.2 LTS/);
    const [flask] = dependenciesIn('flask\n', 'requirements.txt', 'requirements');
    assert.match(dependencyHover(flask!, ctx()), /\$\(question\) Flask is not pinned/);
  });

  it('says when the folder was not assessed, with a command link only when asked', () => {
    const [dep] = dependenciesIn('flask-wtf\n', 'requirements.txt', 'requirements');
    assert.match(dependencyHover(dep!, ctx({ assessed: false, project: undefined })), /Not assessed yet\.$/m);
    assert.match(dependencyHover(dep!, ctx({ assessed: false, project: undefined, commands: true })), /\[Assess framework fit\]\(command:frameworkFit\.assess\?/);
    const withProject = dependencyHover(dep!, ctx({ commands: true }));
    assert.match(withProject, /command:frameworkFit\.explainVerdict\?%5B%22file%3A%2F%2F%2Fw%3A%3A\.%22%5D/);
  });

  it('describes unknown packages and dev entries', () => {
    const [dep] = dependenciesIn('left-pad-py==1.0\n', 'requirements-dev.txt', 'requirements');
    dep!.kind = 'dev';
    const md = dependencyHover(dep!, ctx());
    assert.match(md, /not in Framework Fit's package table/);
    assert.match(md, /development dependency: not counted in the verdict/);
  });

  it('escapes workspace text: no links, HTML or theme icons can be injected', () => {
    const [dep] = dependenciesIn('evil @ https://x.example/a.whl\n', 'requirements.txt', 'requirements');
    dep!.rawName = 'evil](command:workbench.action.terminal.new)<img src=x>$(alert)';
    // Outside code spans (whose text shows literally), every bracket, angle bracket and "$(" is escaped.
    const md = dependencyHover(dep!, ctx({ project: undefined })).replace(/(`+)[^`]*?\1/g, '');
    assert.match(md, /evil\\\]\(command/);
    assert.doesNotMatch(md, /(^|[^\\])\]\(command:workbench/);
    assert.doesNotMatch(md, /(^|[^\\])<img/);
    assert.doesNotMatch(md, /(^|[^\\])\$\(alert\)/);
    assert.equal(hoverEscape('$(x) [a](b) <b>'), '\\$(x) \\[a\\](b) \\<b\\>');
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeSpan('`a'), '`` `a ``');
  });
});
