/**
 * Fuzzing every parser on its own: requirements files (and PEP 508 strings), pyproject.toml,
 * Pipfile, setup.cfg, environment.yml, setup.py and Python sources, from real inputs mutated
 * (fuzz.ts) and from random text. The invariant for each: it returns (no exception escapes, no
 * hang), every problem names the file with a usable line, every dependency sits at a real
 * position of that file, and an include never leaves the workspace.
 *
 * The per-property case counts add up to over 10,000 per run; the tally is printed at the end of
 * the unit suite with the seed (FUZZ_SEED replays it).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyzeSource } from '../../../src/core/engine/analyzer';
import type { Dependency, ManifestResult, Problem } from '../../../src/core/model';
import { parseCondaEnv, parsePep508, parsePipfile, parsePyproject, parseRequirements, parseSetupCfg, parseSetupPy } from '../../../src/core/manifests/index';
import { PythonParser } from '../../../src/core/python/parser';
import { decodeText, normalizeName, positionAt, splitLines } from '../../../src/core/read/text';
import { CONDA, PIPFILE, PYPROJECT, PYTHON, REQUIREMENTS, SETUP_CFG, SETUP_PY, TOKENS } from './corpus';
import { anyText, bytesFor, fuzz, textFor } from './fuzz';

const SEVERITIES = new Set(['error', 'warning', 'info']);

/** A problem names `file`, has a message and a line that is null or within the text. */
export function checkProblem(p: Problem, file: string, lineCount: number): void {
  assert.equal(p.file, file, `problem names another file: ${JSON.stringify(p)}`);
  assert.ok(typeof p.message === 'string' && p.message.length > 0, `problem without a message: ${JSON.stringify(p)}`);
  assert.ok(SEVERITIES.has(p.severity), `bad severity: ${JSON.stringify(p)}`);
  assert.ok(p.line === null || (Number.isInteger(p.line) && p.line >= 1 && p.line <= lineCount + 1), `bad line ${p.line} of ${lineCount}: ${p.message}`);
}

function checkDependency(d: Dependency, file: string, lineCount: number): void {
  assert.equal(d.file, file);
  assert.equal(d.name, normalizeName(d.rawName), `name ${JSON.stringify(d.name)} is not the normalised ${JSON.stringify(d.rawName)}`);
  for (const [k, v] of [['line', d.line], ['column', d.column], ['endLine', d.endLine], ['endColumn', d.endColumn]] as const) {
    assert.ok(Number.isInteger(v) && v >= 1, `${k} = ${v}`);
  }
  assert.ok(d.line <= lineCount && d.endLine <= lineCount + 1, `dependency line ${d.line}-${d.endLine} past the end (${lineCount} lines)`);
  assert.ok(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column), `range ends before it starts: ${JSON.stringify(d)}`);
}

/** A workspace-relative path that cannot leave the workspace: not absolute, no empty, "." or ".." segment. */
export function staysInside(path: string): boolean {
  return !path.startsWith('/') && !path.includes('\\') && path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/** The invariants every manifest parser keeps, whatever its input. */
function checkManifest(r: ManifestResult, text: string, file: string): void {
  const lineCount = splitLines(text).length;
  assert.ok(Array.isArray(r.dependencies) && Array.isArray(r.problems));
  for (const p of r.problems) checkProblem(p, file, lineCount);
  for (const d of r.dependencies) checkDependency(d, file, lineCount);
  for (const inc of r.includes ?? []) {
    assert.ok(staysInside(inc.file), `include leaves the workspace: ${JSON.stringify(inc.file)}`);
    assert.ok(Number.isInteger(inc.line) && inc.line >= 1 && inc.line <= lineCount, `include line ${inc.line}`);
  }
  // What is reported can be serialised (the CLI's JSON, the webview's messages).
  JSON.stringify(r);
}

describe('fuzz: parsers', function () {
  this.timeout(300_000);
  let parser: PythonParser;
  before(async () => {
    parser = await PythonParser.create();
  });
  after(() => parser.dispose());

  it('PEP 508 strings: a requirement or a reason, never an exception', async () => {
    const text = fc.oneof(textFor(REQUIREMENTS.flatMap((r) => r.split('\n')).filter(Boolean), TOKENS.requirements), anyText(120));
    await fuzz('pep508', text, (s) => {
      const r = parsePep508(s);
      if (r.ok) {
        const q = r.requirement;
        assert.ok(q.name.length > 0 && q.start >= 0 && q.end <= s.length && q.start <= q.end);
      } else {
        assert.ok(typeof r.error === 'string' && r.error.length > 0);
        assert.ok(r.offset === undefined || (r.offset >= 0 && r.offset <= s.length));
      }
    }, 2000);
  });

  it('requirements files', async () => {
    const file = 'reqs/requirements-dev.txt';
    await fuzz('requirements', textFor(REQUIREMENTS, TOKENS.requirements), (s) => checkManifest(parseRequirements(s, file), s, file), 2000);
  });

  it('pyproject.toml', async () => {
    await fuzz('pyproject', textFor(PYPROJECT, TOKENS.toml), (s) => checkManifest(parsePyproject(s, 'pyproject.toml'), s, 'pyproject.toml'), 1500);
  });

  it('Pipfile', async () => {
    await fuzz('Pipfile', textFor(PIPFILE, TOKENS.toml), (s) => checkManifest(parsePipfile(s, 'web/Pipfile'), s, 'web/Pipfile'), 1000);
  });

  it('setup.cfg', async () => {
    await fuzz('setup.cfg', textFor(SETUP_CFG, TOKENS.ini), (s) => checkManifest(parseSetupCfg(s, 'setup.cfg'), s, 'setup.cfg'), 1500);
  });

  it('environment.yml', async () => {
    await fuzz('environment.yml', textFor(CONDA, TOKENS.yaml), (s) => checkManifest(parseCondaEnv(s, 'environment.yml'), s, 'environment.yml'), 1000);
  });

  it('setup.py (read with tree-sitter, never run)', async () => {
    await fuzz('setup.py', textFor(SETUP_PY, TOKENS.python), (s) => checkManifest(parseSetupPy(s, 'pkg/setup.py', parser), s, 'pkg/setup.py'), 1000);
  });

  it('Python sources, as bytes (binary, non-UTF-8, BOM, NUL)', async () => {
    const file = 'app/views.py';
    await fuzz('python', fc.tuple(bytesFor(textFor(PYTHON, TOKENS.python)), fc.boolean()), ([bytes, prefilter]) => {
      const a = analyzeSource(parser, file, bytes, prefilter);
      const decoded = decodeText(bytes);
      const lineCount = decoded.ok ? splitLines(decoded.text).length : 1;
      for (const p of a.problems) checkProblem(p, file, lineCount);
      for (const o of a.observations) {
        assert.equal(o.evidence.file, file);
        assert.ok(o.evidence.line === undefined || (o.evidence.line >= 1 && o.evidence.line <= lineCount), `evidence line ${o.evidence.line}`);
        assert.ok((o.evidence.text ?? '').length <= 160 && !/[\r\n]/.test(o.evidence.text ?? ''), 'evidence text is one short line');
      }
      for (const c of a.classes) assert.equal(c.file, file);
      JSON.stringify(a);
    }, 1500);
  });

  // Shapes that were quadratic or deep: a dotted key, header or inline-table key of thousands of
  // parts, inline tables nested thousands deep, closed or not.
  it('TOML: long dotted keys and headers, deep inline tables (pyproject.toml and Pipfile)', async () => {
    const part = fc.constantFrom('a', 'b', '"q.q"', "'x'", 'tool', 'project', 'dependencies', '1', '-');
    const key = fc.tuple(fc.array(part, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 6000 })).map(([parts, n]) => Array.from({ length: n }, (_, i) => parts[i % parts.length]).join('.'));
    const shape = fc.oneof(
      key.map((k) => `${k} = 1\n`),
      key.map((k) => `[${k}]\nx = 1\n`),
      key.map((k) => `[[${k}]]\nx = 1\n`),
      key.map((k) => `x = { ${k} = 1 }\n`),
      fc.tuple(fc.integer({ min: 1, max: 4000 }), fc.boolean(), fc.constantFrom('{a = ', '{ "a" = ', '{a.b = ', '[{a = ')).map(([n, closed, open]) => `x = ${open.repeat(n)}1${closed ? (open.startsWith('[') ? '}]' : '}').repeat(n) : ''}\n`),
    );
    const text = fc.tuple(fc.constantFrom('[project]\ndependencies = ["flask"]\n', '[packages]\nflask = "*"\n', ''), shape).map(([head, body]) => head + body);
    await fuzz('TOML shapes', text, (s) => {
      checkManifest(parsePyproject(s, 'pyproject.toml'), s, 'pyproject.toml');
      checkManifest(parsePipfile(s, 'Pipfile'), s, 'Pipfile');
    }, 300);
  });

  it('requirements: absolute includes are never read, and always said', async () => {
    const abs = fc.constantFrom('/etc/passwd', '/abs/reqs.txt', '//host/share/r.txt', '\\\\server\\r.txt', 'C:\\r.txt', 'c:/r.txt', '/');
    const line = fc.tuple(fc.constantFrom('-r ', '-c ', '--requirement ', '--requirement=', '--constraint=', '-r', '-c'), abs).map(([opt, p]) => `${opt}${p}`);
    const text = fc.tuple(fc.array(fc.constantFrom('flask', 'django>=4', '# c', ''), { maxLength: 3 }), line).map(([others, inc]) => [...others, inc].join('\n'));
    await fuzz('absolute includes', text, (s) => {
      const r = parseRequirements(s, 'requirements.txt');
      checkManifest(r, s, 'requirements.txt');
      assert.deepEqual(r.includes, [], 'an absolute path is not an include');
      assert.ok(r.problems.some((p) => /outside the workspace/.test(p.message)), r.problems.map((p) => p.message).join('; ') || 'no problem');
    }, 300);
  });

  it('text helpers: decoding, lines and positions', async () => {
    await fuzz('text', fc.tuple(fc.uint8Array({ maxLength: 300 }), anyText(300), fc.nat()), ([bytes, s, offset]) => {
      const d = decodeText(bytes);
      assert.ok(d.ok ? typeof d.text === 'string' : d.reason.length > 0);
      const lines = splitLines(s);
      assert.equal(lines.join('').length + (s.match(/\r\n|\r|\n/g) ?? []).reduce((n, m) => n + m.length, 0), s.length);
      const pos = positionAt(s, offset % (s.length + 1));
      assert.ok(pos.line >= 1 && pos.line <= lines.length && pos.column >= 1);
      assert.equal(normalizeName(normalizeName(s)), normalizeName(s));
    }, 500);
  });
});
