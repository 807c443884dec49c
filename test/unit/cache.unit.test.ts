import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AssessmentSession, STAMP_SETTLE_MS } from '../../src/core/assess';
import { InProcessAnalyzer, type FileAnalyzer } from '../../src/core/engine/analyzer';
import { FileCache, MemoryCache, type AnalysisCache } from '../../src/core/engine/cache';
import type { Assessment } from '../../src/core/model';
import { MemoryWorkspace, type Workspace } from '../../src/core/read/workspace';

const strip = (a: Assessment) => JSON.stringify({ ...a, stats: undefined });

/** A workspace that counts the reads of each path. */
class Counting implements Workspace {
  readonly reads = new Map<string, number>();
  constructor(readonly inner: MemoryWorkspace) {}
  get label() {
    return this.inner.label;
  }
  listDir(p: string) {
    return this.inner.listDir(p);
  }
  stat(p: string) {
    return this.inner.stat(p);
  }
  readFile(p: string) {
    this.reads.set(p, (this.reads.get(p) ?? 0) + 1);
    return this.inner.readFile(p);
  }
  get total() {
    return [...this.reads.values()].reduce((a, b) => a + b, 0);
  }
}

async function scan(ws: Workspace, cache?: AnalysisCache): Promise<Assessment> {
  const s = await AssessmentSession.create(ws, { cache });
  try {
    return await s.scan();
  } finally {
    s.dispose();
  }
}

/** A time well before any scan's settle window. */
const OLD = Date.now() - 10 * STAMP_SETTLE_MS;

const MODELS = 'from django.db import models\nclass A(models.Model): pass\n';
const MODELS_SAME_SIZE = 'from django.db import models\nclass B(models.Model): pass\n';

function blog(mtime: number): MemoryWorkspace {
  const ws = new MemoryWorkspace({});
  ws.set('requirements.txt', 'django\n', mtime);
  ws.set('manage.py', 'from django.core.management import execute_from_command_line\n', mtime);
  ws.set('blog/models.py', MODELS, mtime);
  ws.set('blog/templates/blog/index.html', '{% load static %}<a href="{% url \'blog:index\' %}">x</a>\n', mtime);
  return ws;
}

describe('stamps: unchanged files are not read again', () => {
  it('a second scan over old, unchanged files reads only the manifests, and gives the same result', async () => {
    const inner = blog(OLD);
    const ws = new Counting(inner);
    const cache = new MemoryCache();
    const first = await scan(ws, cache);
    assert.equal(ws.reads.get('blog/models.py'), 1);
    assert.equal(cache.stampCount, 3, 'manage.py, models.py and the template are stamped');
    ws.reads.clear();
    const second = await scan(ws, cache);
    assert.deepEqual([...ws.reads.keys()], ['requirements.txt']);
    assert.equal(strip(second), strip(first));
    assert.equal(strip(second), strip(await scan(inner)));
    assert.equal(second.stats.bytesRead, 0, 'no Python file was read');
  });

  it('a file written again (same size, new time) is read again and its new content counts', async () => {
    const inner = blog(OLD);
    const ws = new Counting(inner);
    const cache = new MemoryCache();
    await scan(ws, cache);
    inner.set('blog/models.py', MODELS_SAME_SIZE, OLD + 1);
    ws.reads.clear();
    const second = await scan(ws, cache);
    assert.equal(ws.reads.get('blog/models.py'), 1);
    assert.equal(strip(second), strip(await scan(inner)));
    // The evidence is the new text's.
    const text = JSON.stringify(second);
    assert.ok(text.includes('class B(models.Model)') && !text.includes('class A(models.Model)'), text.slice(0, 300));
  });

  it('a file modified just before the scan is not stamped: a same-size write in the same tick is still seen', async () => {
    const now = Date.now();
    const inner = blog(OLD);
    inner.set('blog/models.py', MODELS, now);
    const ws = new Counting(inner);
    const cache = new MemoryCache();
    await scan(ws, cache);
    assert.equal(cache.stampCount, 2, 'the recent file has no stamp');
    // Same size, same modification time (a coarse clock), new content.
    inner.set('blog/models.py', MODELS_SAME_SIZE, now);
    ws.reads.clear();
    const second = await scan(ws, cache);
    assert.equal(ws.reads.get('blog/models.py'), 1);
    assert.equal(strip(second), strip(await scan(inner)));
    assert.ok(JSON.stringify(second).includes('class B(models.Model)'));
  });

  it('a file whose size changed between the walk and the read is not stamped', async () => {
    const inner = blog(OLD);
    // The walk sees the old size; the read gets a longer text.
    const racing = new Counting(inner);
    const stat = racing.stat.bind(racing);
    racing.stat = async (p: string) => (p === 'blog/models.py' ? { ...(await stat(p)), size: 3 } : stat(p));
    const cache = new MemoryCache();
    await scan(racing, cache);
    assert.equal(cache.recall('blog/models.py', { size: 3, mtime: OLD }), undefined);
    assert.equal(cache.stampCount, 2);
  });

  it('a workspace without modification times is always read', async () => {
    const inner = blog(0);
    const ws = new Counting(inner);
    const cache = new MemoryCache();
    await scan(ws, cache);
    ws.reads.clear();
    await scan(ws, cache);
    assert.equal(ws.reads.get('blog/models.py'), 1);
    assert.equal(cache.stampCount, 0);
  });

  it('a full scan forgets the stamps of files that are gone', async () => {
    const inner = blog(OLD);
    const cache = new MemoryCache();
    await scan(inner, cache);
    inner.delete('blog/templates/blog/index.html');
    await scan(inner, cache);
    assert.equal(cache.stampCount, 2);
  });

  it('with the pre-filter off, a stamp leads to that mode\'s analysis, not the pre-filtered one', async () => {
    const inner = blog(OLD);
    const cache = new MemoryCache();
    await scan(inner, cache);
    const ws = new Counting(inner);
    const s = await AssessmentSession.create(ws, { cache, prefilter: false });
    try {
      await s.scan();
    } finally {
      s.dispose();
    }
    // No analysis of that mode was cached: the file was read and analyzed.
    assert.equal(ws.reads.get('blog/models.py'), 1);
  });

  it('does not keep an analyzer\'s failure: the next scan reads and analyzes the file again', async () => {
    const inner = blog(OLD);
    const cache = new MemoryCache();
    const plain = await InProcessAnalyzer.create();
    let failing = true;
    const analyzer: FileAnalyzer = {
      analyze: (...args) => (failing ? Promise.reject(new Error('worker exited')) : plain.analyze(...args)),
      dispose: () => plain.dispose(),
    };
    try {
      const first = await AssessmentSession.create(inner, { cache, analyzer });
      const a = await first.scan();
      first.dispose();
      assert.ok(a.problems.some((p) => /could not analyze: worker exited/.test(p.message)));
      failing = false;
      const ws = new Counting(inner);
      const second = await AssessmentSession.create(ws, { cache, analyzer });
      const b = await second.scan();
      second.dispose();
      assert.equal(ws.reads.get('blog/models.py'), 1);
      assert.ok(!b.problems.some((p) => /could not analyze/.test(p.message)));
      assert.equal(strip(b), strip(await scan(inner)));
    } finally {
      plain.dispose();
    }
  });
});

describe('FileCache on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-cache-unit-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps entries and stamps across opens: a reopened cache reads no Python file', async () => {
    const inner = blog(OLD);
    const first = await FileCache.open(dir, 'ws');
    const a = await scan(inner, first);
    const reopened = await FileCache.open(dir, 'ws');
    assert.equal(reopened.discarded, undefined);
    assert.equal(reopened.stampCount, 3);
    const ws = new Counting(inner);
    const b = await scan(ws, reopened);
    assert.deepEqual([...ws.reads.keys()], ['requirements.txt']);
    assert.equal(strip(b), strip(a));
  });

  it('writes an incremental update\'s change later (once for a burst), at once on flush', async () => {
    const inner = blog(OLD);
    const cache = await FileCache.open(dir, 'ws');
    const session = await AssessmentSession.create(inner, { cache });
    try {
      await session.scan();
      const [file] = fs.readdirSync(dir);
      const before = fs.readFileSync(path.join(dir, file), 'utf8');
      inner.set('blog/views.py', 'from django.shortcuts import render\ndef index(request):\n    return render(request, "x.html")\n', OLD);
      await session.update(['blog/views.py']);
      inner.set('blog/urls.py', 'from django.urls import path\nurlpatterns = []\n', OLD);
      await session.update(['blog/urls.py']);
      assert.equal(fs.readFileSync(path.join(dir, file), 'utf8'), before, 'not written yet');
      await cache.flush();
      const after = fs.readFileSync(path.join(dir, file), 'utf8');
      assert.notEqual(after, before);
      const reopened = await FileCache.open(dir, 'ws');
      assert.equal(reopened.discarded, undefined);
      assert.equal(reopened.stampCount, 5);
    } finally {
      session.dispose();
    }
  });

  const damage: [string, (text: string) => string, RegExp][] = [
    ['a body changed after writing', (t) => t.replace('["s",', '["x",'), /checksum mismatch/],
    ['a cut-off file', (t) => t.slice(0, Math.floor(t.length / 2)), /checksum mismatch|JSON|not a cache/],
    ['the older one-object format', () => '{"format":"framework-fit-analysis-cache","fingerprint":"x","checksum":"y","entries":{}}', /made by another engine version/],
    ['a header line alone', (t) => t.slice(0, t.indexOf('\n')), /not a cache file/],
    ['a header from another engine', (t) => t.replace(/"fingerprint":"[0-9a-f]+"/, '"fingerprint":"0000"'), /another engine version/],
    ['binary junk', () => '\u0000\u00ff\n\u0001', /JSON|not a cache/],
  ];
  for (const [what, spoil, why] of damage) {
    it(`discards ${what}, and the scan reads everything`, async () => {
      const inner = blog(OLD);
      await scan(inner, await FileCache.open(dir, 'ws'));
      const [file] = fs.readdirSync(dir);
      fs.writeFileSync(path.join(dir, file), spoil(fs.readFileSync(path.join(dir, file), 'utf8')));
      const reopened = await FileCache.open(dir, 'ws');
      assert.match(reopened.discarded ?? '', why);
      assert.equal(reopened.size, 0);
      assert.equal(reopened.stampCount, 0);
      const ws = new Counting(inner);
      await scan(ws, reopened);
      assert.equal(ws.reads.get('blog/models.py'), 1);
    });
  }

  it('discards a stamp record of the wrong shape (checksum recomputed: a bug, not damage)', async () => {
    const inner = blog(OLD);
    await scan(inner, await FileCache.open(dir, 'ws'));
    const [file] = fs.readdirSync(dir);
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const eol = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, eol));
    const bodyText = `${text.slice(eol + 1)}${JSON.stringify(['s', 'blog/models.py', '12', OLD, 'py:x'])}\n`;
    header.checksum = (await import('node:crypto')).createHash('sha256').update(bodyText).digest('hex');
    fs.writeFileSync(path.join(dir, file), `${JSON.stringify(header)}\n${bodyText}`);
    const reopened = await FileCache.open(dir, 'ws');
    assert.match(reopened.discarded ?? '', /bad line/);
    assert.equal(reopened.stampCount, 0);
  });
});
