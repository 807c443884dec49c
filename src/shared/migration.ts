/**
 * A migration outline derived from a project's facts, for the sidebar when the recommendation
 * differs from the framework in use. The engine has no migration planner yet; this outline only
 * restates what the facts show (how many models, routes, templates; which batteries are in use)
 * as the steps a move would take, in the order teams usually take them. Host-side, vscode-free.
 */
import { frameworkName } from '../core/findings';
import type { ProjectAssessment } from '../core/model';
import type { MigrationView } from './protocol';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The outline, or undefined when the project already uses the recommended framework (or none). */
export function migrationOutline(project: ProjectAssessment): MigrationView | undefined {
  const to = project.recommendation;
  const from = project.framework;
  if (!to || from === 'none' || from === to) return undefined;
  const f = project.facts;
  const fromName = frameworkName(from);
  const steps: string[] = [];
  if (to === 'django') {
    steps.push(
      f.blueprints > 0
        ? `Start a Django project and turn each of the ${plural(f.blueprints, 'blueprint')} into a Django app (manage.py startapp)`
        : 'Start a Django project with one app (django-admin startproject, manage.py startapp)',
    );
    if (f.models > 0) {
      steps.push(
        `Port ${plural(f.models, 'model')}${f.relations > 0 ? ` and ${plural(f.relations, 'relation')}` : ''} to django.db.models; map them onto the existing tables (Meta.db_table) so the data stays where it is`,
      );
    } else if (f.database) {
      steps.push('Keep the existing database access, or move queries to the Django ORM where models help');
    }
    if (f.migrations) steps.push(`Retire the ${from === 'flask' ? 'Alembic / Flask-Migrate' : fromName} migration history: start Django migrations from the current schema (makemigrations, then migrate --fake-initial)`);
    if (f.auth) steps.push('Move accounts to django.contrib.auth (a custom user model if the user table has extra fields; keep the old password hashes verifiable with a custom hasher)');
    if (f.admin) steps.push('Replace the admin views with django.contrib.admin (admin.site.register for each model)');
    if (f.forms) steps.push('Port the form classes to django.forms / ModelForm (CSRF protection comes with the middleware)');
    if (f.routes + f.views > 0) steps.push(`Move ${plural(f.routes, 'route')} to urls.py path() entries and views that take the request as an argument`);
    if (f.templates > 0) steps.push(`Reuse the ${plural(f.templates, 'template')} through Django's Jinja2 backend, or convert them to the Django template language`);
    if (f.restApi) steps.push('Move the JSON endpoints to Django REST framework or Django Ninja');
    if (f.i18n) steps.push('Move translations to django.utils.translation; the .po catalogues carry over');
    if (f.tasks) steps.push('Keep the task queue (Celery, RQ and Dramatiq all work with Django) and load its settings from Django');
    if (f.realtime) steps.push('Move WebSockets to Django Channels');
  } else {
    steps.push(
      f.djangoApps > 0
        ? `Create a Flask app factory (create_app) and turn each of the ${plural(f.djangoApps, 'Django app')} into a blueprint`
        : 'Create a Flask app factory (create_app) with one blueprint',
    );
    if (f.models > 0) steps.push(`Port ${plural(f.models, 'model')} to Flask-SQLAlchemy (or SQLAlchemy declarative models) mapped onto the existing tables`);
    if (f.migrations) steps.push('Take the schema over with Alembic (Flask-Migrate): stamp the current schema as the base revision');
    if (f.auth) steps.push('Replace django.contrib.auth with Flask-Login and a password hasher that verifies the existing hashes');
    if (f.admin) steps.push('Replace django.contrib.admin with Flask-Admin, or drop it if nobody uses it');
    if (f.forms) steps.push('Port the forms to Flask-WTF (WTForms), which also brings CSRF protection');
    if (f.routes + f.views > 0) steps.push(`Turn ${plural(f.routes, 'URL pattern')} and their views into @blueprint.route functions`);
    if (f.templates > 0) steps.push(`Convert the ${plural(f.templates, 'template')} to Jinja2 ({% url %} becomes url_for(), most filters carry over)`);
    if (f.restApi) steps.push(`Move the API endpoints from ${fromName} to plain Flask views (or a Flask REST add-on)`);
    if (f.i18n) steps.push('Move translations to Flask-Babel; the .po catalogues carry over');
    if (f.tasks) steps.push('Keep the task queue and give it the Flask app context');
    if (f.realtime) steps.push('Move WebSockets to Flask-SocketIO');
  }
  steps.push(`Run the test suite against both versions and move traffic over page by page until ${fromName} can go`);
  return { from: fromName, to: frameworkName(to), source: 'derived', steps };
}
