/**
 * How the webview shows workspace text (protocol.ts `visibleText`): bidirectional controls and
 * other control characters in names are made visible instead of reordering or hiding the text
 * around them ("Trojan Source" style names); everything else is shown unchanged.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { visibleText } from '../../src/shared/protocol';
import { anyText, fuzz } from './fuzz/fuzz';

// C1 controls too (U+0080–U+009F: U+009B is a terminal's CSI).
const HIDDEN = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('visibleText', () => {
  it('shows direction overrides and control characters instead of applying them', () => {
    assert.equal(visibleText('x\u202Egnp.py'), 'x[U+202E]gnp.py');
    assert.equal(visibleText('a\u2066b\u2069c\u200F'), 'a[U+2066]b[U+2069]c[U+200F]');
    assert.equal(visibleText('line\nbreak\r\u0000'), 'line\u240Abreak\u240D\u2400');
    assert.equal(visibleText('tab\there'), 'tab\there');
    assert.equal(visibleText('a\u009b2Jb\u0080'), 'a[U+009B]2Jb[U+0080]');
  });

  it('leaves ordinary text, markup characters and other scripts alone', () => {
    for (const s of ['app/models.py:12', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '`id` ${x}', 'é 😀 עברית العربية']) assert.equal(visibleText(s), s);
  });

  it('never lets a hidden character through, and changes nothing else (fuzz)', async () => {
    await fuzz('visibleText', fc.oneof(anyText(80), fc.string({ unit: fc.constantFrom('a', '\u202E', '\u2067', '\n', '\u0000', '\u200F', 'ב') })), (s) => {
      const shown = visibleText(s);
      assert.ok(!HIDDEN.test(shown), JSON.stringify(shown));
      if (!HIDDEN.test(s)) assert.equal(shown, s);
    }, 500);
  });
});
