/**
 * The palette path: F1 → "Assess framework fit" → the verdict first in a quick pick → a finding
 * → the place in the code.
 */
import { strict as assert } from 'node:assert';
import { session } from './session';
import { activeTab, cursorPosition, escape, filterQuickPick, quickPickRows, runCommand } from './workbench';

describe('Assess framework fit from the palette', () => {
  it('shows the verdict as the first item of the quick pick', async () => {
    const { page, screenshot } = session();
    await runCommand(page, 'Framework Fit: Assess framework fit');
    const first = quickPickRows(page).first();
    await first.filter({ hasText: /Django fits better — \d+% · in use: Flask/ }).waitFor({ timeout: 30_000 });
    const messages = await quickPickRows(page).allInnerTexts();
    assert.ok(messages.some((m) => m.includes('6 ORM models with 19 relations')), messages.join('\n'));
    await screenshot('quick-pick');
  });

  it('opens the evidence chosen in the quick pick at its line', async () => {
    const { page } = session();
    await filterQuickPick(page, 'ORM models');
    await quickPickRows(page).filter({ hasText: '6 ORM models' }).first().click();
    // Several places: a second list, one row per model class.
    // By accessible name: the list recycles row elements, so text alone can match a stale row.
    const place = quickPickRows(page).and(page.locator('[aria-label*="blog/models.py:52,"]'));
    await place.waitFor();
    assert.equal(await quickPickRows(page).and(page.locator('[aria-label*="blog/models.py:"]')).count(), 6);
    await place.click();
    await activeTab(page, 'models.py').waitFor();
    await cursorPosition(page).filter({ hasText: 'Ln 52, Col 1' }).waitFor();
    await page.locator('.monaco-editor .view-line', { hasText: 'class Category(db.Model):' }).first().waitFor();
  });

  after(async () => {
    const { page } = session();
    if (await quickPickRows(page).first().isVisible()) await escape(page);
  });
});
