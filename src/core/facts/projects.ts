/**
 * Project roots in a workspace. A folder holding a Python manifest is a project root; what lies
 * below it belongs to it unless a deeper root starts a project of its own. A `manage.py` or a Flask
 * app with no root above it starts one too. Folders that only carry tool requirements (Sphinx docs,
 * test or CI requirements) and requirements folders (`requirements/*.txt`) fold into their parent,
 * so that a monorepo yields its real projects and nothing else.
 */
import type { Dependency } from '../model';
import { lookupPackage } from '../knowledge/packages';
import { baseName, dirName } from '../read/workspace';
import { append } from '../read/append';

/** A project root and why it is one. */
export interface ProjectRoot {
  /** Workspace-relative folder, "" for the workspace root. */
  dir: string;
  reason: string;
}

/** Folder names whose manifests (and Python) are usually for tools, not for an application. */
const TOOL_DIRS = new Set(['docs', 'doc', 'documentation', 'tests', 'test', 'testing', 'ci', '.github', 'tools', 'scripts', 'benchmarks', 'bench', '.circleci', '.ci', 'hooks']);

/** Package roles that never make a folder an application of its own. */
const TOOL_ROLES = new Set(['testing', 'debug']);
const TOOL_NAME = /^(sphinx|mkdocs|furo|myst-|pydata-sphinx|pytest|coverage|tox|nox|flake8|ruff|black|isort|mypy|pylint|pre-commit|twine|build|wheel|setuptools|bumpversion|bump2version|towncrier|codecov|docutils|recommonmark|nbsphinx|jupyter)/;

/** Inputs for finding roots. */
export interface RootInputs {
  /** Manifest files with their dependencies. */
  manifests: ReadonlyMap<string, readonly Dependency[]>;
  /** Files that start a project when no manifest is above them (manage.py, a module creating a Flask app). */
  appFiles: readonly string[];
  /** All Python files (to decide whether a bare workspace is a project). */
  pythonFiles: readonly string[];
  /** Manifests pulled in by another's `-r`/`-c`, with the one that includes each. */
  includedBy?: ReadonlyMap<string, string>;
}

/** True when every dependency is a documentation, test or lint tool. */
export function isToolOnly(deps: readonly Dependency[]): boolean {
  return deps.every((d) => {
    if (TOOL_NAME.test(d.name)) return true;
    const info = lookupPackage(d.name);
    return !!info && TOOL_ROLES.has(info.role);
  });
}

/**
 * The folder a manifest speaks for: `requirements/base.txt` speaks for the folder above
 * `requirements/`, and a file another one includes (`-r reqs/base.txt`) for the includer's.
 */
export function manifestHome(file: string, includedBy?: ReadonlyMap<string, string>): string {
  // Follow includers up a chain (bounded: includes can form cycles, which readManifests reports).
  for (let i = 0, by = includedBy?.get(file); by !== undefined && i < 16; i++, by = includedBy?.get(by)) file = by;
  const dir = dirName(file);
  return baseName(dir) === 'requirements' ? dirName(dir) : dir;
}

/** Finds the project roots, shallowest first. */
export function findProjectRoots(inputs: RootInputs): ProjectRoot[] {
  const byDir = new Map<string, { files: string[]; deps: Dependency[] }>();
  for (const [file, deps] of inputs.manifests) {
    const home = manifestHome(file, inputs.includedBy);
    const entry = byDir.get(home) ?? { files: [], deps: [] };
    entry.files.push(file);
    append(entry.deps, deps);
    byDir.set(home, entry);
  }
  const roots = new Map<string, string>();
  for (const [dir, { files, deps }] of [...byDir].sort(([a], [b]) => depth(a) - depth(b))) {
    const hasAppFile = inputs.appFiles.some((f) => isWithin(f, dir) && !TOOL_DIRS.has(baseName(dir)));
    const toolish = deps.length === 0 ? TOOL_DIRS.has(baseName(dir)) : isToolOnly(deps);
    const parent = [...roots.keys()].some((r) => isWithin(dir, r));
    if (dir !== '' && toolish && !hasAppFile && (parent || TOOL_DIRS.has(baseName(dir)))) continue; // folds into its parent
    roots.set(dir, `manifest ${files.map(baseName).join(', ')}`);
  }
  for (const f of inputs.appFiles) {
    if ([...roots.keys()].some((r) => isWithin(f, r))) continue;
    const dir = dirName(f);
    roots.set(dir, `${baseName(f)} with no manifest above it`);
  }
  const split = splitMixed(roots, inputs.appFiles);
  if (roots.size === 0 && inputs.pythonFiles.length > 0) roots.set('', 'Python files with no manifest');
  // A root that only holds sub-projects (a uv/Poetry workspace, a monorepo's tool-config
  // pyproject.toml) is no project: Python of its own in tool folders (scripts/, hooks/) and
  // package markers (`__init__.py`) do not count.
  const withOwnPython = new Set<string>();
  const rootSet = new Set(roots.keys());
  for (const f of inputs.pythonFiles) {
    const o = owner(f, rootSet);
    const first = (o === '' ? f : f.slice((o?.length ?? 0) + 1)).split('/');
    if (o !== undefined && !(first.length > 1 && TOOL_DIRS.has(first[0])) && baseName(f) !== '__init__.py') withOwnPython.add(o);
  }
  for (const dir of [...roots.keys()]) {
    const deps = byDir.get(dir)?.deps ?? [];
    const children = [...roots.keys()].some((r) => r !== dir && isWithin(r, dir));
    if (!children || (deps.some((d) => d.kind === 'runtime') && !split.has(dir))) continue;
    if (!withOwnPython.has(dir)) roots.delete(dir);
  }
  return [...roots]
    .map(([dir, reason]) => ({ dir, reason }))
    .sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/**
 * Splits a root that holds a Django project (manage.py) and a Flask app side by side, in sibling
 * folders: each becomes a project of its own, so neither borrows the other's evidence. A Flask app
 * inside the Django project's folder, or in a tool folder (tools/, scripts/), stays with it.
 * Returns the roots that were split.
 */
function splitMixed(roots: Map<string, string>, appFiles: readonly string[]): Set<string> {
  const split = new Set<string>();
  const rootSet = new Set(roots.keys());
  for (const [root, reason] of [...roots]) {
    const own = appFiles.filter((f) => owner(f, rootSet) === root);
    const top = (f: string) => (root === '' ? f : f.slice(root.length + 1)).split('/');
    const djangoDirs = own.filter((f) => baseName(f) === 'manage.py').map(dirName);
    const flask = own.filter((f) => baseName(f) !== 'manage.py' && !djangoDirs.some((d) => isWithin(f, d)));
    const sub = (f: string) => (root === '' ? top(f)[0] : `${root}/${top(f)[0]}`);
    const apart = flask.filter((f) => top(f).length > 1 && !TOOL_DIRS.has(top(f)[0]) && djangoDirs.every((d) => d !== root && !isWithin(d, sub(f))));
    if (djangoDirs.length === 0 || apart.length === 0) continue;
    const flaskDirs = [...new Set(apart.map(sub))];
    for (const d of djangoDirs) roots.set(d, `manage.py: a Django project split from ${reason} because a Flask app sits beside it in ${flaskDirs.join(', ')}`);
    for (const d of flaskDirs) roots.set(d, `a Flask app split from ${reason} because a Django project sits beside it in ${djangoDirs.join(', ')}`);
    split.add(root);
  }
  return split;
}

/** The deepest root that contains `path`, or undefined. */
export function owner(path: string, roots: readonly string[] | ReadonlySet<string>): string | undefined {
  const set = roots instanceof Set ? roots : new Set(roots);
  // Walk up the path's folders: O(depth) per file instead of O(roots).
  for (let dir = path; ; ) {
    if (set.has(dir)) return dir;
    if (dir === '') return undefined;
    const i = dir.lastIndexOf('/');
    dir = i < 0 ? '' : dir.slice(0, i);
  }
}

/** Groups paths by the deepest root that contains each (paths under no root are left out). */
export function groupByOwner(paths: readonly string[], roots: readonly string[]): Map<string, string[]> {
  const set = new Set(roots);
  const out = new Map<string, string[]>(roots.map((r) => [r, []]));
  for (const p of paths) {
    const o = owner(p, set);
    if (o !== undefined) out.get(o)?.push(p);
  }
  return out;
}

/** True when `path` is `dir` or lies below it. */
export function isWithin(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

function depth(dir: string): number {
  return dir === '' ? 0 : dir.split('/').length;
}
