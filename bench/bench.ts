/**
 * `npm run bench [-- DIR...]`: assesses a generated synthetic workspace (5,000 Python files, about
 * 50 MB, mixing Flask and Django code) and any folders given, and prints for each: files, MB, the
 * read floor (walk + read every file the engine reads), the full assessment's wall time, files/s,
 * MB/s, the ratio to the floor, and the process's peak RSS; then a parse-everything pass (the
 * lexical pre-filter off) whose result must be identical. Figures only: it asserts nothing about
 * time; it exits 1 when the synthetic counts are not the generated ones, when the pre-filter changes
 * a result, or when peak RSS passes 400 MB.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assess } from '../src/core/assess';
import { walk } from '../src/core/discovery';
import { PythonParser } from '../src/core/python/parser';
import { NodeWorkspace } from '../src/core/workspace';
import { generateSynthetic } from './synthetic';

interface Row {
  name: string;
  files: number;
  mb: number;
  floorMs: number;
  coldMs: number;
  /** Wall time of the parse-everything pass (pre-filter off). */
  fullMs: number;
  /** Whether the pre-filtered and the parse-everything assessments are identical. */
  identical: boolean;
  models: number;
  routes: number;
  projects: number;
  problems: number;
}

async function readFloor(dir: string): Promise<{ ms: number; files: number; bytes: number }> {
  const ws = new NodeWorkspace(dir);
  const t0 = performance.now();
  const { files } = await walk(ws);
  let bytes = 0;
  for (const f of files) bytes += (await ws.readFile(f.path)).byteLength;
  return { ms: performance.now() - t0, files: files.length, bytes };
}

async function measure(name: string, dir: string, parser: PythonParser): Promise<Row> {
  await readFloor(dir); // warm the OS cache so both passes read from memory
  const floor = await readFloor(dir);
  const t0 = performance.now();
  const a = await assess(new NodeWorkspace(dir), { parser });
  const coldMs = performance.now() - t0;
  const t1 = performance.now();
  const full = await assess(new NodeWorkspace(dir), { parser, prefilter: false });
  const fullMs = performance.now() - t1;
  // Syntax-error problems of files that show nothing are the one thing the pre-filter drops.
  const same = (x: typeof a) => JSON.stringify({ p: x.projects, q: x.problems.filter((pr) => !/syntax error/.test(pr.message)) });
  return {
    fullMs,
    identical: same(a) === same(full),
    name,
    files: floor.files,
    mb: floor.bytes / 1e6,
    floorMs: floor.ms,
    coldMs,
    models: a.projects.reduce((n, p) => n + p.facts.models, 0),
    routes: a.projects.reduce((n, p) => n + p.facts.routes, 0),
    projects: a.projects.length,
    problems: a.problems.length,
  };
}

function fmt(rows: Row[], peakRssMb: number): string {
  const head = ['workspace', 'files', 'MB', 'floor ms', 'cold ms', 'cold/floor', 'files/s', 'MB/s', 'parse-all ms', 'same', 'projects', 'models', 'routes', 'problems'];
  const body = rows.map((r) => [
    r.name,
    String(r.files),
    r.mb.toFixed(1),
    r.floorMs.toFixed(0),
    r.coldMs.toFixed(0),
    `${(r.coldMs / r.floorMs).toFixed(1)}×`,
    (r.files / (r.coldMs / 1000)).toFixed(0),
    (r.mb / (r.coldMs / 1000)).toFixed(2),
    r.fullMs.toFixed(0),
    r.identical ? 'yes' : 'NO',
    String(r.projects),
    String(r.models),
    String(r.routes),
    String(r.problems),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...body.map(line), '', `peak RSS: ${peakRssMb.toFixed(0)} MB (whole process)`].join('\n');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const workDir = path.resolve('bench/.work/synthetic');
  const t0 = performance.now();
  const expected = generateSynthetic(workDir, { files: 5000, targetBytes: 50_000_000 });
  process.stderr.write(`synthetic workspace ready in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${workDir}\n`);
  const parser = await PythonParser.create();
  const rows: Row[] = [];
  try {
    rows.push(await measure('synthetic', workDir, parser));
    for (const dir of args) {
      if (!fs.existsSync(dir)) {
        process.stderr.write(`bench: no such folder ${dir}\n`);
        return 2;
      }
      rows.push(await measure(path.basename(path.resolve(dir)), path.resolve(dir), parser));
    }
  } finally {
    parser.dispose();
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${fmt(rows, peakRssMb)}\n`);
  const differing = rows.filter((r) => !r.identical);
  if (differing.length) {
    process.stderr.write(`bench: the pre-filter changed the result on ${differing.map((r) => r.name).join(', ')}\n`);
    return 1;
  }
  const syn = rows[0];
  if (syn.models !== expected.models || syn.routes !== expected.routes) {
    process.stderr.write(`bench: synthetic counts differ: models ${syn.models} (expected ${expected.models}), routes ${syn.routes} (expected ${expected.routes})\n`);
    return 1;
  }
  if (peakRssMb > 400) {
    process.stderr.write(`bench: peak RSS ${peakRssMb.toFixed(0)} MB is over the 400 MB budget\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
