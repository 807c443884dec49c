/**
 * Identifiers the activation shell (extension.ts) needs before the host is loaded: the view, the
 * commands and where hovers apply. No code beyond constants, so the shell stays small.
 */
import type * as vscode from 'vscode';

export const SIDEBAR_VIEW_ID = 'frameworkFit.sidebar';
export const WELCOME_VIEW_ID = 'frameworkFit.welcome';

/** Every command in package.json's contributes.commands. */
export const COMMAND_IDS = [
  'frameworkFit.assess',
  'frameworkFit.showFindings',
  'frameworkFit.explainVerdict',
  'frameworkFit.planProject',
  'frameworkFit.exportReport',
  'frameworkFit.refresh',
  'frameworkFit.clearPlan',
] as const;

/** Where hovers apply. Patterns match the file name whatever language VS Code gave the file. */
export const MANIFEST_SELECTOR: vscode.DocumentSelector = [
  { language: 'pip-requirements' },
  { pattern: '**/requirements*.txt' },
  { pattern: '**/requirements/*.txt' },
  { pattern: '**/*.in' },
  { pattern: '**/pyproject.toml' },
  { pattern: '**/Pipfile' },
];
