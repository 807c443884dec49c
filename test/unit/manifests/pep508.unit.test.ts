import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { isUrl, looksLikePath, nameFromUrl, parsePep508, parseSimple, parseWithGrammar } from '../../../src/core/manifests/pep508';

function ok(text: string) {
  const r = parsePep508(text);
  if (!r.ok) assert.fail(`expected ${JSON.stringify(text)} to parse: ${r.error}`);
  return r.requirement;
}

describe('parsePep508', () => {
  it('reads name, extras, specifiers and marker, as written', () => {
    const text = 'Django[argon2, bcrypt] >= 4.2, < 5 ; python_version >= "3.8"  ';
    const r = ok(text);
    assert.equal(r.name, 'django');
    assert.equal(r.rawName, 'Django');
    assert.deepEqual(r.extras, ['argon2', 'bcrypt']);
    assert.equal(r.specifier, '>=4.2,<5');
    assert.equal(r.marker, 'python_version >= "3.8"');
    assert.equal(r.start, 0);
    assert.equal(r.end, text.trimEnd().length);
  });

  it('normalises names (PEP 503)', () => {
    assert.equal(ok('Flask_SQLAlchemy').name, 'flask-sqlalchemy');
    assert.equal(ok('zope.interface').name, 'zope-interface');
  });

  it('reads parenthesised specifiers', () => {
    assert.equal(ok('foo (>=1.0,<2)').specifier, '>=1.0,<2');
  });

  it('reads name @ url, with and without a marker', () => {
    const a = ok('pkg @ https://example.org/pkg-1.0.zip');
    assert.equal(a.url, 'https://example.org/pkg-1.0.zip');
    const b = ok('pkg[x] @ git+https://github.com/a/b.git@v1 ; os_name == "nt"');
    assert.equal(b.name, 'pkg');
    assert.deepEqual(b.extras, ['x']);
    assert.equal(b.url, 'git+https://github.com/a/b.git@v1');
    assert.equal(b.marker, 'os_name == "nt"');
  });

  it('accepts the arbitrary-equality operator ===', () => {
    assert.equal(ok('foo===1.0.x').specifier, '===1.0.x');
  });

  it('keeps ${VAR} references as written', () => {
    const r = ok('foo @ https://${HOST}/foo-1.0.tar.gz');
    assert.equal(r.url, 'https://${HOST}/foo-1.0.tar.gz');
    assert.equal(ok('foo==${VERSION}').specifier, '==${VERSION}');
  });

  it('reports what is wrong, with an offset, and never throws', () => {
    const r = parsePep508('foo==');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.offset, 5);
      assert.match(r.error, /unexpected end of text/);
    }
    assert.equal(parsePep508('').ok, false);
    assert.equal(parsePep508('-r other.txt').ok, false);
    assert.equal(parsePep508('not a requirement at all').ok, false);
  });
});

describe('parsePep508: the simple shape read without the grammar', () => {
  it('reads name[extras]>=1,<2 as the grammar does, and leaves every other shape to it', () => {
    assert.deepEqual(parseSimple('Flask-SQLAlchemy[async,dev]>=3.0,<4'), parseWithGrammar('Flask-SQLAlchemy[async,dev]>=3.0,<4'));
    for (const other of ['flask >=3', 'flask==1.0 ; python_version<"3.8"', 'flask===1.0', 'pkg @ https://x/p.whl', 'flask # c', 'flask.', 'a[b]c', '']) {
      assert.equal(parseSimple(other), undefined, other);
    }
  });

  it('agrees with the grammar on every line it reads (generated lines, and every fixture requirement line)', () => {
    const parts = ['a', 'Z', '0', '9', '.', '-', '_', 'flask', 'Django', '[', ']', ',', '==', '>=', '<=', '~=', '!=', '<', '>', '1', '.0', '*', '+', '!', ' ', ';', '@', '#', '==='];
    let read = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 14 }), (xs) => {
        const line = xs.join('');
        const simple = parseSimple(line);
        if (!simple) return;
        read++;
        assert.deepEqual(simple, parseWithGrammar(line), line);
      }),
      { numRuns: 20_000 },
    );
    assert.ok(read > 200, `only ${read} generated lines had the simple shape`);
    const root = path.join(__dirname, '..', '..', 'fixtures');
    let lines = 0;
    for (const rel of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!/requirements[^/]*\.(txt|in)$/.test(rel)) continue;
      for (const raw of fs.readFileSync(path.join(root, rel), 'utf8').split(/\r?\n/)) {
        const line = raw.trim();
        const simple = parseSimple(line);
        if (!simple) continue;
        lines++;
        assert.deepEqual(simple, parseWithGrammar(line), `${rel}: ${line}`);
      }
    }
    assert.ok(lines > 10, `only ${lines} fixture lines had the simple shape`);
  });
});

describe('URL helpers', () => {
  it('tells URLs (pip schemes and VCS) from paths and names', () => {
    assert.ok(isUrl('https://x.org/a.zip'));
    assert.ok(isUrl('git+ssh://git@github.com/a/b.git'));
    assert.ok(isUrl('hg+https://hg.example/x'));
    assert.ok(!isUrl('django>=4'));
    assert.ok(!isUrl('C:\\pkgs\\x.whl'));
    assert.ok(looksLikePath('./pkg'));
    assert.ok(looksLikePath('dist/x.whl'));
    assert.ok(looksLikePath('x-1.0.tar.gz'));
    assert.ok(!looksLikePath('django'));
  });

  it('names a project from #egg=, a wheel or an sdist file name', () => {
    assert.equal(nameFromUrl('git+https://github.com/a/b.git@main#egg=My_Pkg'), 'My_Pkg');
    assert.equal(nameFromUrl('git+https://github.com/a/b.git#subdirectory=x&egg=pkg[extra]'), 'pkg');
    assert.equal(nameFromUrl('https://x.org/Django-4.2.7-py3-none-any.whl'), 'Django');
    assert.equal(nameFromUrl('./dist/flask_login-0.6.3.tar.gz'), 'flask_login');
    assert.equal(nameFromUrl('https://github.com/pallets/flask/archive/refs/heads/main.zip'), undefined);
    assert.equal(nameFromUrl('.'), undefined);
  });
});
