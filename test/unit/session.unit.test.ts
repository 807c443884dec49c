import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AssessmentSession } from '../../src/core/assess';
import { InProcessAnalyzer, type FileAnalyzer } from '../../src/core/engine/analyzer';
import { MemoryCache } from '../../src/core/engine/cache';
import type { Assessment } from '../../src/core/model';
import { WorkerPoolAnalyzer } from '../../src/core/engine/pool';
import { MemoryWorkspace, NodeWorkspace, type Workspace } from '../../src/core/read/workspace';

const strip = (a: Assessment) => JSON.stringify({ ...a, stats: undefined });

async function fresh(ws: Workspace): Promise<Assessment> {
  const s = await AssessmentSession.create(ws);
  try {
    return await s.scan();
  } finally {
    s.dispose();
  }
}

describe('AssessmentSession.update', () => {
  it('gives the same result as a fresh scan after edits, new files, deletions and manifest changes', async () => {
    const ws = new MemoryWorkspace({
      'api/requirements.txt': 'flask\n',
      'api/app.py': 'from flask import Flask\napp = Flask(__name__)\n@app.route("/")\ndef i(): pass\n',
      'web/requirements.txt': 'django\n',
      'web/manage.py': 'from django.core.management import execute_from_command_line\n',
      'web/shop/models.py': 'from django.db import models\nclass A(models.Model): pass\n',
    });
    const cache = new MemoryCache();
    const session = await AssessmentSession.create(ws, { cache });
    try {
      await session.scan();
      const steps: [string, string | null][] = [
        ['web/shop/models.py', 'from django.db import models\nclass A(models.Model): pass\nclass B(models.Model): pass\n'],
        ['api/extra.py', 'from . import app\n@app.route("/x")\ndef x(): pass\n'],
        ['api/requirements.txt', 'flask\nflask-login\nflask-admin\n'],
        ['web/shop/models.py', null],
        ['tools/requirements.txt', 'fastapi\n'],
      ];
      for (const [path, text] of steps) {
        if (text === null) ws.delete(path);
        else ws.set(path, text);
        const updated = await session.update([path]);
        assert.equal(strip(updated), strip(await fresh(ws)), `after changing ${path}`);
      }
    } finally {
      session.dispose();
    }
  });
});

describe('AssessmentSession.scan while the walk goes on', () => {
  it('starts analyzing Python files before the walk has listed every folder, with the same result', async () => {
    const inner = new MemoryWorkspace({
      'requirements.txt': 'flask\n',
      'a/app.py': 'from flask import Flask\napp = Flask(__name__)\n@app.route("/")\ndef i(): pass\n',
      'z/more.py': 'from a.app import app\n@app.route("/x")\ndef x(): pass\n',
    });
    let analyzed!: () => void;
    const firstAnalyzed = new Promise<void>((resolve) => (analyzed = resolve));
    // Folder z is listed only once a file has been analyzed: a scan that waited for the whole
    // walk before analyzing would never end (and the test would time out).
    const ws: Workspace = {
      label: inner.label,
      listDir: async (p) => {
        if (p === 'z') await firstAnalyzed;
        return inner.listDir(p);
      },
      readFile: (p) => inner.readFile(p),
      stat: (p) => inner.stat(p),
    };
    const plain = await InProcessAnalyzer.create();
    const analyzer: FileAnalyzer = {
      analyze: async (...args) => {
        analyzed();
        return plain.analyze(...args);
      },
      dispose: () => plain.dispose(),
    };
    const session = await AssessmentSession.create(ws, { analyzer });
    try {
      const streamed = await session.scan();
      assert.equal(strip(streamed), strip(await fresh(inner)));
      assert.equal(streamed.projects[0].facts.routes, 2);
    } finally {
      session.dispose();
      plain.dispose();
    }
  });
});

describe('AssessmentSession with the worker pool', function () {
  this.timeout(60_000);

  it('reads setup.py on a worker (this thread never parses) and gives the in-process result', async () => {
    const dir = path.join(__dirname, '..', 'fixtures', 'manifests');
    assert.ok(fs.existsSync(path.join(dir, 'setup.py')));
    const pool = new WorkerPoolAnalyzer(2);
    // A parser that fails on any use: the session must not need one on this thread.
    const trap = new Proxy({}, { get: () => assert.fail('the main thread was asked to parse') }) as never;
    try {
      const pooled = await AssessmentSession.create(new NodeWorkspace(dir), { analyzer: pool, parser: trap });
      const viaPool = await pooled.scan();
      pooled.dispose();
      const inProcess = await fresh(new NodeWorkspace(dir));
      assert.ok(viaPool.projects[0]?.dependencies.some((d) => d.file === 'setup.py'), 'setup.py dependencies were read');
      assert.equal(strip(viaPool), strip(inProcess));
    } finally {
      pool.dispose();
    }
  });

  it('replaces a worker that exits: the task it was on fails with a message, every other one is answered', async () => {
    const pool = new WorkerPoolAnalyzer(1);
    try {
      const text = new TextEncoder().encode('import flask\n');
      await pool.analyze('a.py', text, true);
      const internals = pool as unknown as { slots: { worker: { terminate(): Promise<number> } }[]; queue: unknown[]; head: number };
      // Files of 40 KB: one a batch, two batches a worker; the other eight wait in the queue.
      const big = new TextEncoder().encode(`# ${'x'.repeat(40_000)}\nimport flask\n`);
      const pending = Array.from({ length: 10 }, (_, i) => pool.analyze(`b${i}.py`, big, true));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(internals.queue.length - internals.head, 8, 'eight tasks wait in the queue');
      const first = internals.slots[0].worker;
      await first.terminate();
      const settled = await Promise.allSettled(pending);
      const failed = settled.filter((r) => r.status === 'rejected').map((r) => String(r.reason));
      assert.ok(failed.length <= 1 && failed.every((m) => m === 'Error: the worker thread exited; its worker was stopped and replaced'), failed.join('; '));
      for (const r of settled) if (r.status === 'fulfilled') assert.ok(r.value.observations.some((o) => o.kind === 'framework'));
      assert.notEqual(internals.slots[0].worker, first, 'a new worker took its place');
      assert.ok((await pool.analyze('c.py', text, true)).observations.length > 0);
    } finally {
      pool.dispose();
    }
  });

  it('ends a worker on one task past the ceiling: that file fails with a message, the others are answered', async () => {
    const pool = new WorkerPoolAnalyzer(1, { taskCeilingMs: 300 });
    try {
      // A megabyte of stray brackets: within the work budgets, over a second of query time.
      const slow = pool.analyze('slow.py', new TextEncoder().encode(`import flask\n${'['.repeat(1_000_000)}\n`), false);
      const quick = Array.from({ length: 5 }, (_, i) => pool.analyze(`q${i}.py`, new TextEncoder().encode('import flask\napp = flask.Flask(__name__)\n'), false));
      await assert.rejects(slow, /^Error: ran longer than 0\.3 s; its worker was stopped and replaced$/);
      for (const a of await Promise.all(quick)) assert.ok(a.observations.some((o) => o.kind === 'app'));
    } finally {
      pool.dispose();
    }
  });

  it('replaces a worker that runs out of memory (resourceLimits), and the scan names the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-oom-'));
    const pool = new WorkerPoolAnalyzer(1, { heapMb: 16 });
    try {
      fs.writeFileSync(path.join(dir, 'requirements.txt'), 'flask\n');
      fs.writeFileSync(path.join(dir, 'app.py'), 'from flask import Flask\napp = Flask(__name__)\n\n@app.route("/")\ndef index():\n    return "hi"\n');
      // 120,000 routes: 3.7 MB of code whose analysis needs more than a 16 MB heap. Node ends a
      // worker at its heap limit only as best it can (nodejs/node#47224): at 24 MB, one run in three
      // here hit the limit growing one array and aborted the process; at 16 MB, none of 18.
      fs.writeFileSync(path.join(dir, 'big.py'), `from flask import Flask\napp = Flask(__name__)\n${'@app.route("/a")\ndef f(): pass\n'.repeat(120_000)}`);
      const session = await AssessmentSession.create(new NodeWorkspace(dir), { analyzer: pool, maxFileBytes: 8_000_000 });
      const a = await session.scan();
      session.dispose();
      assert.deepEqual(
        a.problems.filter((p) => p.file === 'big.py').map((p) => p.message),
        ['could not analyze: ran out of memory (16 MB); its worker was stopped and replaced'],
      );
      assert.equal(a.projects[0]?.framework, 'flask', 'the rest of the scan went on');
    } finally {
      pool.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects every task, queued and new, when no worker can start (never leaves one unanswered)', async () => {
    const pool = new WorkerPoolAnalyzer(2, { heapMb: 1 });
    try {
      const text = new TextEncoder().encode('import flask\n');
      const pending = Array.from({ length: 6 }, (_, i) => pool.analyze(`b${i}.py`, text, true));
      for (const p of pending) await assert.rejects(p, /the worker could not start/);
      await assert.rejects(pool.analyze('c.py', text, true), /the worker could not start/);
    } finally {
      pool.dispose();
    }
  });

  it('answers batches of requests, and scans the same a second time', async () => {
    const dir = path.join(__dirname, '..', 'fixtures', 'manifests');
    const pool = new WorkerPoolAnalyzer(2);
    try {
      const scan = async () => {
        const session = await AssessmentSession.create(new NodeWorkspace(dir), { analyzer: pool });
        const a = await session.scan();
        session.dispose();
        return strip(a);
      };
      const first = await scan();
      assert.equal(await scan(), first);
      // Requests made in one turn go out as one batch each worker; every one is answered.
      const many = await Promise.all(Array.from({ length: 50 }, (_, i) => pool.analyze(`m${i}.py`, new TextEncoder().encode(`import flask\napp${i} = flask.Flask(__name__)\n`), true)));
      assert.deepEqual(
        many.map((a) => a.observations.filter((o) => o.kind === 'app').length),
        many.map(() => 1),
      );
    } finally {
      pool.dispose();
    }
  });
});
