/**
 * ORM models across a project's files.
 *
 * What it looks for: classes whose bases lead, through the project's own classes, to an ORM model
 * base: Django's `models.Model` (and `AbstractUser`/`AbstractBaseUser`), Flask-SQLAlchemy's
 * `db.Model`, a name bound to SQLAlchemy's `declarative_base()`, a subclass of `DeclarativeBase`,
 * peewee's `Model`, or SQLModel with `table=True`. Abstract classes (`Meta.abstract = True`,
 * `__abstract__ = True`) pass model-ness on but are not counted.
 * Why: a data model with many tables and relations is the first of Django's batteries (its ORM,
 * migrations and admin are built around it); a Flask app that grows one re-creates them.
 * Example: `class Post(TimeStamped)` where `class TimeStamped(models.Model): class Meta: abstract = True`
 * counts Post, not TimeStamped.
 */
import type { Observation } from '../model';
import type { ClassInfo } from '../python/analyze';

/** The ORM a model class belongs to. */
export type OrmKind = 'django' | 'sqlalchemy' | 'peewee' | 'sqlmodel';

type Resolution = OrmKind | 'sqlalchemy-base' | 'sqlmodel-base' | null;

const DJANGO_BASES = /(^|\.)(models\.Model|AbstractUser|AbstractBaseUser)$/;

/** Resolves the project's classes to concrete model observations. */
export function resolveModels(classes: readonly ClassInfo[]): Observation[] {
  const byName = new Map<string, ClassInfo[]>();
  for (const c of classes) {
    const list = byName.get(c.name) ?? [];
    list.push(c);
    byName.set(c.name, list);
  }
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
    // db.Model where db = SQLAlchemy() here, or db imported from the app's own extensions module.
    if (/(^|\.)db\.Model$/.test(base) || /SQLAlchemy\(\)\.Model$/.test(base)) return 'sqlalchemy';
    return null;
  };

  const viaProject = (base: string, c: ClassInfo, depth: number): Resolution => {
    const simple = base.slice(base.lastIndexOf('.') + 1);
    const candidates = byName.get(simple);
    if (!candidates) return null;
    const sameFile = candidates.filter((x) => x.file === c.file && x !== c);
    for (const cand of sameFile.length ? sameFile : candidates.filter((x) => x !== c)) {
      const r = resolve(cand, depth + 1);
      if (r === 'sqlalchemy-base') return 'sqlalchemy';
      if (r === 'sqlmodel-base' || r === 'sqlmodel') return c.table ? 'sqlmodel' : 'sqlmodel-base';
      if (r) return r;
    }
    return null;
  };

  const out: Observation[] = [];
  for (const c of classes) {
    if (c.declarativeBase) continue;
    const r = resolve(c, 0);
    if (!r || r === 'sqlalchemy-base' || r === 'sqlmodel-base' || c.abstract) continue;
    out.push({ kind: 'model', name: c.name, via: r, framework: r === 'django' ? 'django' : undefined, evidence: c.evidence });
  }
  for (const o of out) if (o.framework === undefined) delete o.framework;
  return out;
}
