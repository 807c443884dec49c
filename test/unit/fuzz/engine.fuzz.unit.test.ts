/**
 * Fuzzing the engine as a whole and what the front ends make of its output: random workspaces
 * (manifests, Python sources, templates, hostile names, bytes of any kind) are assessed end to
 * end; the assessment must complete, every problem must name a file of the workspace, and the
 * reports, the sidebar's view model and the hovers must render it. Also the webview protocol:
 * no message, however malformed, gets past `parseWebviewToHost` in a shape the host could misuse.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { assess } from '../../../src/core/assess';
import type { Assessment } from '../../../src/core/model';
import { PythonParser } from '../../../src/core/python/parser';
import { toJson, toMarkdown, toText } from '../../../src/core/report/report';
import { dirName, MemoryWorkspace } from '../../../src/core/read/workspace';
import { dependencyHover, HOVER_COMMANDS } from '../../../src/shared/hover';
import { isSafeRelativePath, parseWebviewToHost, WEBVIEW_TO_HOST_TYPES } from '../../../src/shared/protocol';
import { buildSidebarState } from '../../../src/shared/sidebarModel';
import { CONDA, PIPFILE, PYPROJECT, PYTHON, REQUIREMENTS, SETUP_CFG, SETUP_PY, TOKENS } from './corpus';
import { anyText, bytesFor, fuzz, textFor } from './fuzz';

/** Names a hostile repository might use, as path segments. */
const HOSTILE_SEGMENTS = ['\u001b[2J\u001b]0;pwned\u0007', '\u001b]52;c;aGk=\u0007', '\u001b]8;;http://x\u0007a\u001b]8;;\u0007', 'a\bb\rc', '\u009b31m', '\u2066x\u2069', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '`touch pwned`', '${process.exit()}', 'a\nb', '\u202Egnp.py', 'é', ' ', '.hidden', 'node_modules', '.venv', 'migrations', 'templates'];

const fileArb: fc.Arbitrary<[string, Uint8Array]> = fc.oneof(
  fc.tuple(fc.constantFrom('requirements.txt', 'requirements/base.txt', 'requirements-dev.txt', 'dev.in', 'constraints.txt'), bytesFor(textFor(REQUIREMENTS, TOKENS.requirements))),
  fc.tuple(fc.constant('pyproject.toml'), bytesFor(textFor(PYPROJECT, TOKENS.toml))),
  fc.tuple(fc.constant('Pipfile'), bytesFor(textFor(PIPFILE, TOKENS.toml))),
  fc.tuple(fc.constant('setup.cfg'), bytesFor(textFor(SETUP_CFG, TOKENS.ini))),
  fc.tuple(fc.constantFrom('environment.yml', 'environment.yaml'), bytesFor(textFor(CONDA, TOKENS.yaml))),
  fc.tuple(fc.constant('setup.py'), bytesFor(textFor(SETUP_PY, TOKENS.python))),
  fc.tuple(fc.constantFrom('app.py', 'models.py', 'manage.py', 'settings.py', 'urls.py', '__init__.py', 'migrations/0001_initial.py'), bytesFor(textFor(PYTHON, TOKENS.python))),
  fc.tuple(fc.constantFrom('templates/base.html', 'templates/x.jinja2'), bytesFor(anyText(200))),
);

/** A workspace of 1–10 files, some in folders with hostile names. */
const workspaceArb = fc
  .array(fc.tuple(fc.array(fc.constantFrom(...HOSTILE_SEGMENTS, 'app', 'web', 'svc'), { maxLength: 2 }), fileArb), { minLength: 1, maxLength: 10 })
  .map((entries) => {
    const files: Record<string, Uint8Array> = {};
    for (const [dirs, [name, bytes]] of entries) files[[...dirs, name].join('/')] = bytes;
    return files;
  });

/** Control and bidi characters a terminal or a viewer would act on (newline and tab are text). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function checkAssessment(a: Assessment, files: Record<string, Uint8Array>): void {
  const paths = new Set(Object.keys(files));
  const dirs = new Set<string>(['.']);
  for (const p of paths) for (let d = dirName(p); d !== ''; d = dirName(d)) dirs.add(d);
  assert.equal(a.schemaVersion, 1);
  for (const p of a.problems) {
    assert.ok(paths.has(p.file) || dirs.has(p.file), `problem names no file of the workspace: ${JSON.stringify(p)}`);
    assert.ok(p.message.length > 0);
    assert.ok(p.line === null || (Number.isInteger(p.line) && p.line >= 1));
  }
  for (const project of a.projects) {
    assert.ok(Number.isFinite(project.confidence) && project.confidence >= 0 && project.confidence <= 1, `confidence ${project.confidence}`);
    for (const f of project.findings) for (const e of f.evidence) assert.ok(paths.has(e.file) || dirs.has(e.file), `evidence outside the workspace: ${e.file}`);
    for (const d of project.dependencies) assert.ok(paths.has(d.file), `dependency from outside the workspace: ${d.file}`);
  }
}

/** Link targets of a Markdown text that are not escaped: `](target`. */
function linkTargets(md: string): string[] {
  const out: string[] = [];
  const re = /\]\(\s*<?([^)\s>]*)/g;
  for (let m = re.exec(md); m; m = re.exec(md)) {
    let slashes = 0;
    for (let i = m.index - 1; i >= 0 && md[i] === '\\'; i--) slashes++;
    if (slashes % 2 === 0) out.push(m[1]);
  }
  return out;
}

describe('fuzz: the engine end to end, and its front ends', function () {
  this.timeout(300_000);
  let parser: PythonParser;
  before(async () => {
    parser = await PythonParser.create();
  });
  after(() => parser.dispose());

  it('assesses any workspace: completes, every problem names a file, reports and views render', async () => {
    await fuzz('engine', workspaceArb, async (files) => {
      const a = await assess(new MemoryWorkspace(files, 'fuzz'), { parser, maxFileBytes: 200_000 });
      checkAssessment(a, files);
      JSON.stringify(toJson(a));
      // What a terminal or a Markdown view shows carries no control or bidi character raw.
      for (const out of [toText(a), toMarkdown(a)]) assert.ok(!RAW_CONTROL.test(out), `raw control character in ${JSON.stringify(out.match(RAW_CONTROL)?.[0])}`);
      const entries = a.projects.map((project) => ({ key: `file:///w::${project.root}`, label: project.root, project }));
      const state = buildSidebarState({ status: 'ready', entries, summary: 'x' });
      JSON.stringify(state);
      for (const project of a.projects) {
        for (const dep of project.dependencies) {
          const md = dependencyHover(dep, { assessed: true, project: { key: 'k', label: project.root, assessment: project }, commands: true, today: new Date('2025-01-01') });
          for (const target of linkTargets(md)) {
            assert.ok(HOVER_COMMANDS.some((c) => target.startsWith(`command:${c}?`)), `hover links to ${target}`);
          }
        }
      }
    }, 400);
  });

  it('the webview protocol lets nothing malformed through', async () => {
    const value = fc.oneof(fc.string(), anyText(50), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.object(), fc.array(fc.anything()));
    const path = fc.oneof(anyText(60), fc.constantFrom('../x', '/etc/passwd', 'C:\\x', 'a/../../b', 'file:///etc/passwd', 'vscode-remote://h/p', 'a//b', '.', './a', 'a\u0000b', 'ok.py', 'app/models.py'));
    const message = fc.oneof(
      fc.anything(),
      fc.record({ type: fc.oneof(fc.constantFrom(...WEBVIEW_TO_HOST_TYPES, '__proto__', 'constructor', 'toString'), fc.string()), key: value, file: fc.oneof(value, path), line: value, column: value }, { requiredKeys: [] }),
    );
    await fuzz('protocol', message, (raw) => {
      const msg = parseWebviewToHost(raw);
      if (!msg) return;
      assert.ok((WEBVIEW_TO_HOST_TYPES as readonly string[]).includes(msg.type));
      if (msg.type === 'openEvidence') {
        assert.ok(isSafeRelativePath(msg.file), `unsafe path passed: ${JSON.stringify(msg.file)}`);
        assert.ok(msg.file.split('/').every((s) => s !== '..' && s !== '.' && s !== ''));
        for (const n of [msg.line, msg.column]) assert.ok(n === undefined || (Number.isInteger(n) && n >= 1));
      }
      if ('key' in msg) assert.ok(typeof msg.key === 'string' && msg.key.length > 0);
      // The clean copy carries nothing but the known fields.
      const allowed = new Set(['type', 'key', 'file', 'line', 'column']);
      for (const k of Object.keys(msg)) assert.ok(allowed.has(k), `extra field ${k}`);
    }, 1000);
  });
});
