/**
 * The hostile workspace (test/hostile/generate.ts) in the real VS Code, in a second window of the
 * session's code-server: the assessment finishes, the sidebar shows every hostile name (file and
 * folder names with <script>, "><img onerror>, backticks, ${…}, a newline, a right-to-left
 * override) as text — control characters made visible, so a name cannot reorder what surrounds it —
 * and the webview's DOM holds no element or handler that came from a name.
 *
 * Then the webview is treated as compromised: messages are posted to the host through the same
 * channel the sidebar's script uses (the webview host frame's __vscode_post_message__, which
 * acquireVsCodeApi().postMessage calls), malformed or asking to open files outside the
 * assessment's evidence. The host must refuse each (its log says so) and open nothing, while a
 * well-formed request for real evidence, sent the same way, does open the file.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { visibleText } from '../../src/shared/protocol';
import { generateHostileWorkspace, HOSTILE, type HostileWorkspace } from '../hostile/generate';
import { REPO } from '../host/provision';
import { SHOTS_DIR, session } from './session';
import { webview } from './workbench';

const EXTENSION_ID = 'framework-fit.framework-fit';

/** Every "Framework Fit.log" the server's extension hosts wrote, concatenated. */
function frameworkFitLogs(profileDir: string): string {
  let out = '';
  for (const f of fs.readdirSync(profileDir, { recursive: true, encoding: 'utf8' })) {
    if (path.basename(f) === 'Framework Fit.log') out += fs.readFileSync(path.join(profileDir, f), 'utf8');
  }
  return out;
}

async function until<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the hostile workspace in VS Code', function () {
  this.timeout(10 * 60_000);
  let ws: HostileWorkspace;
  let page: Page;
  const dialogs: string[] = [];
  let scanSeconds = 0;

  before(async () => {
    const { server } = session();
    ws = generateHostileWorkspace(process.env.HOSTILE_SMALL ? { small: true } : {});
    // A second window of the same code-server, on the hostile folder.
    page = await session().page.context().newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const authority = new URL(server.url).host;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${authority}${REPO}`],
      ['skipWelcome', 'true'],
    ]);
    await page.goto(server.workbenchUrl(ws.root, { payload }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    await page.locator('.activitybar [aria-label^="Framework Fit"]').first().waitFor({ timeout: 120_000 });
  });

  afterEach(async function () {
    // The session saves the first window; this test's window is saved here.
    if (this.currentTest?.state !== 'failed' || !page) return;
    const dir = path.join(SHOTS_DIR, 'failures', 'hostile-window');
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}.png`) }).catch(() => {});
  });

  after(async () => {
    await page?.close().catch(() => {});
    // Give the first window the front again: a page left in the background is not painted, and
    // VS Code creates a webview view only once it is laid out (the next suite's sidebar stayed blank).
    await session().page.bringToFront();
    ws?.remove();
  });

  it('finishes the assessment and lists every hostile project by its name, as text', async () => {
    const t0 = Date.now();
    await page.locator('.activitybar [aria-label^="Framework Fit"]').first().click();
    const view = webview(page, EXTENSION_ID);
    const select = view.locator('select#project');
    await select.waitFor({ timeout: Number(process.env.HOSTILE_WAIT_MS ?? 420_000) });
    await view.locator('section.verdict h2').waitFor({ timeout: 240_000 });
    scanSeconds = (Date.now() - t0) / 1000;
    console.log(`      (the sidebar showed the verdict ${scanSeconds.toFixed(1)} s after it was opened: ${ws.emptyFiles} empty files, ${ws.hugeFiles.length} files of 200 MB)`);
    const labels = await select.locator('option').allTextContents();
    for (const dir of ws.hostileDirs) {
      assert.ok(labels.some((l) => l.endsWith(`/${visibleText(dir)}`)), `no project labelled ${JSON.stringify(dir)} in ${JSON.stringify(labels)}`);
    }
  });

  it('shows hostile file names as text, and no element or handler comes from them', async () => {
    const view = webview(page, EXTENSION_ID);
    const select = view.locator('select#project');
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })));
    for (const file of ws.hostileFiles) {
      const dir = file.slice(0, file.indexOf('/'));
      const option = options.find((o) => o.label.endsWith(`/${visibleText(dir)}`))!;
      await select.selectOption(option.value);
      await view.locator('section.verdict').waitFor();
      // The evidence label is "<path>:<line>": the name as text, markup and all.
      await until(`evidence for ${JSON.stringify(file)}`, () => view.locator('.evidence-label').evaluateAll((els, f) => els.some((e) => (e.textContent ?? '').startsWith(`${f}:`)), visibleText(file)), 30_000);
    }
    // The DOM: nothing but what the sidebar's own code made.
    const report = await view.locator('body').evaluate(() => {
      const all = [...document.querySelectorAll('*')];
      return {
        handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}[${a.name}]`)),
        media: [...document.querySelectorAll('#app img, #app svg, #app iframe, #app object, #app embed, #app video, #app audio, #app form, #app base, #app meta')].map((e) => e.tagName),
        scripts: [...document.querySelectorAll('script')].map((s) => `${s.getAttribute('src') ?? ''} ${s.textContent ?? ''}`).filter((s) => /alert|onerror|process\.exit|touch pwned/.test(s)),
        text: document.getElementById('app')?.textContent ?? '',
        links: [...document.querySelectorAll('#app a[href]')].map((a) => a.getAttribute('href')).filter((h) => h !== '#'),
      };
    });
    assert.deepEqual(report.handlers, [], 'inline event handlers in the webview');
    assert.deepEqual(report.media, [], 'elements made from names');
    assert.deepEqual(report.scripts, [], 'scripts made from names');
    assert.deepEqual(report.links, [], 'links other than the evidence buttons');
    for (const s of [HOSTILE.img, HOSTILE.script.replace('/', '_'), HOSTILE.backticks, HOSTILE.template]) assert.ok(report.text.includes(s), `${JSON.stringify(s)} not shown as text`);
    // Direction overrides and newlines in names are shown, not applied.
    assert.ok(report.text.includes('[U+202E]') && report.text.includes('line\u240Abreak'), 'control characters in names are not made visible');
    assert.doesNotMatch(report.text, /[\u0000-\u0008\u000a-\u001f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/, 'a control character reached the page');
    assert.deepEqual(dialogs, [], 'a dialog opened');
    await page.screenshot({ path: path.join(SHOTS_DIR, 'hostile-sidebar.png') });
  });

  it('the host refuses malformed messages and evidence it did not cite, and opens only real evidence', async () => {
    const view = webview(page, EXTENSION_ID);
    // The workspace's own project (its label is the folder name, without a slash).
    const select = view.locator('select#project');
    const main = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).find((v) => v.endsWith('::.')));
    assert.ok(main, 'no project at the workspace root');
    await select.selectOption(main);
    await until('the root project to show', async () => (await select.inputValue()) === main);
    const key = main;
    // Evidence of the root project (app.py holds its routes), once the view shows it.
    const appEvidence = view.locator('.evidence-label', { hasText: /^app\.py:\d+$/ }).first();
    await appEvidence.waitFor();
    const evidence = await appEvidence.textContent();
    const [, file, line] = /^(.*):(\d+)$/s.exec(evidence ?? '') ?? [];
    assert.ok(file && line, `no evidence to open: ${evidence}`);
    const before = frameworkFitLogs(session().server.profileDir);
    const bad: unknown[] = [
      null,
      'openEvidence',
      { type: 'toString' },
      { type: '__proto__', key },
      { type: 'selectProject', key: 42 },
      { type: 'explain' },
      { type: 'openEvidence', key, file: '../../../../../../etc/passwd' },
      { type: 'openEvidence', key, file: '/etc/passwd' },
      { type: 'openEvidence', key, file: 'file:///etc/passwd' },
      { type: 'openEvidence', key, file: `${file}\u0000` },
      { type: 'openEvidence', key, file, line: 0 },
      { type: 'openEvidence', key, file, line: '1' },
    ];
    const refused: unknown[] = [
      { type: 'openEvidence', key, file: 'outside-link/secret_models.py' },
      { type: 'openEvidence', key, file: 'linked_models.py' },
      { type: 'openEvidence', key, file: 'huge.py' },
      { type: 'openEvidence', key: 'file:///etc::.', file: 'passwd' },
    ];
    // Posted through the function acquireVsCodeApi().postMessage calls: the webview host frame's
    // __vscode_post_message__ (the sidebar's own frame cannot reach it: VS Code deletes
    // window.parent there once the API is acquired, so this is more than an injected script has).
    const hostFrame = page.frameLocator(`iframe.webview.ready[src*="extensionId=${EXTENSION_ID}"]`);
    const post = (messages: unknown[]) =>
      hostFrame.locator('body').evaluate((_, ms) => {
        const send = (window as unknown as Record<string, (channel: string, data: unknown) => void>).__vscode_post_message__;
        for (const message of ms) send('onmessage', { message });
      }, messages);
    await post([...bad, ...refused]);
    const logs = await until('the host to log the refusals', () => {
      const added = frameworkFitLogs(session().server.profileDir).slice(before.length);
      const malformed = added.match(/ignored a malformed message/g)?.length ?? 0;
      const notEvidence = added.match(/refused to open/g)?.length ?? 0;
      return malformed >= bad.length && notEvidence >= refused.length ? added : undefined;
    });
    assert.ok(logs.length > 0);

    // The same channel, a well-formed request for real evidence, posted after the refused ones: it
    // opens (so the channel works and the refusals are real), and it is the only editor open.
    await post([{ type: 'openEvidence', key, file, line: Number(line) }]);
    const name = file.slice(file.lastIndexOf('/') + 1);
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 30_000 });
    assert.deepEqual(await page.locator('.tabs-container .tab').allTextContents().then((t) => t.map((x) => x.trim())), [name]);
  });
});
