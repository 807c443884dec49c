/**
 * Provisions the VS Code that the integration and end-to-end suites run in, on first use, into a
 * git-ignored cache folder, and reuses it after.
 *
 * `@vscode/test-electron` downloads VS Code from the internet when the tests start; CI machines
 * reach only the npm registry and Debian's packages. So the host is code-server (VS Code 1.100.3
 * served to a browser, from npm) driven by Debian's headless Chromium through playwright-core.
 * code-server is ~300 MB and never belongs in the extension's dependencies: it goes into
 * `.cache/vscode-host/` (or `$FRAMEWORK_FIT_HOST_DIR`). Installing takes about 3 minutes.
 *
 * Run alone: `npx tsx test/host/provision.ts` (prints where the host is).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The code-server release pinned: VS Code 1.100.3, the newest whose `engines.node` accepts Node 20. */
export const CODE_SERVER_VERSION = '4.100.3';
/** The @vscode/ripgrep that code-server 4.100.3 installs; its postinstall downloads `rg` unless seeded. */
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/** Where the repository is. */
export const REPO = path.resolve(__dirname, '..', '..');

/** A provisioned host: what the runners need to start VS Code and the browser. */
export interface Host {
  dir: string;
  codeServer: string;
  chromium: string;
  /** An XDG_CONFIG_HOME inside the cache, so neither program writes into the home folder. */
  xdgConfigHome: string;
}

/** The cache folder: `$FRAMEWORK_FIT_HOST_DIR` or `<repo>/.cache/vscode-host`. */
export function hostDir(): string {
  return path.resolve(process.env.FRAMEWORK_FIT_HOST_DIR || path.join(REPO, '.cache', 'vscode-host'));
}

/** The Chromium executable: `$CHROMIUM_PATH` or Debian's. */
function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

function log(message: string): void {
  console.log(`[vscode-host] ${message}`);
}

function isInstalled(pkg: string): boolean {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/**
 * The Debian packages missing for what is about to happen: Chromium to run the tests; to install
 * code-server also ripgrep (seeds @vscode/ripgrep), libkrb5-dev (the `kerberos` native module
 * needs gssapi/gssapi.h) and a compiler toolchain (node-pty, kerberos and spdlog build from source).
 */
function missingPackages(installing: boolean): string[] {
  const missing: string[] = [];
  if (!process.env.CHROMIUM_PATH && !fs.existsSync(chromiumPath())) missing.push('chromium');
  if (!installing) return missing;
  if (!onPath('rg')) missing.push('ripgrep');
  if (!isInstalled('libkrb5-dev')) missing.push('libkrb5-dev');
  if (!onPath('make') || !onPath('g++')) missing.push('build-essential');
  if (!onPath('python3')) missing.push('python3');
  return missing;
}

/** Installs missing Debian packages when running as root; otherwise stops with their names. */
function ensureDebianPackages(installing: boolean): void {
  const missing = missingPackages(installing);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !onPath('apt-get')) {
    throw new Error(
      `The VS Code test host needs these Debian packages: ${missing.join(' ')}.\n` +
        `Install them, e.g. \`sudo apt-get install -y ${missing.join(' ')}\`, then run the tests again` +
        ' (or set CHROMIUM_PATH to a Chromium you have).',
    );
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

interface Marker {
  codeServer: string;
  installedAt: string;
}

function readMarker(dir: string): Marker | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'host.json'), 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

/** npm-installs the pinned code-server into `dir`, working around its three install-time traps. */
function installCodeServer(dir: string): void {
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  // Trap 1: @vscode/ripgrep's postinstall downloads rg from GitHub. It looks in
  // $TMPDIR/vscode-ripgrep-cache-<version>/ first, so put a tarball of Debian's rg there.
  const seed = path.join(tmp, 'rgseed');
  const cache = path.join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  fs.mkdirSync(seed, { recursive: true });
  fs.mkdirSync(cache, { recursive: true });
  const rg = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
  fs.copyFileSync(rg, path.join(seed, 'rg'));
  execFileSync('tar', ['czf', path.join(cache, RIPGREP_ASSET), '-C', seed, 'rg']);

  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'framework-fit-vscode-host', private: true, description: 'Test host; see test/host/provision.ts' }, null, 2) + '\n',
  );
  const logFile = path.join(dir, 'install.log');
  log(`installing code-server@${CODE_SERVER_VERSION} into ${dir} (about 3 minutes; log: ${logFile})`);
  const out = fs.openSync(logFile, 'w');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: dir,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      TMPDIR: tmp,
      // Trap 2: code-server's postinstall refuses to run as root without this.
      npm_config_unsafe_perm: 'true',
      // Trap 3: node-pty's postinstall runs `npx node-gyp`, which `yes=false` would cancel.
      npm_config_yes: 'true',
      // The project's own settings (e.g. omit=dev) must not leak into the host's install.
      npm_config_omit: '',
      npm_config_production: '',
    },
  });
  fs.closeSync(out);
  if (r.status !== 0) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    throw new Error(`Installing code-server failed (exit ${r.status}). Last lines of ${logFile}:\n${tail}`);
  }
}

/**
 * Makes sure the host exists, installing it on first use, and returns where its programs are.
 * A host is complete once `host.json` is written, so an interrupted install is simply redone.
 */
export function ensureHost(): Host {
  const dir = hostDir();
  const codeServer = path.join(dir, 'node_modules', '.bin', 'code-server');
  const host: Host = { dir, codeServer, chromium: chromiumPath(), xdgConfigHome: path.join(dir, 'xdg') };
  const marker = readMarker(dir);
  const ready = marker?.codeServer === CODE_SERVER_VERSION && fs.existsSync(codeServer);
  ensureDebianPackages(!ready);
  if (ready) return host;

  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) log(`warning: code-server ${CODE_SERVER_VERSION} expects Node 20; this is Node ${process.versions.node}`);
  const t0 = Date.now();
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(path.join(dir, 'host.json'), { force: true });
  installCodeServer(dir);
  const version = execFileSync(codeServer, ['--version'], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: host.xdgConfigHome },
  }).trim();
  fs.writeFileSync(path.join(dir, 'host.json'), JSON.stringify({ codeServer: CODE_SERVER_VERSION, installedAt: new Date().toISOString() } satisfies Marker, null, 2) + '\n');
  const line = version.split('\n').find((l) => /^\d+\.\d+\.\d+ /.test(l)) ?? version;
  log(`code-server ready in ${Math.round((Date.now() - t0) / 1000)} s: ${line}`);
  return host;
}

if (require.main === module) {
  try {
    const host = ensureHost();
    log(`host: ${host.dir}`);
  } catch (e) {
    console.error(`[vscode-host] ${(e as Error).message}`);
    process.exit(1);
  }
}
