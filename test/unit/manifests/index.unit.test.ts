import { strict as assert } from 'node:assert';
import { manifestFormatOf, parseManifest, readManifests } from '../../../src/core/manifests/index';
import { PythonParser } from '../../../src/core/python/parser';
import { MemoryWorkspace, type Workspace } from '../../../src/core/read/workspace';

describe('manifestFormatOf', () => {
  it('recognises every manifest name', () => {
    const cases: [string, string | undefined][] = [
      ['requirements.txt', 'requirements'],
      ['sub/requirements-dev.txt', 'requirements'],
      ['requirements_prod.txt', 'requirements'],
      ['dev-requirements.txt', 'requirements'],
      ['Requirements.txt', 'requirements'],
      ['requirements/base.txt', 'requirements'],
      ['app/requirements/test.txt', 'requirements'],
      ['requirements.in', 'requirements'],
      ['requirements/dev.in', 'requirements'],
      ['pyproject.toml', 'pyproject'],
      ['a/b/Pipfile', 'pipfile'],
      ['setup.cfg', 'setup.cfg'],
      ['setup.py', 'setup.py'],
      ['environment.yml', 'conda'],
      ['envs/environment.yaml', 'conda'],
      ['MANIFEST.in', undefined],
      ['Makefile.in', undefined],
      ['config.h.in', undefined],
      ['Pipfile.lock', undefined],
      ['notes.txt', undefined],
      ['docs/requirements-notes.md', undefined],
      ['README.md', undefined],
    ];
    for (const [path, format] of cases) assert.equal(manifestFormatOf(path), format, path);
  });
});

describe('readManifests', () => {
  let parser: PythonParser;
  before(async () => {
    parser = await PythonParser.create();
  });
  after(() => parser.dispose());

  it('dispatches each file to its parser', async () => {
    const ws = new MemoryWorkspace({
      'requirements.txt': 'django>=4.2\n',
      'pyproject.toml': '[project]\ndependencies = ["flask"]\n',
      Pipfile: '[packages]\ncelery = "*"\n',
      'setup.cfg': '[options]\ninstall_requires =\n    redis\n',
      'setup.py': 'from setuptools import setup\nsetup(install_requires=["gunicorn"])\n',
      'environment.yml': 'dependencies:\n  - numpy\n',
    });
    const files = ['requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.cfg', 'setup.py', 'environment.yml'];
    const { results, problems } = await readManifests(ws, files, parser);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      files.map((f) => results.get(f)?.dependencies.map((d) => [d.name, d.format])),
      [
        [['django', 'requirements']],
        [['flask', 'pyproject']],
        [['celery', 'pipfile']],
        [['redis', 'setup.cfg']],
        [['gunicorn', 'setup.py']],
        [['numpy', 'conda']],
      ],
    );
  });

  it('follows -r and -c includes recursively and sets kinds by file', async () => {
    const ws = new MemoryWorkspace({
      'requirements-dev.txt': '-r requirements/base.txt\npytest\n',
      'requirements/base.txt': '-c ../constraints.txt\n-r common.txt\ndjango\n',
      'requirements/common.txt': 'requests\n',
      'constraints.txt': 'urllib3<3\n-r more-constraints.txt\n',
      'more-constraints.txt': 'certifi>=2024\n',
    });
    const { results, problems } = await readManifests(ws, ['requirements-dev.txt'], parser);
    assert.deepEqual(problems, []);
    const kinds = (f: string) => results.get(f)?.dependencies.map((d) => [d.name, d.kind]);
    assert.deepEqual(kinds('requirements-dev.txt'), [['pytest', 'dev']]);
    assert.deepEqual(kinds('requirements/base.txt'), [['django', 'runtime']]);
    assert.deepEqual(kinds('requirements/common.txt'), [['requests', 'runtime']]);
    // Everything reached through -c is a constraint, also what a constraints file includes.
    assert.deepEqual(kinds('constraints.txt'), [['urllib3', 'constraint']]);
    assert.deepEqual(kinds('more-constraints.txt'), [['certifi', 'constraint']]);
  });

  it('reads each file once even when it is listed and included', async () => {
    const ws = new MemoryWorkspace({
      'requirements.txt': 'django\n',
      'requirements-dev.txt': '-r requirements.txt\npytest\n',
    });
    const { results, problems } = await readManifests(ws, ['requirements-dev.txt', 'requirements.txt'], parser);
    assert.deepEqual(problems, []);
    assert.deepEqual([...results.keys()].sort(), ['requirements-dev.txt', 'requirements.txt']);
    assert.equal(results.get('requirements.txt')?.dependencies[0].kind, 'runtime');
  });

  it('stops an include cycle with a warning naming the chain', async () => {
    const ws = new MemoryWorkspace({
      'requirements.txt': 'django\n-r requirements/a.txt\n',
      'requirements/a.txt': 'flask\n-r b.txt\n',
      'requirements/b.txt': '-r ../requirements.txt\ncelery\n',
    });
    const { results, problems } = await readManifests(ws, ['requirements.txt'], parser);
    assert.equal(results.size, 3);
    assert.equal(problems.length, 1);
    const p = problems[0];
    assert.equal(p.severity, 'warning');
    assert.equal(p.file, 'requirements/b.txt');
    assert.equal(p.line, 1);
    assert.match(p.message, /requirements\.txt -> requirements\/a\.txt -> requirements\/b\.txt -> requirements\.txt/);
    // The problem is also in the including file's own result.
    assert.deepEqual(results.get('requirements/b.txt')?.problems, [p]);
  });

  it('never reads an absolute include, even where the same path exists in the workspace', async () => {
    const ws = new MemoryWorkspace({
      'requirements.txt': 'django\n-r /etc/passwd\n--requirement=/srv/reqs.txt\n-c /etc/pins.txt\n',
      'setup.cfg': '[options]\ninstall_requires = file: /etc/passwd\n',
      // What the old re-rooting read instead of the host file:
      'etc/passwd': 'evil-package\n',
    });
    const { results, problems } = await readManifests(ws, ['requirements.txt', 'setup.cfg'], parser);
    assert.ok(!results.has('etc/passwd'), 'etc/passwd was read as an include');
    assert.deepEqual(results.get('requirements.txt')?.dependencies.map((d) => d.name), ['django']);
    const outside = problems.filter((p) => /points outside the workspace; not read/.test(p.message));
    assert.deepEqual(outside.map((p) => [p.file, p.line]), [['requirements.txt', 2], ['requirements.txt', 3], ['requirements.txt', 4], ['setup.cfg', 2]]);
  });

  it('reports a missing include as an error at the including line', async () => {
    const ws = new MemoryWorkspace({ 'requirements.txt': 'django\n\n-r missing.txt\n-c nope/pins.txt\n' });
    const { results, problems } = await readManifests(ws, ['requirements.txt'], parser);
    assert.deepEqual(results.get('requirements.txt')?.dependencies.map((d) => d.name), ['django']);
    assert.deepEqual(
      problems.map((p) => [p.file, p.line, p.severity]),
      [
        ['requirements.txt', 3, 'error'],
        ['requirements.txt', 4, 'error'],
      ],
    );
    assert.match(problems[0].message, /missing\.txt/);
    assert.match(problems[1].message, /nope\/pins\.txt/);
  });

  it('follows setup.cfg file: directives', async () => {
    const ws = new MemoryWorkspace({
      'pkg/setup.cfg': '[options]\ninstall_requires = file: requirements.txt\n',
      'pkg/requirements.txt': 'flask\n',
    });
    const { results, problems } = await readManifests(ws, ['pkg/setup.cfg'], parser);
    assert.deepEqual(problems, []);
    assert.deepEqual(results.get('pkg/requirements.txt')?.dependencies.map((d) => d.name), ['flask']);
  });

  it('skips binary and oversized files with a problem, and reads non-UTF-8 with a warning', async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('django # caf'), 0xe9, 0x0a]);
    const ws = new MemoryWorkspace({
      'bin/requirements.txt': new Uint8Array([0x64, 0x00, 0x6a]),
      'big/requirements.txt': 'x'.repeat(200) + '\n',
      'latin/requirements.txt': latin1,
    });
    const { results, problems } = await readManifests(ws, ['bin/requirements.txt', 'big/requirements.txt', 'latin/requirements.txt'], parser, 100);
    assert.equal(results.has('bin/requirements.txt'), false);
    assert.equal(results.has('big/requirements.txt'), false);
    assert.deepEqual(results.get('latin/requirements.txt')?.dependencies.map((d) => d.name), ['django']);
    assert.deepEqual(
      problems.map((p) => [p.file, p.severity]),
      [
        ['bin/requirements.txt', 'warning'],
        ['big/requirements.txt', 'warning'],
        ['latin/requirements.txt', 'warning'],
      ],
    );
    assert.match(problems[0].message, /binary/);
    assert.match(problems[1].message, /larger than 100 bytes/);
    assert.match(problems[2].message, /UTF-8/);
  });

  it('collects every parse problem in the flat list too', async () => {
    const ws = new MemoryWorkspace({
      'requirements.txt': 'django==\n',
      'pyproject.toml': '[project\n',
      'environment.yml': 'dependencies: [a\n',
    });
    const { results, problems } = await readManifests(ws, ['requirements.txt', 'pyproject.toml', 'environment.yml'], parser);
    assert.deepEqual(
      problems.map((p) => p.file),
      ['requirements.txt', 'pyproject.toml', 'environment.yml'],
    );
    assert.equal(results.get('requirements.txt')?.problems[0], problems[0]);
    // A file that could not be parsed at all declares nothing: it has no result, only its problem.
    assert.equal(results.has('pyproject.toml'), false);
    assert.equal(results.has('environment.yml'), false);
  });

  it('never throws: a failing workspace and unknown files become problems', async () => {
    const broken: Workspace = {
      label: 'broken',
      listDir: async () => [],
      stat: async () => {
        throw new Error('device not ready');
      },
      readFile: async () => {
        throw new Error('device not ready');
      },
    };
    const { results, problems } = await readManifests(broken, ['requirements.txt', 'notes.md'], parser);
    assert.equal(results.size, 0);
    assert.deepEqual(
      problems.map((p) => [p.file, p.severity]),
      [
        ['requirements.txt', 'error'],
        ['notes.md', 'info'],
      ],
    );
    assert.match(problems[0].message, /device not ready/);
    const missing = await readManifests(new MemoryWorkspace({}), ['requirements.txt'], parser);
    assert.match(missing.problems[0].message, /does not exist/);
  });

  it('reads ahead in parallel and says the same, in the same order, as one file at a time', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`p${i}/requirements.txt`] = i % 3 === 0 ? `-r ../shared.txt\nbad line !!\npkg${i}\n` : i % 3 === 1 ? `-r missing${i}.txt\npkg${i}\n` : `\xff\xfepkg${i}\n`;
    files['shared.txt'] = 'shared-pkg\n';
    const ws = new MemoryWorkspace(files);
    const list = [...Object.keys(files)].sort();
    // Some files fail to parse; with `delayed`, answers come back in reverse order of asking.
    let asked = 0;
    const judge = (delayed: boolean) => async (format: Parameters<typeof parseManifest>[0], text: string, file: string) => {
      const delay = 40 - 2 * asked++;
      if (delayed) await new Promise((r) => setTimeout(r, Math.max(0, delay)));
      if (/^p1\d/.test(file)) throw new Error(`no parse for ${file}`);
      return parseManifest(format, text, file, parser);
    };
    const inProcess = await readManifests(ws, list, judge(false));
    asked = 0;
    const ahead = await readManifests(ws, list, judge(true));
    assert.ok(asked > 20, 'includes were parsed as well');
    assert.deepEqual(JSON.stringify([...ahead.results.entries()]), JSON.stringify([...inProcess.results.entries()]));
    assert.deepEqual(ahead.problems, inProcess.problems);
    assert.ok(inProcess.problems.length >= 15, `${inProcess.problems.length} problems`);
  });
});
