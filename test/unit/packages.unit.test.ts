import { strict as assert } from 'node:assert';
import type { ObservationKind } from '../../src/core/model';
import {
  PACKAGE_ALIASES,
  PACKAGES,
  lookupPackage,
  type PackageInfo,
  type PackageRole,
} from '../../src/core/knowledge/packages';
import { normalizeName } from '../../src/core/read/text';

// Records keyed by the union types, so the compiler keeps these lists complete.
const KINDS: Record<ObservationKind, true> = {
  framework: true,
  app: true,
  blueprint: true,
  djangoApp: true,
  route: true,
  routeHelper: true,
  routeCall: true,
  routerMade: true,
  view: true,
  viewTarget: true,
  model: true,
  relation: true,
  database: true,
  auth: true,
  admin: true,
  forms: true,
  migrations: true,
  template: true,
  restApi: true,
  async: true,
  tasks: true,
  realtime: true,
  i18n: true,
  mail: true,
  cache: true,
  security: true,
  staticFiles: true,
  nonWeb: true,
};
const ROLES: Record<PackageRole, true> = {
  framework: true,
  orm: true,
  migrations: true,
  auth: true,
  admin: true,
  forms: true,
  rest: true,
  templating: true,
  taskQueue: true,
  realtime: true,
  dbDriver: true,
  nosql: true,
  caching: true,
  i18n: true,
  mail: true,
  security: true,
  server: true,
  static: true,
  testing: true,
  debug: true,
  config: true,
  search: true,
  storage: true,
  payments: true,
  cms: true,
  'api-docs': true,
  validation: true,
  other: true,
};

function get(name: string): PackageInfo {
  const info = lookupPackage(name);
  assert.ok(info, `${name} is in the table`);
  return info;
}

describe('package knowledge table', () => {
  it('has at least 100 packages', () => {
    assert.ok(PACKAGES.length >= 100, `${PACKAGES.length} packages`);
  });

  it('keys every package by a unique PEP 503 name derived from its display name', () => {
    const seen = new Set<string>();
    for (const p of PACKAGES) {
      assert.equal(p.name, normalizeName(p.name), p.name);
      assert.equal(p.name, normalizeName(p.display), p.display);
      assert.ok(!seen.has(p.name), `duplicate ${p.name}`);
      seen.add(p.name);
    }
  });

  it('uses only known roles and observation kinds, and writes a one-sentence summary', () => {
    for (const p of PACKAGES) {
      assert.ok(ROLES[p.role], `${p.name}: role ${p.role}`);
      for (const kind of p.observes) assert.ok(KINDS[kind], `${p.name}: kind ${kind}`);
      assert.equal(new Set(p.observes).size, p.observes.length, `${p.name}: repeated kinds`);
      assert.match(p.summary, /^\S.*[.)]$/, `${p.name}: summary`);
      assert.ok(p.ecosystem.length > 0, `${p.name}: ecosystem`);
    }
  });

  it('names the framework on every framework entry, and only there', () => {
    for (const p of PACKAGES) {
      if (p.role === 'framework') {
        assert.ok(p.framework, `${p.name} has framework`);
        assert.equal(p.framework, p.framework.toLowerCase());
      } else {
        assert.equal(p.framework, undefined, `${p.name} is not a framework`);
      }
    }
  });

  it('covers the web frameworks', () => {
    const frameworks = [
      'flask',
      'django',
      'fastapi',
      'starlette',
      'pyramid',
      'tornado',
      'aiohttp',
      'bottle',
      'sanic',
      'quart',
      'litestar',
      'falcon',
      'cherrypy',
      'masonite',
      'web2py',
      'hug',
      'responder',
      'connexion',
    ];
    for (const name of frameworks) {
      const p = get(name);
      assert.equal(p.role, 'framework', name);
      assert.equal(p.framework, name);
    }
    assert.match(get('fastapi').summary, /Starlette/);
  });

  it('covers the Flask, Django and neutral packages that matter to the decision', () => {
    const names = [
      // Flask
      'Flask-SQLAlchemy', 'Flask-Migrate', 'Flask-Login', 'Flask-Security', 'Flask-Security-Too',
      'Flask-User', 'Flask-Admin', 'Flask-AppBuilder', 'Flask-WTF', 'WTForms', 'Flask-Babel',
      'Flask-Mail', 'Flask-Caching', 'Flask-RESTful', 'Flask-RESTX', 'flask-smorest',
      'Flask-Marshmallow', 'Flask-CORS', 'Flask-Limiter', 'Flask-SocketIO', 'Flask-Session',
      'Flask-Bcrypt', 'Flask-JWT-Extended', 'Flask-Principal', 'Flask-Talisman', 'Flask-SeaSurf',
      'Flask-Assets', 'Flask-DebugToolbar', 'Flask-Moment', 'Flask-Bootstrap', 'Flask-Paginate',
      'Flask-Script', 'Flask-Uploads', 'Flask-Dance', 'Authlib',
      // Django
      'djangorestframework', 'django-filter', 'django-allauth', 'django-crispy-forms',
      'django-debug-toolbar', 'django-extensions', 'django-environ', 'django-cors-headers',
      'channels', 'daphne', 'django-celery-beat', 'django-storages', 'django-redis', 'wagtail',
      'django-cms', 'mezzanine', 'django-oscar', 'saleor', 'graphene-django', 'django-ninja',
      'whitenoise', 'django-guardian', 'django-import-export', 'django-simple-history',
      'django-tables2', 'django-haystack',
      // neutral
      'SQLAlchemy', 'alembic', 'Jinja2', 'Werkzeug', 'marshmallow', 'pydantic', 'celery', 'rq',
      'dramatiq', 'huey', 'redis', 'pymongo', 'mongoengine', 'motor', 'psycopg2',
      'psycopg2-binary', 'psycopg', 'mysqlclient', 'PyMySQL', 'asyncpg', 'gunicorn', 'uwsgi',
      'uvicorn', 'hypercorn', 'waitress', 'peewee', 'pony', 'tortoise-orm', 'SQLModel',
      'passlib', 'bcrypt', 'python-jose', 'PyJWT', 'itsdangerous', 'python-dotenv', 'requests',
      'boto3', 'sentry-sdk', 'elasticsearch', 'stripe', 'pytest', 'pytest-django',
      'pytest-flask', 'sphinx',
    ];
    for (const name of names) get(name);
  });

  it('says which Django built-in each Flask add-on re-creates', () => {
    const expected: Record<string, string> = {
      'flask-login': 'django.contrib.auth',
      'flask-security-too': 'django.contrib.auth',
      'flask-user': 'django.contrib.auth',
      'flask-admin': 'django.contrib.admin',
      'flask-migrate': 'Django migrations (manage.py makemigrations/migrate)',
      alembic: 'Django migrations (manage.py makemigrations/migrate)',
      'flask-wtf': 'django.forms',
      wtforms: 'django.forms',
      'flask-babel': 'django.utils.translation (i18n)',
      'flask-sqlalchemy': 'the Django ORM',
      sqlalchemy: 'the Django ORM',
      'flask-mail': 'django.core.mail',
      'flask-caching': 'django.core.cache',
      'flask-seasurf': 'CsrfViewMiddleware',
      'flask-session': 'django.contrib.sessions',
      'flask-assets': 'django.contrib.staticfiles',
      'flask-paginate': 'django.core.paginator',
      'flask-principal': 'django.contrib.auth permissions',
    };
    for (const [name, builtin] of Object.entries(expected)) {
      assert.equal(get(name).replacesBuiltin, builtin, name);
    }
    for (const name of ['flask-appbuilder', 'flask-bcrypt', 'flask-talisman', 'flask-uploads']) {
      assert.ok(get(name).replacesBuiltin, name);
    }
  });

  it('gives every Flask add-on in a role Django ships built in a Django counterpart', () => {
    const builtInRoles = new Set<PackageRole>([
      'orm',
      'migrations',
      'admin',
      'forms',
      'i18n',
      'mail',
      'caching',
      'static',
    ]);
    const exceptions = new Set([
      'flask-mongoengine', // MongoDB: no Django built-in
      'flask-pymongo',
      'flask-redis', // a Redis client, not a cache framework
      'flask-ckeditor', // a rich-text widget
    ]);
    for (const p of PACKAGES) {
      if (p.ecosystem !== 'flask' || !builtInRoles.has(p.role) || exceptions.has(p.name)) continue;
      assert.ok(p.replacesBuiltin, `${p.name} names the Django built-in it re-creates`);
    }
  });

  it('never says a Django package re-creates a Django built-in', () => {
    for (const p of PACKAGES.filter((p) => p.ecosystem === 'django')) {
      assert.equal(p.replacesBuiltin, undefined, p.name);
    }
  });

  it('says what declaring a package implies', () => {
    assert.deepEqual(get('flask-login').observes, ['auth']);
    assert.ok(get('flask-sqlalchemy').observes.includes('database'));
    assert.ok(get('flask-migrate').observes.includes('migrations'));
    assert.ok(get('flask-admin').observes.includes('admin'));
    assert.ok(get('flask-wtf').observes.includes('forms'));
    assert.ok(get('djangorestframework').observes.includes('restApi'));
    assert.ok(get('celery').observes.includes('tasks'));
    assert.ok(get('psycopg2').observes.includes('database'));
    assert.ok(get('channels').observes.includes('realtime'));
    assert.ok(get('uvicorn').observes.includes('async'));
    assert.deepEqual(get('requests').observes, []);
  });

  it('records which ecosystem a package belongs to', () => {
    assert.equal(get('flask-login').ecosystem, 'flask');
    assert.equal(get('django-allauth').ecosystem, 'django');
    assert.equal(get('sqlalchemy').ecosystem, 'neutral');
    assert.equal(get('celery').ecosystem, 'neutral');
  });

  it('marks unmaintained add-ons as such', () => {
    assert.match(get('flask-script').summary, /unmaintained/i);
    assert.match(get('flask-uploads').summary, /unmaintained/i);
    assert.match(get('flask-restplus').summary, /unmaintained/i);
  });
});

describe('lookupPackage', () => {
  it('matches any spelling of a PyPI name', () => {
    const spellings = ['flask_sqlalchemy', 'Flask-SQLAlchemy', 'FLASK.SQLALCHEMY', ' flask-sqlalchemy '];
    for (const spelling of spellings) {
      assert.equal(lookupPackage(spelling)?.name, 'flask-sqlalchemy', spelling);
    }
    assert.equal(lookupPackage('Flask_Login')?.display, 'Flask-Login');
  });

  it('matches import names that differ from the PyPI name', () => {
    const cases: Record<string, string> = {
      rest_framework: 'djangorestframework',
      corsheaders: 'django-cors-headers',
      allauth: 'django-allauth',
      debug_toolbar: 'django-debug-toolbar',
      crispy_forms: 'django-crispy-forms',
      django_filters: 'django-filter',
      jwt: 'pyjwt',
      jose: 'python-jose',
      dotenv: 'python-dotenv',
      MySQLdb: 'mysqlclient',
      PIL: 'pillow',
      tortoise: 'tortoise-orm',
    };
    for (const [alias, name] of Object.entries(cases)) {
      assert.equal(lookupPackage(alias)?.name, name, alias);
    }
  });

  it('matches dotted module paths and old flask.ext imports', () => {
    assert.equal(lookupPackage('rest_framework.authtoken')?.name, 'djangorestframework');
    assert.equal(lookupPackage('flask_sqlalchemy.model')?.name, 'flask-sqlalchemy');
    assert.equal(lookupPackage('django.contrib.admin')?.name, 'django');
    assert.equal(lookupPackage('flask.ext.login')?.name, 'flask-login');
    assert.equal(lookupPackage('dogpile.cache')?.name, 'dogpile-cache');
  });

  it('keeps distinct distributions apart', () => {
    assert.equal(lookupPackage('psycopg2-binary')?.name, 'psycopg2-binary');
    assert.equal(lookupPackage('psycopg2')?.name, 'psycopg2');
    assert.equal(lookupPackage('flask-security')?.name, 'flask-security');
    assert.equal(lookupPackage('flask-security-too')?.name, 'flask-security-too');
  });

  it('points every alias at a package in the table', () => {
    for (const [alias, target] of Object.entries(PACKAGE_ALIASES)) {
      assert.equal(alias, normalizeName(alias), `alias ${alias} is normalised`);
      assert.ok(PACKAGES.some((p) => p.name === target), `${alias} -> ${target}`);
    }
  });

  it('returns undefined for unknown or empty names', () => {
    assert.equal(lookupPackage('left-pad'), undefined);
    assert.equal(lookupPackage(''), undefined);
    assert.equal(lookupPackage('   '), undefined);
  });

  it('returns frozen data', () => {
    assert.ok(Object.isFrozen(PACKAGES));
    assert.ok(Object.isFrozen(get('flask')));
  });
});
