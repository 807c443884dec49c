/**
 * Real inputs the fuzzers start from: every manifest and Python file of the fixtures, plus inline
 * samples that cover syntax the fixtures do not (markers, includes, editables, hashes, Poetry
 * tables, conda pip lists, decorators, URL confs), and each format's tokens for the mutations.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');

function fixtureFiles(match: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const rel of fs.readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })) {
    const abs = path.join(FIXTURES, rel);
    if (match(path.basename(rel)) && fs.statSync(abs).isFile()) out.push(fs.readFileSync(abs, 'utf8'));
  }
  return out;
}

export const REQUIREMENTS = [
  ...fixtureFiles((n) => /requirements.*\.txt$|^constraints\.txt$|^base\.txt$/.test(n)),
  'flask==3.0.3\ndjango>=4.2,<5 ; python_version >= "3.10"\n-r base.txt\n-c constraints.txt\n',
  '-e git+https://github.com/pallets/flask.git@main#egg=Flask[async]\n--hash=sha256:abc\n',
  'requests[security,socks] >= 2.8.1, == 2.8.* ; python_version < "2.7" and sys_platform == "win32" # comment\n',
  'name @ https://example.com/x.whl ; python_version > "3"\n./local/pkg\nfile:///tmp/pkg.tar.gz#egg=pkg\n',
  'django \\\n  >=4.2 \\\n  ; os_name == "posix"\n--index-url https://pypi.org/simple\n--extra-index-url=https://x\n-i https://y\n',
  '${PKG}==${VERSION}\nfoo===1.0\nbar~=1.4.2\n--requirement=other.in\n-rnested/req.txt\n',
  'Flask-SQLAlchemy==3.1.1\nflask-login\nFlask_WTF\ncelery[redis]\n--only-binary :all:\n--no-binary=flask\n--pre\n',
];

export const PYPROJECT = [
  ...fixtureFiles((n) => n === 'pyproject.toml'),
  `[project]
name = "x"
dynamic = ["dependencies"]
dependencies = ["flask>=3", 'django ; python_version >= "3.10"', """requests"""]
[project.optional-dependencies]
dev = ["pytest", "ruff>=0.4"]
[dependency-groups]
test = ["pytest", {include-group = "lint"}]
lint = ["ruff"]
[build-system]
requires = ["setuptools>=61", "wheel"]
`,
  `[tool.poetry]
name = "x"
[tool.poetry.dependencies]
python = "^3.11"
django = "^4.2"
celery = { version = "^5", extras = ["redis"], optional = true, markers = "sys_platform == 'linux'" }
mylib = [{ git = "https://x/y.git", develop = true }, { path = "../mylib" }]
[tool.poetry.extras]
queue = ["celery"]
[tool.poetry.group.dev.dependencies]
pytest = "*"
[tool.pdm.dev-dependencies]
test = ["-e file:///\${PROJECT_ROOT}/lib#egg=lib", "pytest"]
[tool.uv]
dev-dependencies = ["mypy"]
`,
];

export const PIPFILE = [
  ...fixtureFiles((n) => n === 'Pipfile'),
  `[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
[packages]
flask = "*"
django = ">=4.2"
requests = {version = "==2.31", extras = ["socks"], markers = "os_name == 'nt'", sys_platform = "== 'win32'"}
mylib = {git = "https://x/y.git", editable = true}
[dev-packages]
pytest = "*"
`,
];

export const SETUP_CFG = [
  ...fixtureFiles((n) => n === 'setup.cfg'),
  `[metadata]
name = x
[options]
install_requires =
    flask>=3
    # a comment
    django ; python_version >= "3.10"

setup_requires = setuptools; wheel
tests_require = file: requirements-test.txt, requirements/ci.txt
[options.extras_require]
async = asgiref
dev =
    pytest
    ruff
`,
];

export const CONDA = [
  ...fixtureFiles((n) => n === 'environment.yml'),
  `name: web
channels:
  - conda-forge
dependencies:
  - python=3.11
  - conda-forge::django>=4.2
  - numpy 1.26.* py311_0
  - "flask=2.0=py_0"
  - numpy[version='>=1.2']
  - pip
  - pip:
      - -r requirements.txt
      - celery[redis]>=5
      - -e git+https://x/y.git#egg=y
`,
];

export const SETUP_PY = [
  ...fixtureFiles((n) => n === 'setup.py'),
  `from setuptools import setup, find_packages
REQUIRES = ["flask>=3", "django"]
REQUIRES += ["celery"]
extras = {"dev": ["pytest"], "async": ("asgiref",)}
kwargs = dict(tests_require=["pytest"], setup_requires=["wheel"])
setup(
    name="x",
    install_requires=REQUIRES + ["requests\\n# c\\nidna"],
    extras_require=extras,
    **kwargs,
)
`,
  `import setuptools
def reqs():
    return open("requirements.txt").read().splitlines()
setuptools.setup(install_requires=reqs(), extras_require={"x": [f"pkg{1}"]})
`,
];

export const PYTHON = [
  ...fixtureFiles((n) => n.endsWith('.py')),
  `from flask import Flask, Blueprint
from flask_sqlalchemy import SQLAlchemy
app = Flask(__name__)
bp = Blueprint("b", __name__)
db = SQLAlchemy(app)
@app.route("/")
async def index():
    return "hi"
@bp.get("/items/<int:id>")
def item(id): ...
class User(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    posts = db.relationship("Post", backref="author")
`,
  `from django.db import models
from django.urls import path, include, re_path
from django.contrib import admin
INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "rest_framework", "polls.apps.PollsConfig"] + ["x"]
urlpatterns = i18n_patterns(path("admin/", admin.site.urls), path("", views.index), re_path(r"^x/$", views.x)) + [url("^y", v)]
class Base(models.Model):
    class Meta:
        abstract = True
class Question(Base):
    text = models.CharField(max_length=200)
    tags = models.ManyToManyField("Tag")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
cursor.execute("SELECT * FROM t")
`,
];

const COMMON = ['\n', '\r\n', ' ', '\t', '#', '"', "'", '\\', '\\\n', '\u0000', '\uFEFF', '\uD800', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '`id`', '${HOME}', '\u202E'];

export const TOKENS = {
  requirements: [...COMMON, '-r ', '-c ', '-e ', '-r ../', '-r /etc/passwd', '--hash=sha256:', '--requirement=', '-i ', '--', ';', '; ', '@ ', ' @ ', '[', ']', ',', '==', '>=', '~=', '===', '!=', '*', '(', ')', 'and ', 'or ', 'python_version', '"3"', 'git+https://x/y.git#egg=', 'file:', 'flask', 'Django', '.whl', '.tar.gz', '${VAR}'],
  toml: [...COMMON, '[', ']', '[[', ']]', '=', '.', '{', '}', ',', '"""', "'''", '[project]', 'dependencies = [', '[tool.poetry.dependencies]', 'version', 'extras = [', 'optional = true', '[packages]', '[dev-packages]', 'flask', '"django>=4"', '1979-05-27T07:32:00Z', 'true', '-inf', '0x1F', '\\u00e9', '\\UFFFFFFFF', 'a.b.c = 1'],
  ini: [...COMMON, '[options]', '[options.extras_require]', '[metadata]', 'install_requires =', 'install_requires:', '    ', 'file: ', ';', '=', ':', 'flask>=3', ' ; python_version > "3"', '[', ']'],
  yaml: [...COMMON, '- ', '  - ', ': ', 'dependencies:', '- pip:', '|', '>', '&a ', '*a', '!!str ', '!!binary ', '? ', '---\n', '...\n', '{', '}', '[', ']', ',', '::', '=', 'flask', 'python=3.11', '%YAML 1.2\n', '<<: *a'],
  python: [...COMMON, 'def ', 'class ', 'async ', 'await ', 'lambda ', '@', '(', ')', '[', ']', '{', '}', ':', ',', '.', '=', '+=', '\n    ', '\n        ', '"""', "'''", 'f"{', '}"', 'import ', 'from ', ' as ', 'flask', 'django', 'app.route("/")', 'Flask(__name__)', 'models.Model', 'db.Model', 'setup(', 'install_requires=', 'extras_require=', 'INSTALLED_APPS = [', 'urlpatterns = [', 'path("x", v)', '**kwargs', '*args', 'if x:', 'try:', 'except:', 'with x:', 'match x:', 'case _:', '\\U0010FFFF', '\\U7FFFFFFF', '\\x00'],
};
