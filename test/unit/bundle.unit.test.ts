/**
 * Nothing in the workspace is executed, and nothing leaves the machine: checked on what ships.
 *
 * 1. The manifest declares the extension safe for untrusted and virtual workspaces and does not
 *    activate on everything.
 * 2. The built bundles (dist/extension.js, host.js, worker.js, webview.js, cli.js; built first when missing
 *    or older than the sources) are searched for ways to run a process, compile code from a
 *    string, open a connection or write HTML. Every hit must be on the allow-list below, which
 *    names the bundled module it comes from and why it never runs; every Node built-in a bundle
 *    loads must be on the list of allowed modules, with its reason.
 * 3. The grammar (the only WebAssembly side module loaded) carries no EM_ASM/EM_JS code, so the
 *    loader's two `eval` calls never run; it imports nothing but memory management.
 * 4. The CLI bundle assesses the hostile workspace under Node's permission model (read access to
 *    the bundle and the workspace only, no child processes, no writes), with code generation from
 *    strings disallowed and every network and process API replaced by a trap (resources/sandbox.cjs).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { generateHostileWorkspace } from '../hostile/generate';

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const BUNDLES = ['extension', 'host', 'worker', 'webview', 'cli'] as const;
type Bundle = (typeof BUNDLES)[number];

/** What the search looks for. */
const PATTERNS: Record<string, RegExp> = {
  'child process': /child_process|\bprocess\.(?:dlopen|binding)\b/g,
  eval: /(?<![\w.$])eval\s*\(/g,
  'Function constructor': /\bnew\s+Function\b|(?<![\w.$])Function\s*\(/g,
  'string timer': /\bset(?:Timeout|Interval)\(\s*["'`]/g,
  fetch: /(?<![\w.$])fetch\s*\(/g,
  XMLHttpRequest: /\bXMLHttpRequest\b/g,
  'WebSocket/EventSource': /\bnew\s+(?:WebSocket|EventSource)\b|\bsendBeacon\b/g,
  'network module': /require\(["'](?:node:)?(?:https?|http2|net|tls|dgram|dns|inspector|cluster|repl|vm)["']\)/g,
  'dynamic import/importScripts': /\bimport\(\s*(?!["'])|\bimportScripts\b/g,
  'HTML sink': /\.innerHTML\b|\.outerHTML\b|\binsertAdjacentHTML\b|\bdocument\.write(?:ln)?\b/g,
};

/** A hit that is allowed: the pattern, the bundled module it sits in, text around it, and why. */
interface Allowed {
  pattern: string;
  module: string;
  context: RegExp;
  reason: string;
}

const WTS = 'node_modules/web-tree-sitter/web-tree-sitter.cjs';
const ALLOWED: Allowed[] = [
  {
    pattern: 'eval',
    module: WTS,
    context: /ASM_CONSTS\[start\] = eval\(func\)/,
    reason: "emscripten's dynamic linker compiles EM_ASM snippets embedded in a side module; the only side module loaded is our tree-sitter-python.wasm, which has none (checked below), so it never runs",
  },
  {
    pattern: 'eval',
    module: WTS,
    context: /moduleExports\[name\] = eval\(func\)/,
    reason: 'the same linker, for EM_JS functions (`__em_js__` exports); the grammar has none (checked below)',
  },
  {
    pattern: 'fetch',
    module: WTS,
    context: /var response = await fetch\(url, \{/,
    reason: "emscripten's readAsync for browsers and web workers; under Node (ENVIRONMENT_IS_NODE) it reads with fs",
  },
  {
    pattern: 'fetch',
    module: WTS,
    context: /var response = fetch\(binaryFile, \{/,
    reason: "emscripten's streaming instantiation for browsers; under Node the runtime .wasm is read from beside the bundle (parser.ts locateFile)",
  },
  {
    pattern: 'fetch',
    module: WTS,
    context: /const response = await fetch\(input\)/,
    reason: 'Language.load with a URL outside Node; parser.ts always passes the grammar as bytes read from beside the bundle',
  },
  {
    pattern: 'XMLHttpRequest',
    module: WTS,
    context: /var xhr = new XMLHttpRequest\(\)/,
    reason: "emscripten's synchronous and file: loaders for browsers and web workers; never taken under Node",
  },
];

/** Node built-ins a bundle may load, and why. Anything else is a failure. */
const MODULES: Record<string, string> = {
  fs: 'reading workspace files (CLI), the grammar beside the bundle, web-tree-sitter reading its .wasm; the CLI cache writes its own folder',
  'fs/promises': 'the same, asynchronously',
  path: 'joining paths',
  os: 'the home folder for the CLI cache folder; the CPU count for the parse pool',
  crypto: 'the webview CSP nonce and content hashes for the analysis cache',
  worker_threads: 'the parse pool (src/core/engine/pool.ts): our own worker.js, never workspace code',
  buffer: "yaml's !!binary tag decoder (base64 only)",
  process: "yaml's warning output (process.emitWarning)",
  url: 'file URLs',
  util: 'formatting',
  events: 'event emitters',
  module: 'createRequire for the grammar path',
};

const NODE_BUILTINS = new Set(builtinModules);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const s = fs.statSync(path.join(dir, f));
    if (s.isFile()) newest = Math.max(newest, s.mtimeMs);
  }
  return newest;
}

/** Builds dist/ when a bundle is missing or older than the sources. */
function ensureBuilt(): void {
  const oldest = Math.min(...BUNDLES.map((b) => (fs.existsSync(path.join(DIST, `${b}.js`)) ? fs.statSync(path.join(DIST, `${b}.js`)).mtimeMs : 0)));
  if (oldest >= newestMtime(path.join(ROOT, 'src'))) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, `the build failed: ${r.stderr}`);
}

interface Hit {
  bundle: Bundle;
  pattern: string;
  module: string;
  index: number;
  around: string;
}

/** Every pattern hit in a bundle, with the bundled module it sits in (esbuild's `// path` markers). */
function scan(bundle: Bundle): { hits: Hit[]; requires: { name: string; module: string }[]; text: string } {
  const text = fs.readFileSync(path.join(DIST, `${bundle}.js`), 'utf8');
  const marks = [...text.matchAll(/^\/\/ ((?:node_modules|src)\/\S+)$/gm)].map((m) => ({ at: m.index, module: m[1] }));
  const moduleAt = (i: number) => {
    let m = '(bundle prologue)';
    for (const mark of marks) {
      if (mark.at > i) break;
      m = mark.module;
    }
    return m;
  };
  const hits: Hit[] = [];
  for (const [pattern, re] of Object.entries(PATTERNS)) {
    for (const m of text.matchAll(re)) {
      hits.push({ bundle, pattern, module: moduleAt(m.index), index: m.index, around: text.slice(Math.max(0, m.index - 200), m.index + 200) });
    }
  }
  const requires = [...text.matchAll(/\brequire\(["']([^"']+)["']\)|\bimport\(["']([^"']+)["']\)/g)].map((m) => ({ name: m[1] ?? m[2], module: moduleAt(m.index) }));
  return { hits, requires, text };
}

describe('nothing executed, nothing sent: the shipped bundles', function () {
  this.timeout(5 * 60_000);
  const scans = new Map<Bundle, ReturnType<typeof scan>>();
  before(() => {
    ensureBuilt();
    for (const b of BUNDLES) scans.set(b, scan(b));
  });

  it('declares untrusted (limited: size and count settings restricted) and virtual workspaces supported, and activates on Python workspaces only', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] }; virtualWorkspaces?: unknown };
      activationEvents?: string[];
      main?: string;
      contributes?: Record<string, unknown>;
    };
    // Supported in Restricted Mode, where the size and count limits are the user's, never the workspace's.
    assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, 'limited');
    assert.deepEqual(pkg.capabilities?.untrustedWorkspaces?.restrictedConfigurations, ['frameworkFit.maxFileSize', 'frameworkFit.maxFiles']);
    assert.equal(pkg.capabilities?.virtualWorkspaces, true);
    assert.ok(!(pkg.activationEvents ?? []).includes('*'), 'activates on everything');
    assert.equal(pkg.main, './dist/extension.js');
    for (const key of ['taskDefinitions', 'debuggers', 'terminal', 'jsonValidation']) assert.ok(!pkg.contributes?.[key], `contributes ${key}`);
  });

  it('no process, no code from strings, no network, no HTML sink, except the allow-listed lines', () => {
    const unexplained: string[] = [];
    const used = new Set<Allowed>();
    for (const { hits } of scans.values()) {
      for (const h of hits) {
        const ok = ALLOWED.find((a) => a.pattern === h.pattern && a.module === h.module && a.context.test(h.around));
        if (ok) used.add(ok);
        else unexplained.push(`${h.bundle}.js: ${h.pattern} in ${h.module}: …${h.around.slice(150, 260).replace(/\s+/g, ' ')}…`);
      }
    }
    assert.deepEqual(unexplained, [], `not on the allow-list:\n${unexplained.join('\n')}`);
    console.log(`      (allow-listed: ${[...used].map((a) => `${a.pattern} in ${path.basename(a.module)}`).join('; ')})`);
    // The webview bundle has no exception at all.
    assert.deepEqual(scans.get('webview')!.hits, []);
  });

  it('loads only the allowed Node built-ins (and vscode and its own host bundle, in the extension only)', () => {
    const problems: string[] = [];
    for (const [bundle, { requires }] of scans) {
      for (const r of requires) {
        const bare = r.name.replace(/^node:/, '');
        if (r.name === 'vscode' && (bundle === 'extension' || bundle === 'host')) continue;
        // The activation shell loads the host bundle beside it on first use.
        if (r.name === './host.js' && bundle === 'extension') continue;
        if (MODULES[bare]) continue;
        problems.push(`${bundle}.js loads ${JSON.stringify(r.name)} (from ${r.module})${NODE_BUILTINS.has(bare) ? '' : ' (not a Node built-in: the bundle is incomplete)'}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('the activation shell bundles no engine: it loads dist/host.js on first use', () => {
    const { text, requires } = scans.get('extension')!;
    const modules = [...new Set([...text.matchAll(/^\/\/ ((?:node_modules|src)\/\S+)$/gm)].map((m) => m[1]))].sort();
    assert.deepEqual(modules, ['src/extension/extension.ts', 'src/extension/ids.ts']);
    assert.deepEqual(requires.map((r) => r.name).sort(), ['./host.js', 'vscode']);
    // The host is a complete bundle of its own, beside the shell.
    assert.ok(scans.get('host')!.text.includes('createHost'));
  });

  it('the grammar has no EM_ASM/EM_JS code and imports only memory management', () => {
    const grammar = new WebAssembly.Module(fs.readFileSync(path.join(DIST, 'tree-sitter-python.wasm')));
    const exports = WebAssembly.Module.exports(grammar).map((e) => e.name);
    assert.ok(!exports.some((n) => n === '__start_em_asm' || n.startsWith('__em_js__')), exports.join(', '));
    const imports = WebAssembly.Module.imports(grammar).map((i) => `${i.module}.${i.name}`);
    const allowed = /^env\.(malloc|calloc|realloc|free|memcpy|memmove|memset|memcmp|strlen|strncmp|strcmp|iswspace|iswalnum|iswalpha|iswdigit|iswlower|iswupper|towupper|towlower|abort|memory|__memory_base|__table_base|__indirect_function_table|__stack_pointer)$/;
    assert.deepEqual(imports.filter((i) => !allowed.test(i)), []);
  });

  it('the CLI assesses the hostile workspace with no process, no network, no code from strings and read-only access', () => {
    const ws = generateHostileWorkspace({ small: true });
    try {
      const r = spawnSync(
        process.execPath,
        [
          '--experimental-permission',
          `--allow-fs-read=${DIST}${path.sep}`,
          `--allow-fs-read=${path.join(ROOT, 'test', 'unit', 'resources')}${path.sep}`,
          `--allow-fs-read=${ws.root}${path.sep}`,
          '--allow-worker',
          '--disallow-code-generation-from-strings',
          '--require',
          path.join(ROOT, 'test', 'unit', 'resources', 'sandbox.cjs'),
          path.join(DIST, 'cli.js'),
          ws.root,
          '--no-cache',
          '--jobs',
          '2',
          '--format',
          'json',
        ],
        { encoding: 'utf8', timeout: 120_000, maxBuffer: 50e6 },
      );
      assert.doesNotMatch(r.stderr, /SANDBOX VIOLATION|ERR_ACCESS_DENIED|EvalError/, r.stderr);
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { projects: unknown[]; problems: { message: string }[] };
      assert.ok(out.projects.length > 0);
      // Nothing tried to reach outside the allowed folders (the permission model would refuse it).
      assert.ok(!out.problems.some((p) => /restricted|ERR_ACCESS_DENIED|permission/i.test(p.message)), JSON.stringify(out.problems));
    } finally {
      ws.remove();
    }
  });

  it('the search finds what it looks for (a control)', () => {
    const samples: Record<string, string> = {
      'child process': 'const cp = require("child_process");',
      eval: 'x = eval(code);',
      'Function constructor': 'const f = new Function("return 1");',
      'string timer': 'setTimeout("alert(1)", 1);',
      fetch: 'await fetch("https://example.com");',
      XMLHttpRequest: 'new XMLHttpRequest()',
      'WebSocket/EventSource': 'new WebSocket(url)',
      'network module': 'require("node:https")',
      'dynamic import/importScripts': 'import(name)',
      'HTML sink': 'el.innerHTML = name;',
    };
    for (const [pattern, sample] of Object.entries(samples)) {
      assert.ok(new RegExp(PATTERNS[pattern].source).test(sample), `${pattern} not found in ${sample}`);
    }
    for (const harmless of ['state.eval(x)', 'a.fetch(x)', 'el.textContent = name;', 'import("fs/promises")']) {
      assert.ok(!Object.values(PATTERNS).some((re) => new RegExp(re.source).test(harmless)), harmless);
    }
  });

  it('the sandbox itself traps what it should (a control)', () => {
    const r = spawnSync(process.execPath, ['--require', path.join(ROOT, 'test', 'unit', 'resources', 'sandbox.cjs'), '-e', "try { require('child_process') } catch {} try { fetch('http://x') } catch {}"], { encoding: 'utf8' });
    assert.match(r.stderr, /SANDBOX VIOLATION: require\("child_process"\)/);
    assert.match(r.stderr, /SANDBOX VIOLATION: fetch/);
    const e = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '-e', "try { eval('1') } catch (e) { console.log(e.name) }"], { encoding: 'utf8' });
    assert.match(e.stdout, /EvalError/);
  });
});
