/**
 * Debian's headless Chromium through playwright-core, with the flags it needs to run as root in a
 * container and to stay off the network, in a fresh profile per run. Browser console output is
 * kept so that a failing run can save it beside VS Code's own logs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Host } from './provision';

/** A browser with one page and what it printed. */
export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Browser console lines and page errors so far. */
  console: string[];
  close(): Promise<void>;
}

/** Launches Chromium with a fresh profile. */
export async function launchBrowser(host: Host, viewport = { width: 1400, height: 900 }): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'framework-fit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: host.chromium,
    headless: true,
    viewport,
    env: { ...process.env, XDG_CONFIG_HOME: host.xdgConfigHome },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const lines: string[] = [];
  page.on('console', (m) => lines.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => lines.push(`[pageerror] ${e.message}`));
  return {
    context,
    page,
    console: lines,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
