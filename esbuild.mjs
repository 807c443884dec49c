// Bundles the extension (Node, CommonJS, `vscode` external), the CLI and the benchmark; copies the
// tree-sitter WebAssembly files beside them. Bundles the sidebar webview for the browser
// (dist/webview.js) and copies the codicon font and stylesheet it uses (dist/codicons/).
// `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

mkdirSync('dist', { recursive: true });
copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), 'dist/web-tree-sitter.wasm');
copyFileSync(join(dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm', 'tree-sitter-python.wasm'), 'dist/tree-sitter-python.wasm');
mkdirSync('dist/codicons', { recursive: true });
const codicons = join(dirname(require.resolve('@vscode/codicons/package.json')), 'dist');
for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(join(codicons, f), join('dist/codicons', f));

/** @type {esbuild.BuildOptions} */
const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: !production,
  minify: production,
  loader: { '.scm': 'text' },
  // The bundles load the grammar files beside themselves; these fallbacks are for plain Node only.
  external: ['web-tree-sitter/web-tree-sitter.wasm', '@vscode/tree-sitter-wasm/wasm/*'],
  plugins: [
    {
      // web-tree-sitter's CommonJS build: the ESM one needs import.meta, which a CJS bundle lacks.
      name: 'web-tree-sitter-cjs',
      setup(build) {
        build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') }));
      },
    },
  ],
  logLevel: 'warning',
};

const entries = [
  { entryPoints: { cli: 'src/cli/main.ts' }, banner: { js: '#!/usr/bin/env node' } },
  // The parse worker (src/core/engine/pool.ts starts it from beside the bundle that uses it).
  { entryPoints: { worker: 'src/core/engine/worker.ts' } },
];
if (existsSync('src/extension/extension.ts')) {
  // The activation shell loads the host bundle (engine, parsers, package table) on first use.
  entries.push({ entryPoints: { extension: 'src/extension/extension.ts' }, external: ['vscode', './host.js'] });
  entries.push({ entryPoints: { host: 'src/extension/host.ts' }, external: ['vscode'] });
}
if (existsSync('bench')) {
  for (const f of readdirSync('bench').filter((n) => n === 'bench.ts' || n === 'equivalence.ts')) entries.push({ entryPoints: { [f.replace(/\.ts$/, '')]: `bench/${f}` } });
}

const contexts = await Promise.all(
  entries.map((e) => esbuild.context({ ...node, ...e, external: [...node.external, ...(e.external ?? [])], outdir: 'dist' })),
);
// The sidebar's browser code: one IIFE script loaded by the webview under a nonce CSP.
if (existsSync('src/webview/main.ts')) {
  contexts.push(
    await esbuild.context({
      entryPoints: { webview: 'src/webview/main.ts' },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      sourcemap: !production,
      minify: production,
      outdir: 'dist',
      logLevel: 'warning',
    }),
  );
}
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
