/**
 * The same workspace gives the same answer on any machine, at any load, with any --jobs: every
 * budget is counted in work (parser.ts), not time. The workspace holds the inputs that used to
 * depend on the clock (a file in a slow error-recovery path, stray brackets, long continuation
 * runs) beside the hostile workspace; it is assessed in process and on two workers while other
 * processes burn both cores.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main';
import { generateHostileWorkspace, type HostileWorkspace } from '../hostile/generate';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

/** The CLI's JSON for `dir`, without the one figure that is a time. */
async function assessJson(dir: string, jobs: number): Promise<string> {
  const out = new Capture();
  const code = await main([dir, '--format', 'json', '--no-cache', '--jobs', String(jobs)], out, new Capture());
  assert.notEqual(code, 2);
  const json = JSON.parse(out.text) as { stats: { ms?: number } };
  delete json.stats.ms;
  return JSON.stringify(json, null, 1);
}

describe('determinism under load', function () {
  this.timeout(240_000);
  let ws: HostileWorkspace;
  const burners: ChildProcess[] = [];

  before(() => {
    ws = generateHostileWorkspace({ small: true });
    const slow = fs.readFileSync(path.join(__dirname, 'resources', 'slow-setup.py.txt'), 'utf8');
    const dir = path.join(ws.root, 'clocked');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'setup.py'), slow);
    fs.writeFileSync(path.join(dir, 'slow.py'), `import flask\n${slow}`);
    fs.writeFileSync(path.join(dir, 'brackets.py'), `from flask import Flask\napp = Flask(__name__)\n${'['.repeat(300_000)}\n`);
    fs.writeFileSync(path.join(dir, 'continued.py'), `import flask\napp = flask.Flask(__name__)\nx = 1 + \\\n${'1 + \\\n'.repeat(999)}1\ny = \\\n${'2 + \\\n'.repeat(1500)}2\n`);
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'flask\nflask-sqlalchemy\n');
  });

  after(() => {
    for (const b of burners) b.kill('SIGKILL');
    ws?.remove();
  });

  it('gives identical JSON in process and on two workers, with both cores busy', async () => {
    const quiet = await assessJson(ws.root, 1);
    for (let i = 0; i < os.availableParallelism(); i++) burners.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
    const loaded1 = await assessJson(ws.root, 1);
    const loaded2 = await assessJson(ws.root, 2);
    assert.equal(loaded1, quiet, '--jobs 1 under load');
    assert.equal(loaded2, quiet, '--jobs 2 under load');
    // The clocked inputs each gave their counted answer (continued.py's long runs are in inert
    // statements the pre-filter cuts before parsing: no problem).
    const problems = (JSON.parse(quiet) as { problems: { file: string; message: string }[] }).problems.filter((p) => p.file.startsWith('clocked/'));
    assert.deepEqual(
      problems.map((p) => `${p.file}: ${p.message}`),
      [
        'clocked/setup.py: setup.py not read: parsing stopped: far more work than real code of this size needs (pathological syntax)',
        'clocked/brackets.py: Python syntax error; results for this file may be partial',
        'clocked/slow.py: could not analyze: parsing stopped: far more work than real code of this size needs (pathological syntax)',
      ],
    );
  });
});
