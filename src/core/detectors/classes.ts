/**
 * The project's classes indexed by name and module, to find the class a qualified base or a
 * registered viewset names ("views.PostViewSet", ".base.TimeStamped") among same-named ones.
 * Shared by the model and route detectors.
 */
import type { ClassInfo } from '../python/analyze';
import type { Steps } from '../engine/steps';

/** How many classes are indexed between two points where the work may pause. */
const CLASSES_PER_STEP = 64;

/** Classes by name, by name and file, and the module names the project defines. */
export class ClassIndex {
  private readonly byName = new Map<string, ClassInfo[]>();
  private readonly byNameFile = new Map<string, Map<string, ClassInfo[]>>();
  private readonly moduleFiles = new Map<string, ReadonlySet<string>>();
  /** Folder and file stems of the project, to tell its classes from same-named ones of libraries. */
  private readonly projectModules = new Set<string>();

  /** Indexes `classes`, pausing every few dozen (a large project has thousands). */
  static *build(classes: readonly ClassInfo[]): Steps<ClassIndex> {
    const index = new ClassIndex();
    const files = new Set<string>();
    for (const [i, c] of classes.entries()) {
      if (i % CLASSES_PER_STEP === 0) yield;
      const list = index.byName.get(c.name) ?? [];
      list.push(c);
      index.byName.set(c.name, list);
      const inFiles = index.byNameFile.get(c.name) ?? new Map<string, ClassInfo[]>();
      const inFile = inFiles.get(c.file) ?? [];
      inFile.push(c);
      inFiles.set(c.file, inFile);
      index.byNameFile.set(c.name, inFiles);
      files.add(c.file);
    }
    for (const f of files) for (const seg of f.replace(/\.pyi?$/, '').split('/')) index.projectModules.add(seg);
    return index;
  }

  /**
   * The classes a dotted name written in `fromFile` may be, best first: those of its module, else
   * those in the same file, else every class of that name; `self` is never among them. None when
   * the module is not the project's.
   */
  candidates(dotted: string, fromFile: string, self?: ClassInfo): ClassInfo[] {
    const dot = dotted.lastIndexOf('.');
    const simple = dotted.slice(dot + 1);
    const modulePath = dot < 0 ? '' : dotted.slice(0, dot);
    if (modulePath && !modulePath.startsWith('.') && !this.projectModules.has(modulePath.split('.')[0])) return [];
    const all = (this.byName.get(simple) ?? []).filter((x) => x !== self);
    if (all.length === 0) return [];
    const sameFile = (this.byNameFile.get(simple)?.get(fromFile) ?? []).filter((x) => x !== self);
    const files = modulePath ? this.filesMatching(simple, modulePath, fromFile) : undefined;
    const byModule = files && files.size > 0 ? all.filter((x) => files.has(x.file)) : [];
    return byModule.length ? byModule : sameFile.length ? sameFile : all;
  }

  /** The files holding a class `name` that can be the module `modulePath`, remembered by "name module". */
  private filesMatching(name: string, modulePath: string, fromFile: string): ReadonlySet<string> {
    const key = modulePath.startsWith('.') ? undefined : `${name} ${modulePath}`;
    const known = key === undefined ? undefined : this.moduleFiles.get(key);
    if (known) return known;
    const target = moduleTarget(modulePath, fromFile);
    const files = new Set([...(this.byNameFile.get(name)?.keys() ?? [])].filter((f) => target(stemOf(f))));
    if (key !== undefined) this.moduleFiles.set(key, files);
    return files;
  }
}

/** A file's module path: no extension, a package's `__init__` as the package ("a/b/__init__.py" -> "a/b"). */
const stems = new Map<string, string>();
function stemOf(file: string): string {
  let stem = stems.get(file);
  if (stem === undefined) {
    stem = file.replace(/\.pyi?$/, '').replace(/\/__init__$/, '');
    if (stems.size >= 100_000) stems.clear();
    stems.set(file, stem);
  }
  return stem;
}

/**
 * Which module stems can be the module `modulePath` (absolute dotted, or relative to `fromFile`).
 * Worked out once per base, then tried on every candidate class (a large project has thousands).
 */
function moduleTarget(modulePath: string, fromFile: string): (stem: string) => boolean {
  if (modulePath.startsWith('.')) {
    const target = relativeStem(modulePath, fromFile);
    return (stem) => stem === target;
  }
  const path = modulePath.replace(/\./g, '/');
  const suffix = `/${path}`;
  return (stem) => stem === path || stem.endsWith(suffix);
}

/** The module stem a relative import (".views", "..base") written in `fromFile` names. */
function relativeStem(modulePath: string, fromFile: string): string {
  const ups = modulePath.length - modulePath.replace(/^\.+/, '').length;
  const dir = fromFile.split('/').slice(0, -ups);
  const rest = modulePath.replace(/^\.+/, '');
  return [...dir, ...(rest ? rest.split('.') : [])].join('/');
}

/** How many files are indexed between two points where the work may pause. */
const FILES_PER_STEP = 256;

/** The project's Python files by module: a relative module exactly, an absolute one as any path suffix. */
export class ModuleFiles {
  private readonly exact = new Map<string, string>();
  private readonly bySuffix = new Map<string, string>();

  /** Indexes `files` (the first in path order wins a module), pausing every few hundred. */
  static *build(files: readonly string[]): Steps<ModuleFiles> {
    const index = new ModuleFiles();
    for (const [i, f] of [...files].sort().entries()) {
      if (i % FILES_PER_STEP === 0) yield;
      if (!/\.pyi?$/.test(f)) continue;
      const stem = stemOf(f);
      if (!index.exact.has(stem)) index.exact.set(stem, f);
      let suffix = '';
      for (const seg of stem.split('/').reverse()) {
        suffix = suffix ? `${seg}/${suffix}` : seg;
        if (!index.bySuffix.has(suffix)) index.bySuffix.set(suffix, f);
      }
    }
    return index;
  }

  /** The file of the module `modulePath` as written in `fromFile`, when the project has one. */
  file(modulePath: string, fromFile: string): string | undefined {
    if (modulePath.startsWith('.')) return this.exact.get(relativeStem(modulePath, fromFile));
    return this.bySuffix.get(modulePath.replace(/\./g, '/'));
  }
}
