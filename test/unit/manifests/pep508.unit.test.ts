import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { isUrl, looksLikePath, nameFromUrl, parseFull, parsePep508, parseSimple } from '../../../src/core/manifests/pep508';

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

describe('parsePep508: what packaging (and pip 24+) accepts and rejects', () => {
  // Our own cases, one per rule of the grammar, with packaging 26.2's verdict on each.
  const accepted: [string, Partial<Record<'name' | 'specifier' | 'marker' | 'url', string>> & { extras?: string[] }][] = [
    ['foo_', { name: 'foo-' }],
    ['foo (>=1)', { specifier: '>=1' }],
    ['foo>=1,', { specifier: '>=1' }],
    ['foo[]', { extras: [] }],
    ['foo[ a , b ]', { extras: ['a', 'b'] }],
    ['FOO[A]>=1.0.0RC1', { name: 'foo', extras: ['A'], specifier: '>=1.0.0RC1' }],
    ['foo===any-thing', { specifier: '===any-thing' }],
    ['foo == 1.0.*', { specifier: '==1.0.*' }],
    ['foo!=1.0+local.7', { specifier: '!=1.0+local.7' }],
    ['foo~=1.4.post2.dev3', { specifier: '~=1.4.post2.dev3' }],
    ["foo; os.name == 'nt'", { marker: "os.name == 'nt'" }],
    ["foo; platform.python_implementation == 'CPython'", {}],
    ["foo; extras == 'a' or dependency_groups == 'b'", {}],
    ["foo; 'a' == 'b'", {}],
    ["foo; python_version not in '3.8 3.9'", {}],
    ["foo; (os_name=='a' or os_name=='b') and python_version>'3'", {}],
    ['foo @ bar', { url: 'bar' }],
    ['foo @ git+ssh://git@github.com:org/repo.git', { url: 'git+ssh://git@github.com:org/repo.git' }],
    ["foo @ https://x/y;python_version>'3'", { url: "https://x/y;python_version>'3'", marker: '' }],
    ["foo @ https://x ; python_version > '3'", { url: 'https://x', marker: "python_version > '3'" }],
  ];
  for (const [text, want] of accepted) {
    it(`accepts ${text}`, () => {
      const r = ok(text);
      for (const [k, v] of Object.entries(want)) assert.deepEqual(r[k as keyof typeof r], v, k);
    });
  }

  const rejected: [string, RegExp][] = [
    ['foo.', /after the name/],
    ['foo>=1.0+local', /local version label only after == or !=/],
    ['foo==1.2.post4.*', /\.\* only after == or !=/],
    ['foo==1.0.org1', /after the version specifier/],
    ['foo~=1', /two parts/],
    ['foo~=1.0.*', /\.\* only after/],
    ['foo==1.*.2', /after the version specifier/],
    ['foo>=1 <2', /after the version specifier/],
    ['foo>=1 ;', /a marker variable or a quoted string/],
    ['foo @ ', /a URL after @/],
    ['foo @ https://x y', /after the URL/],
    ["foo; python_version >= '3' AND os_name == 'x'", /the end of the requirement/],
    ["foo; python_version notin '3'", /marker operator/],
    ["foo; os_name == nt", /a marker variable or a quoted string/],
    ['foo[a b]', /a comma between extra names/],
    ['foo[a', /'\]' to close the extras/],
    ['foo (>=1', /'\)' to close/],
  ];
  for (const [text, reason] of rejected) {
    it(`rejects ${text}`, () => {
      const r = parsePep508(text);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.error, reason);
    });
  }
});

describe('parsePep508: the simple shape read by one regex', () => {
  it('reads name[extras]>=1,<2 as the full reader does, and leaves every other shape to it', () => {
    const parts = ['a', 'Z', '0', '9', '.', '-', '_', 'flask', '[', ']', ',', '==', '>=', '<=', '~=', '!=', '<', '>', '===', '1', '.0', '.*', '+', 'rc1', ' ', ';', '@', '#'];
    let read = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 14 }), (xs) => {
        const line = xs.join('');
        const simple = parseSimple(line);
        if (!simple) return;
        read++;
        assert.deepEqual(simple, parseFull(line), line);
      }),
      { numRuns: 20_000 },
    );
    assert.ok(read > 200, `only ${read} generated lines had the simple shape`);
    for (const other of ['flask >=3', 'flask==1.0 ; python_version<"3.8"', 'flask===1.0', 'flask~=1', 'flask==1.0rc1', 'pkg @ https://x/p.whl', 'flask.', '']) {
      assert.equal(parseSimple(other), undefined, other);
    }
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
