/**
 * The manifest formats in one table, and `readManifests`, which reads a set of manifest files
 * through a Workspace, follows requirements includes (`-r`, `-c`, setup.cfg `file:`) and never
 * throws: every failure becomes a Problem.
 *
 * To add a format: write its parser next to the others (text + path in, ManifestResult out),
 * add its name to `ManifestFormat` in model.ts, a rule to `manifestFormatOf` and a line to `PARSERS`.
 */
import type { ManifestFormat, ManifestResult, Problem } from '../model';
import type { PythonParser } from '../python/parser';
import { decodeText } from '../read/text';
import { baseName, type Workspace } from '../read/workspace';
import { isUnreadable, problem, quote } from './common';
import { parseCondaEnv } from './conda';
import { parsePipfile } from './pipfile';
import { parsePyproject } from './pyproject';
import { isRequirementsFileName, parseRequirements, requirementsKindFor } from './requirements';
import { parseSetupCfg } from './setupCfg';
import { parseSetupPy } from './setupPy';
import { append } from '../read/append';

export { parseCondaEnv } from './conda';
export { parsePipfile } from './pipfile';
export { parsePyproject } from './pyproject';
export { parseRequirements, requirementsKindFor } from './requirements';
export { parseSetupCfg } from './setupCfg';
export { parseSetupPy } from './setupPy';
export { parsePep508, type Pep508, type Pep508Result } from './pep508';

/** Which manifest format a workspace-relative path is, by its name; undefined when none. */
export function manifestFormatOf(path: string): ManifestFormat | undefined {
  const base = baseName(path);
  const lower = base.toLowerCase();
  if (lower === 'pyproject.toml') return 'pyproject';
  if (base === 'Pipfile') return 'pipfile';
  if (lower === 'setup.cfg') return 'setup.cfg';
  if (lower === 'setup.py') return 'setup.py';
  if (lower === 'environment.yml' || lower === 'environment.yaml') return 'conda';
  if (isRequirementsFileName(path)) return 'requirements';
  return undefined;
}

const PARSERS: Record<ManifestFormat, (text: string, file: string, parser: PythonParser) => ManifestResult> = {
  requirements: parseRequirements,
  pyproject: parsePyproject,
  pipfile: parsePipfile,
  'setup.cfg': parseSetupCfg,
  'setup.py': parseSetupPy,
  conda: parseCondaEnv,
};

/** Parses a manifest's text; setup.py is read with tree-sitter (never run), so it takes a parser. */
export function parseManifest(format: ManifestFormat, text: string, file: string, parser: PythonParser): ManifestResult {
  return PARSERS[format](text, file, parser);
}

/**
 * How manifests are parsed: on this thread with `parser` (for setup.py), or by a function that
 * parses them elsewhere — the parse workers (pool.ts), so that the caller's thread never loads
 * WebAssembly nor spends its time in the requirement grammar while it could be reading files.
 */
export type ManifestParsing = PythonParser | ((format: ManifestFormat, text: string, file: string) => Promise<ManifestResult>);

/** A manifest read and parsed ahead of the walk, with what reading it said. */
interface Loaded {
  said: Problem[];
  result: Promise<ManifestResult | undefined>;
}

/** How many manifests are read and parsed ahead of the one being walked. */
const READ_AHEAD = 8;

/** What `readManifests` returns. */
export interface ManifestRead {
  /**
   * Every manifest read, by workspace-relative path, included requirements files among them. A file
   * that could not be parsed at all (malformed TOML or YAML) has no entry: it declares nothing, and
   * its problem is in `problems`.
   */
  results: Map<string, ManifestResult>;
  /**
   * Every problem met, flattened: those of each result (the same objects) plus files that could
   * not be read at all. Show this list, or the per-result lists, not both.
   */
  problems: Problem[];
  /** Files named setup.py that call no setup(): modules of the code, not manifests. */
  setupModules: string[];
}

/**
 * Reads and parses manifest files. Requirements includes are followed recursively (each file read
 * once; a cycle is a warning naming the chain; a missing include an error at the including line).
 * Dependencies of files reached through `-c` get kind 'constraint'; other requirements files get
 * the kind their path suggests (`requirementsKindFor`). Files larger than `maxBytes` or binary are
 * skipped with a problem; files that are not UTF-8 are read as Latin-1 with a warning.
 * `signal` is checked before each file (a cancelled read rejects with its reason).
 */
export async function readManifests(
  ws: Workspace,
  files: string[],
  parser: ManifestParsing,
  maxBytes = 1_000_000,
  signal?: AbortSignal,
): Promise<ManifestRead> {
  const results = new Map<string, ManifestResult>();
  const problems: Problem[] = [];
  const said = problems;
  const setupModules: string[] = [];
  const folderIsReal = new Map<string, Promise<boolean>>();

  /**
   * True when every folder on the way to `file` is a folder, not a link. An include names a path,
   * and the operating system would follow a link among its folders out of the workspace; the walk
   * never follows links, and neither do includes.
   */
  const viaRealFolders = async (file: string): Promise<boolean> => {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      let real = folderIsReal.get(dir);
      if (!real) {
        real = ws.stat(dir).then(
          (s) => s.type === 'dir',
          () => true, // a missing folder: reading the file will say so
        );
        folderIsReal.set(dir, real);
      }
      if (!(await real)) return false;
    }
    return true;
  };

  /** Reads a file's text; undefined (with problems recorded) when it cannot be used. */
  const readText = async (
    file: string,
    from?: { file: string; line: number; constraint: boolean },
    problems: Problem[] = said,
  ): Promise<string | undefined> => {
    let bytes: Uint8Array;
    try {
      // Folders first: a stat through a linked folder would already reach outside.
      const linked = from !== undefined && !(await viaRealFolders(file));
      const stat = linked ? undefined : await ws.stat(file);
      if (from && (!stat || stat.type === 'symlink')) {
        const p = problem(from.file, from.line, `${from.constraint ? '-c' : '-r'} ${quote(file)}: the path goes through a link; links are not followed`, 'warning');
        results.get(from.file)?.problems.push(p);
        problems.push(p);
        return undefined;
      }
      if (!stat) return undefined;
      if (stat.type !== 'file') throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      if (stat.size > maxBytes) {
        problems.push(problem(file, null, `larger than ${maxBytes} bytes (${stat.size}); not read`, 'warning'));
        return undefined;
      }
      // The stat was a wait: a scan cancelled meanwhile reads nothing more.
      signal?.throwIfAborted();
      bytes = await ws.readFile(file, maxBytes);
    } catch (e) {
      if (signal?.aborted) throw e;
      const missing = (e as { code?: string }).code === 'ENOENT' || (e as { code?: string }).code === 'FileNotFound';
      if (from) {
        const p = problem(
          from.file,
          from.line,
          missing
            ? `${from.constraint ? '-c' : '-r'} ${quote(file)}: the included file does not exist`
            : `${quote(file)} (included) could not be read: ${errorText(e)}`,
        );
        results.get(from.file)?.problems.push(p);
        problems.push(p);
      } else {
        problems.push(problem(file, null, missing ? 'file does not exist' : `could not be read: ${errorText(e)}`));
      }
      return undefined;
    }
    if (bytes.byteLength > maxBytes) {
      problems.push(problem(file, null, `larger than ${maxBytes} bytes (${bytes.byteLength}); not read`, 'warning'));
      return undefined;
    }
    const decoded = decodeText(bytes);
    if (!decoded.ok) {
      problems.push(problem(file, null, decoded.reason, 'warning'));
      return undefined;
    }
    if (decoded.warning) problems.push(problem(file, null, decoded.warning, 'warning'));
    return decoded.text;
  };

  /** Reads and parses a file; what it says goes to `out`, to be told in the order of the walk. */
  const load = async (file: string, format: ManifestFormat, out: Problem[], from?: { file: string; line: number; constraint: boolean }): Promise<ManifestResult | undefined> => {
    const text = await readText(file, from, out);
    if (text === undefined) return undefined;
    try {
      return typeof parser === 'function' ? await parser(format, text, file) : PARSERS[format](text, file, parser);
    } catch (e) {
      out.push(problem(file, null, `could not be parsed: ${errorText(e)}`));
      return undefined;
    }
  };

  const visit = async (
    file: string,
    format: ManifestFormat,
    constraint: boolean,
    chain: string[],
    from?: { file: string; line: number; constraint: boolean },
    loaded?: Loaded,
  ): Promise<void> => {
    signal?.throwIfAborted();
    const { said: told, result: pending } = loaded ?? { said: [], result: load(file, format, problems, from) };
    const result = await pending;
    append(problems, told);
    if (result === undefined) return;
    if (format === 'requirements') {
      const kind = constraint ? 'constraint' : requirementsKindFor(file);
      for (const d of result.dependencies) if (d.kind === 'runtime') d.kind = kind;
    }
    if (result.notSetupScript) {
      setupModules.push(file);
      return;
    }
    append(problems, result.problems);
    if (isUnreadable(result)) return;
    results.set(file, result);

    for (const inc of result.includes ?? []) {
      if (chain.includes(inc.file)) {
        const p = problem(file, inc.line, `include cycle: ${[...chain, inc.file].join(' -> ')}; not followed again`, 'warning');
        result.problems.push(p);
        problems.push(p);
        continue;
      }
      if (results.has(inc.file)) continue;
      await visit(inc.file, 'requirements', constraint || inc.constraint, [...chain, inc.file], {
        file,
        line: inc.line,
        constraint: inc.constraint,
      });
    }
  };

  // The next few files are read and parsed while one is walked (in parallel where `parser` is a
  // worker pool); what each says is told in the walk's order, so the answer does not change.
  const ahead = new Map<number, Loaded>();
  const readAhead = (i: number) => {
    for (let j = i; j < Math.min(files.length, i + READ_AHEAD); j++) {
      const format = manifestFormatOf(files[j]!);
      if (ahead.has(j) || !format || results.has(files[j]!)) continue;
      const told: Problem[] = [];
      const result = load(files[j]!, format, told);
      result.catch(() => undefined); // awaited in the walk; a cancelled read must not go unhandled meanwhile
      ahead.set(j, { said: told, result });
    }
  };
  for (const [i, file] of files.entries()) {
    const loaded = ahead.get(i);
    ahead.delete(i);
    if (results.has(file)) continue;
    signal?.throwIfAborted();
    try {
      const format = manifestFormatOf(file);
      if (!format) {
        problems.push(problem(file, null, 'not a manifest format this extension reads; skipped', 'info'));
        continue;
      }
      readAhead(i + 1);
      await visit(file, format, false, [file], undefined, loaded);
    } catch (e) {
      if (signal?.aborted) throw e;
      problems.push(problem(file, null, `could not be read: ${errorText(e)}`));
    }
  }
  return { results, problems, setupModules };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
