// The standard path, for anyone with a desktop VS Code and internet access: `npx vscode-test`
// downloads VS Code (@vscode/test-electron) and runs the same extension-host suite as
// `npm run test:integration` (which uses code-server, because CI machines cannot download VS Code).
// Loading this file builds the extension and the tests and copies the fixtures to .vscode-test/.
import { execFileSync } from 'node:child_process';
import { defineConfig } from '@vscode/test-cli';

const workspaceFile = execFileSync(process.execPath, ['--import', 'tsx', 'test/host/prepare.ts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  .trim()
  .split('\n')
  .pop();

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/**/*.integration.test.js',
  workspaceFolder: workspaceFile,
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'bdd', timeout: 60000 },
});
