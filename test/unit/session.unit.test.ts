import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
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

  it('rejects tasks, queued and new, once every worker is gone (never leaves one unanswered)', async () => {
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
      await internals.slots[0].worker.terminate();
      for (const p of pending) await assert.rejects(p, /worker exited|terminated/);
      await assert.rejects(pool.analyze('c.py', text, true), /worker exited/);
    } finally {
      pool.dispose();
    }
  });

  it('answers batches of requests, and scans the same after its workers forget what they remember', async () => {
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
      pool.forgetRemembered();
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
