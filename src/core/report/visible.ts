/**
 * Workspace text made safe to show: control characters (C0, DEL, C1 — ESC and CSI among them) and
 * bidirectional controls would clear a terminal, set its title, write the clipboard (OSC 52) or
 * make "x\u202Egnp.py" read "xyp.png". Control characters become their Unicode pictures ("␛"),
 * C1 and bidi controls "[U+009B]". Every human-readable writer passes its text through this, line by line.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function shown(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `[U+${code.toString(16).toUpperCase().padStart(4, '0')}]`;
}

/** One line of workspace text (a name, a message): every control character made visible, newlines too; tabs kept. */
export function visibleText(text: string): string {
  return text.replace(UNSAFE, (c) => (c === '\t' ? c : shown(c)));
}


/** Text of several lines (a hover, a message): each line made safe, the text's own line breaks kept. */
export function visibleLines(text: string): string {
  return text.split('\n').map(visibleText).join('\n');
}
