/**
 * `npm run bench [-- DIR...]` (or `-- --hostile` for the hostile row alone): measures the engine on a generated synthetic workspace (5,000 Python
 * files, about 50 MB, Flask and Django code side by side) and on any folders given, in one run:
 *
 * - (first, unmeasured: a warm-up assessment of the example and the test fixtures, see warmUp)
 * - the read floor: walk + read every file the engine reads (OS cache warm), one after the other;
 *   the median of three such reads in each round;
 * - cold: a full assessment with an empty cache (worker threads, pre-filter on), saving the cache
 *   file at its end as the CLI and the extension do; measured in five rounds of floor, cold, warm,
 *   each the median of three in its round, and reported from the round with the median ratio (the
 *   machine's speed drifts; a ratio within a round is fair), after unmeasured cold scans of the
 *   workspace (JIT);
 * - warm: as after a restart: the cache file the cold run wrote opened from disk, a new session,
 *   the same assessment;
 * - incremental: one Python file changed, `session.update([file])` (median of five saves);
 * - parse-all: the pre-filter off, whose result must be identical to cold;
 * - the longest main-thread stall during the cold scan (event-loop delay, ms);
 * - files/s, MB/s; peak RSS of a new CLI process assessing the synthetic workspace (and of this
 *   script's own process, printed beside it); the extension's activation time, the time to a first
 *   verdict on a small project (a fresh CLI process) and the .vsix size;
 * - hostile: the cases of test/hostile/cases.ts in one workspace, a fresh CLI process each run
 *   (min/median/max of five), and the slowest of its manifests parsed alone (in process, warm).
 *
 * It exits 1 when a result differs (pre-filter, cache, synthetic counts) and when a target of the
 * performance issue is missed by more than 20 % (see docs/performance.md); figures, not tests.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { AssessmentSession } from '../src/core/assess';
import { FileCache } from '../src/core/engine/cache';
import { walk } from '../src/core/read/discovery';
import type { Assessment } from '../src/core/model';
import { WorkerPoolAnalyzer } from '../src/core/engine/pool';
import { NodeWorkspace } from '../src/core/read/workspace';
import { medianBy, runScript } from './run';
import { generateSynthetic } from './synthetic';
import { writeHostileCases } from '../test/hostile/cases';
import { manifestFormatOf, parseManifest } from '../src/core/manifests/index';
import { PythonParser } from '../src/core/python/parser';

/** Targets of the performance issue; a figure more than 20 % over its target fails the run. */
const TARGETS = { coldRatio: 4, warmRatio: 1.5, incrementalMs: 100, stallMs: 50, activationMs: 30, firstVerdictMs: 1000, vsixMb: 2, rssMb: 400, hostileMs: 2000, manifestMs: 1000 };
const TOLERANCE = 1.2;

interface Row {
  name: string;
  files: number;
  mb: number;
  floorMs: number;
  coldMs: number;
  /** The floor of the round whose warm figure is reported (the warm ratio's own round). */
  warmFloorMs: number;
  warmMs: number;
  incrementalMs: number;
  parseAllMs: number;
  stallMs: number;
  same: boolean;
  models: number;
  routes: number;
}

async function readFloor(dir: string): Promise<{ ms: number; files: number; bytes: number }> {
  const ws = new NodeWorkspace(dir);
  const t0 = performance.now();
  const { files } = await walk(ws);
  let bytes = 0;
  for (const f of files) bytes += (await ws.readFile(f.path)).byteLength;
  return { ms: performance.now() - t0, files: files.length, bytes };
}

/** The assessment without timings, to compare runs. */
function comparable(a: Assessment): string {
  return JSON.stringify({ p: a.projects, q: a.problems.filter((pr) => !/syntax error/.test(pr.message)) });
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

/** How many unmeasured cold scans of a workspace come before its rounds. */
const WARM_UP_SCANS = 4;

/** How many floors, cold and warm scans a round measures (each figure of a round is the median of its). */
const PER_ROUND = 3;

/** How many rounds of floor, cold and warm are measured; the median round is reported. */
const REPEAT = 5;

/** How many saves the incremental figure is the median of. */
const INCREMENTAL_SAVES = 5;

function median(values: number[]): number {
  return medianBy(values, (v) => v);
}

async function measure(name: string, dir: string, pool: WorkerPoolAnalyzer): Promise<Row> {
  await readFloor(dir); // warm the OS cache so every pass reads from memory
  const ws = new NodeWorkspace(dir);
  // Cold scans first, unmeasured: the first scans of a workspace run code the JIT has not yet
  // optimized for its files, even after other workspaces (flaskbb after the synthetic one and one
  // scan of its own: 214, 226, 152, 124, 113 ms, then 81-118). A new process's whole cost is the
  // "first verdict" figure.
  for (let i = 0; i < WARM_UP_SCANS; i++) {
    const first = await AssessmentSession.create(ws, { analyzer: pool });
    await first.scan();
    first.dispose();
  }
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-bench-cache-'));

  // Rounds of floor, cold, warm, one after the other: this machine's speed drifts by up to 2x over
  // tens of seconds (a shared VM), so a ratio is taken within a round, where both sides ran at the
  // same speed, and the median round is reported.
  let stallMs = 0;
  const rounds: { floor: number; cold: number; warm: number }[] = [];
  let floor = { ms: 0, files: 0, bytes: 0 };
  let coldResult: Assessment | undefined;
  let warmResult: Assessment | undefined;
  let kept: AssessmentSession | undefined;
  for (let i = 0; i < REPEAT; i++) {
    // The floor of a small workspace is a few tens of ms, and one read of it varies by 3x here
    // (flaskbb: 14-55 ms within a minute): the median of three reads in a row.
    const floors: Awaited<ReturnType<typeof readFloor>>[] = [];
    for (let k = 0; k < PER_ROUND; k++) floors.push(await readFloor(dir));
    floor = medianBy(floors, (f) => f.ms);
    // Cold then warm, three times; each figure the median of its three (one cold scan of a small
    // workspace varies by a third from the next, as its floor does).
    const colds: number[] = [];
    const warms: number[] = [];
    for (let k = 0; k < PER_ROUND; k++) {
      // Cold: no cache file.
      for (const f of fs.readdirSync(cacheDir)) fs.rmSync(path.join(cacheDir, f));
      // A monitor for this scan only: one re-enabled after a pause would count the pause.
      const stall = monitorEventLoopDelay({ resolution: 5 });
      stall.enable();
      let coldMs: number;
      [coldResult, coldMs] = await timed(async () => {
        const cold = await AssessmentSession.create(ws, { analyzer: pool, cache: await FileCache.open(cacheDir, dir) });
        try {
          return await cold.scan();
        } finally {
          cold.dispose();
        }
      });
      // A block at the very end of the scan shows only when the monitor's next tick fires: let it.
      await new Promise((resolve) => setTimeout(resolve, 20));
      stall.disable();
      stallMs = Math.max(stallMs, stall.max / 1e6);
      // Warm: as after reopening VS Code: the cache file opened, a new session, a scan.
      kept?.dispose();
      let warmMs: number;
      [warmResult, warmMs] = await timed(async () => {
        kept = await AssessmentSession.create(ws, { analyzer: pool, cache: await FileCache.open(cacheDir, dir) });
        return kept.scan();
      });
      colds.push(coldMs);
      warms.push(warmMs);
    }
    const [coldMs, warmMs] = [median(colds), median(warms)];
    rounds.push({ floor: floor.ms, cold: coldMs, warm: warmMs });
  }
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const round = medianBy(rounds, (r) => r.cold / r.floor);
  const warmRound = medianBy(rounds, (r) => r.warm / r.floor);

  // Incremental: one Python file changed the way an editor save does, then `update`; each save a
  // new text (so never a cache hit), the median reported.
  const target = (await walk(ws)).files.find((f) => f.path.endsWith('.py') && !f.path.endsWith('setup.py'));
  const saves: number[] = [];
  if (target && kept) {
    const session = kept;
    const abs = path.join(dir, ...target.path.split('/'));
    const original = fs.readFileSync(abs);
    try {
      for (let i = 0; i < INCREMENTAL_SAVES; i++) {
        fs.writeFileSync(abs, Buffer.concat([original, Buffer.from(`\n# edited by the benchmark, save ${i}\n`)]));
        saves.push((await timed(() => session.update([target.path])))[1]);
      }
    } finally {
      fs.writeFileSync(abs, original);
      await session.update([target.path]);
    }
  }
  const incrementalMs = saves.length ? median(saves) : 0;
  kept?.dispose();

  const parseAll = await AssessmentSession.create(ws, { analyzer: pool, prefilter: false });
  const [fullResult, parseAllMs] = await timed(() => parseAll.scan());
  parseAll.dispose();

  return {
    name,
    files: floor.files,
    mb: floor.bytes / 1e6,
    floorMs: round.floor,
    coldMs: round.cold,
    warmFloorMs: warmRound.floor,
    warmMs: warmRound.warm,
    incrementalMs,
    parseAllMs,
    stallMs,
    same: comparable(coldResult!) === comparable(fullResult) && comparable(coldResult!) === comparable(warmResult!),
    models: coldResult!.projects.reduce((n, p) => n + p.facts.models, 0),
    routes: coldResult!.projects.reduce((n, p) => n + p.facts.routes, 0),
  };
}

/**
 * One assessment of the bundled example and of every test fixture before anything is measured, so
 * that what a process pays once (starting the workers, loading the grammar in each, compiling the
 * hot code, building the requirement grammar) is not charged to whichever workspace comes first.
 * The extension host pays it at its first scan; a fresh process's whole cost is the "first
 * verdict" figure. The fixtures share no requirement line with the measured workspaces.
 */
async function warmUp(pool: WorkerPoolAnalyzer): Promise<void> {
  for (const dir of ['examples/blog-flask', 'test/fixtures']) {
    if (!fs.existsSync(dir)) continue;
    const session = await AssessmentSession.create(new NodeWorkspace(path.resolve(dir)), { analyzer: pool });
    await session.scan();
    session.dispose();
  }
}

/**
 * Time to load the extension bundle and run activate(), in a plain Node process where `vscode` is a
 * stand-in that accepts every call (the names the bundle reads are taken from the bundle itself).
 * It measures our own code's cost; the integration suite checks activation in a real VS Code.
 */
function activationMs(): number | undefined {
  const bundle = path.resolve('dist/extension.js');
  if (!fs.existsSync(bundle)) return undefined;
  const names = [...new Set([...fs.readFileSync(bundle, 'utf8').matchAll(/\bvscode\d*\.(\w+)/g)].map((m) => m[1]))];
  const script = `
    const Module = require('module');
    const handler = { get: (t, k) => (k === 'then' ? undefined : k in t ? t[k] : (t[k] = deep())), set: (t, k, v) => Reflect.defineProperty(t, k, { value: v, writable: true, configurable: true }), apply: () => deep(), construct: () => deep() };
    function deep() { return new Proxy(function () {}, handler); }
    const api = {};
    for (const n of ${JSON.stringify(names)}) api[n] = deep();
    const original = Module._load;
    Module._load = function (req, ...rest) { return req === 'vscode' ? api : original.call(this, req, ...rest); };
    const ctx = deep();
    ctx.subscriptions = [];
    const t0 = performance.now();
    const ext = require(${JSON.stringify(bundle)});
    ext.activate(ctx);
    const ms = performance.now() - t0;
    // Exit at once: the shell's first-scan timer would otherwise load the host against the stand-in.
    process.stdout.write(String(ms), () => process.exit(0));`;
  try {
    return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return undefined;
  }
}

/**
 * Time to a first verdict on a small project from nothing: a new process runs the CLI on
 * examples/blog-flask with no cache (Node start, loading the engine, starting the parse workers
 * and loading the grammar in each, the scan, the verdict). The median of three runs.
 */
function firstVerdictMs(): number | undefined {
  const cli = path.resolve('dist/cli.js');
  if (!fs.existsSync(cli)) return undefined;
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    try {
      execFileSync(process.execPath, [cli, path.resolve('examples/blog-flask'), '--no-cache', '--format', 'json'], { stdio: 'ignore' });
    } catch {
      return undefined;
    }
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

/**
 * Peak RSS of assessing the largest workspace (the synthetic one) as a user would: a new CLI
 * process, cold, writing its cache (worker threads included: they are the same process). The
 * benchmark's own process holds every workspace's sessions and caches one after the other, so its
 * peak says more about this script than about an assessment; it is printed too.
 */
function largestRssMb(dir: string): number | undefined {
  const cli = path.resolve('dist/cli.js');
  if (!fs.existsSync(cli)) return undefined;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-rss-'));
  const probe = path.join(tmp, 'rss.js');
  fs.writeFileSync(probe, "process.on('exit', () => require('fs').writeSync(2, `\\nMAXRSS ${process.resourceUsage().maxRSS}\\n`));\n");
  try {
    const r = spawnSync(process.execPath, ['--require', probe, cli, dir, '--format', 'json', '--cache-dir', path.join(tmp, 'cache')], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
    const kb = /MAXRSS (\d+)/.exec(r.stderr ?? '')?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The hostile row: whole CLI runs over the issue-#21 cases, and the slowest manifest alone. */
async function hostile(): Promise<{ runs: number[]; slowest: { file: string; ms: number } } | undefined> {
  const cli = path.resolve('dist/cli.js');
  if (!fs.existsSync(cli) || process.platform === 'win32') return undefined;
  const cases = await writeHostileCases();
  const parser = await PythonParser.create();
  try {
    const runs: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, [cli, cases.root, '--no-cache', '--max-file-bytes', '999999999999'], { stdio: 'ignore' });
      runs.push(performance.now() - t0);
    }
    let slowest = { file: '', ms: 0 };
    for (const c of cases.cases) {
      for (const name of fs.readdirSync(path.join(cases.root, c.folder))) {
        const abs = path.join(cases.root, c.folder, name);
        const format = manifestFormatOf(name);
        if (!format || !fs.lstatSync(abs).isFile()) continue;
        const text = fs.readFileSync(abs, 'utf8');
        const times: number[] = [];
        for (let i = 0; i < PER_ROUND; i++) {
          times.push((await timed(async () => parseManifest(format, text, name, parser)))[1]);
        }
        if (median(times) > slowest.ms) slowest = { file: `${c.folder}/${name}`, ms: median(times) };
      }
    }
    return { runs: runs.sort((a, b) => a - b), slowest };
  } finally {
    parser.dispose();
    cases.remove();
  }
}

function vsixMb(): number | undefined {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-vsix-'));
  const file = path.join(out, 'framework-fit.vsix');
  try {
    execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', file], { stdio: 'ignore' });
    return fs.statSync(file).size / 1e6;
  } catch {
    return undefined;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function table(rows: Row[]): string {
  const head = ['workspace', 'files', 'MB', 'floor ms', 'cold ms', 'cold×', 'warm ms', 'warm×', 'incr ms', 'parse-all ms', 'stall ms', 'files/s', 'MB/s', 'same', 'models', 'routes'];
  const body = rows.map((r) => [
    r.name,
    String(r.files),
    r.mb.toFixed(1),
    r.floorMs.toFixed(0),
    r.coldMs.toFixed(0),
    (r.coldMs / r.floorMs).toFixed(1),
    r.warmMs.toFixed(0),
    (r.warmMs / r.warmFloorMs).toFixed(2),
    r.incrementalMs.toFixed(1),
    r.parseAllMs.toFixed(0),
    r.stallMs.toFixed(0),
    (r.files / (r.coldMs / 1000)).toFixed(0),
    (r.mb / (r.coldMs / 1000)).toFixed(2),
    r.same ? 'yes' : 'NO',
    String(r.models),
    String(r.routes),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}

async function main(): Promise<number> {
  if (process.argv[2] === '--hostile') {
    // The hostile row alone (a quick check of the defences' cost).
    const bad = await hostile();
    if (!bad) return 2;
    process.stdout.write(`hostile: ${bad.runs.map((r) => r.toFixed(0)).join(' ')} ms (median ${median(bad.runs).toFixed(0)}) · slowest manifest alone ${bad.slowest.ms.toFixed(0)} ms (${bad.slowest.file})\n`);
    return median(bad.runs) > TARGETS.hostileMs * TOLERANCE || bad.slowest.ms > TARGETS.manifestMs * TOLERANCE ? 1 : 0;
  }
  const args = process.argv.slice(2);
  for (const dir of args) {
    if (!fs.existsSync(dir)) {
      process.stderr.write(`bench: no such folder ${dir}\n`);
      return 2;
    }
  }
  const workDir = path.resolve('bench/.work/synthetic');
  const expected = generateSynthetic(workDir, { files: 5000, targetBytes: 50_000_000 });
  const jobs = Math.min(4, os.availableParallelism());
  const pool = new WorkerPoolAnalyzer(jobs);
  const rows: Row[] = [];
  try {
    await warmUp(pool);
    rows.push(await measure('synthetic', workDir, pool));
    for (const dir of args) rows.push(await measure(path.basename(path.resolve(dir)), path.resolve(dir), pool));
  } finally {
    pool.dispose();
  }
  const benchRssMb = process.resourceUsage().maxRSS / 1024;
  const rssMb = largestRssMb(workDir);
  const activation = activationMs();
  const firstVerdict = firstVerdictMs();
  const vsix = vsixMb();
  const bad = await hostile();
  const out: string[] = [
    `Framework Fit benchmark — node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${jobs} parse threads`,
    '',
    table(rows),
    '',
    `peak RSS ${rssMb === undefined ? 'n/a' : `${rssMb.toFixed(0)} MB`} (CLI, synthetic workspace, cold; this script's process: ${benchRssMb.toFixed(0)} MB) · activation ${activation === undefined ? 'n/a (run npm run build)' : `${activation.toFixed(1)} ms`} · first verdict (CLI, examples/blog-flask, no cache) ${firstVerdict === undefined ? 'n/a' : `${firstVerdict.toFixed(0)} ms`} · .vsix ${vsix === undefined ? 'n/a' : `${vsix.toFixed(2)} MB`}`,
  ];
  if (bad) {
    const [min, med, max] = [bad.runs[0], median(bad.runs), bad.runs[bad.runs.length - 1]];
    out.push(`hostile (test/hostile/cases.ts, fresh CLI process, no cache): ${min.toFixed(0)} / ${med.toFixed(0)} / ${max.toFixed(0)} ms (min/median/max of ${bad.runs.length}) · slowest manifest alone ${bad.slowest.ms.toFixed(0)} ms (${bad.slowest.file})`);
  }
  const misses: string[] = [];
  const over = (value: number | undefined, target: number, what: string) => {
    if (value !== undefined && value > target * TOLERANCE) misses.push(`${what} ${value.toFixed(2)} > target ${target} (+20 %)`);
  };
  for (const r of rows) {
    if (!r.same) misses.push(`${r.name}: cold, warm and parse-all results differ`);
    over(r.coldMs / r.floorMs, TARGETS.coldRatio, `${r.name} cold/floor`);
    over(r.warmMs / r.warmFloorMs, TARGETS.warmRatio, `${r.name} warm/floor`);
    over(r.incrementalMs, TARGETS.incrementalMs, `${r.name} incremental ms`);
    over(r.stallMs, TARGETS.stallMs, `${r.name} main-thread stall ms`);
  }
  if (rows[0].models !== expected.models || rows[0].routes !== expected.routes) {
    misses.push(`synthetic counts: models ${rows[0].models}/${expected.models}, routes ${rows[0].routes}/${expected.routes}`);
  }
  over(rssMb, TARGETS.rssMb, 'peak RSS MB');
  over(activation, TARGETS.activationMs, 'activation ms');
  over(firstVerdict, TARGETS.firstVerdictMs, 'first verdict ms');
  over(vsix, TARGETS.vsixMb, '.vsix MB');
  if (bad) {
    over(median(bad.runs), TARGETS.hostileMs, 'hostile ms');
    over(bad.slowest.ms, TARGETS.manifestMs, `slowest manifest ms (${bad.slowest.file})`);
  }
  out.push('', misses.length ? `MISSED (${misses.length}):\n${misses.map((m) => `  - ${m}`).join('\n')}` : 'all targets met');
  process.stdout.write(`${out.join('\n')}\n`);
  return misses.length ? 1 : 0;
}

runScript('bench', main);
