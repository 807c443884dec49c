import { strict as assert } from 'node:assert';
import { parsePipfile } from '../../../src/core/manifests/pipfile';

describe('parsePipfile', () => {
  const text = `[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
django = "*"
Flask = "==3.0.0"
gunicorn = ">=21"
requests = {version = ">=2.31", extras = ["socks"], markers = "os_name == 'posix'"}
pywin32 = {version = "*", sys_platform = "== 'win32'"}
mylib = {git = "https://github.com/acme/mylib.git", ref = "v1", editable = true}
local = {path = "./local", editable = true}

[dev-packages]
pytest = "*"

[requires]
python_version = "3.11"
`;

  it('reads [packages] as runtime and [dev-packages] as dev', () => {
    const r = parsePipfile(text, 'Pipfile');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.dependencies.map((d) => [d.name, d.kind, d.specifier]),
      [
        ['django', 'runtime', ''],
        ['flask', 'runtime', '==3.0.0'],
        ['gunicorn', 'runtime', '>=21'],
        ['requests', 'runtime', '>=2.31'],
        ['pywin32', 'runtime', ''],
        ['mylib', 'runtime', ''],
        ['local', 'runtime', ''],
        ['pytest', 'dev', ''],
      ],
    );
    for (const d of r.dependencies) assert.equal(d.format, 'pipfile');
    assert.equal(r.dependencies[7].group, 'dev-packages');
  });

  it('reads tables: extras, markers (also as keys), git and path references', () => {
    const r = parsePipfile(text, 'Pipfile');
    const byName = new Map(r.dependencies.map((d) => [d.name, d]));
    assert.deepEqual(byName.get('requests')!.extras, ['socks']);
    assert.equal(byName.get('requests')!.marker, "os_name == 'posix'");
    assert.equal(byName.get('pywin32')!.marker, "sys_platform == 'win32'");
    assert.equal(byName.get('mylib')!.url, 'https://github.com/acme/mylib.git');
    assert.equal(byName.get('mylib')!.editable, true);
    assert.equal(byName.get('local')!.url, './local');
  });

  it('points at each package line', () => {
    const r = parsePipfile(text, 'Pipfile');
    const lines = text.split('\n');
    for (const d of r.dependencies) assert.ok(lines[d.line - 1].startsWith(d.rawName), `${d.name} at line ${d.line}`);
    assert.equal(r.dependencies[1].rawName, 'Flask');
    assert.deepEqual([r.dependencies[1].line, r.dependencies[1].column, r.dependencies[1].endColumn], [8, 1, 18]);
  });

  it('reports malformed TOML and a value of the wrong type', () => {
    const bad = parsePipfile('[packages]\ndjango = \n', 'Pipfile');
    assert.equal(bad.problems.length, 1);
    assert.equal(bad.problems[0].line, 2);
    const odd = parsePipfile('[packages]\ndjango = 4\nflask = "*"\n', 'Pipfile');
    assert.deepEqual(odd.dependencies.map((d) => d.name), ['flask']);
    assert.equal(odd.problems.length, 1);
    assert.equal(odd.problems[0].line, 2);
    assert.equal(odd.problems[0].severity, 'warning');
  });
});
