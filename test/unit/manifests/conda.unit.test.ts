import { strict as assert } from 'node:assert';
import { parseCondaEnv } from '../../../src/core/manifests/conda';
import type { Dependency } from '../../../src/core/model';

function covered(text: string, d: Dependency): string {
  return text.split(/\r\n|\r|\n/)[d.line - 1].slice(d.column - 1, d.endColumn - 1);
}

describe('parseCondaEnv', () => {
  const text = `name: webapp
channels:
  - conda-forge
  - defaults
dependencies:
  - python=3.11
  - pip
  - django>=4.2
  - conda-forge::flask
  - numpy 1.26.*
  - "pandas=2.2=py311_0"
  - scipy >=1.11
  - pip:
    - gunicorn>=21
    - "whitenoise[brotli]==6.6.0"
    - -r requirements/prod.txt
    - --extra-index-url https://pypi.example/simple
    - -e git+https://github.com/acme/lib.git#egg=acme-lib
`;

  it('reads conda specs, skipping python and pip', () => {
    const r = parseCondaEnv(text, 'environment.yml');
    assert.deepEqual(r.problems, []);
    const conda = r.dependencies.filter((d) => d.group === undefined);
    assert.deepEqual(
      conda.map((d) => [d.name, d.specifier]),
      [
        ['django', '>=4.2'],
        ['flask', ''],
        ['numpy', '1.26.*'],
        ['pandas', '=2.2'],
        ['scipy', '>=1.11'],
      ],
    );
    for (const d of conda) {
      assert.equal(d.format, 'conda');
      assert.equal(d.kind, 'runtime');
    }
    assert.equal(conda[0].line, 8);
    assert.equal(covered(text, conda[0]), 'django>=4.2');
    assert.equal(covered(text, conda[1]), 'flask');
    assert.equal(covered(text, conda[3]), 'pandas=2.2=py311_0');
  });

  it('reads the pip: list as requirements lines (PEP 508, includes, options, editables)', () => {
    const r = parseCondaEnv(text, 'env/environment.yml');
    const pip = r.dependencies.filter((d) => d.group === 'pip');
    assert.deepEqual(
      pip.map((d) => [d.name, d.specifier, d.extras]),
      [
        ['gunicorn', '>=21', []],
        ['whitenoise', '==6.6.0', ['brotli']],
        ['acme-lib', '', []],
      ],
    );
    assert.equal(pip[2].editable, true);
    assert.equal(pip[0].line, 14);
    assert.equal(covered(text, pip[0]), 'gunicorn>=21');
    assert.equal(covered(text, pip[1]), 'whitenoise[brotli]==6.6.0');
    assert.deepEqual(r.includes, [{ file: 'env/requirements/prod.txt', constraint: false, line: 16 }]);
    assert.deepEqual(r.options, [{ name: '--extra-index-url', value: 'https://pypi.example/simple', line: 17 }]);
  });

  it('reports an invalid pip requirement on its line', () => {
    const r = parseCondaEnv('dependencies:\n  - pip:\n    - flask\n    - django==\n', 'environment.yml');
    assert.deepEqual(r.dependencies.map((d) => d.name), ['flask']);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].line, 4);
  });

  it('turns malformed YAML into a problem, without throwing', () => {
    const r = parseCondaEnv('name: x\ndependencies:\n  - [django\n', 'environment.yml');
    assert.deepEqual(r.dependencies, []);
    assert.ok(r.problems.length >= 1);
    assert.equal(r.problems[0].severity, 'error');
    assert.match(r.problems[0].message, /invalid YAML/);
    assert.equal(typeof r.problems[0].line, 'number');
  });

  it('accepts files without dependencies and warns about odd shapes', () => {
    assert.deepEqual(parseCondaEnv('name: x\n', 'environment.yml').dependencies, []);
    assert.deepEqual(parseCondaEnv('', 'environment.yml').problems, []);
    const odd = parseCondaEnv('dependencies: django\n', 'environment.yml');
    assert.equal(odd.problems.length, 1);
    assert.equal(odd.problems[0].severity, 'warning');
  });
});
