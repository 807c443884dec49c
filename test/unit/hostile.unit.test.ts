/**
 * The hostile workspace (test/hostile/generate.ts), generated in a temporary folder and assessed
 * through the Node file system as the CLI does: the assessment must finish within a bounded time
 * and memory, never read the 200 MB files, never follow a link (nothing from the folder outside
 * the workspace shows up, the link loop is not walked), turn every bad file into a problem that
 * names it, and keep the hostile names verbatim (escaping is the front ends' job; the end-to-end
 * suite checks the sidebar shows them as text).
 */
import { strict as assert } from 'node:assert';
import { assess } from '../../src/core/assess';
import type { Assessment } from '../../src/core/model';
import { PythonParser } from '../../src/core/python/parser';
import { toMarkdown, toText } from '../../src/core/report/report';
import { NodeWorkspace, type Workspace } from '../../src/core/read/workspace';
import { dependencyHover, HOVER_COMMANDS } from '../../src/shared/hover';
import { generateHostileWorkspace, HOSTILE, type HostileWorkspace } from '../hostile/generate';

/** Bounds the assessment must stay within (measured: see docs/security.md). */
const MAX_SECONDS = 120;
const MAX_RSS_GROWTH_MB = 400;

/** A Workspace that records what the engine asked for. */
class SpyWorkspace implements Workspace {
  readonly label: string;
  readonly read = new Map<string, number>();
  readonly listed: string[] = [];
  readonly statted: string[] = [];
  constructor(private readonly inner: Workspace) {
    this.label = inner.label;
  }
  listDir(path: string) {
    this.listed.push(path);
    return this.inner.listDir(path);
  }
  async readFile(path: string) {
    const bytes = await this.inner.readFile(path);
    this.read.set(path, bytes.byteLength);
    return bytes;
  }
  stat(path: string) {
    this.statted.push(path);
    return this.inner.stat(path);
  }
}

/** A Markdown line without its code spans (CommonMark: a run of n backticks up to the next run of exactly n). */
function withoutCodeSpans(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; ) {
    if (line[i] !== '`' || (i > 0 && line[i - 1] === '\\')) {
      out += line[i++];
      continue;
    }
    let n = 0;
    while (line[i + n] === '`') n++;
    const close = new RegExp(`(?<!\`)\`{${n}}(?!\`)`, 'g');
    close.lastIndex = i + n;
    const m = close.exec(line);
    if (!m) {
      out += line.slice(i, i + n);
      i += n;
      continue;
    }
    i = m.index + n;
  }
  return out;
}

describe('the hostile workspace', function () {
  this.timeout(10 * 60_000);
  let ws: HostileWorkspace;
  let spy: SpyWorkspace;
  let a: Assessment;
  let seconds = 0;
  let rssGrowthMb = 0;
  let parser: PythonParser;

  before(async () => {
    const t0 = Date.now();
    ws = generateHostileWorkspace();
    console.log(`      (generated in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${ws.emptyFiles} empty files, ${ws.hugeFiles.length} files of 200 MB)`);
    parser = await PythonParser.create();
    (globalThis as { gc?: () => void }).gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    spy = new SpyWorkspace(new NodeWorkspace(ws.root));
    const t1 = performance.now();
    try {
      a = await assess(spy, { parser });
    } finally {
      clearInterval(sample);
    }
    seconds = (performance.now() - t1) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    rssGrowthMb = (peak - rss0) / 1e6;
    console.log(`      (assessed in ${seconds.toFixed(1)} s, peak RSS +${rssGrowthMb.toFixed(0)} MB, ${a.stats.files} files, ${a.stats.pythonFiles} Python, ${(a.stats.bytesRead / 1e6).toFixed(1)} MB read, ${a.problems.length} problems, ${a.projects.length} projects)`);
  });
  after(() => {
    parser?.dispose();
    ws?.remove();
  });

  const problemsOf = (file: string) => a.problems.filter((p) => p.file === file);

  it(`finishes within ${MAX_SECONDS} s and ${MAX_RSS_GROWTH_MB} MB of extra memory`, () => {
    assert.ok(seconds < MAX_SECONDS, `${seconds.toFixed(1)} s`);
    assert.ok(rssGrowthMb < MAX_RSS_GROWTH_MB, `RSS grew by ${rssGrowthMb.toFixed(0)} MB`);
    assert.ok(a.stats.files > ws.emptyFiles, 'the 50,000 empty files were all listed');
  });

  it('never reads the 200 MB files, and says it skipped them', () => {
    for (const f of ws.hugeFiles) {
      assert.ok(!spy.read.has(f), `${f} was read`);
      assert.ok(problemsOf(f).length > 0 || a.problems.some((p) => p.message.includes(f)), `no problem names ${f}`);
    }
    const largest = Math.max(...spy.read.values());
    assert.ok(largest <= 1_000_000, `a ${largest}-byte file was read (limit 1 MB)`);
  });

  it('never follows a link: nothing from outside, the loop not walked', () => {
    const touched = [...spy.listed, ...spy.statted, ...spy.read.keys()];
    for (const p of touched) {
      assert.ok(!/(^|\/)(symlink-loop|outside-link|up)\//.test(p), `went through a link: ${p}`);
    }
    assert.ok(!spy.read.has('linked_models.py') && !spy.read.has('requirements-linked.txt'), 'a link to a file was read');
    const everything = JSON.stringify(a);
    assert.ok(!everything.includes('secret-outside-package') && !everything.includes('SecretOutside'), 'something from outside the workspace shows up');
    // The include through the link, and the ones reaching outside, are problems at their lines.
    const req = problemsOf('requirements.txt');
    assert.ok(req.some((p) => /outside-link/.test(p.message) && /link/.test(p.message)), req.map((p) => p.message).join('\n'));
    assert.ok(req.some((p) => /etc\/passwd/.test(p.message) && /outside the workspace/.test(p.message)));
  });

  it('reports the include cycle, the binary and broken files, and reads past them', () => {
    assert.ok(a.problems.some((p) => /include cycle/.test(p.message)), 'include cycle');
    assert.match(problemsOf('binary.py')[0]?.message ?? '', /binary/);
    assert.match(problemsOf('random.py')[0]?.message ?? '', /UTF-8/);
    assert.ok(problemsOf('surrogates.py').length > 0);
    assert.ok(!spy.read.has('pipe.py'), 'the named pipe was opened');
    if (ws.fifo) assert.match(problemsOf('pipe.py')[0]?.message ?? '', /not a regular file/);
    // Linked manifests and modules are said, not silently skipped (nor followed).
    for (const f of ['requirements-linked.txt', 'linked_models.py']) assert.match(problemsOf(f)[0]?.message ?? '', /a link; links are never followed/, f);
    for (const p of problemsOf('deep.py')) assert.doesNotMatch(p.message, /call stack|could not analyze/);
    assert.ok(problemsOf('pyproject.toml').length > 0 && problemsOf('setup.cfg').length > 0);
    // Every problem names a file (or the workspace, '.').
    for (const p of a.problems) assert.ok(p.file.length > 0 && p.message.length > 0, JSON.stringify(p));
    // The main project is still assessed.
    const main = a.projects.find((p) => p.root === '.');
    assert.equal(main?.framework, 'flask');
  });

  it('keeps hostile names verbatim: project roots and evidence, for the front ends to escape', () => {
    for (const dir of ws.hostileDirs) assert.ok(a.projects.some((p) => p.root === dir), `project ${JSON.stringify(dir)}`);
    const evidence = new Set(a.projects.flatMap((p) => p.findings.flatMap((f) => f.evidence.map((e) => e.file))));
    for (const f of ws.hostileFiles) assert.ok(evidence.has(f), `evidence ${JSON.stringify(f)}`);
    assert.ok(a.projects.some((p) => p.dependencies.some((d) => d.rawName === HOSTILE.img)), 'a package named with HTML');
  });

  it('hovers on hostile entries: no markup, no link but our own trusted commands', () => {
    let checked = 0;
    for (const project of a.projects) {
      for (const dep of project.dependencies) {
        const md = dependencyHover(dep, { today: new Date('2025-06-01'), assessed: true, project: { key: 'k', label: project.root, assessment: project }, commands: true });
        for (const line of md.split('\n')) {
          const outsideCode = withoutCodeSpans(line);
          assert.ok(!/(^|[^\\])</.test(outsideCode), `raw markup in a hover: ${line}`);
          for (const m of outsideCode.matchAll(/(^|[^\\])\]\(([^)\s]*)/g)) {
            assert.ok(HOVER_COMMANDS.some((c) => m[2].startsWith(`command:${c}?`)), `hover links to ${m[2]}`);
          }
        }
        assert.ok(!/\r/.test(md), 'a carriage return from a name would start a new Markdown block');
        checked++;
      }
    }
    assert.ok(checked > 10);
  });

  it('renders the text and Markdown reports without raw markup from names', () => {
    // Outside code spans (where Markdown shows text as written), every < is escaped.
    const md = toMarkdown(a);
    for (const line of md.split('\n')) {
      const outsideCode = withoutCodeSpans(line);
      assert.ok(!/(^|[^\\])</.test(outsideCode), `raw markup in the Markdown report: ${line}`);
    }
    toText(a);
  });
});
