/**
 * What every run in a real VS Code needs before it starts: the extension bundle, the integration
 * tests compiled to JavaScript, and fixture workspaces copied to a temporary folder so that tests
 * may edit them (settings, files) without dirtying the repository.
 *
 * Shared by the code-server runner (runIntegration.ts), the end-to-end session (test/e2e/session.ts)
 * and `.vscode-test.mjs` (the standard @vscode/test-cli path).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO } from './provision';

/** Where the compiled integration tests go (git-ignored). */
export const OUT_DIR = path.join(REPO, 'out', 'test');
/** The compiled mocha entry that VS Code's extension host calls (`run()`). */
export const INTEGRATION_INDEX = path.join(OUT_DIR, 'integration', 'index.js');
/** Where runs leave screenshots and, after a failure, logs (git-ignored). */
export const RESULTS_DIR = path.join(REPO, 'test-results');
/** The fixture workspaces, each with an EXPECTED.json. */
export const FIXTURES_DIR = path.join(REPO, 'test', 'fixtures');

/** Bundles the extension (`npm run build`), so the tests run what a user would install. */
export function buildExtension(): void {
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`building the extension failed (exit ${r.status})`);
}

function listTs(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f));
}

/**
 * Compiles test/integration/** and the count reporter, one file each (no bundling: the test files
 * share helpers.ts as one module, and `vscode` is provided by the extension host at run time).
 */
export async function buildIntegrationTests(): Promise<void> {
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [...listTs(path.join(REPO, 'test', 'integration')), path.join(REPO, 'test', 'mocha', 'countReporter.ts')],
    outbase: path.join(REPO, 'test'),
    outdir: OUT_DIR,
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

/** The fixtures that carry an EXPECTED.json, by folder name. */
export function fixtureNames(): string[] {
  return fs
    .readdirSync(FIXTURES_DIR)
    .filter((n) => fs.existsSync(path.join(FIXTURES_DIR, n, 'EXPECTED.json')))
    .sort();
}

/** A throw-away copy of some fixtures. */
export interface FixtureWorkspace {
  /** The temporary folder holding the copies. */
  dir: string;
  /** One folder per fixture, by name. */
  folders: Record<string, string>;
  /** A multi-root `.code-workspace` file listing every copied fixture. */
  workspaceFile: string;
  /** Deletes the copies. */
  remove(): void;
}

/**
 * Copies the named fixtures into a fresh temporary folder (or into `at`, emptied first) and writes
 * a workspace file for them.
 */
export function makeFixtureWorkspace(names: string[], prefix = 'framework-fit-ws-', at?: string): FixtureWorkspace {
  if (at) {
    fs.rmSync(at, { recursive: true, force: true });
    fs.mkdirSync(at, { recursive: true });
  }
  const dir = at ?? fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const folders: Record<string, string> = {};
  for (const name of names) {
    folders[name] = path.join(dir, name);
    fs.cpSync(path.join(FIXTURES_DIR, name), folders[name], { recursive: true });
  }
  const workspaceFile = path.join(dir, 'fixtures.code-workspace');
  fs.writeFileSync(
    workspaceFile,
    JSON.stringify({ folders: names.map((n) => ({ path: n })), settings: { 'security.workspace.trust.enabled': false } }, null, 2) + '\n',
  );
  return { dir, folders, workspaceFile, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

// `node --import tsx test/host/prepare.ts` (from .vscode-test.mjs): builds, copies the fixtures to
// .vscode-test/workspace/ and prints the workspace file.
if (require.main === module) {
  buildExtension();
  buildIntegrationTests().then(
    () => console.log(makeFixtureWorkspace(fixtureNames(), '', path.join(REPO, '.vscode-test', 'workspace')).workspaceFile),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
