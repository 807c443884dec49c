// Preloaded (--require) into a run of the bundled CLI by bundle.unit.test.ts: every way to start
// a process, open a connection or compile code from a string is replaced by a trap that prints
// "SANDBOX VIOLATION: <what>" to stderr and throws. The run must finish without one.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload by nature
const Module = require('node:module');

function violation(what) {
  process.stderr.write(`SANDBOX VIOLATION: ${what}\n`);
  return new Error(`sandbox: ${what} is not allowed`);
}

const FORBIDDEN = new Set(['child_process', 'cluster', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'vm', 'inspector', 'repl']);
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const name = String(request).replace(/^node:/, '').split('/')[0];
  if (FORBIDDEN.has(name)) throw violation(`require("${request}")`);
  return load.call(this, request, parent, isMain);
};

for (const name of ['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource']) {
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      return function () {
        throw violation(name);
      };
    },
  });
}
