import { strict as assert } from 'node:assert';
import { parseRequirements, requirementsKindFor } from '../../../src/core/manifests/requirements';
import type { Dependency } from '../../../src/core/model';

/** The text a dependency's range covers (single-line ranges). */
function covered(text: string, d: Dependency): string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  assert.equal(d.line, d.endLine, 'single-line range expected');
  return lines[d.line - 1].slice(d.column - 1, d.endColumn - 1);
}

const names = (deps: Dependency[]): string[] => deps.map((d) => d.name);

describe('parseRequirements', () => {
  it('reads plain requirements with specifiers, extras and markers', () => {
    const text = [
      'Django>=4.2, <5',
      'flask[async,dotenv]==3.0.0',
      'requests ; python_version >= "3.8"',
      'Flask_SQLAlchemy~=3.1',
    ].join('\n');
    const r = parseRequirements(text, 'requirements.txt');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(names(r.dependencies), ['django', 'flask', 'requests', 'flask-sqlalchemy']);
    const [django, flask, requests, fsa] = r.dependencies;
    assert.equal(django.rawName, 'Django');
    assert.equal(django.specifier, '>=4.2,<5');
    assert.deepEqual(flask.extras, ['async', 'dotenv']);
    assert.equal(flask.specifier, '==3.0.0');
    assert.equal(requests.marker, 'python_version >= "3.8"');
    assert.equal(requests.specifier, '');
    assert.equal(fsa.rawName, 'Flask_SQLAlchemy');
    for (const d of r.dependencies) {
      assert.equal(d.kind, 'runtime');
      assert.equal(d.format, 'requirements');
      assert.equal(d.file, 'requirements.txt');
    }
  });

  it('gives each requirement the range from its name to the end of its specifier or marker', () => {
    const text = 'Django>=4.2, <5\n  flask[async] ==3.0   # web\nrequests ; python_version >= "3.8"\n';
    const r = parseRequirements(text, 'requirements.txt');
    const [django, flask, requests] = r.dependencies;
    assert.deepEqual([django.line, django.column, django.endLine, django.endColumn], [1, 1, 1, 16]);
    assert.equal(covered(text, django), 'Django>=4.2, <5');
    assert.equal(flask.line, 2);
    assert.equal(flask.column, 3);
    assert.equal(covered(text, flask), 'flask[async] ==3.0');
    assert.equal(covered(text, requests), 'requests ; python_version >= "3.8"');
  });

  it('strips comments: whole lines and after whitespace, but not # inside a URL', () => {
    const text = [
      '# a comment',
      '   # an indented comment',
      'django  # the framework',
      'flask#not-a-comment-without-space',
      'git+https://github.com/a/b.git#egg=pkg',
    ].join('\n');
    const r = parseRequirements(text, 'requirements.txt');
    assert.deepEqual(names(r.dependencies), ['django', 'pkg']);
    // "flask#…" is what pip sees too: an invalid requirement, reported on its line.
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].line, 4);
    assert.equal(r.problems[0].severity, 'error');
  });

  it('joins continuation lines and numbers them by their first line', () => {
    const text = ['django \\', '  >=4.2,\\', '  <5', 'flask'].join('\n');
    const r = parseRequirements(text, 'requirements.txt');
    assert.deepEqual(names(r.dependencies), ['django', 'flask']);
    const [django, flask] = r.dependencies;
    assert.equal(django.specifier, '>=4.2,<5');
    assert.equal(django.line, 1);
    assert.equal(django.column, 1);
    assert.equal(django.endLine, 3);
    assert.equal(django.endColumn, 5);
    assert.equal(flask.line, 4);
  });

  it('ends a continuation at a comment line, as pip does', () => {
    const r = parseRequirements('django \\\n# comment\nflask\n', 'requirements.txt');
    assert.deepEqual(names(r.dependencies), ['django', 'flask']);
    assert.equal(r.dependencies[1].line, 3);
  });

  it('strips --hash options, also on continuation lines', () => {
    const text = [
      'Django==4.2.7 \\',
      '    --hash=sha256:aaaa \\',
      '    --hash=sha256:bbbb',
      'flask==3.0.0 --hash sha256:cccc',
    ].join('\n');
    const r = parseRequirements(text, 'requirements.txt');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(names(r.dependencies), ['django', 'flask']);
    assert.equal(r.dependencies[0].specifier, '==4.2.7');
    assert.equal(covered(text, r.dependencies[0]), 'Django==4.2.7');
    assert.deepEqual(r.options, []);
  });

  it('records -r and -c includes in every spelling, relative to the including file', () => {
    const text = [
      '-r base.txt',
      '-rcommon.txt',
      '--requirement=../shared/extra.txt',
      '--requirement other.txt',
      '-c constraints.txt',
      '--constraint=../pins.txt',
    ].join('\n');
    const r = parseRequirements(text, 'requirements/dev.txt');
    assert.deepEqual(r.includes, [
      { file: 'requirements/base.txt', constraint: false, line: 1 },
      { file: 'requirements/common.txt', constraint: false, line: 2 },
      { file: 'shared/extra.txt', constraint: false, line: 3 },
      { file: 'requirements/other.txt', constraint: false, line: 4 },
      { file: 'requirements/constraints.txt', constraint: true, line: 5 },
      { file: 'pins.txt', constraint: true, line: 6 },
    ]);
    assert.deepEqual(r.dependencies, []);
    assert.deepEqual(r.problems, []);
  });

  it('reports an include that leaves the workspace instead of following it', () => {
    const r = parseRequirements('-r ../../elsewhere.txt\n', 'sub/requirements.txt');
    assert.deepEqual(r.includes, []);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].line, 1);
    assert.match(r.problems[0].message, /outside the workspace/);
  });

  it('reads -e VCS URLs with #egg= as editable dependencies, and skips local paths quietly', () => {
    const text = [
      '-e git+https://github.com/pallets/flask.git@main#egg=Flask',
      '--editable=git+ssh://git@github.com/a/lib.git#egg=my_lib[extra]',
      '-e .',
      '-e ./packages/core[dev]',
      '-e git+https://github.com/a/noname.git',
    ].join('\n');
    const r = parseRequirements(text, 'requirements.txt');
    assert.deepEqual(names(r.dependencies), ['flask', 'my-lib']);
    const [flask, lib] = r.dependencies;
    assert.equal(flask.editable, true);
    assert.equal(flask.url, 'git+https://github.com/pallets/flask.git@main#egg=Flask');
    assert.equal(flask.rawName, 'Flask');
    assert.equal(covered(text, flask), 'git+https://github.com/pallets/flask.git@main#egg=Flask');
    assert.deepEqual(lib.extras, ['extra']);
    // Only the URL without a name is worth mentioning; local paths are projects of their own.
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].line, 5);
    assert.equal(r.problems[0].severity, 'info');
  });

  it('reads bare VCS/URL lines, wheels and name @ url', () => {
    const text = [
      'git+https://github.com/encode/django-rest-framework.git@3.15#egg=djangorestframework',
      'https://files.example.org/Werkzeug-3.0.1-py3-none-any.whl',
      './vendor/celery-5.3.0.tar.gz',
      'pkg @ https://example.org/pkg.zip ; sys_platform == "linux"',
      'https://github.com/pallets/flask/archive/refs/heads/main.zip',
      './local-project',
    ].join('\n');
    const r = parseRequirements(text, 'requirements.txt');
    assert.deepEqual(names(r.dependencies), ['djangorestframework', 'werkzeug', 'celery', 'pkg']);
    assert.equal(r.dependencies[0].url, 'git+https://github.com/encode/django-rest-framework.git@3.15#egg=djangorestframework');
    assert.equal(r.dependencies[0].editable, undefined);
    const pkg = r.dependencies[3];
    assert.equal(pkg.url, 'https://example.org/pkg.zip');
    assert.equal(pkg.marker, 'sys_platform == "linux"');
    assert.equal(covered(text, pkg), 'pkg @ https://example.org/pkg.zip ; sys_platform == "linux"');
    assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
    assert.equal(r.problems[0].line, 5);
    assert.equal(r.problems[0].severity, 'info');
  });

  it('records global options and is not stopped by them', () => {
    const text = [
      '--index-url https://pypi.example/simple',
      '-i https://mirror.example/simple',
      '--extra-index-url=https://extra.example/simple',
      '--find-links ./wheels',
      '-f https://links.example/',
      '--trusted-host pypi.example',
      '--pre',
      '--no-binary :all:',
      '--only-binary=psycopg2',
      '--prefer-binary',
      '--require-hashes',
      '--use-feature=truststore',
      '--no-index',
      '--extra-index https://abbrev.example/simple',
      'django',
    ].join('\n');
    const r = parseRequirements(text, 'requirements.txt');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(names(r.dependencies), ['django']);
    assert.deepEqual(
      r.options?.map((o) => [o.name, o.value, o.line]),
      [
        ['--index-url', 'https://pypi.example/simple', 1],
        ['--index-url', 'https://mirror.example/simple', 2],
        ['--extra-index-url', 'https://extra.example/simple', 3],
        ['--find-links', './wheels', 4],
        ['--find-links', 'https://links.example/', 5],
        ['--trusted-host', 'pypi.example', 6],
        ['--pre', '', 7],
        ['--no-binary', ':all:', 8],
        ['--only-binary', 'psycopg2', 9],
        ['--prefer-binary', '', 10],
        ['--require-hashes', '', 11],
        ['--use-feature', 'truststore', 12],
        ['--no-index', '', 13],
        ['--extra-index-url', 'https://abbrev.example/simple', 14],
      ],
    );
  });

  it('warns about an unknown option and goes on', () => {
    const r = parseRequirements('--frobnicate\ndjango\n', 'requirements.txt');
    assert.deepEqual(names(r.dependencies), ['django']);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].severity, 'warning');
    assert.equal(r.problems[0].line, 1);
    assert.match(r.problems[0].message, /--frobnicate/);
  });

  it('reports an invalid line with its line number and parses the others', () => {
    const text = ['django>=4', 'flask==', 'this is not valid', 'celery'].join('\n');
    const r = parseRequirements(text, 'requirements.txt');
    assert.deepEqual(names(r.dependencies), ['django', 'celery']);
    assert.deepEqual(
      r.problems.map((p) => [p.line, p.severity]),
      [
        [2, 'error'],
        [3, 'error'],
      ],
    );
    assert.match(r.problems[0].message, /pip would reject/);
    assert.match(r.problems[0].message, /flask==/);
    assert.equal(r.problems[0].file, 'requirements.txt');
  });

  it('handles a BOM, CRLF, tabs and trailing whitespace', () => {
    const text = '\uFEFFDjango>=4.2\t \r\n\tflask\t==3.0  \r\n\r\ncelery \\  \r\n  >=5\r\n';
    const r = parseRequirements(text, 'requirements.txt');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(names(r.dependencies), ['django', 'flask', 'celery']);
    const [django, flask, celery] = r.dependencies;
    assert.deepEqual([django.line, django.column, django.endColumn], [1, 1, 12]);
    assert.equal(flask.specifier, '==3.0');
    assert.deepEqual([flask.line, flask.column], [2, 2]);
    assert.equal(celery.specifier, '>=5');
    assert.deepEqual([celery.line, celery.endLine], [4, 5]);
  });

  it('leaves ${VAR} references as written', () => {
    const text = [
      '--extra-index-url https://${PYPI_TOKEN}@pypi.example/simple',
      'private-lib @ git+https://${GITHUB_TOKEN}@github.com/acme/lib.git',
      'git+https://${GITHUB_TOKEN}@github.com/acme/other.git#egg=other',
    ].join('\n');
    const r = parseRequirements(text, 'requirements.txt');
    assert.deepEqual(r.problems, []);
    assert.equal(r.options?.[0].value, 'https://${PYPI_TOKEN}@pypi.example/simple');
    assert.equal(r.dependencies[0].url, 'git+https://${GITHUB_TOKEN}@github.com/acme/lib.git');
    assert.equal(r.dependencies[1].name, 'other');
  });

  it('parses an empty file and a comments-only file to nothing', () => {
    assert.deepEqual(parseRequirements('', 'r.txt'), { dependencies: [], problems: [], includes: [], options: [] });
    assert.deepEqual(parseRequirements('# only\n\n   \n', 'r.txt').dependencies, []);
  });
});

/**
 * One test per cause of disagreement found by running pip's and packaging's own test cases through
 * this reader (scripts/pip-agreement; the cases are theirs and not kept here, these lines are ours).
 */
describe('parseRequirements judges a line as pip 26 does', () => {
  const verdict = (line: string): 'accept' | 'reject' => {
    const r = parseRequirements(`${line}\n`, 'requirements.txt');
    return r.problems.some((p) => p.severity === 'error' || /pip would reject/.test(p.message)) ? 'reject' : 'accept';
  };
  const cases: [string, 'accept' | 'reject', string][] = [
    ["pkg@https://example.org/pkg;v=1.1/?q=a", 'reject', "pip cuts the marker off at the first ';', even inside a URL"],
    ["pkg @ https://example.org/; extra == 'x'", 'accept', "and parses what follows the ';' as a marker"],
    ['pkg; ', 'accept', 'an empty marker is dropped'],
    ['pkg;', 'accept', 'an empty marker is dropped'],
    ["pkg; os.name == 'nt' and platform.machine == 'x86'", 'accept', 'the old dotted marker names'],
    ["pkg; python_implementation == 'CPython'", 'accept', 'the old marker name python_implementation'],
    ["pkg; 'x' in extras or 'dev' in dependency_groups", 'accept', 'the extras and dependency_groups variables'],
    ['pkg @ git+ssh://git@github.com:org/repo.git', 'accept', 'scp-style URLs'],
    ['pkg>=1.0+local', 'reject', 'a local label only after == or !='],
    ['pkg==1.2.post4.*', 'reject', '.* after a post release'],
    ['pkg==1.0.org1', 'reject', 'not a PEP 440 version'],
    ['pkg~=1', 'reject', '~= needs two release parts'],
    ['pkg===x,y', 'reject', "=== takes the comma, then the set is split at it"],
    ['pkg; os_name == "C:\\"', 'reject', 'a quoted value is a Python literal: this one never ends'],
    ['pkg; os_name == "\\x"', 'reject', 'a truncated \\x escape'],
    ['pkg; os_name == "\\d"', 'accept', 'an unknown escape is kept'],
    ['--no-require-hashes', 'accept', 'options of pip 26'],
    ['--only-final :all:', 'accept', 'options of pip 26'],
    ['--all-releases=pkg', 'accept', 'options of pip 26'],
    ['--global-option=x', 'reject', 'gone from pip'],
    ['-', 'accept', 'a lone dash is an argument, not an option'],
    ['--use-feature=resolvelib', 'reject', 'pip checks the feature name'],
    ['pkg==1.0 --hash=somehash', 'reject', '--hash takes algorithm:digest'],
    ['pkg==1.0 --hash=md5:abc', 'reject', 'and only sha256, sha384, sha512'],
    ['pkg==1.0 --hash=sha256:abc', 'accept', ''],
    ["pkg --hash='sha256:abc", 'reject', 'a quote in the options never closed (shlex)'],
    ['file://server/share/pkg.tar.gz', 'reject', 'a file: URL on another host'],
    ['pkg @ file://.', 'reject', 'a file: URL on another host'],
    ['pkg @ file:///tmp/pkg', 'accept', ''],
    ['https://example.org/not-a-wheel.whl', 'reject', 'a .whl whose name is not a wheel name'],
    ['https://example.org/pkg-2.0_1-py3-none-any.whl', 'reject', 'a wheel whose version is not PEP 440'],
    ['pkg===1.0[extra]', 'reject', 'extras after the version'],
  ];
  for (const [line, want, why] of cases) {
    it(`${want}s ${JSON.stringify(line)}${why ? `: ${why}` : ''}`, () => assert.equal(verdict(line), want));
  }

  it('installs a wheel file as name==version, as pip does', () => {
    const r = parseRequirements('https://example.org/Foo_Bar-v2.0.post1-py3-none-any.whl\n./dist/baz-1.0.0-1-py3-none-any.whl\n', 'requirements.txt');
    assert.deepEqual(
      r.dependencies.map((d) => [d.name, d.specifier]),
      [
        ['foo-bar', '==2.0.post1'],
        ['baz', '==1.0.0'],
      ],
    );
  });

  it('keeps the marker after a URL when pip does, with its range', () => {
    const text = "pkg @ https://example.org/p.zip; python_version > '3'";
    const [d] = parseRequirements(text, 'requirements.txt').dependencies;
    assert.equal(d.url, 'https://example.org/p.zip');
    assert.equal(d.marker, "python_version > '3'");
    assert.equal(covered(text, d), text);
  });

  it('says a name taken from the environment is not read', () => {
    const r = parseRequirements('${PKG_NAME}==1.0\n', 'requirements.txt');
    assert.deepEqual(r.dependencies, []);
    assert.match(r.problems[0].message, /environment variable/);
  });
});

describe('requirementsKindFor', () => {
  it('reads dev-like names as dev and the rest as runtime', () => {
    for (const p of [
      'requirements-dev.txt',
      'requirements_dev.txt',
      'dev-requirements.txt',
      'requirements/test.txt',
      'requirements/tests.txt',
      'requirements-lint.txt',
      'docs/requirements.txt',
      'requirements/ci.txt',
      'requirements/development.txt',
      'test-requirements.txt',
    ]) {
      assert.equal(requirementsKindFor(p), 'dev', p);
    }
    for (const p of ['requirements.txt', 'requirements/base.txt', 'requirements/production.txt', 'requirements/social.txt', 'requirements.in']) {
      assert.equal(requirementsKindFor(p), 'runtime', p);
    }
  });
});
