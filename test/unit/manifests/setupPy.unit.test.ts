import { strict as assert } from 'node:assert';
import { parseSetupPy } from '../../../src/core/manifests/setupPy';
import { PythonParser } from '../../../src/core/python/parser';
import type { Dependency } from '../../../src/core/model';

function covered(text: string, d: Dependency): string {
  return text.split(/\r\n|\r|\n/)[d.line - 1].slice(d.column - 1, d.endColumn - 1);
}

describe('parseSetupPy', () => {
  let parser: PythonParser;
  before(async () => {
    parser = await PythonParser.create();
  });
  after(() => parser.dispose());

  it('reads literal install_requires and extras_require', () => {
    const text = `from setuptools import setup, find_packages

setup(
    name="demo",
    packages=find_packages(),
    install_requires=[
        "Django>=4.2,<5",
        'djangorestframework',  # API
        "colorama; platform_system == 'Windows'",
    ],
    extras_require={
        "postgres": ["psycopg2-binary>=2.9"],
        'dev': ("pytest", "tox"),
    },
)
`;
    const r = parseSetupPy(text, 'setup.py', parser);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.dependencies.map((d) => [d.name, d.kind, d.group ?? null, d.specifier, d.marker]),
      [
        ['django', 'runtime', null, '>=4.2,<5', ''],
        ['djangorestframework', 'runtime', null, '', ''],
        ['colorama', 'runtime', null, '', "platform_system == 'Windows'"],
        ['psycopg2-binary', 'optional', 'postgres', '>=2.9', ''],
        ['pytest', 'optional', 'dev', '', ''],
        ['tox', 'optional', 'dev', '', ''],
      ],
    );
    const django = r.dependencies[0];
    assert.equal(django.format, 'setup.py');
    assert.deepEqual([django.line, django.column], [7, 10]);
    assert.equal(covered(text, django), 'Django>=4.2,<5');
    assert.equal(covered(text, r.dependencies[2]), "colorama; platform_system == 'Windows'");
  });

  it('follows names bound at module level, += and list concatenation', () => {
    const text = `import setuptools

REQUIRES = ["flask>=3", "flask-login"]
REQUIRES += ["celery"]
EXTRAS = {"redis": ["redis>=5"]}
BASE = ["gunicorn"]

setuptools.setup(install_requires=REQUIRES + BASE, extras_require=EXTRAS)
`;
    const r = parseSetupPy(text, 'setup.py', parser);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.dependencies.map((d) => [d.name, d.kind, d.line]),
      [
        ['flask', 'runtime', 3],
        ['flask-login', 'runtime', 3],
        ['celery', 'runtime', 4],
        ['gunicorn', 'runtime', 6],
        ['redis', 'optional', 5],
      ],
    );
  });

  it('reads setup(**kwargs) with a literal dict', () => {
    const text = `from distutils.core import setup
setup_kwargs = {"name": "x", "install_requires": ["requests>=2"]}
setup(**setup_kwargs)
`;
    const r = parseSetupPy(text, 'setup.py', parser);
    assert.deepEqual(r.dependencies.map((d) => d.name), ['requests']);
  });

  it('reports what it cannot read statically, as info, and never runs the code', () => {
    const text = `from setuptools import setup

def read_requirements(path):
    with open(path) as f:
        return f.read().splitlines()

setup(
    install_requires=read_requirements("requirements/base.txt"),
    extras_require=build_extras(),
    tests_require=[f"pytest{VERSION}", "coverage"],
)
`;
    const r = parseSetupPy(text, 'pkg/setup.py', parser);
    assert.deepEqual(r.dependencies.map((d) => d.name), ['coverage']);
    assert.deepEqual(
      r.problems.map((p) => [p.line, p.severity]),
      [
        [8, 'info'],
        [9, 'info'],
        [10, 'info'],
      ],
    );
    assert.match(r.problems[0].message, /install_requires .*could not be read statically/);
    // The requirements file named in the computed expression is read instead.
    assert.deepEqual(r.includes, [{ file: 'pkg/requirements/base.txt', constraint: false, line: 8 }]);
  });

  it('reports an unbound name as not static', () => {
    const r = parseSetupPy('from setuptools import setup\nsetup(install_requires=DEPS)\n', 'setup.py', parser);
    assert.deepEqual(r.dependencies, []);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].severity, 'info');
  });

  it('reports an invalid requirement string with its line', () => {
    const r = parseSetupPy('setup(install_requires=["flask", "django==",])\n', 'setup.py', parser);
    assert.deepEqual(r.dependencies.map((d) => d.name), ['flask']);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].line, 1);
    assert.equal(r.problems[0].severity, 'error');
  });

  it('ignores calls that are not setup() and files without one', () => {
    const r = parseSetupPy('def setup_logging():\n    pass\nother.setup(install_requires=["x"])\n', 'setup.py', parser);
    assert.deepEqual(r.dependencies, []);
    assert.deepEqual(r.problems, []);
  });
});
