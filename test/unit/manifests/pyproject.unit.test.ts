import { strict as assert } from 'node:assert';
import { parsePyproject } from '../../../src/core/manifests/pyproject';
import type { Dependency } from '../../../src/core/model';

function covered(text: string, d: Dependency): string {
  const lines = text.split(/\r\n|\r|\n/);
  assert.equal(d.line, d.endLine, 'single-line range expected');
  return lines[d.line - 1].slice(d.column - 1, d.endColumn - 1);
}

const summary = (d: Dependency) => [d.name, d.kind, d.group ?? null, d.specifier];

describe('parsePyproject', () => {
  it('reads PEP 621 dependencies and optional-dependencies', () => {
    const text = `[project]
name = "app"
dependencies = [
  "Django>=4.2,<5",   # the framework
  'flask[async] ; python_version >= "3.8"',
]

[project.optional-dependencies]
postgres = ["psycopg2-binary>=2.9"]
redis = [
    "redis",
]
`;
    const r = parsePyproject(text, 'pyproject.toml');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.dependencies.map(summary), [
      ['django', 'runtime', null, '>=4.2,<5'],
      ['flask', 'runtime', null, ''],
      ['psycopg2-binary', 'optional', 'postgres', '>=2.9'],
      ['redis', 'optional', 'redis', ''],
    ]);
    const [django, flask, pg] = r.dependencies;
    assert.equal(django.format, 'pyproject');
    assert.equal(django.line, 4);
    assert.equal(covered(text, django), 'Django>=4.2,<5');
    assert.deepEqual(flask.extras, ['async']);
    assert.equal(flask.marker, 'python_version >= "3.8"');
    assert.equal(covered(text, flask), 'flask[async] ; python_version >= "3.8"');
    assert.equal(pg.line, 9);
    assert.equal(covered(text, pg), 'psycopg2-binary>=2.9');
    assert.equal(r.dynamicDependencies, undefined);
  });

  it('flags dynamic dependencies', () => {
    const r = parsePyproject('[project]\nname = "x"\ndynamic = ["version", "dependencies"]\n', 'pyproject.toml');
    assert.equal(r.dynamicDependencies, true);
    assert.deepEqual(r.dependencies, []);
  });

  it('reads PEP 735 dependency groups and skips include-group entries', () => {
    const text = `[dependency-groups]
test = ["pytest>=8", "pytest-django", {include-group = "lint"}]
lint = ["ruff"]
`;
    const r = parsePyproject(text, 'pyproject.toml');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.dependencies.map(summary), [
      ['pytest', 'dev', 'test', '>=8'],
      ['pytest-django', 'dev', 'test', ''],
      ['ruff', 'dev', 'lint', ''],
    ]);
    assert.equal(covered(text, r.dependencies[1]), 'pytest-django');
  });

  it('reports an include-group that names no group, and a chain of include-groups that comes back to itself', () => {
    const text = `[dependency-groups]
all = [{include-group = "Test"}, {include-group = "docs"}]
test = ["pytest", {include-group = "lint"}]
lint = ["ruff", {include-group = "all"}]
self = [{include-group = "self"}]
odd = [{include-group = 3}]
`;
    const r = parsePyproject(text, 'pyproject.toml');
    assert.deepEqual(
      r.problems.map((p) => [p.line, p.severity, p.message]),
      [
        [2, 'error', 'dependency-groups.all[1]: include-group "docs" names no group'],
        [6, 'warning', 'dependency-groups.odd[0]: include-group should be a group name'],
        [4, 'warning', 'include-group cycle: all -> test -> lint -> all'],
        [5, 'warning', 'include-group cycle: self -> self'],
      ],
    );
    assert.deepEqual(r.dependencies.map((d) => d.name), ['pytest', 'ruff']);
  });

  it('reads build-system requires as build dependencies', () => {
    const r = parsePyproject('[build-system]\nrequires = ["setuptools>=61", "wheel"]\n', 'pyproject.toml');
    assert.deepEqual(r.dependencies.map(summary), [
      ['setuptools', 'build', null, '>=61'],
      ['wheel', 'build', null, ''],
    ]);
  });

  it('reads Poetry dependencies in all their shapes, skipping python', () => {
    const text = `[tool.poetry]
name = "app"

[tool.poetry.dependencies]
python = "^3.10"
Django = "^4.2"
"Flask-Login" = { version = ">= 0.6, <1", extras = ["x"], optional = true, markers = "sys_platform == 'linux'" }
celery = [
  { version = "^5.3", python = "<3.12" },
  { version = "^6", python = ">=3.12" },
]
mylib = { git = "https://github.com/acme/mylib.git", develop = true }
anything = "*"

[tool.poetry.dependencies.requests]
version = "~2.31"

[tool.poetry.extras]
auth = ["flask-login"]

[tool.poetry.dev-dependencies]
pytest = "^7"

[tool.poetry.group.docs.dependencies]
sphinx = ">=7"
`;
    const r = parsePyproject(text, 'pyproject.toml');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.dependencies.map(summary), [
      ['django', 'runtime', null, '^4.2'],
      ['flask-login', 'optional', 'auth', '>=0.6,<1'],
      ['celery', 'runtime', null, '^5.3'],
      ['celery', 'runtime', null, '^6'],
      ['mylib', 'runtime', null, ''],
      ['anything', 'runtime', null, ''],
      ['requests', 'runtime', null, '~2.31'],
      ['pytest', 'dev', 'dev', '^7'],
      ['sphinx', 'dev', 'docs', '>=7'],
    ]);
    const byName = new Map(r.dependencies.map((d) => [d.name, d]));
    const django = byName.get('django')!;
    assert.equal(django.rawName, 'Django');
    assert.equal(django.line, 6);
    assert.equal(covered(text, django), 'Django = "^4.2"');
    const login = byName.get('flask-login')!;
    assert.deepEqual(login.extras, ['x']);
    assert.equal(login.marker, "sys_platform == 'linux'");
    assert.equal(login.line, 7);
    const lib = byName.get('mylib')!;
    assert.equal(lib.url, 'https://github.com/acme/mylib.git');
    assert.equal(lib.editable, true);
    assert.equal(byName.get('requests')!.line, 15);
    assert.equal(byName.get('pytest')!.line, 22);
    assert.equal(byName.get('sphinx')!.line, 25);
  });

  it('reads PDM and uv dev dependencies', () => {
    const text = `[tool.pdm.dev-dependencies]
test = ["pytest-django>=4", "-e git+https://github.com/acme/tool.git#egg=acme-tool", "-e ./packages/local"]
lint = ["ruff"]

[tool.uv]
dev-dependencies = ["mypy>=1.8"]
`;
    const r = parsePyproject(text, 'pyproject.toml');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.dependencies.map(summary), [
      ['pytest-django', 'dev', 'test', '>=4'],
      ['acme-tool', 'dev', 'test', ''],
      ['ruff', 'dev', 'lint', ''],
      ['mypy', 'dev', 'dev', '>=1.8'],
    ]);
    assert.equal(r.dependencies[1].editable, true);
    assert.equal(r.dependencies[3].line, 6);
    assert.equal(covered(text, r.dependencies[3]), 'mypy>=1.8');
  });

  it('locates names by the TOML structure, not by text search', () => {
    // "django" appears first in a comment, a string elsewhere and a multi-line string.
    const text = `# django is great
description = """
[project]
dependencies = ["django"]
"""
[tool.other]
note = "django"
[project]
dependencies = [
  "django",
]
`;
    const r = parsePyproject(text, 'pyproject.toml');
    assert.deepEqual(r.problems, []);
    assert.equal(r.dependencies.length, 1);
    assert.equal(r.dependencies[0].line, 10);
    assert.equal(covered(text, r.dependencies[0]), 'django');
  });

  it('handles dotted keys and escaped strings', () => {
    const text = `project.name = "x"
project.dependencies = ["flask\\u003e=3"]
`;
    const r = parsePyproject(text, 'pyproject.toml');
    assert.deepEqual(r.problems, []);
    assert.equal(r.dependencies[0].name, 'flask');
    assert.equal(r.dependencies[0].specifier, '>=3');
    // With an escape the whole string literal is the range.
    assert.equal(r.dependencies[0].line, 2);
    assert.equal(covered(text, r.dependencies[0]), '"flask\\u003e=3"');
  });

  it('reports an invalid requirement string with its line and keeps the others', () => {
    const text = '[project]\ndependencies = [\n  "django",\n  "flask==",\n  "celery",\n]\n';
    const r = parsePyproject(text, 'pyproject.toml');
    assert.deepEqual(r.dependencies.map((d) => d.name), ['django', 'celery']);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].line, 4);
    assert.equal(r.problems[0].severity, 'error');
    assert.match(r.problems[0].message, /flask==/);
  });

  it('turns malformed TOML into one problem with its line, without throwing', () => {
    const text = '[project]\nname = "x"\ndependencies = ["django"\nversion = "1"\n';
    const r = parsePyproject(text, 'pyproject.toml');
    assert.deepEqual(r.dependencies, []);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].line, 4);
    assert.equal(r.problems[0].severity, 'error');
    assert.match(r.problems[0].message, /invalid TOML/);
  });

  it('reports a duplicate key (invalid TOML) too', () => {
    const r = parsePyproject('[project]\nname = "a"\nname = "b"\n', 'pyproject.toml');
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].line, 3);
  });

  it('accepts a BOM and CRLF', () => {
    const text = '\uFEFF[project]\r\ndependencies = [\r\n  "django>=4",\r\n]\r\n';
    const r = parsePyproject(text, 'pyproject.toml');
    assert.deepEqual(r.problems, []);
    assert.equal(r.dependencies[0].line, 3);
    assert.equal(r.dependencies[0].column, 4);
  });

  it('warns when a dependency list is not a list', () => {
    const r = parsePyproject('[project]\ndependencies = "django"\n', 'pyproject.toml');
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].severity, 'warning');
    assert.equal(r.problems[0].line, 2);
  });
});
