/**
 * ORM models across a project's files: classes whose bases lead, through the project's own
 * classes, to an ORM base (Django, Flask-SQLAlchemy, declarative bases, peewee, SQLModel, the
 * library bases of `LIBRARY_BASES`). Abstract classes pass model-ness on but are not counted.
 * Why it matters and an example: docs/design.md "Detectors".
 */
import type { Observation } from '../model';
import type { ClassInfo } from '../python/analyze';
import { runSteps, type Steps } from '../engine/steps';

/** The ORM a model class belongs to. */
export type OrmKind = 'django' | 'sqlalchemy' | 'peewee' | 'sqlmodel' | 'tortoise' | 'ormar' | 'piccolo';

type Resolution = OrmKind | 'sqlalchemy-base' | 'sqlmodel-base' | null;

const DJANGO_BASES = /(^|\.)(models\.Model|AbstractUser|AbstractBaseUser)$/;

/**
 * Concrete model bases that ORM libraries ship ready-made (qualified through the file's imports):
 * Advanced Alchemy's and Litestar's `UUIDBase`/`BigIntAuditBase`..., Alchemical's and
 * Flask-AppBuilder's `Model` (declarative bases with a metadata of their own), Tortoise, ormar and
 * Piccolo models.
 */
const LIBRARY_BASES: readonly [RegExp, OrmKind][] = [
  [/^(advanced_alchemy|litestar\.(contrib|plugins)\.sqlalchemy)(\.\w+)*\.(UUID|UUIDv6|UUIDv7|NanoID|BigInt|Identity)(Audit)?Base$/, 'sqlalchemy'],
  [/^alchemical(\.aio)?\.Model$/, 'sqlalchemy'],
  [/^flask_appbuilder(\.models\.sqla)?\.Model$/, 'sqlalchemy'],
  [/^tortoise(\.models)?\.Model$/, 'tortoise'],
  [/^ormar(\.models)?\.Model$/, 'ormar'],
  [/^piccolo\.table\.Table$/, 'piccolo'],
];

/** How many classes are indexed or resolved between two points where the work may pause. */
const CLASSES_PER_STEP = 64;

/** Resolves the project's classes to concrete model observations. */
export function resolveModels(classes: readonly ClassInfo[]): Observation[] {
  return runSteps(resolveModelsInSteps(classes));
}

/** The same, pausing every few hundred classes (steps.ts): a large project has thousands. */
export function* resolveModelsInSteps(classes: readonly ClassInfo[]): Steps<Observation[]> {
  // Classes by name, and by name and file, in the order given: a base is looked up by its last
  // name, and a common one (`Meta`: thousands in a large Django project) must not be scanned whole
  // for every class that names it.
  const byName = new Map<string, ClassInfo[]>();
  const byNameFile = new Map<string, Map<string, ClassInfo[]>>();
  for (const [i, c] of classes.entries()) {
    if (i % CLASSES_PER_STEP === 0) yield;
    const list = byName.get(c.name) ?? [];
    list.push(c);
    byName.set(c.name, list);
    const files = byNameFile.get(c.name) ?? new Map<string, ClassInfo[]>();
    const inFile = files.get(c.file) ?? [];
    inFile.push(c);
    files.set(c.file, inFile);
    byNameFile.set(c.name, files);
  }
  // The files holding a class `name` that can be the absolute module `modulePath`, by "name module".
  const moduleFiles = new Map<string, ReadonlySet<string>>();
  const filesMatching = (name: string, modulePath: string, fromFile: string): ReadonlySet<string> => {
    const key = modulePath.startsWith('.') ? undefined : `${name} ${modulePath}`;
    const known = key === undefined ? undefined : moduleFiles.get(key);
    if (known) return known;
    const target = moduleTarget(modulePath, fromFile);
    const files = new Set([...(byNameFile.get(name)?.keys() ?? [])].filter((f) => target(stemOf(f))));
    if (key !== undefined) moduleFiles.set(key, files);
    return files;
  };
  const memo = new Map<ClassInfo, Resolution>();

  const resolve = (c: ClassInfo, depth: number): Resolution => {
    if (memo.has(c)) return memo.get(c) as Resolution;
    if (depth > 50) return null;
    memo.set(c, null); // guards inheritance cycles
    let r: Resolution = c.declarativeBase ? 'sqlalchemy-base' : null;
    for (const base of c.bases) {
      if (r) break;
      r = direct(base, c) ?? viaProject(base, c, depth);
    }
    memo.set(c, r);
    return r;
  };

  const direct = (base: string, c: ClassInfo): Resolution => {
    if (base.startsWith('django.') || base === 'models.Model') return DJANGO_BASES.test(base) ? 'django' : null;
    if (/(^|\.)DeclarativeBase(NoMeta)?$/.test(base) && (base.startsWith('sqlalchemy') || !base.includes('.'))) return 'sqlalchemy-base';
    if (base.startsWith('sqlmodel.') || base === 'SQLModel') return c.table ? 'sqlmodel' : 'sqlmodel-base';
    if (base === 'peewee.Model') return 'peewee';
    if (/(declarative_base|generate_base)\(\)$/.test(base)) return 'sqlalchemy';
    if (base.startsWith('flask_sqlalchemy.') && base.endsWith('.Model')) return 'sqlalchemy';
    for (const [pattern, kind] of LIBRARY_BASES) if (pattern.test(base)) return kind;
    // db.Model where db = SQLAlchemy() here, or db imported from the app's own extensions module.
    if (/(^|\.)db\.Model$/.test(base) || /SQLAlchemy\(\)\.Model$/.test(base)) return 'sqlalchemy';
    return null;
  };

  // Module names the project defines (folders and file stems), to tell its own classes from
  // same-named classes of libraries (a `Feed` from django.contrib.syndication is not the app's model `Feed`).
  const projectModules = new Set<string>();
  const classFiles = new Set<string>();
  for (const c of classes) classFiles.add(c.file);
  for (const f of classFiles) for (const seg of f.replace(/\.pyi?$/, '').split('/')) projectModules.add(seg);

  const viaProject = (base: string, c: ClassInfo, depth: number): Resolution => {
    const dot = base.lastIndexOf('.');
    const simple = base.slice(dot + 1);
    const modulePath = dot < 0 ? '' : base.slice(0, dot);
    if (modulePath && !modulePath.startsWith('.') && !projectModules.has(modulePath.split('.')[0])) return null;
    // Candidates: the classes of that name but c itself; of those, the ones of the base's module,
    // else the ones in c's own file, else all of them — each list in the order given.
    const all = byName.get(simple) ?? [];
    if (all.length === 0 || (all.length === 1 && all[0] === c)) return null;
    const sameFile = (byNameFile.get(simple)?.get(c.file) ?? []).filter((x) => x !== c);
    const files = modulePath ? filesMatching(simple, modulePath, c.file) : undefined;
    const byModule = files && files.size > 0 ? all.filter((x) => x !== c && files.has(x.file)) : [];
    for (const cand of byModule.length ? byModule : sameFile.length ? sameFile : all) {
      if (cand === c) continue;
      const r = resolve(cand, depth + 1);
      if (r === 'sqlalchemy-base') return 'sqlalchemy';
      if (r === 'sqlmodel-base' || r === 'sqlmodel') return c.table ? 'sqlmodel' : 'sqlmodel-base';
      if (r) return r;
    }
    return null;
  };

  const out: Observation[] = [];
  for (const [i, c] of classes.entries()) {
    if (i % CLASSES_PER_STEP === 0) yield;
    if (c.declarativeBase) continue;
    const r = resolve(c, 0);
    if (!r || r === 'sqlalchemy-base' || r === 'sqlmodel-base' || c.abstract) continue;
    out.push({ kind: 'model', name: c.name, via: r, framework: r === 'django' ? 'django' : undefined, evidence: c.evidence });
  }
  for (const o of out) if (o.framework === undefined) delete o.framework;
  return out;
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
    const ups = modulePath.length - modulePath.replace(/^\.+/, '').length;
    const dir = fromFile.split('/').slice(0, -ups);
    const rest = modulePath.replace(/^\.+/, '');
    const target = [...dir, ...(rest ? rest.split('.') : [])].join('/');
    return (stem) => stem === target;
  }
  const path = modulePath.replace(/\./g, '/');
  const suffix = `/${path}`;
  return (stem) => stem === path || stem.endsWith(suffix);
}
