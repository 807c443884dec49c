/**
 * Starts code-server (the provisioned VS Code) on a free local port with its own throw-away
 * profile, and stops it. Its settings, extensions and logs live in one temporary folder so a run
 * never reads or writes the home folder, and the logs can be kept when a run fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Host } from './provision';

/** A running code-server. */
export interface CodeServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** The profile folder: user-data-dir (with `logs/`), extensions-dir, config. */
  profileDir: string;
  /** code-server's own output. */
  logFile: string;
  /** The workbench URL for a folder or a `.code-workspace` file, with optional extra query. */
  workbenchUrl(target: string, extra?: Record<string, string>): string;
  /** Copies VS Code's logs and code-server's output into `dest`. */
  saveLogs(dest: string): void;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

/** Options for one server. */
export interface StartOptions {
  /** Extra code-server arguments. */
  args?: string[];
  /** User settings written before start. */
  settings?: Record<string, unknown>;
  timeoutMs?: number;
}

/** Starts code-server and resolves once it answers on its port. */
export async function startCodeServer(host: Host, options: StartOptions = {}): Promise<CodeServer> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'framework-fit-vscode-'));
  const userDataDir = path.join(profileDir, 'user-data');
  const extensionsDir = path.join(profileDir, 'extensions');
  const configFile = path.join(profileDir, 'config.yaml');
  const logFile = path.join(profileDir, 'code-server.log');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        ...options.settings,
      },
      null,
      2,
    ),
  );
  const log = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(
    host.codeServer,
    [
      '--config', configFile,
      '--bind-addr', '127.0.0.1:0',
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      ...(options.args ?? []),
    ],
    {
      stdio: ['ignore', 'pipe', log],
      env: { ...process.env, XDG_CONFIG_HOME: host.xdgConfigHome, XDG_DATA_HOME: path.join(profileDir, 'xdg-data') },
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // The port is chosen by the system (:0); code-server prints it once it listens.
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not start within ${options.timeoutMs ?? 60000} ms; see ${logFile}`)), options.timeoutMs ?? 60000);
    child.stdout!.on('data', (chunk: Buffer) => {
      fs.appendFileSync(logFile, chunk);
      seen += chunk.toString();
      const m = /HTTP server listening on (http:\/\/[^\s/]+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before listening; see ${logFile}`));
    });
  });
  return {
    url,
    profileDir,
    logFile,
    workbenchUrl(target, extra = {}) {
      const key = target.endsWith('.code-workspace') ? 'workspace' : 'folder';
      const q = new URLSearchParams({ [key]: target, ...extra });
      return `${url}/?${q.toString()}`;
    },
    saveLogs(dest) {
      fs.mkdirSync(dest, { recursive: true });
      fs.copyFileSync(logFile, path.join(dest, 'code-server.log'));
      const logs = path.join(userDataDir, 'logs');
      if (fs.existsSync(logs)) fs.cpSync(logs, path.join(dest, 'vscode-logs'), { recursive: true });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      fs.closeSync(log);
      fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
