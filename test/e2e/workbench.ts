/**
 * Driving the VS Code workbench as a person does: keys, clicks, what is on screen. Every wait is
 * on a condition (an element appearing, a text changing), never a fixed delay.
 */
import type { FrameLocator, Locator, Page } from 'playwright-core';

/** The quick input (palette, quick pick) when it is open. */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** The rows of the open quick pick. */
export function quickPickRows(page: Page): Locator {
  return quickInput(page).locator('.quick-input-list .monaco-list-row');
}

/** Closes whatever quick input or hover is open. */
export async function escape(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** Runs a command from the palette (F1), by its title as the palette lists it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = quickPickRows(page).filter({ hasText: title }).first();
  await row.waitFor();
  await row.click();
}

/** Types into the open quick pick's filter box. */
export async function filterQuickPick(page: Page, text: string): Promise<void> {
  await quickInput(page).locator('input').fill(text);
}

/** Opens a workspace file with Quick Open (Ctrl+P), as a person would. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relativePath);
  const name = relativePath.split('/').pop()!;
  // Enter opens the focused row; the list recycles rows while results arrive, so wait (by
  // accessible name, not text) until the focused one is this file.
  await quickPickRows(page).and(page.locator(`.focused[aria-label^="${name}"]`)).waitFor();
  await page.keyboard.press('Enter');
  await activeTab(page, name).waitFor();
}

/** The active editor tab with this file name. */
export function activeTab(page: Page, name: string): Locator {
  return page.locator('.tabs-container .tab.active', { hasText: name });
}

/** The status bar's cursor position ("Ln 52, Col 1"). */
export function cursorPosition(page: Page): Locator {
  return page.locator('#status\\.editor\\.selection');
}

/** The contents of our webview view: two nested iframes, ours picked by extension id. */
export function webview(page: Page, extensionId: string): FrameLocator {
  return page.frameLocator(`iframe.webview.ready[src*="extensionId=${extensionId}"]`).frameLocator('iframe#active-frame');
}

/** Waits until the element's CSS animations (e.g. a hover fading in) have finished. */
export async function settled(locator: Locator): Promise<void> {
  await locator.evaluate((el) => {
    const animated = el as unknown as { getAnimations(o: { subtree: boolean }): { finished: Promise<unknown> }[] };
    return Promise.all(animated.getAnimations({ subtree: true }).map((a) => a.finished));
  });
}
