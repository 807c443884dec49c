/** Lines index.ts prints around mocha's output, so the code-server runner can tell it from VS Code's own log. */
export const MOCHA_START = '--- framework-fit: mocha start ---';
export const MOCHA_END = '--- framework-fit: mocha end ---';
