/**
 * `npm run test:integration`: runs test/integration/*.integration.test.ts inside a real VS Code
 * (code-server, provisioned on first use) with the real `vscode` API, against a multi-root
 * workspace of fixture copies.
 *
 * VS Code's own test mode does the work: the workbench URL carries `extensionDevelopmentPath`
 * and `extensionTestsPath`; the extension host loads our mocha entry (test/integration/index.ts),
 * and the workbench reports mocha's output and the exit code through `codeAutomationLog` and
 * `codeAutomationExit`, which we expose on the page.
 *
 * A failing or stuck run leaves test-results/integration/: a screenshot, VS Code's logs,
 * code-server's output and the browser console.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { launchBrowser, type Browser } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { MOCHA_END, MOCHA_START } from '../integration/markers';
import { INTEGRATION_INDEX, RESULTS_DIR, buildExtension, buildIntegrationTests, fixtureNames, makeFixtureWorkspace } from './prepare';
import { REPO, ensureHost } from './provision';

const TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS || 300_000);
const ARTEFACTS = path.join(RESULTS_DIR, 'integration');
const VERBOSE = !!process.env.INTEGRATION_VERBOSE;

async function main(): Promise<number> {
  const t0 = Date.now();
  buildExtension();
  await buildIntegrationTests();
  const host = ensureHost();
  fs.rmSync(ARTEFACTS, { recursive: true, force: true });
  const ws = makeFixtureWorkspace(fixtureNames(), 'framework-fit-it-');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let code = 1;
  const workbenchLog: string[] = [];
  try {
    server = await startCodeServer(host);
    browser = await launchBrowser(host);
    const { page } = browser;
    const authority = new URL(server.url).host;
    let resolveExit!: (code: number) => void;
    const exit = new Promise<number>((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationExit', (c: number) => resolveExit(c));
    // VS Code sends its own log lines through the same channel; show mocha's (between the
    // markers index.ts prints) and keep everything for the failure report.
    let inMocha = false;
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = util.format(...args);
      workbenchLog.push(`[${type}] ${line}`);
      if (line === MOCHA_START) inMocha = true;
      else if (line === MOCHA_END) inMocha = false;
      else if (inMocha || VERBOSE) console.log(line);
    });
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${authority}${REPO}`],
      ['extensionTestsPath', `vscode-remote://${authority}${INTEGRATION_INDEX}`],
      ['skipWelcome', 'true'],
    ]);
    console.log(`[integration] VS Code at ${server.url} on ${ws.workspaceFile}`);
    await page.goto(server.workbenchUrl(ws.workspaceFile, { payload }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)));
    const result = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    if (result === 'timeout') {
      console.error(`[integration] no result from VS Code within ${TIMEOUT_MS} ms`);
      code = 124;
    } else {
      code = result;
    }
  } catch (e) {
    console.error('[integration] the run could not complete:', e);
    code = code === 0 ? 1 : code;
  } finally {
    if (code !== 0) {
      fs.mkdirSync(ARTEFACTS, { recursive: true });
      await browser?.page.screenshot({ path: path.join(ARTEFACTS, 'failure.png') }).catch(() => {});
      if (browser) fs.writeFileSync(path.join(ARTEFACTS, 'browser-console.log'), browser.console.join('\n') + '\n');
      fs.writeFileSync(path.join(ARTEFACTS, 'workbench.log'), workbenchLog.join('\n') + '\n');
      server?.saveLogs(ARTEFACTS);
      fs.cpSync(ws.dir, path.join(ARTEFACTS, 'workspace'), { recursive: true });
      console.error(`[integration] failed: screenshot, VS Code logs and the workspace are in ${path.relative(REPO, ARTEFACTS)}/`);
    }
    await browser?.close();
    await server?.stop();
    ws.remove();
  }
  console.log(`[integration] exit ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('[integration]', e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
