/**
 * The end-to-end session (mocha root hooks, loaded by test/e2e/.mocharc.json): one VS Code
 * (code-server, provisioned on first use) with the extension under development, opened on a copy
 * of test/fixtures/flask-batteries, and one headless Chromium page on its workbench. Tests drive
 * the page as a person would (test/e2e/workbench.ts).
 *
 * Each run writes screenshots to test-results/e2e/. A failing test also leaves
 * test-results/e2e/failures/<test>/: a screenshot of that moment, VS Code's logs, code-server's
 * output and the browser console.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from '../host/browser';
import { startCodeServer, type CodeServer } from '../host/codeServer';
import { RESULTS_DIR, buildExtension, makeFixtureWorkspace, type FixtureWorkspace } from '../host/prepare';
import { REPO, ensureHost } from '../host/provision';

/** Where this suite's screenshots go. */
export const SHOTS_DIR = path.join(RESULTS_DIR, 'e2e');

/** What the tests get. */
export interface Session {
  page: Page;
  server: CodeServer;
  workspace: FixtureWorkspace;
  /** The workspace folder (the copy of flask-batteries). */
  folder: string;
  /** Saves a screenshot as test-results/e2e/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
}

interface State {
  session?: Session;
  browser?: Browser;
  server?: CodeServer;
  workspace?: FixtureWorkspace;
}
// On globalThis, so the hooks and the test files share it however mocha loaded them.
const KEY = Symbol.for('framework-fit.e2e');
const state: State = ((globalThis as Record<symbol, State>)[KEY] ??= {});

/** The running session; only valid inside tests and hooks. */
export function session(): Session {
  if (!state.session) throw new Error('the e2e session did not start (see the first error above)');
  return state.session;
}

function slug(title: string): string {
  return title.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 80);
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(20 * 60_000);
    const t0 = Date.now();
    buildExtension();
    const host = ensureHost();
    fs.rmSync(SHOTS_DIR, { recursive: true, force: true });
    fs.mkdirSync(SHOTS_DIR, { recursive: true });
    state.workspace = makeFixtureWorkspace(['flask-batteries'], 'framework-fit-e2e-');
    const folder = state.workspace.folders['flask-batteries'];
    // Pinned settings make the screenshots and positions reproducible.
    state.server = await startCodeServer(host, {
      settings: { 'workbench.colorTheme': 'Default Light Modern', 'editor.hover.delay': 300, 'window.commandCenter': true, 'workbench.activityBar.location': 'default' },
    });
    state.browser = await launchBrowser(host);
    const { page } = state.browser;
    const authority = new URL(state.server.url).host;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${authority}${REPO}`],
      ['skipWelcome', 'true'],
    ]);
    await page.goto(state.server.workbenchUrl(folder, { payload }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    // Our contributions are loaded once the activity bar shows the container.
    await page.locator('.activitybar [aria-label^="Framework Fit"]').first().waitFor({ timeout: 120_000 });
    const shots = SHOTS_DIR;
    state.session = {
      page,
      server: state.server,
      workspace: state.workspace,
      folder,
      async screenshot(name) {
        const file = path.join(shots, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
    };
    console.log(`    (VS Code ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${state.server.url})`);
  },

  async afterEach(this: Mocha.Context) {
    const test = this.currentTest;
    if (!test || test.state !== 'failed' || !state.browser) return;
    const dir = path.join(SHOTS_DIR, 'failures', slug(test.fullTitle()));
    fs.mkdirSync(dir, { recursive: true });
    await state.browser.page.screenshot({ path: path.join(dir, 'screenshot.png') }).catch(() => {});
    fs.writeFileSync(path.join(dir, 'browser-console.log'), state.browser.console.join('\n') + '\n');
    state.server?.saveLogs(dir);
    console.log(`      (screenshot and logs: ${path.relative(REPO, dir)}/)`);
  },

  async afterAll() {
    // A failure before any test ran (startup) still leaves something to read.
    if (!state.session && state.browser) {
      const dir = path.join(SHOTS_DIR, 'failures', 'startup');
      fs.mkdirSync(dir, { recursive: true });
      await state.browser.page.screenshot({ path: path.join(dir, 'screenshot.png') }).catch(() => {});
      fs.writeFileSync(path.join(dir, 'browser-console.log'), state.browser.console.join('\n') + '\n');
      state.server?.saveLogs(dir);
    }
    await state.browser?.close();
    await state.server?.stop();
    state.workspace?.remove();
  },
};
