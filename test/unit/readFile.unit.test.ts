/**
 * NodeWorkspace.readFile opens with O_NOFOLLOW and O_NONBLOCK and checks the open handle: a name
 * swapped, between listing and reading, for a link, a FIFO or a bigger file is refused (not
 * followed, not waited on, not read whole), and no message carries a host path.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AssessmentSession } from '../../src/core/assess';
import { NodeWorkspace, type Workspace } from '../../src/core/read/workspace';

const posix = process.platform !== 'win32';

describe('NodeWorkspace.readFile: no link followed, no pipe waited on, no host path said', function () {
  this.timeout(30_000);
  let root: string;
  let outside: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-read-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.py'), 'from django.db import models\nclass Secret(models.Model):\n    pass\n');
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  const message = (p: Promise<unknown>) => p.then(() => 'read', (e: Error) => e.message);

  it('reads a regular file, and refuses a link, a FIFO and a file over the limit at open', async function () {
    if (!posix) this.skip();
    const ws = new NodeWorkspace(root);
    fs.writeFileSync(path.join(root, 'a.py'), 'import flask\n');
    assert.equal(new TextDecoder().decode(await ws.readFile('a.py', 100)), 'import flask\n');
    fs.symlinkSync(path.join(outside, 'secret.py'), path.join(root, 'link.py'));
    assert.equal(await message(ws.readFile('link.py')), 'is a link; links are not followed (ELOOP)');
    assert.equal(spawnSync('mkfifo', [path.join(root, 'pipe.py')]).status, 0);
    assert.equal(await message(ws.readFile('pipe.py')), 'not a regular file when opened (a folder, pipe, socket or device); not read');
    assert.equal(await message(ws.readFile('a.py', 5)), 'larger than 5 bytes (13) when opened; not read');
    assert.equal(await message(ws.readFile('missing.py')), 'no such file or folder (ENOENT)');
    assert.equal(await message(ws.stat('missing.py')), 'no such file or folder (ENOENT)');
    assert.equal(await message(ws.listDir('missing')), 'no such file or folder (ENOENT)');
  });

  it('a scan whose files are swapped after listing reports each one, reads nothing outside, names no host path', async function () {
    if (!posix) this.skip();
    fs.writeFileSync(path.join(root, 'requirements.txt'), 'flask\n');
    fs.writeFileSync(path.join(root, 'app.py'), 'from flask import Flask\napp = Flask(__name__)\n');
    for (const name of ['models.py', 'views.py', 'big.py']) fs.writeFileSync(path.join(root, name), 'import flask\napp = flask.Flask(__name__)\n');
    const node = new NodeWorkspace(root);
    // The swap happens after the walk listed and stat-ed everything, right before the reads.
    let swapped = false;
    const swapping: Workspace = {
      label: node.label,
      listDir: (p) => node.listDir(p),
      stat: (p) => node.stat(p),
      readFile: (p, max) => {
        if (!swapped) {
          swapped = true;
          fs.rmSync(path.join(root, 'models.py'));
          fs.symlinkSync(path.join(outside, 'secret.py'), path.join(root, 'models.py'));
          fs.rmSync(path.join(root, 'views.py'));
          spawnSync('mkfifo', [path.join(root, 'views.py')]);
          fs.writeFileSync(path.join(root, 'big.py'), `import flask\n${'x = 1\n'.repeat(200_000)}`);
        }
        return node.readFile(p, max);
      },
    };
    const session = await AssessmentSession.create(swapping, { maxFileBytes: 100_000 });
    const a = await session.scan();
    session.dispose();
    const problems = a.problems.filter((p) => ['models.py', 'views.py', 'big.py'].includes(p.file)).map((p) => `${p.file}: ${p.message}`).sort();
    assert.deepEqual(problems, [
      'big.py: could not read: larger than 100000 bytes (1200013) when opened; not read',
      'models.py: could not read: is a link; links are not followed (ELOOP)',
      'views.py: could not read: not a regular file when opened (a folder, pipe, socket or device); not read',
    ]);
    const json = JSON.stringify(a);
    assert.ok(!json.includes('Secret'), 'nothing from the folder outside was read');
    assert.ok(!json.includes(outside) && !JSON.stringify(a.problems).includes(root), 'no host path in a problem');
  });
});
