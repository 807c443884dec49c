import { strict as assert } from 'node:assert';
import { parseSetupCfg, readIni } from '../../../src/core/manifests/setupCfg';
import type { Dependency } from '../../../src/core/model';

function covered(text: string, d: Dependency): string {
  return text.split(/\r\n|\r|\n/)[d.line - 1].slice(d.column - 1, d.endColumn - 1);
}

describe('readIni', () => {
  it('reads sections, both delimiters, continuation lines and whole-line comments', () => {
    const text = `; leading comment
[metadata]
name = demo
version: 1.0
[options]
install_requires =
    a
    # comment inside the value
    ; another

    b
python_requires = >=3.9
`;
    const ini = readIni(text);
    assert.deepEqual(ini.problems, []);
    assert.equal(ini.sections.get('metadata')?.options.get('version')?.lines[0].text, '1.0');
    const req = ini.sections.get('options')?.options.get('install_requires');
    assert.deepEqual(
      req?.lines.map((l) => [l.text, l.line]),
      [
        ['', 6],
        ['a', 7],
        ['', 10],
        ['b', 11],
      ],
    );
    assert.equal(ini.sections.get('options')?.options.get('python_requires')?.lines[0].text, '>=3.9');
  });

  it('reports text before any section and lines that are not key = value', () => {
    const ini = readIni('stray\n[s]\nkey = v\nnot an option\n');
    assert.deepEqual(
      ini.problems.map((p) => p.line),
      [1, 4],
    );
  });
});

describe('parseSetupCfg', () => {
  it('reads install_requires (one a line) and extras_require', () => {
    const text = `[metadata]
name = demo

[options]
packages = find:
install_requires =
    Django>=4.2,<5
    # the API layer
    djangorestframework>=3.14
    psycopg2-binary ; sys_platform == "linux"

[options.extras_require]
redis = redis>=5; hiredis
docs =
    sphinx
`;
    const r = parseSetupCfg(text, 'setup.cfg');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.dependencies.map((d) => [d.name, d.kind, d.group ?? null, d.specifier, d.marker]),
      [
        ['django', 'runtime', null, '>=4.2,<5', ''],
        ['djangorestframework', 'runtime', null, '>=3.14', ''],
        ['psycopg2-binary', 'runtime', null, '', 'sys_platform == "linux"'],
        ['redis', 'optional', 'redis', '>=5', ''],
        ['hiredis', 'optional', 'redis', '', ''],
        ['sphinx', 'optional', 'docs', '', ''],
      ],
    );
    const [django, , pg, redis, hiredis] = r.dependencies;
    assert.equal(django.format, 'setup.cfg');
    assert.deepEqual([django.line, django.column], [7, 5]);
    assert.equal(covered(text, django), 'Django>=4.2,<5');
    assert.equal(covered(text, pg), 'psycopg2-binary ; sys_platform == "linux"');
    assert.equal(covered(text, redis), 'redis>=5');
    assert.equal(covered(text, hiredis), 'hiredis');
  });

  it('reports file: directives as includes relative to setup.cfg', () => {
    const text = `[options]
install_requires = file: requirements/base.txt, requirements/extra.txt
[options.extras_require]
dev = file: requirements-dev.txt
`;
    const r = parseSetupCfg(text, 'pkg/setup.cfg');
    assert.deepEqual(r.dependencies, []);
    assert.deepEqual(r.includes, [
      { file: 'pkg/requirements/base.txt', constraint: false, line: 2 },
      { file: 'pkg/requirements/extra.txt', constraint: false, line: 2 },
      { file: 'pkg/requirements-dev.txt', constraint: false, line: 4 },
    ]);
  });

  it('reports an invalid requirement with its line and keeps the others', () => {
    const r = parseSetupCfg('[options]\ninstall_requires =\n    flask\n    django==\n    celery\n', 'setup.cfg');
    assert.deepEqual(r.dependencies.map((d) => d.name), ['flask', 'celery']);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].line, 4);
  });

  it('accepts setup_requires and tests_require, and CRLF', () => {
    const r = parseSetupCfg('[options]\r\nsetup_requires = setuptools_scm\r\ntests_require =\r\n  pytest\r\n', 'setup.cfg');
    assert.deepEqual(
      r.dependencies.map((d) => [d.name, d.kind]),
      [
        ['setuptools-scm', 'build'],
        ['pytest', 'dev'],
      ],
    );
  });
});
