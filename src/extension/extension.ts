/**
 * Activation only wires: commands are registered here and do their work on first use.
 */
import * as vscode from 'vscode';
import { assessCommand } from './commands';

/** Called by VS Code on the activation events in package.json. */
export function activate(context: vscode.ExtensionContext): { lastAssessments: () => unknown } {
  const state = { last: [] as unknown[] };
  context.subscriptions.push(
    vscode.commands.registerCommand('frameworkFit.assess', async () => {
      const results = await assessCommand();
      if (results) state.last = results;
      return results;
    }),
  );
  return { lastAssessments: () => state.last };
}

/** Nothing to release beyond context.subscriptions. */
export function deactivate(): void {}
