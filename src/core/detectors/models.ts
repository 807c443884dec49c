/**
 * ORM models across a project's files: classes whose bases lead, through the project's own
 * classes, to an ORM base (Django, Flask-SQLAlchemy, declarative bases, peewee, SQLModel, the
 * library bases of `LIBRARY_BASES`). Abstract classes pass model-ness on but are not counted.
 * Why it matters and an example: docs/design.md "Detectors".
 */
import type { Observation } from '../model';
import type { ClassInfo } from '../python/analyze';
import { runSteps, type Steps } from '../engine/steps';
import { ClassIndex } from './classes';

/** The ORM a model class belongs to. */
export type OrmKind = 'django' | 'sqlalchemy' | 'peewee' | 'sqlmodel' | 'tortoise' | 'ormar' | 'piccolo';

type Resolution = OrmKind | 'sqlalchemy-base' | 'sqlmodel-base' | null;

/** Concrete models Django ships, subclassed as multi-table children (netbox's ObjectType(ContentType)). */
const DJANGO_CONCRETE = /^django\.contrib\.(contenttypes\.models\.ContentType|auth\.models\.(User|Group|Permission))$/;
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
  // Django model bases of CMS and tree libraries: Wagtail pages, settings, images, documents and
  // forms, modelcluster, taggit, django-mptt, django-treebeard, django-polymorphic, django-softdelete,
  // django-model-utils.
  [/^wagtail(\.core|\.wagtailcore)?\.models(\.\w+)*\.(Page|Orderable|AbstractPage|DraftStateMixin|RevisionMixin|PreviewableMixin|LockableMixin|WorkflowMixin|TranslatableMixin|Task|TaskState)$/, 'django'],
  [/^wagtail(\.\w+)*\.(BaseSiteSetting|BaseGenericSetting|BaseSetting|AbstractImage|AbstractRendition|AbstractDocument|AbstractEmailForm|AbstractForm|AbstractFormField|AbstractFormSubmission)$/, 'django'],
  [/^modelcluster(\.\w+)*\.ClusterableModel$/, 'django'],
  [/^taggit(\.\w+)*\.(TaggedItemBase|TagBase|GenericTaggedItemBase|ItemBase)$/, 'django'],
  [/^mptt(\.\w+)*\.MPTTModel$/, 'django'],
  [/^treebeard(\.\w+)*\.(MP_Node|NS_Node|AL_Node)$/, 'django'],
  [/^polymorphic(\.\w+)*\.PolymorphicModel$/, 'django'],
  [/^django_softdelete(\.\w+)*\.SoftDeleteModel$/, 'django'],
  [/^model_utils(\.\w+)*\.(TimeStampedModel|TimeFramedModel|StatusModel|SoftDeletableModel|UUIDModel)$/, 'django'],
];

/** How many classes are resolved between two points where the work may pause. */
const CLASSES_PER_STEP = 64;

/** Resolves the project's classes to concrete model observations. */
export function resolveModels(classes: readonly ClassInfo[]): Observation[] {
  return runSteps(resolveModelsInSteps(classes));
}

/** The same, pausing every few dozen classes (steps.ts): a large project has thousands. */
export function* resolveModelsInSteps(classes: readonly ClassInfo[], built?: ClassIndex): Steps<Observation[]> {
  const index = built ?? (yield* ClassIndex.build(classes));
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
    if (base.startsWith('django.') || base === 'models.Model') return DJANGO_BASES.test(base) || DJANGO_CONCRETE.test(base) ? 'django' : null;
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

  const viaProject = (base: string, c: ClassInfo, depth: number): Resolution => {
    for (const cand of index.candidates(base, c.file, c)) {
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
