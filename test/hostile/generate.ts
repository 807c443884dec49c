/**
 * Generates the hostile workspace: everything a malicious or broken repository can put in front
 * of Framework Fit, written at test time into a temporary folder (nothing weird is committed).
 *
 * - file and folder names carrying markup and shell syntax: <script>, "><img src=x onerror=…>,
 *   backticks, ${…}, a newline, a Unicode right-to-left override; such files hold routes and
 *   models, so that the names become evidence and project labels the sidebar shows;
 * - package names, markers, routes and app labels with HTML in them;
 * - a symbolic-link loop, and a link to a folder outside the workspace (holding Django models and
 *   a "secret" requirement that must never show up), plus includes that try to reach outside;
 * - a 200 MB file (sparse: it costs no disk) named .py, and one named requirements.txt;
 * - binary files named .py, a file of random bytes, a named pipe named .py (reading it would block);
 * - a 10,000-level deep expression; an include cycle among requirements files;
 * - 50,000 empty Python files in one folder.
 *
 * `npx tsx test/hostile/generate.ts DIR [--small]` writes it for a look by hand; the tests call
 * `generateHostileWorkspace()`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Hostile strings used in names and contents. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  img: '"><img src=x onerror=alert(1)>',
  backticks: '`touch pwned`',
  template: '${process.exit(1)}',
  newline: 'line\nbreak',
  rlo: '\u202Egnp.py',
} as const;

/** What was generated, for the tests to check against. */
export interface HostileWorkspace {
  /** The workspace folder. */
  root: string;
  /** A folder outside the workspace that a link inside points to. */
  outside: string;
  /** Folder names (project roots) built from hostile strings. */
  hostileDirs: string[];
  /** Python files with hostile names that hold routes or models (so they become evidence). */
  hostileFiles: string[];
  /** The 200 MB files (workspace-relative), when generated. */
  hugeFiles: string[];
  /** Number of empty files generated in many/. */
  emptyFiles: number;
  /** Whether the named pipe could be made (mkfifo). */
  fifo: boolean;
  /** Deletes the workspace and the outside folder. */
  remove(): void;
}

/** Options: the full workspace has the 200 MB files and 50,000 empty files. */
export interface HostileOptions {
  /** Omit the 200 MB files and make only `emptyFiles` empty files (default: full). */
  small?: boolean;
  /** How many empty files (default 50,000; 200 when small). */
  emptyFiles?: number;
}

const MODELS = (n: number) =>
  `from django.db import models\n\n${Array.from({ length: n }, (_, i) => `class Model${i}(models.Model):\n    name = models.CharField(max_length=10)\n    other = models.ForeignKey("Model0", on_delete=models.CASCADE)\n`).join('\n')}`;

const FLASK_APP = `from flask import Flask, render_template
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)


@app.route('/${HOSTILE.img}')
def index():
    return render_template("index.html")


@app.route("/<script>alert(2)</script>")
def other():
    return "${HOSTILE.script}"


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    posts = db.relationship("Post")
`;

function write(root: string, rel: string, content: string | Uint8Array): void {
  const abs = path.join(root, ...rel.split('/'));
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
}

/** Writes the hostile workspace into a new temporary folder (or `at`, emptied first). */
export function generateHostileWorkspace(options: HostileOptions = {}, at?: string): HostileWorkspace {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'framework-fit-hostile-'));
  const root = at ?? path.join(base, 'workspace');
  if (at) fs.rmSync(at, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  const outside = path.join(base, 'outside');
  const remove = () => {
    fs.rmSync(base, { recursive: true, force: true });
    if (at) fs.rmSync(at, { recursive: true, force: true });
  };

  // Outside the workspace: what a link must never lead the engine to.
  write(outside, 'requirements.txt', 'secret-outside-package==1.0\ndjango\n');
  write(outside, 'secret_models.py', MODELS(3).replace(/Model(\d)/g, 'SecretOutside$1'));

  // The main project: Flask with HTML in routes, a manifest with hostile lines and includes.
  write(
    root,
    'requirements.txt',
    [
      'flask==3.0.3',
      'flask-sqlalchemy',
      `flask-login ; python_version > "${HOSTILE.script}"`,
      `${HOSTILE.img}==1.0`,
      '-r loop/requirements-a.txt',
      '-r outside-link/requirements.txt',
      '-r ../../../../../../etc/passwd',
      '-r /etc/passwd',
      '-r huge/requirements.txt',
      '-e git+https://example.invalid/x.git#egg=<script>',
      '',
    ].join('\n'),
  );
  write(root, 'loop/requirements-a.txt', '-r requirements-b.txt\nrequests\n');
  write(root, 'loop/requirements-b.txt', '-r requirements-c.txt\n');
  write(root, 'loop/requirements-c.txt', '-r requirements-a.txt\n-r ../requirements.txt\n');
  write(
    root,
    'pyproject.toml',
    `[project]\nname = "hostile"\ndependencies = ["django<5; extra == '${HOSTILE.script}'", "${HOSTILE.template}"]\n\n[tool.poetry.dependencies]\n"${HOSTILE.img.replace(/"/g, '\\"')}" = "*"\n"${HOSTILE.backticks}" = { version = "${HOSTILE.script}" }\n`,
  );
  write(root, 'Pipfile', `[packages]\n"<svg onload=alert(1)>" = "*"\n"cr\\r\\r[click](command:frameworkFit.assess)" = "*"\nflask = {version = "${HOSTILE.img.replace(/"/g, '\\"')}"}\n`);
  write(root, 'setup.cfg', `[options]\ninstall_requires =\n    ${HOSTILE.script}\n    flask>=3\n`);
  write(root, 'environment.yml', `dependencies:\n  - "${HOSTILE.img.replace(/"/g, '\\"')}"\n  - pip:\n    - "${HOSTILE.backticks}"\n`);
  write(root, 'setup.py', `from setuptools import setup\nsetup(install_requires=["flask", "${HOSTILE.script}", "\\U7FFFFFFF"])\n`);
  write(root, 'app.py', FLASK_APP);
  write(root, 'settings.py', `INSTALLED_APPS = ["${HOSTILE.script}", "${HOSTILE.img.replace(/"/g, '\\"')}", "django.contrib.admin"]\n`);
  write(root, 'templates/index.html', `<h1>{{ title }}</h1>${HOSTILE.script}\n`);
  write(root, `templates/${HOSTILE.script.replace(/\//g, '_')}.html`, '{% block x %}{% endblock %}\n');

  // Hostile names: each a project (a manifest) with models or routes, so that the names are shown.
  const hostileDirs: string[] = [];
  const hostileFiles: string[] = [];
  const names = [HOSTILE.script.replace(/\//g, '_'), HOSTILE.img.replace(/\//g, '_'), HOSTILE.backticks, HOSTILE.template, HOSTILE.newline, `x${HOSTILE.rlo}`];
  names.forEach((name, i) => {
    hostileDirs.push(name);
    write(root, `${name}/requirements.txt`, i % 2 === 0 ? 'django>=4.2\n' : 'flask\nflask-sqlalchemy\n');
    const file = `${name}/${name}_models.py`;
    hostileFiles.push(file);
    write(root, file, i % 2 === 0 ? MODELS(2) : FLASK_APP);
  });

  // Links: a loop, a link to an ancestor, and a link out of the workspace.
  fs.symlinkSync('.', path.join(root, 'symlink-loop'));
  fs.mkdirSync(path.join(root, 'nest', 'deeper'), { recursive: true });
  fs.symlinkSync('../..', path.join(root, 'nest', 'deeper', 'up'));
  fs.symlinkSync(outside, path.join(root, 'outside-link'));
  fs.symlinkSync(path.join(outside, 'secret_models.py'), path.join(root, 'linked_models.py'));
  fs.symlinkSync(path.join(outside, 'requirements.txt'), path.join(root, 'requirements-linked.txt'));

  // Huge files: sparse, so 200 MB cost nothing on disk; never to be read.
  const hugeFiles: string[] = [];
  if (!options.small) {
    for (const rel of ['huge.py', 'huge/requirements.txt']) {
      const abs = path.join(root, ...rel.split('/'));
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      const fd = fs.openSync(abs, 'w');
      fs.ftruncateSync(fd, 200 * 1024 * 1024);
      fs.closeSync(fd);
      hugeFiles.push(rel);
    }
  }

  // Binary and broken files named .py.
  write(root, 'binary.py', Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)]));
  write(root, 'random.py', Uint8Array.from(Array.from({ length: 8192 }, (_, i) => 128 + ((i * 104729) % 128))));
  write(root, 'bom_crlf.py', `\uFEFFfrom flask import Flask\r\napp = Flask(__name__)\r\n\u0000\r\n`);
  write(root, 'surrogates.py', Buffer.from('from flask import Flask\nx = "\uD800"\n', 'utf16le'));
  let fifo = false;
  if (process.platform !== 'win32') {
    fifo = spawnSync('mkfifo', [path.join(root, 'pipe.py')]).status === 0;
  }

  // A 10,000-level deep expression, and a megabyte-scale line just under the read limit.
  write(root, 'deep.py', `from flask import Flask\napp = Flask(__name__)\nx = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\ny = ${'['.repeat(10_000)}${']'.repeat(10_000)}\nz = ${'a.'.repeat(10_000)}b\n`);
  write(root, 'long_line.py', `import flask\nx = "${'x'.repeat(900_000)}"\n`);
  write(root, 'comments.py', `import flask\n${'# comment\n'.repeat(90_000)}`);

  // Many empty files in one folder.
  const emptyFiles = options.emptyFiles ?? (options.small ? 200 : 50_000);
  const many = path.join(root, 'many');
  fs.mkdirSync(many, { recursive: true });
  for (let i = 0; i < emptyFiles; i++) fs.writeFileSync(path.join(many, `f${String(i).padStart(5, '0')}.py`), '');

  return { root, outside, hostileDirs, hostileFiles, hugeFiles, emptyFiles, fifo, remove };
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: tsx test/hostile/generate.ts DIR [--small]');
    process.exit(2);
  }
  const ws = generateHostileWorkspace({ small: process.argv.includes('--small') }, path.resolve(dir));
  console.log(`hostile workspace in ${ws.root} (links point to ${ws.outside})`);
}
