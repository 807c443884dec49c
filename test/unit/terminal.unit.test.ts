/**
 * Names that drive a terminal: ESC/OSC/CSI sequences, BEL, backspace, C1 controls and bidi
 * overrides in file and folder names must reach no human-readable writer raw (text and Markdown
 * reports, the CLI's progress line and errors). Each becomes a visible picture or "[U+…]".
 */
import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import { assess } from '../../src/core/assess';
import { PythonParser } from '../../src/core/python/parser';
import { toMarkdown, toText } from '../../src/core/report/report';
import { visibleLines, visibleText } from '../../src/core/report/visible';
import { MemoryWorkspace } from '../../src/core/read/workspace';
import { main } from '../../src/cli/main';

/** Characters a terminal acts on (all but the report's own \n and \t), and bidi controls. */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const NAMES = {
  title: '\u001b]0;pwned\u0007',
  clipboard: '\u001b]52;c;cHduZWQ=\u0007',
  link: '\u001b]8;;evil.example\u001b\\docs\u001b]8;;\u001b\\',
  clear: '\u001b[2J\u001b[H',
  csi: '\u009b2J',
  backspace: 'safe\b\b\b\bevil',
  carriage: 'ok\rFAKE',
  rlo: '\u202Egnp',
};

describe('terminal control characters in workspace names', () => {
  let parser: PythonParser;
  before(async () => {
    parser = await PythonParser.create();
  });
  after(() => parser.dispose());

  it('visibleText shows every control and bidi character, keeping tabs', () => {
    assert.equal(visibleText('a\u001b[2Jb'), 'a\u241b[2Jb');
    assert.equal(visibleText('x\u009by'), 'x[U+009B]y');
    assert.equal(visibleText('\u202Egnp.py'), '[U+202E]gnp.py');
    assert.equal(visibleText('a\tb\nc'), 'a\tb\u240ac');
    assert.equal(visibleLines('a\u0007\nb'), 'a\u2407\nb');
  });

  it('text and Markdown reports carry none raw, and every name still shows', async () => {
    const files: Record<string, string> = { 'requirements.txt': 'flask\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' };
    for (const [key, name] of Object.entries(NAMES)) {
      files[`${name}/requirements.txt`] = 'flask\n';
      files[`${name}/views_${key}.py`] = `from flask import Flask\napp = Flask(__name__)\n\n@app.route("/${key}")\ndef ${key}():\n    return "x"\n`;
    }
    const a = await assess(new MemoryWorkspace(files, NAMES.title), { parser });
    assert.equal(a.projects.length, Object.keys(NAMES).length + 1, JSON.stringify(a.projects.map((p) => p.root)));
    for (const [format, out] of [['text', toText(a)], ['markdown', toMarkdown(a)]] as const) {
      for (const line of out.split('\n')) assert.ok(!ACTIVE.test(line), `${format}: ${JSON.stringify(line)}`);
      // Markdown code spans fold a line break into a space (mdCode) before it is made visible.
      for (const name of Object.values(NAMES)) {
        const expected = visibleText(format === 'markdown' ? name.replace(/\r\n|\r|\n/g, ' ') : name);
        assert.ok(out.includes(expected), `${format} shows ${JSON.stringify(name)}`);
      }
    }
  });

  it('the CLI writes no control character of a name it was given', async () => {
    const chunks: string[] = [];
    const sink = new Writable({ write: (c, _e, done) => (chunks.push(String(c)), done()) });
    const code = await main([`/nonexistent/${NAMES.title}${NAMES.csi}`], sink, sink);
    assert.equal(code, 2);
    const written = chunks.join('');
    assert.match(written, /no such folder/);
    assert.ok(!ACTIVE.test(written), JSON.stringify(written));
  });
});
