/**
 * The way forward when the recommendation differs from the framework in use: what maps to what,
 * how much there is to move, and a rough effort band. It restates the project's own facts and
 * plans nothing it has not seen. The effort formula: docs/design.md "Migration outline".
 */
import { surface } from '../facts/facts';
import { frameworkName } from './findings';
import type { EffortBand, Evidence, MigrationOutline, OutlineMapping, PortSize, ProjectAssessment } from '../model';

/** Counts the outline needs that the facts do not carry. */
export interface OutlineCounts {
  /** Form classes declared in the code. */
  formClasses?: number;
  /** Blueprints (Flask) or Django apps; default from the facts. */
  modules?: number;
  /** The ORM the models are written with ("SQLAlchemy", "SQLModel", "peewee", ...). */
  orm?: string;
}

const BANDS: readonly { band: EffortBand; below: number; text: string }[] = [
  { band: 'small', below: 40, text: 'days: under two weeks for one developer' },
  { band: 'medium', below: 150, text: 'weeks: about two to six weeks for one developer' },
  { band: 'large', below: 500, text: 'months: about two to six months for one developer' },
  { band: 'very large', below: Infinity, text: 'six months or more: port it app by app, running both side by side' },
];

/** The effort points of a port (see the header). */
export function effortPoints(s: PortSize): number {
  return s.models * 3 + s.relations * 0.5 + surface(s) + s.templates * 0.75 + s.forms + s.modules * 2 + s.addOns * 3;
}

/** The band for a number of effort points. */
export function effortBand(points: number): { band: EffortBand; text: string } {
  const b = BANDS.find((x) => points < x.below) ?? BANDS[BANDS.length - 1];
  return { band: b.band, text: b.text };
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function findingEvidence(p: ProjectAssessment, id: string, max = 3): Evidence[] | undefined {
  const ev = p.findings.find((f) => f.id === id)?.evidence.slice(0, max);
  return ev && ev.length > 0 ? ev : undefined;
}

/** The outline, or undefined when the project already uses the recommended framework (or none). */
export function migrationOutline(p: ProjectAssessment, counts: OutlineCounts = {}): MigrationOutline | undefined {
  const to = p.recommendation;
  const from = p.framework;
  if (!to || from === 'none' || from === to) return undefined;
  const f = p.facts;
  const recreated = p.batteries?.recreated ?? [];
  const usedDjango = p.batteries?.used ?? [];
  const size: PortSize = {
    models: f.models,
    relations: f.relations,
    routes: f.routes,
    views: f.views,
    templates: f.templates,
    forms: counts.formClasses ?? (f.forms ? 1 : 0),
    modules: counts.modules ?? (from === 'django' ? f.djangoApps : f.blueprints),
    addOns: to === 'django' ? recreated.length : usedDjango.filter((b) => b !== 'ORM').length,
  };
  const mappings: OutlineMapping[] = [];
  const steps: string[] = [];
  const fromName = frameworkName(from);
  const toName = frameworkName(to);
  const add = (m: OutlineMapping) => mappings.push({ from: m.from, to: m.to, ...(m.note ? { note: m.note } : {}), ...(m.evidence?.length ? { evidence: m.evidence } : {}) });

  if (size.models + size.routes + size.views + size.templates + size.forms + size.addOns === 0) {
    // Nothing written yet: the way forward is the other framework from the start.
    add({ from: `${fromName} in the manifests`, to: toName, note: 'nothing to port yet' });
    steps.push(to === 'django' ? 'Replace Flask with Django in the requirements and start with django-admin startproject' : `Replace ${fromName} with Flask in the requirements and start with a Flask app factory`);
    return { from: fromName, to: toName, mappings, size, effort: 'small', effortText: 'nothing to port yet: start with it', steps };
  }
  if (to === 'django') {
    const orm = counts.orm ?? 'SQLAlchemy';
    if (size.modules > 0) add({ from: plural(size.modules, from === 'flask' ? 'blueprint' : 'module'), to: plural(size.modules, 'Django app'), note: 'one `manage.py startapp` per blueprint; its routes become the app\'s urls.py' });
    if (f.models > 0) add({ from: `${plural(f.models, `${orm} model`)}${f.relations ? ` with ${plural(f.relations, 'relation')}` : ''}`, to: 'Django models (django.db.models)', note: 'relationship()/ForeignKey → ForeignKey, ManyToManyField; keep the tables with Meta.db_table', evidence: findingEvidence(p, 'data.models') });
    const byBuiltin = new Map<string, typeof recreated>();
    for (const r of recreated) byBuiltin.set(r.builtin, [...(byBuiltin.get(r.builtin) ?? []), r]);
    for (const [builtin, list] of byBuiltin) add({ from: list.map((r) => r.addOn).join(' + '), to: builtin, evidence: list.flatMap((r) => r.evidence.slice(0, 1)) });
    if (f.routes + f.views > 0) {
      const what = from === 'flask' ? `${plural(f.routes, 'route')} (@route, add_url_rule)` : `${plural(f.routes, 'route')} (${fromName} path operations)`;
      add({ from: what, to: 'urls.py path() entries and views', note: from === 'flask' ? 'url_for() → reverse() / {% url %}; the request becomes a view argument' : f.restApi ? 'Django REST framework, or Django Ninja to keep the decorator style' : undefined });
    }
    if (f.templates > 0) {
      const dialect = f.templateDialect === 'django' ? 'Django-style' : f.templateDialect === 'mixed' ? '' : 'Jinja';
      add({ from: `${plural(f.templates, `${dialect ? `${dialect} ` : ''}template`)}`, to: f.templateDialect === 'django' ? 'Django templates' : 'Django templates, or keep Jinja through Django\'s Jinja2 backend', note: f.templateDialect === 'django' ? undefined : 'BACKEND django.template.backends.jinja2.Jinja2 keeps them as they are; url_for() and flash messages need helpers' });
    }
    if (size.forms > 0 && !recreated.some((r) => r.builtin === 'django.forms')) add({ from: plural(size.forms, 'form class', 'form classes'), to: 'django.forms (ModelForm)' });
    if (f.restApi && !f.templates) add({ from: 'the JSON API', to: 'Django REST framework or Django Ninja' });
    if (f.tasks) add({ from: 'the task queue', to: 'the same task queue (Celery, RQ and Dramatiq work with Django)' });
    if (f.realtime) add({ from: 'WebSockets', to: 'Django Channels' });

    steps.push(size.modules > 0 ? `Start a Django project and create one app per blueprint (${plural(size.modules, 'app')})` : 'Start a Django project (django-admin startproject) with one app');
    if (f.models > 0) steps.push(`Port the ${plural(f.models, 'model')} to django.db.models over the existing tables (Meta.db_table, managed while you switch)`);
    if (f.migrations) steps.push('Start Django migrations from the current schema: makemigrations, then migrate --fake-initial; retire the Alembic history');
    if (f.auth) steps.push('Move accounts to django.contrib.auth (a custom user model for extra fields; a password hasher that still verifies the old hashes)');
    if (f.admin) steps.push('Replace the admin views with django.contrib.admin: admin.site.register for each model');
    if (size.forms > 0) steps.push('Port the form classes to django.forms / ModelForm (CSRF comes with the middleware)');
    if (f.routes + f.views > 0) steps.push(`Move the ${plural(f.routes, 'route')} to urls.py and views`);
    if (f.templates > 0) steps.push(f.templateDialect === 'django' ? `Move the ${plural(f.templates, 'template')} to the app template folders` : `Serve the ${plural(f.templates, 'template')} through Django's Jinja2 backend first; convert to the Django template language later if wanted`);
  } else {
    const fromDjango = from === 'django';
    if (fromDjango && size.modules > 0) add({ from: plural(size.modules, 'Django app'), to: plural(size.modules, 'blueprint'), note: 'an app factory (create_app) registers them' });
    if (f.models > 0) add({ from: plural(f.models, fromDjango ? 'Django model' : 'model'), to: 'SQLAlchemy models (Flask-SQLAlchemy)', note: fromDjango ? 'map them onto the existing tables (__tablename__)' : 'SQLAlchemy models carry over as they are', evidence: findingEvidence(p, 'data.models') });
    if (fromDjango) {
      if (usedDjango.includes('migrations')) add({ from: 'Django migrations', to: 'Alembic (Flask-Migrate)', note: 'stamp the current schema as the base revision' });
      if (usedDjango.includes('auth')) add({ from: 'django.contrib.auth', to: 'Flask-Login and a password hasher that verifies Django\'s hashes' });
      if (usedDjango.includes('admin')) add({ from: 'django.contrib.admin', to: 'Flask-Admin, or nothing if nobody uses it' });
      if (usedDjango.includes('forms')) add({ from: 'django.forms', to: 'Flask-WTF (WTForms)' });
    }
    if (f.routes + f.views > 0) add({ from: fromDjango ? `${plural(f.routes, 'URL pattern')} and ${plural(f.views, 'view')}` : `${plural(f.routes, 'route')} (${fromName})`, to: '@blueprint.route functions', note: fromDjango ? '{% url %} / reverse() → url_for()' : f.async ? 'async views run on Flask 2.0+ (or Quart, the async Flask)' : undefined });
    if (f.templates > 0) add({ from: plural(f.templates, f.templateDialect === 'django' ? 'Django template' : 'template'), to: 'Jinja2 templates', note: f.templateDialect === 'django' ? 'most tags and filters carry over; {% url %} becomes url_for()' : undefined });
    if (f.restApi) add({ from: fromDjango ? 'the Django REST framework API' : 'the JSON API', to: 'plain Flask views returning JSON (or a Flask REST add-on)' });
    if (f.tasks) add({ from: 'the task queue', to: 'the same task queue, given the Flask app context' });
    if (f.realtime) add({ from: 'WebSockets', to: 'Flask-SocketIO' });

    steps.push(fromDjango && size.modules > 0 ? `Create a Flask app factory (create_app) with one blueprint per Django app (${plural(size.modules, 'blueprint')})` : 'Create a Flask app factory (create_app) with one blueprint');
    if (f.models > 0) steps.push(`Port the ${plural(f.models, 'model')} to SQLAlchemy over the existing tables`);
    if (f.routes + f.views > 0) steps.push(`Turn the ${plural(surface(f), 'route and view', 'routes and views')} into @blueprint.route functions`);
    if (f.templates > 0) steps.push(`Convert the ${plural(f.templates, 'template')} to Jinja2`);
  }
  steps.push(`Run the test suite against both versions and move traffic over page by page until ${fromName} can go`);

  const { band, text } = effortBand(effortPoints(size));
  return { from: fromName, to: toName, mappings, size, effort: band, effortText: text, steps };
}
