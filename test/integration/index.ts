/**
 * The mocha entry VS Code's extension host calls in test mode (`extensionTestsPath`): runs every
 * compiled `*.integration.test.js` beside it, activation first, and rejects when a test failed.
 * The standard `npx vscode-test` path (.vscode-test.mjs) runs the same files with its own runner.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import CountReporter from '../mocha/countReporter';
import { MOCHA_END, MOCHA_START } from './markers';

/** Called by VS Code once the extension host is up. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: CountReporter, reporterOptions: { label: 'integration' } });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.integration.test.js'))
    // The activation test must see the extension activate on its own, before any test activates it.
    .sort((a, b) => Number(!a.startsWith('activation.')) - Number(!b.startsWith('activation.')) || a.localeCompare(b));
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  console.log(MOCHA_START);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      console.log(MOCHA_END);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
