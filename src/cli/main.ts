/**
 * The command-line front end: `framework-fit [DIR] [--format text|json|markdown|sarif] [--exclude GLOB]`.
 * Exit 0 when it assessed (problems included), 2 for a usage error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { AssessmentSession } from '../core/assess';
import { FileCache } from '../core/engine/cache';
import type { Assessment } from '../core/model';
import { WorkerPoolAnalyzer } from '../core/engine/pool';
import { parseNeeds, type DeclaredNeeds } from '../core/verdict/needs';
import { toJson, toMarkdown, toText } from '../core/report/report';
import { toSarif } from '../core/report/sarif';
import { NodeWorkspace } from '../core/read/workspace';
import { visibleText } from '../core/report/visible';

const USAGE = `Usage: framework-fit [DIR] [--format text|json|markdown|sarif] [--exclude GLOB]... [--max-files N] [--max-file-bytes N]
                     [--no-cache] [--cache-dir DIR] [--jobs N] [--need KEY=VALUE]...
Assesses the Python workspace in DIR (default: the current folder) and says whether Flask or Django fits it better.
--format sarif writes SARIF 2.1.0 for CI code scanning. --need declares what the project will need, merged
with what the files show (for a new project): database=none|few|many, accounts|admin|forms|apiOnly|realtime=yes|no,
pages=few|some|many.
Per-file results are cached by content hash in --cache-dir (default: $XDG_CACHE_HOME/framework-fit or
~/.cache/framework-fit), with each file's size and modification time (an unchanged file is not read
again); --no-cache turns that off. --jobs sets the parse threads (default: one per core, up to 4).`;

/** The CLI's cache folder: $XDG_CACHE_HOME/framework-fit, else ~/.cache/framework-fit. */
export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'framework-fit');
}

/** Parsed command line. */
export interface CliArgs {
  dir: string;
  format: 'text' | 'json' | 'markdown' | 'sarif';
  exclude: string[];
  /** Declared needs (--need), merged with what the files show. */
  needs?: DeclaredNeeds;
  maxFiles?: number;
  maxFileBytes?: number;
  cache: boolean;
  cacheDir?: string;
  jobs?: number;
}

/** Parses argv (without node and script); returns an error message for a usage error. */
export function parseArgs(argv: readonly string[]): CliArgs | { error: string } | { help: true } {
  const args: CliArgs = { dir: '.', format: 'text', exclude: [], cache: true };
  let dirSet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      i++;
      return argv[i];
    };
    const flag = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (flag === '--help' || flag === '-h') return { help: true };
    if (flag === '--format' || flag === '-f') {
      const v = value();
      if (v !== 'text' && v !== 'json' && v !== 'markdown' && v !== 'sarif') return { error: `--format takes text, json, markdown or sarif (got ${v ?? 'nothing'})` };
      args.format = v;
    } else if (flag === '--need') {
      const v = value() ?? '';
      const eq = v.indexOf('=');
      const key = v.slice(0, eq);
      const raw = v.slice(eq + 1);
      const answer = raw === 'yes' ? true : raw === 'no' ? false : raw;
      const need = parseNeeds({ [key]: answer });
      if (eq <= 0 || !need || Object.keys(need).length === 0) return { error: `--need takes KEY=VALUE, e.g. database=many or accounts=yes (got ${v || 'nothing'})` };
      args.needs = { ...args.needs, ...need };
    } else if (flag === '--exclude') {
      const v = value();
      if (!v) return { error: '--exclude takes a glob' };
      args.exclude.push(v);
    } else if (flag === '--no-cache') {
      args.cache = false;
    } else if (flag === '--cache-dir') {
      const v = value();
      if (!v) return { error: '--cache-dir takes a folder' };
      args.cacheDir = v;
    } else if (flag === '--max-files' || flag === '--max-file-bytes' || flag === '--jobs') {
      const n = Number(value());
      if (!Number.isInteger(n) || n <= 0) return { error: `${flag} takes a positive whole number` };
      if (flag === '--max-files') args.maxFiles = n;
      else if (flag === '--jobs') args.jobs = n;
      else args.maxFileBytes = n;
    } else if (a.startsWith('-')) {
      return { error: `unknown option ${a}` };
    } else if (dirSet) {
      return { error: `only one folder can be assessed at a time (got ${args.dir} and ${a})` };
    } else {
      args.dir = a;
      dirSet = true;
    }
  }
  return args;
}

/** Where the CLI writes; `isTTY` decides whether a progress line is shown. */
export type Output = NodeJS.WritableStream & { isTTY?: boolean };

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[], out: Output = process.stdout, err: Output = process.stderr): Promise<number> {
  const parsed = parseArgs(argv);
  if ('help' in parsed) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  if ('error' in parsed) {
    err.write(`framework-fit: ${visibleText(parsed.error)}\n${USAGE}\n`);
    return 2;
  }
  const dir = path.resolve(parsed.dir);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    err.write(`framework-fit: no such folder: ${visibleText(parsed.dir)}\n`);
    return 2;
  }
  const started = Date.now();
  let lastProgress = 0;
  const showProgress = err.isTTY === true;
  const cache = parsed.cache ? await FileCache.open(parsed.cacheDir ?? defaultCacheDir(), dir) : undefined;
  const jobs = parsed.jobs ?? Math.min(4, os.availableParallelism());
  const analyzer = jobs > 1 ? new WorkerPoolAnalyzer(jobs) : undefined;
  const session = await AssessmentSession.create(new NodeWorkspace(dir), {
    exclude: parsed.exclude,
    ...(parsed.needs ? { needs: parsed.needs } : {}),
    maxFiles: parsed.maxFiles,
    maxFileBytes: parsed.maxFileBytes,
    analyzer,
    cache,
    onProgress: (p) => {
      const now = Date.now();
      // Only long scans get a progress line, at most a few times a second.
      if (!showProgress || now - started < 1000 || now - lastProgress < 250) return;
      lastProgress = now;
      err.write(`\r\x1b[K${p.phase}: ${p.total ? `${p.done}/${p.total} ` : ''}${visibleText(p.message.slice(0, 100))}`);
    },
  });
  let assessment: Assessment;
  try {
    assessment = await session.scan();
  } finally {
    session.dispose();
    analyzer?.dispose();
  }
  if (cache?.discarded) assessment.problems.push({ file: cache.path, line: null, message: cache.discarded, severity: 'info' });
  if (showProgress && lastProgress) err.write('\r\x1b[K');
  assessment.root = parsed.dir;
  if (parsed.format === 'json') out.write(`${JSON.stringify(toJson(assessment), null, 2)}\n`);
  else if (parsed.format === 'markdown') out.write(toMarkdown(assessment));
  else if (parsed.format === 'sarif') out.write(`${JSON.stringify(toSarif(assessment), null, 2)}\n`);
  else out.write(toText(assessment));
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`framework-fit: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
