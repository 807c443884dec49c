/**
 * The Framework Fit view in the activity bar: the verdict and the findings inside the webview,
 * and a click on a piece of evidence opening the file.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import { REPO } from '../host/provision';
import { session } from './session';
import { activeTab, cursorPosition, webview } from './workbench';

const EXTENSION_ID = 'framework-fit.framework-fit';

describe('the Framework Fit sidebar', () => {
  it('shows the verdict and the findings', async () => {
    const { page, screenshot } = session();
    // In front, whatever ran before: a page that is not painted never gets its webviews created
    // (seen in CI: the view resolved only when the failure hook's screenshot forced a frame).
    await page.bringToFront();
    await page.locator('.activitybar [aria-label^="Framework Fit"]').first().click();
    await page.screenshot(); // forces a frame, so the workbench lays out the view it just opened
    const view = webview(page, EXTENSION_ID);
    await view.locator('section.verdict h2', { hasText: /Django fits better/ }).waitFor({ timeout: 30_000 });
    await view.locator('.findings .finding-message', { hasText: '6 ORM models with 19 relations' }).waitFor();
    await screenshot('sidebar');
  });

  it('opens a piece of evidence clicked in the view', async () => {
    const { page, screenshot } = session();
    const view = webview(page, EXTENSION_ID);
    const finding = view.locator('.finding', { hasText: '6 ORM models' });
    await finding.locator('a.evidence', { hasText: 'blog/models.py:29' }).first().click();
    await activeTab(page, 'models.py').waitFor();
    await cursorPosition(page).filter({ hasText: 'Ln 29, Col 1' }).waitFor();
    const file = await screenshot('sidebar-evidence');
    // `npm run screenshots` refreshes the picture the README shows.
    if (process.env.UPDATE_SCREENSHOTS) fs.copyFileSync(file, path.join(REPO, 'media', 'screenshot-sidebar.png'));
  });
});
