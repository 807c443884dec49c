import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.join(__dirname, '..', '..');

async function lintAs(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('layering rule', () => {
  it('forbids importing vscode from the engine, the shared protocol, the webview and the CLI', async function () {
    this.timeout(60_000);
    for (const file of ['src/core/x.ts', 'src/shared/x.ts', 'src/webview/x.ts', 'src/cli/x.ts']) {
      assert.ok((await lintAs(file, "import * as vscode from 'vscode';\nexport const v = vscode;\n")).includes('no-restricted-imports'), file);
      assert.ok((await lintAs(file, "export const v = require('vscode');\n")).includes('no-restricted-syntax'), file);
    }
  });

  it('allows it in the extension front end', async function () {
    this.timeout(60_000);
    const rules = await lintAs('src/extension/x.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n");
    assert.ok(!rules.includes('no-restricted-imports'));
  });
});

describe('the e2e suite', () => {
  it('lists every e2e test file in its spec (in order: the hostile workspace, which opens a second window, last)', () => {
    const dir = path.join(__dirname, '..', 'e2e');
    const spec = (JSON.parse(fs.readFileSync(path.join(dir, '.mocharc.json'), 'utf8')) as { spec: string[] }).spec;
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.e2e.test.ts')).map((f) => `test/e2e/${f}`);
    assert.deepEqual([...spec].sort(), files.sort());
    assert.equal(spec[spec.length - 1], 'test/e2e/hostile.e2e.test.ts');
  });
});
