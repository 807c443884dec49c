import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { walk } from '../../src/core/read/discovery';
import { MemoryWorkspace, NodeWorkspace, resolvePath } from '../../src/core/read/workspace';

describe('walk', () => {
  it('skips VCS, virtual environments (by name and by pyvenv.cfg), caches and build output', async () => {
    const ws = new MemoryWorkspace({
      'app.py': '',
      'requirements.txt': 'flask',
      '.git/config': '',
      'node_modules/x/setup.py': '',
      '.venv/lib/site.py': '',
      'myenv/pyvenv.cfg': '',
      'myenv/lib/python3.11/site-packages/django/__init__.py': '',
      'pkg/__pycache__/a.cpython-311.pyc': '',
      'pkg/views.py': '',
      'build/lib/pkg/views.py': '',
      'pkg.egg-info/requires.txt': '',
      'README.md': '',
    });
    const r = await walk(ws);
    assert.deepEqual(r.files.map((f) => f.path), ['app.py', 'pkg/views.py', 'requirements.txt']);
  });

  it('honours exclude globs and the max-files limit', async () => {
    const ws = new MemoryWorkspace({ 'a.py': '', 'b.py': '', 'legacy/c.py': '', 'legacy/deep/d.py': '' });
    assert.deepEqual((await walk(ws, { exclude: ['legacy/**'] })).files.map((f) => f.path), ['a.py', 'b.py']);
    const limited = await walk(ws, { maxFiles: 2 });
    assert.equal(limited.files.length, 2);
    assert.equal(limited.truncated, true);
    assert.match(limited.problems[0].message, /max-files/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(walk(new MemoryWorkspace({ 'a.py': '' }), { signal: controller.signal }));
  });

  it('never follows symbolic links (no loops, nothing outside the workspace)', async function () {
    if (process.platform === 'win32') this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-walk-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.py'), 'import django');
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(path.join(dir, 'src', 'app.py'), '');
      fs.symlinkSync(dir, path.join(dir, 'src', 'loop'));
      fs.symlinkSync(outside, path.join(dir, 'out'));
      fs.symlinkSync(path.join(outside, 'secret.py'), path.join(dir, 'linked.py'));
      const r = await walk(new NodeWorkspace(dir));
      assert.deepEqual(r.files.map((f) => f.path), ['src/app.py']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('resolvePath', () => {
  it('folds . and .. and refuses to leave the workspace', () => {
    assert.equal(resolvePath('a/b', '../c.txt'), 'a/c.txt');
    assert.equal(resolvePath('a', './x/./y.txt'), 'a/x/y.txt');
    assert.equal(resolvePath('a', '../../etc/passwd'), undefined);
    // An absolute path names a host file (pip would read it), never one re-rooted in the workspace.
    for (const abs of ['/etc/passwd', '//etc/passwd', '\\\\share\\x.txt', 'C:\\x.txt', 'c:/x.txt']) assert.equal(resolvePath('a', abs), undefined, abs);
  });
});
