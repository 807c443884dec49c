/**
 * Each hostile case of issue #21 (test/hostile/cases.ts) gives exactly its expected problems and
 * dependencies, assessed as the CLI does (Node file system, worker pool, a size setting far past
 * the ceiling); the text report carries the hostile names without their control characters.
 */
import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main';
import type { Assessment } from '../../src/core/model';
import { writeHostileCases, type HostileCases } from '../hostile/cases';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

async function cli(...argv: string[]): Promise<string> {
  const out = new Capture();
  await main([...argv, '--no-cache', '--jobs', '2'], out, new Capture());
  return out.text;
}

describe('hostile cases of issue #21: the exact problems each gives', function () {
  this.timeout(120_000);
  let hc: HostileCases | undefined;
  let a: Assessment;
  before(async function () {
    if (process.platform === 'win32') this.skip();
    hc = await writeHostileCases();
    // A workspace setting could ask for any size: the ceiling holds.
    a = JSON.parse(await cli(hc.root, '--format', 'json', '--max-file-bytes', '999999999999')) as Assessment;
  });
  after(() => hc?.remove());

  it('every case has a project of its own, and nothing from outside the workspace shows up', () => {
    assert.deepEqual(a.projects.map((p) => p.root).sort(), hc!.cases.map((c) => c.folder).sort());
    assert.ok(!JSON.stringify(a).includes('secret-outside-package'));
  });

  for (const name of ['toml-keys', 'huge', 'esc', 'absolute', 'special', 'utf16', 'clocked', 'long-reqs', 'marker-reqs', 'quotes']) {
    it(`${name}: exactly its problems (and its dependencies where the case is about reading them)`, () => {
      const c = hc!.cases.find((x) => x.folder.startsWith(name))!;
      const inside = (file: string) => file === c.folder || file.startsWith(`${c.folder}/`);
      assert.deepEqual(a.problems.filter((p) => inside(p.file)).map((p) => `${p.file}: ${p.message}`).sort(), [...c.problems].sort(), c.what);
      if (c.dependencies) {
        const project = a.projects.find((p) => p.root === c.folder)!;
        assert.deepEqual([...new Set(project.dependencies.map((d) => d.name))].sort(), [...c.dependencies].sort());
      }
    });
  }

  it('the text report shows the hostile names with their control characters made visible', async () => {
    const text = await cli(hc!.root);
    assert.ok(text.includes('esc-␛]0;pwned␇-␛[2J-[U+202E]gnp'), 'the folder name, made visible');
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text), 'no raw control or bidi character');
  });
});
