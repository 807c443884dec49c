/**
 * The hostile cases of issue #21, one folder each, written at test time (nothing weird is
 * committed), with the exact problems each must give. test/unit/hostileCases.unit.test.ts checks
 * them; the benchmark's "hostile" row times the whole set as a fresh CLI process.
 *
 * `npx tsx test/hostile/cases.ts DIR` writes them for a look by hand.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** One case: its folder and the problems expected there, as "file: message", sorted. */
export interface HostileCase {
  folder: string;
  /** What the case is (the words). */
  what: string;
  problems: string[];
  /** Dependencies expected, by name (where the case is about reading them right). */
  dependencies?: string[];
}

export interface HostileCases {
  root: string;
  outside: string;
  cases: HostileCase[];
  /** Sockets to close before the folder is removed. */
  close(): void;
  remove(): void;
}

function write(root: string, rel: string, content: string | Uint8Array): void {
  const abs = path.join(root, ...rel.split('/'));
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
}

const FLASK = 'from flask import Flask\napp = Flask(__name__)\n\n@app.route("/")\ndef index():\n    return "hi"\n';

/** Writes every case under a new temporary folder (or `at`). POSIX only: FIFOs, sockets, links. */
export async function writeHostileCases(at?: string): Promise<HostileCases> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'framework-fit-cases-'));
  const root = at ?? path.join(base, 'workspace');
  const outside = path.join(base, 'outside');
  fs.mkdirSync(root, { recursive: true });
  write(outside, 'requirements.txt', 'secret-outside-package\n');
  const cases: HostileCase[] = [];
  const servers: net.Server[] = [];

  // 1. One TOML line of 20,000 dotted segments (was 15-30 s and 545 MB), in each TOML shape.
  const key = `a.${'b.'.repeat(20_000)}c`;
  write(root, 'toml-keys/pyproject.toml', `[project]\nname = "k"\ndependencies = ["flask"]\n\n[tool]\n${key} = 1\n[${key}]\nx = 1\n[tool.inline]\nx = { ${key} = 1 }\n`);
  write(root, 'toml-keys/Pipfile', `[packages]\nrequests = "*"\n\n[x]\n${key} = 1\n`);
  write(root, 'toml-keys/app.py', FLASK);
  cases.push({ folder: 'toml-keys', what: 'dotted keys, headers and inline tables of 20,000 parts', problems: [], dependencies: ['flask', 'requests'] });

  // 2. A file far over any limit a setting can give (the ceiling holds whatever the settings say).
  write(root, 'huge/requirements.txt', 'flask\n');
  write(root, 'huge/app.py', FLASK);
  const fd = fs.openSync(path.join(root, 'huge', 'big.py'), 'w');
  fs.ftruncateSync(fd, 600 * 1024 * 1024);
  fs.closeSync(fd);
  cases.push({ folder: 'huge', what: 'a 600 MB .py (sparse) with the size setting lifted', problems: ['huge/big.py: skipped: 629145600 bytes is over the 32000000-byte limit'] });

  // 3. Terminal escapes in names: kept verbatim in JSON, made visible in text (the unit test checks the text).
  const escaped = 'esc-\u001b]0;pwned\u0007-\u001b[2J-\u202egnp';
  write(root, `${escaped}/requirements.txt`, 'flask\n');
  write(root, `${escaped}/app\u001b]52;c;aGk=\u0007.py`, FLASK);
  cases.push({ folder: escaped, what: 'ESC, OSC, BEL and bidi characters in file and folder names', problems: [] });

  // 4. Absolute includes: pip would read the host file; said, never read, never re-rooted.
  write(root, 'absolute/etc/passwd', 'django\n');
  write(root, 'absolute/requirements.txt', 'flask\n-r /etc/passwd\n--requirement=/etc/passwd\n-c /etc/passwd\n');
  write(root, 'absolute/setup.cfg', '[options]\ninstall_requires = file: /etc/passwd\n');
  write(root, 'absolute/app.py', FLASK);
  cases.push({
    folder: 'absolute',
    what: 'absolute -r, --requirement=, -c and setup.cfg file: paths',
    problems: [
      'absolute/requirements.txt: include "/etc/passwd" points outside the workspace; not read',
      'absolute/requirements.txt: include "/etc/passwd" points outside the workspace; not read',
      'absolute/requirements.txt: include "/etc/passwd" points outside the workspace; not read',
      'absolute/setup.cfg: install_requires: "/etc/passwd" points outside the workspace; not read',
    ],
    dependencies: ['flask'],
  });

  // 5. Silence where a problem belongs: FIFO, socket, links out, a PEP 735 cycle; UTF-16 read as pip does.
  write(root, 'special/app.py', FLASK);
  write(root, 'special/pyproject.toml', '[project]\nname = "s"\ndependencies = ["flask"]\n\n[dependency-groups]\ndev = [{include-group = "dev"}, "pytest"]\ntest = [{include-group = "nothing"}]\n');
  spawnSync('mkfifo', [path.join(root, 'special', 'requirements.txt')]);
  spawnSync('mkfifo', [path.join(root, 'special', 'views.py')]);
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(path.join(root, 'special', 'Pipfile'), resolve));
  servers.push(server);
  fs.symlinkSync(path.join(outside, 'requirements.txt'), path.join(root, 'special', 'requirements-dev.txt'));
  write(root, 'utf16/requirements.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('flask==3.0\r\ndjango-environ\r\n', 'utf16le')]));
  write(root, 'utf16/app.py', FLASK);
  cases.push({
    folder: 'special',
    what: 'a FIFO and a socket as manifests, a FIFO as .py, a manifest linked out, include-group cycle and dangling',
    problems: [
      'special/Pipfile: not a regular file (a named pipe, socket or device); not read',
      'special/pyproject.toml: dependency-groups.test[0]: include-group "nothing" names no group',
      'special/pyproject.toml: include-group cycle: dev -> dev',
      'special/requirements-dev.txt: a link; links are never followed, so it was not read',
      'special/requirements.txt: not a regular file (a named pipe, socket or device); not read',
      'special/views.py: not a regular file (a named pipe, socket or device); not read',
    ],
    dependencies: ['flask', 'pytest'],
  });
  cases.push({ folder: 'utf16', what: 'a UTF-16 requirements file with a BOM', problems: [], dependencies: ['django-environ', 'flask'] });

  // 6. A file in a slow error-recovery path: the same answer at any load (determinism.unit.test.ts runs it under load).
  // Beside this file under tsx; from the repository root in the benchmark's bundle.
  const resource = [path.join(__dirname, '..', 'unit', 'resources', 'slow-setup.py.txt'), path.resolve('test', 'unit', 'resources', 'slow-setup.py.txt')].find((f) => fs.existsSync(f))!;
  const slow = fs.readFileSync(resource, 'utf8');
  write(root, 'clocked/setup.py', slow);
  write(root, 'clocked/requirements.txt', 'flask\n');
  write(root, 'clocked/app.py', FLASK);
  cases.push({ folder: 'clocked', what: 'a setup.py in a slow error-recovery path', problems: ['clocked/setup.py: setup.py not read: parsing stopped: far more work than real code of this size needs (pathological syntax)'] });

  // 7. Slow manifests inside the size cap: 100,000 requirement lines; 64 KB of quotes in environment.yml.
  write(root, 'long-reqs/requirements.txt', Array.from({ length: 100_000 }, (_, i) => `p${i}==1`).join('\n'));
  write(root, 'long-reqs/app.py', FLASK);
  // 1 MB of lines only the full PEP 508 grammar reads (a URL and a marker each).
  const markerLine = (i: number) => `m${i}[a] @ https://example.org/m${i}-1.0.zip ; python_version >= "3.8" and sys_platform != "win32"`;
  write(root, 'marker-reqs/requirements.txt', Array.from({ length: 10_000 }, (_, i) => markerLine(i)).join('\n'));
  write(root, 'marker-reqs/app.py', FLASK);
  cases.push({ folder: 'marker-reqs', what: '1 MB of requirement lines with a URL and a marker each', problems: [], dependencies: Array.from({ length: 10_000 }, (_, i) => `m${i}`).sort() });
  write(root, 'quotes/environment.yml', `dependencies:\n  - ${'"'.repeat(64_000)}\n`);
  write(root, 'quotes/app.py', FLASK);
  cases.push({ folder: 'long-reqs', what: 'a 100,000-line requirements.txt', problems: [], dependencies: Array.from({ length: 100_000 }, (_, i) => `p${i}`).sort() });
  cases.push({
    folder: 'quotes',
    what: 'an environment.yml of 64 KB of quotes',
    problems: [...Array.from({ length: 10 }, () => 'quotes/environment.yml: invalid YAML: Unexpected double-quoted-scalar at node end'), 'quotes/environment.yml: invalid YAML: 31989 more errors'],
  });

  const close = () => {
    for (const s of servers) s.close();
  };
  return {
    root,
    outside,
    cases,
    close,
    remove: () => {
      close();
      fs.rmSync(base, { recursive: true, force: true });
      if (at) fs.rmSync(at, { recursive: true, force: true });
    },
  };
}

// Only when run as this script (bundled into the benchmark, require.main is the bundle).
if (require.main === module && /cases\.ts$/.test(process.argv[1] ?? '')) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: tsx test/hostile/cases.ts DIR');
    process.exit(2);
  }
  void writeHostileCases(path.resolve(dir)).then((c) => {
    c.close();
    console.log(`hostile cases in ${c.root}: ${c.cases.map((x) => x.folder).join(', ')}`);
  });
}
