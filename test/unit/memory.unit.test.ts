/**
 * WebAssembly trees and parsers are freed: the same workspaces are assessed 200 times (with a
 * shared parser as the extension does, with a fresh parser each time as the CLI does, and through
 * a live session updating a changed file), and after the warm-up rounds the JavaScript heap, the
 * process RSS and tree-sitter's WebAssembly memory stay flat within the bounds below. A control
 * run that keeps its trees shows that the measure sees a leak.
 *
 * The figures come from a separate Node started with --expose-gc (resources/memoryProbe.ts), so
 * they are taken after full collections; they are printed with the test.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const ROUNDS = 200;
/** Bounds on growth between the end of the warm-up (20 rounds) and round 200. */
const BOUNDS = { wasm: 0, heapUsed: 8e6, rss: 40e6 };

interface Figures {
  mode: string;
  rounds: number;
  ms: number;
  growth: { rss: number; heapUsed: number; external: number; arrayBuffers: number; wasm: number };
  end: { rss: number; heapUsed: number; wasm: number };
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

describe('memory: WebAssembly trees and parsers are freed', function () {
  this.timeout(5 * 60_000);
  let figures: Figures[];

  before(() => {
    const r = spawnSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', '--require', './test/register.js', 'test/unit/resources/memoryProbe.ts', String(ROUNDS)], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 10e6,
    });
    assert.equal(r.status, 0, r.stderr);
    figures = JSON.parse(r.stdout.trim().split('\n').pop()!) as Figures[];
    for (const f of figures) {
      console.log(
        `      (${f.mode}: ${f.rounds} rounds in ${(f.ms / 1000).toFixed(1)} s; growth after warm-up: wasm ${mb(f.growth.wasm)}, heap ${mb(f.growth.heapUsed)}, rss ${mb(f.growth.rss)}; at the end: wasm ${mb(f.end.wasm)}, heap ${mb(f.end.heapUsed)}, rss ${mb(f.end.rss)})`,
      );
    }
  });

  for (const mode of ['shared', 'fresh', 'session']) {
    it(`${mode} parser: flat WebAssembly memory, heap within ${mb(BOUNDS.heapUsed)}, RSS within ${mb(BOUNDS.rss)}`, () => {
      const f = figures.find((x) => x.mode === mode)!;
      assert.ok(f.growth.wasm <= BOUNDS.wasm, `WebAssembly memory grew by ${mb(f.growth.wasm)}`);
      assert.ok(f.growth.heapUsed <= BOUNDS.heapUsed, `heap grew by ${mb(f.growth.heapUsed)}`);
      assert.ok(f.growth.rss <= BOUNDS.rss, `RSS grew by ${mb(f.growth.rss)}`);
    });
  }

  it('the measure sees a leak: keeping the trees grows WebAssembly memory', () => {
    const f = figures.find((x) => x.mode === 'leaking control')!;
    assert.ok(f.growth.wasm > 50e6, `the control grew by only ${mb(f.growth.wasm)}`);
  });
});
