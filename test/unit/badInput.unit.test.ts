import { strict as assert } from 'node:assert';
import { assess } from '../../src/core/assess';
import { MemoryWorkspace } from '../../src/core/read/workspace';

describe('bad input never crashes an assessment', () => {
  it('turns malformed manifests, binary and non-UTF-8 files, oversized files and bad includes into problems', async () => {
    const latin1 = Uint8Array.from([0x23, 0x20, 0xe9, 0x0a, 0x69, 0x6d, 0x70, 0x6f, 0x72, 0x74, 0x20, 0x66, 0x6c, 0x61, 0x73, 0x6b, 0x0a]); // "# é\nimport flask\n" in Latin-1
    const ws = new MemoryWorkspace({
      'requirements.txt': 'flask==3.0\ndjango==\n-r missing.txt\n-r loop.txt\n',
      'loop.txt': '-r requirements.txt\nrequests\n',
      'pyproject.toml': '[project\nname = "x"',
      'environment.yml': 'dependencies:\n  - [unclosed',
      'Pipfile': '[packages]\nflask = {version = }\n',
      'setup.cfg': '[options]\ninstall_requires =\n    flask>=\n',
      'binary.py': Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]),
      'latin.py': latin1,
      'huge.py': `x = "${'a'.repeat(2_000)}"\n`,
      'broken.py': 'import flask\ndef f(:\n  pass\n',
    });
    const a = await assess(ws, { maxFileBytes: 1_000 });
    const by = (file: string) => a.problems.filter((p) => p.file === file);
    assert.ok(by('requirements.txt').some((p) => p.line === 2), 'invalid requirement line');
    assert.ok(by('requirements.txt').some((p) => /missing\.txt/.test(p.message) && p.line === 3), 'missing include');
    assert.ok(a.problems.some((p) => /cycle/i.test(p.message)), 'include cycle');
    assert.ok(by('pyproject.toml').length > 0 && by('pyproject.toml')[0].line !== null, 'malformed TOML with a line');
    assert.ok(by('environment.yml').length > 0, 'malformed YAML');
    assert.ok(by('Pipfile').length > 0, 'malformed Pipfile');
    assert.ok(by('setup.cfg').length > 0, 'bad setup.cfg requirement');
    assert.match(by('binary.py')[0].message, /binary/);
    assert.match(by('latin.py')[0].message, /UTF-8/);
    assert.match(by('huge.py')[0].message, /limit/);
    assert.equal(by('broken.py')[0].line, 2);
    // The rest of the assessment went on.
    assert.equal(a.projects.length, 1);
    assert.equal(a.projects[0].framework, 'flask');
    assert.ok(a.projects[0].dependencies.some((d) => d.name === 'requests'));
  });

  it('reads a UTF-16 requirements file with a BOM as pip does, and refuses UTF-32 and broken UTF-16', async () => {
    const text = 'flask==3.0\ndjango>=4\n';
    const le = Uint8Array.from(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const be = Uint8Array.from(Buffer.from(le).swap16());
    const ws = new MemoryWorkspace({
      'requirements.txt': le,
      'b/requirements.txt': be,
      'c/requirements.txt': Uint8Array.from([0xff, 0xfe, 0, 0, 0x66, 0, 0, 0]),
      'd/requirements.txt': Uint8Array.from([0xff, 0xfe, 0x00, 0xd8]),
    });
    const a = await assess(ws);
    const deps = (root: string) => a.projects.find((p) => p.root === root)?.dependencies.map((d) => `${d.name}${d.specifier}`);
    assert.deepEqual(deps('.'), ['flask==3.0', 'django>=4']);
    assert.deepEqual(deps('b'), ['flask==3.0', 'django>=4']);
    assert.match(a.problems.find((p) => p.file === 'c/requirements.txt')?.message ?? '', /binary/);
    assert.match(a.problems.find((p) => p.file === 'd/requirements.txt')?.message ?? '', /UTF-16/);
  });
});
