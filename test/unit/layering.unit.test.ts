import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';

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

/**
 * The import boundaries of ARCHITECTURE.md: the engine's folders in pipeline order, each importing
 * only the folders before it (and its own); the front ends above the engine, apart from each other.
 */
const CORE_LAYERS = ['model.ts', 'read', 'knowledge', 'python', 'manifests', 'templates', 'engine', 'detectors', 'facts', 'verdict', 'report', 'assess.ts'];
const SRC_LAYERS: Record<string, number> = { core: 0, shared: 1, webview: 2, cli: 2, extension: 2 };

/** Every relative import under src/, as [importing file, imported path], both relative to src/. */
function sourceImports(): [string, string][] {
  const src = path.join(ROOT, 'src');
  const out: [string, string][] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        for (const ref of ts.preProcessFile(fs.readFileSync(p, 'utf8'), true, true).importedFiles) {
          // The extension shell's runtime require of its own host bundle is not a source import.
          if (ref.fileName.startsWith('.') && !ref.fileName.endsWith('.js')) out.push([path.relative(src, p), path.relative(src, path.resolve(dir, ref.fileName))]);
        }
      }
    }
  };
  walk(src);
  return out;
}

/** A path's top folder under src/ and, inside src/core, its layer (undefined when in none). */
function place(rel: string): { top: string; layer?: string } {
  const parts = rel.split('/');
  if (parts[0] !== 'core') return { top: parts[0] };
  const second = parts.length === 2 ? parts[1].replace(/(\.ts)?$/, '.ts') : parts[1];
  return { top: 'core', layer: CORE_LAYERS.includes(second) ? second : undefined };
}

/** The imports that break a boundary, as readable lines. */
function violations(imports: [string, string][]): string[] {
  const out: string[] = [];
  for (const [from, to] of imports) {
    const a = place(from);
    const b = place(to);
    if (!(b.top in SRC_LAYERS) || (b.top === 'core' && !b.layer)) out.push(`${from} imports ${to}, which is in no layer`);
    else if (a.top !== b.top) {
      if (SRC_LAYERS[b.top] >= SRC_LAYERS[a.top]) out.push(`${from} imports ${to}: src/${a.top} may not import src/${b.top}`);
    } else if (a.top === 'core' && a.layer && b.layer && CORE_LAYERS.indexOf(b.layer) > CORE_LAYERS.indexOf(a.layer)) {
      out.push(`${from} imports ${to}: ${b.layer} comes after ${a.layer} in the pipeline`);
    }
  }
  return out;
}

describe('import boundaries', () => {
  it('holds for every import under src/', () => {
    const imports = sourceImports();
    assert.ok(imports.length > 200, `only ${imports.length} imports found`);
    assert.ok(imports.some(([f, t]) => f === 'core/verdict/conclude.ts' && t === 'core/verdict/findings'));
    assert.deepEqual(violations(imports), []);
  });

  it('names an upward import, a front end in the engine, one front end in another, and a stray folder', () => {
    assert.deepEqual(violations([
      ['core/read/text.ts', 'core/verdict/scoring'],
      ['core/model.ts', 'core/assess'],
      ['core/engine/cache.ts', 'shared/protocol'],
      ['cli/main.ts', 'extension/controller'],
      ['core/verdict/scoring.ts', 'core/misc/thing'],
      ['core/verdict/scoring.ts', 'core/read/text'],
      ['extension/host.ts', 'core/assess'],
    ]), [
      'core/read/text.ts imports core/verdict/scoring: verdict comes after read in the pipeline',
      'core/model.ts imports core/assess: assess.ts comes after model.ts in the pipeline',
      'core/engine/cache.ts imports shared/protocol: src/core may not import src/shared',
      'cli/main.ts imports extension/controller: src/cli may not import src/extension',
      'core/verdict/scoring.ts imports core/misc/thing, which is in no layer',
    ]);
  });
});
