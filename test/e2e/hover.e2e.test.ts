/**
 * Hovering a package in requirements.txt shows what it is for and, for a Flask add-on, the Django
 * built-in it re-creates.
 */
import { session } from './session';
import { openFile, settled } from './workbench';

describe('hovers in requirements.txt', () => {
  it('explains Flask-Login as the add-on for what django.contrib.auth ships', async () => {
    const { page, screenshot } = session();
    await openFile(page, 'requirements.txt');
    const word = page.locator('.monaco-editor .view-line span', { hasText: 'Flask-Login' }).first();
    await word.waitFor();
    await word.hover();
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'django.contrib.auth' });
    await hover.waitFor({ timeout: 20_000 });
    await settled(hover);
    await screenshot('hover');
  });
});
