import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { main, parseArgs } from '../../src/cli/main';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new Capture();
  const err = new Capture();
  // Tests run in process and without the user's cache unless they ask for them.
  const extra = [...(argv.includes('--cache-dir') ? [] : ['--no-cache']), ...(argv.includes('--jobs') ? [] : ['--jobs', '1'])];
  const code = await main([...argv, ...extra], out, err);
  return { code, out: out.text, err: err.text };
}

const FIX = (name: string) => path.join(__dirname, '..', 'fixtures', name);

describe('CLI', () => {
  it('parses its arguments', () => {
    assert.deepEqual(parseArgs(['x', '--format=json', '--exclude', 'a/**']), { dir: 'x', format: 'json', exclude: ['a/**'], cache: true });
    assert.deepEqual(parseArgs(['--no-cache', '--jobs', '2']), { dir: '.', format: 'text', exclude: [], cache: false, jobs: 2 });
    assert.ok('error' in parseArgs(['--jobs', '0']));
    assert.ok('error' in parseArgs(['--format', 'xml']));
    assert.ok('error' in parseArgs(['--bogus']));
    assert.ok('error' in parseArgs(['a', 'b']));
    assert.ok('help' in parseArgs(['--help']));
  });

  it('exits 2 with a message for a missing folder or a usage error', async () => {
    const r = await run(path.join(__dirname, 'no-such-folder'));
    assert.equal(r.code, 2);
    assert.match(r.err, /no such folder/);
    assert.equal((await run('--format', 'yaml')).code, 2);
  });

  it('prints the JSON contract', async () => {
    const r = await run(FIX('flask-batteries'), '--format', 'json');
    assert.equal(r.code, 0);
    const j = JSON.parse(r.out);
    assert.equal(j.schemaVersion, 1);
    assert.ok(Array.isArray(j.problems));
    const p = j.projects[0];
    assert.deepEqual(Object.keys(p).filter((k) => ['root', 'framework', 'recommendation', 'confidence', 'scores', 'facts', 'findings', 'dependencies'].includes(k)).sort(), ['confidence', 'dependencies', 'facts', 'findings', 'framework', 'recommendation', 'root', 'scores']);
    assert.equal(p.root, '.');
    assert.equal(p.framework, 'flask');
    assert.equal(p.recommendation, 'django');
    assert.ok(p.confidence > 0.5 && p.confidence <= 1);
    assert.equal(typeof p.scores.flask, 'number');
    for (const k of ['models', 'routes', 'templates']) assert.equal(typeof p.facts[k], 'number');
    for (const k of ['auth', 'admin', 'migrations', 'forms', 'restApi']) assert.equal(typeof p.facts[k], 'boolean');
    for (const f of p.findings) {
      assert.ok(['flask', 'django', 'neither'].includes(f.favors));
      for (const e of f.evidence) {
        assert.equal(typeof e.file, 'string');
        assert.ok(!path.isAbsolute(e.file));
        assert.ok(e.line === null || Number.isInteger(e.line));
      }
    }
    const dep = p.dependencies.find((d: { name: string }) => d.name === 'flask-login');
    assert.deepEqual([dep.file, typeof dep.line, dep.specifier], ['requirements.txt', 'number', '==0.6.3']);
  });

  it('prints text and Markdown reports', async () => {
    const text = await run(FIX('django-thin'));
    assert.match(text.out, /Flask fits better — \d+% · in use: Django/);
    assert.match(text.out, /batteries are mostly unused/);
    const md = await run(FIX('django-polls'), '--format', 'markdown');
    assert.match(md.out, /^# Framework Fit report/);
    assert.match(md.out, /\*\*Django fits better/);
  });

  it('caches per-file results: a second run reads the cache, a damaged cache is discarded', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-cache-'));
    try {
      const first = await run(FIX('django-polls'), '--format', 'json', '--cache-dir', dir, '--jobs', '2');
      const files = fs.readdirSync(dir);
      assert.equal(files.length, 1);
      const second = await run(FIX('django-polls'), '--format', 'json', '--cache-dir', dir, '--jobs', '1');
      const strip = (s: string) => JSON.stringify({ ...JSON.parse(s), stats: undefined });
      assert.equal(strip(second.out), strip(first.out));
      fs.writeFileSync(path.join(dir, files[0]), '{"format":"framework-fit-analysis-cache","fingerprint":"x"');
      const third = await run(FIX('django-polls'), '--format', 'json', '--cache-dir', dir);
      const j = JSON.parse(third.out);
      assert.ok(j.problems.some((p: { message: string }) => /analysis cache discarded/.test(p.message)));
      assert.equal(j.projects[0].facts.models, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a non-web library with no recommendation', async () => {
    const j = JSON.parse((await run(FIX('plain-library'), '--format', 'json')).out);
    assert.equal(j.projects.length, 1);
    assert.equal(j.projects[0].framework, 'none');
    assert.equal(j.projects[0].recommendation, null);
  });
});
