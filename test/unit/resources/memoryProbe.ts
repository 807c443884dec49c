/**
 * Assesses the same workspace many times and prints memory figures as one JSON line; run by
 * memory.unit.test.ts in a separate Node with --expose-gc (so the figures are taken after a full
 * collection), or by hand:
 *
 *   node --expose-gc --require tsx/cjs --require ./test/register.js test/unit/resources/memoryProbe.ts [ROUNDS]
 *
 * Modes: "shared" reuses one parser (as the extension does), "fresh" makes and frees a parser per
 * assessment (as the CLI does), "session" keeps one AssessmentSession and updates a changed file
 * (live updates); "leaking control" parses without freeing the trees, to show that a leak would
 * be seen. WebAssembly memory only grows, so a leaked tree or parser shows as growth of
 * `wasm` after the warm-up rounds.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assess, AssessmentSession } from '../../../src/core/assess';
import { PythonParser, wasmMemoryBytes } from '../../../src/core/python/parser';
import { MemoryWorkspace, NodeWorkspace, type Workspace } from '../../../src/core/read/workspace';

const ROUNDS = Number(process.argv[2] ?? 200);
const WARMUP = 20;
const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');

interface Snapshot {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  wasm: number;
}

function snapshot(): Snapshot {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, wasm: wasmMemoryBytes() ?? 0 };
}

function delta(a: Snapshot, b: Snapshot): Snapshot {
  return { rss: b.rss - a.rss, heapUsed: b.heapUsed - a.heapUsed, external: b.external - a.external, arrayBuffers: b.arrayBuffers - a.arrayBuffers, wasm: b.wasm - a.wasm };
}

async function measure(name: string, once: (i: number) => Promise<void>): Promise<{ mode: string; rounds: number; ms: number; afterWarmup: Snapshot; end: Snapshot; growth: Snapshot }> {
  for (let i = 0; i < WARMUP; i++) await once(i);
  const afterWarmup = snapshot();
  const t = performance.now();
  for (let i = WARMUP; i < ROUNDS; i++) await once(i);
  const ms = performance.now() - t;
  const end = snapshot();
  return { mode: name, rounds: ROUNDS, ms, afterWarmup, end, growth: delta(afterWarmup, end) };
}

async function main(): Promise<void> {
  // Two fixture folders with Flask and Django code, manifests, templates and migrations.
  const workspaces: Workspace[] = ['flask-batteries', 'django-polls'].map((n) => new NodeWorkspace(path.join(FIXTURES, n)));
  const results = [];

  const shared = await PythonParser.create();
  results.push(
    await measure('shared', async () => {
      for (const ws of workspaces) await assess(ws, { parser: shared, prefilter: false });
    }),
  );
  shared.dispose();

  results.push(
    await measure('fresh', async () => {
      for (const ws of workspaces) await assess(ws, { prefilter: false });
    }),
  );

  const mem = new MemoryWorkspace({
    'requirements.txt': 'flask\nflask-sqlalchemy\n',
    'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
  });
  const parser = await PythonParser.create();
  const session = await AssessmentSession.create(mem, { parser, prefilter: false });
  await session.scan();
  results.push(
    await measure('session', async (i) => {
      mem.set('app.py', `from flask import Flask\napp = Flask(__name__)\n${Array.from({ length: 50 }, (_, r) => `@app.route("/r${i}_${r}")\ndef r${r}(): pass\n`).join('')}`);
      await session.update(['app.py']);
    }),
  );
  session.dispose();
  parser.dispose();

  // The control: trees that are never deleted. It shows the measure sees a leak (each tree of
  // this source holds about half a megabyte of WebAssembly memory).
  const control = await PythonParser.create();
  const raw = (control as unknown as { parser: { parse(text: string): unknown } }).parser;
  const source = fs.readFileSync(path.join(FIXTURES, 'flask-batteries', 'blog', 'models.py'), 'utf8').repeat(4);
  const kept: unknown[] = [];
  results.push(
    await measure('leaking control', async () => {
      kept.push(raw.parse(source));
    }),
  );
  control.dispose();

  console.log(JSON.stringify(results));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
