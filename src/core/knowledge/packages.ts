/**
 * What the engine knows about PyPI packages that matter to the decision: the framework a package
 * belongs to, what declaring it implies, and the Django built-in a Flask add-on re-creates. Data
 * only: to add a package, append an entry to the right section of `TABLE` (and `ALIASES` when it
 * is imported under another name).
 */
import type { ObservationKind } from '../model';
import { normalizeName } from '../read/text';

/** What a package does in a web project. */
export type PackageRole =
  | 'framework'
  | 'orm'
  | 'migrations'
  | 'auth'
  | 'admin'
  | 'forms'
  | 'rest'
  | 'templating'
  | 'taskQueue'
  | 'realtime'
  | 'dbDriver'
  | 'nosql'
  | 'caching'
  | 'i18n'
  | 'mail'
  | 'security'
  | 'server'
  | 'static'
  | 'testing'
  | 'debug'
  | 'config'
  | 'search'
  | 'storage'
  | 'payments'
  | 'cms'
  | 'api-docs'
  | 'validation'
  | 'other';

/** One package the engine knows. */
export interface PackageInfo {
  /** PEP 503 normalised name (lower case, runs of -_. folded to -). */
  name: string;
  /** The name as the project spells it on PyPI, e.g. "Flask-Login". */
  display: string;
  role: PackageRole;
  /**
   * The framework the package belongs to: 'flask', 'django', 'fastapi', another framework's
   * lower-case name, or 'neutral' when it works with either.
   */
  ecosystem: 'flask' | 'django' | 'fastapi' | 'neutral' | (string & {});
  /** When role is 'framework': the framework's lower-case name (flask, django, fastapi, ...). */
  framework?: string;
  /** The observation kinds that declaring this package implies. */
  observes: readonly ObservationKind[];
  /**
   * Of `observes`, the kinds a general-purpose library implies only when the project's code shows
   * them too (PyJWT signs tokens for many things besides user accounts).
   */
  needsCode?: readonly ObservationKind[];
  /**
   * When a Flask project uses this package to do a job Django ships built in: that Django
   * built-in (e.g. "django.contrib.auth" for Flask-Login). Used to point out a Flask app that is
   * re-creating Django's batteries one add-on at a time.
   */
  replacesBuiltin?: string;
  /** One sentence: what it is and what it means for the fit (shown in hovers). */
  summary: string;
}

type Entry = Omit<PackageInfo, 'name'>;

// Django built-ins named in `replacesBuiltin`, spelled once so that they read the same everywhere.
const DJANGO_ORM = 'the Django ORM';
const DJANGO_MIGRATIONS = 'Django migrations (manage.py makemigrations/migrate)';
const DJANGO_AUTH = 'django.contrib.auth';
const DJANGO_PERMISSIONS = 'django.contrib.auth permissions';
const DJANGO_HASHERS = 'django.contrib.auth password hashers';
const DJANGO_ADMIN = 'django.contrib.admin';
const DJANGO_FORMS = 'django.forms';
const DJANGO_I18N = 'django.utils.translation (i18n)';
const DJANGO_MAIL = 'django.core.mail';
const DJANGO_CACHE = 'django.core.cache';
const DJANGO_SESSIONS = 'django.contrib.sessions';
const DJANGO_STATIC = 'django.contrib.staticfiles';
const DJANGO_PAGINATOR = 'django.core.paginator';
const DJANGO_CSRF = 'CsrfViewMiddleware';
const DJANGO_MANAGEMENT = 'django.core.management (manage.py commands)';
const DJANGO_FILES = 'django.core.files.storage (FileField/ImageField uploads)';

const TABLE: readonly Entry[] = [
  // ---------------------------------------------------------------------------------------------
  // Web frameworks
  // ---------------------------------------------------------------------------------------------
  {
    display: 'Flask',
    role: 'framework',
    ecosystem: 'flask',
    framework: 'flask',
    observes: ['framework'],
    summary:
      'Flask, the Pallets micro-framework (Werkzeug routing, Jinja2 templates); a good fit for sites that mostly serve pages or a small API, with database, auth, admin and forms left to add-ons.',
  },
  {
    display: 'Django',
    role: 'framework',
    ecosystem: 'django',
    framework: 'django',
    observes: ['framework'],
    summary:
      'Django, the batteries-included framework: ORM, migrations, auth, admin, forms, i18n, caching, mail and sessions ship built in, which pays off for data-heavy projects with many models.',
  },
  {
    display: 'fastapi',
    role: 'framework',
    ecosystem: 'fastapi',
    framework: 'fastapi',
    observes: ['framework', 'async', 'restApi'],
    summary:
      'FastAPI, an async API framework built on Starlette and Pydantic with automatic OpenAPI docs; a third option to Flask for API-first services.',
  },
  {
    display: 'starlette',
    role: 'framework',
    ecosystem: 'starlette',
    framework: 'starlette',
    observes: ['framework', 'async'],
    summary:
      'Starlette, a lightweight ASGI framework and toolkit (the base FastAPI is built on); closer to Flask than to Django in scope.',
  },
  {
    display: 'pyramid',
    role: 'framework',
    ecosystem: 'pyramid',
    framework: 'pyramid',
    observes: ['framework'],
    summary:
      'Pyramid, the Pylons Project framework that starts small and grows; like Flask it leaves the ORM (usually SQLAlchemy) and admin to add-ons.',
  },
  {
    display: 'tornado',
    role: 'framework',
    ecosystem: 'tornado',
    framework: 'tornado',
    observes: ['framework', 'async', 'realtime'],
    summary:
      'Tornado, an asynchronous web framework and networking library suited to long-lived connections and WebSockets.',
  },
  {
    display: 'aiohttp',
    role: 'framework',
    ecosystem: 'aiohttp',
    framework: 'aiohttp',
    observes: ['async'],
    summary:
      'aiohttp, an asyncio HTTP client and server; often declared only as an HTTP client, so it marks a web framework only where aiohttp.web is used.',
  },
  {
    display: 'bottle',
    role: 'framework',
    ecosystem: 'bottle',
    framework: 'bottle',
    observes: ['framework'],
    summary:
      'Bottle, a single-file WSGI micro-framework; even smaller in scope than Flask.',
  },
  {
    display: 'sanic',
    role: 'framework',
    ecosystem: 'sanic',
    framework: 'sanic',
    observes: ['framework', 'async'],
    summary: 'Sanic, an async web server and framework with a Flask-like routing API.',
  },
  {
    display: 'Quart',
    role: 'framework',
    ecosystem: 'quart',
    framework: 'quart',
    observes: ['framework', 'async'],
    summary:
      'Quart, an ASGI re-implementation of the Flask API maintained by Pallets; async Flask, with the same add-on approach.',
  },
  {
    display: 'litestar',
    role: 'framework',
    ecosystem: 'litestar',
    framework: 'litestar',
    observes: ['framework', 'async'],
    summary:
      'Litestar (formerly Starlite), an ASGI framework for APIs with data validation and OpenAPI generation.',
  },
  {
    display: 'falcon',
    role: 'framework',
    ecosystem: 'falcon',
    framework: 'falcon',
    observes: ['framework', 'restApi'],
    summary:
      'Falcon, a minimalist framework for REST APIs and microservices (WSGI, and ASGI since 3.0).',
  },
  {
    display: 'CherryPy',
    role: 'framework',
    ecosystem: 'cherrypy',
    framework: 'cherrypy',
    observes: ['framework'],
    summary:
      'CherryPy, a minimalist object-oriented web framework with its own HTTP server.',
  },
  {
    display: 'masonite',
    role: 'framework',
    ecosystem: 'masonite',
    framework: 'masonite',
    observes: ['framework'],
    summary:
      'Masonite, a Laravel-inspired batteries-included framework with its own ORM, migrations and auth scaffolding.',
  },
  {
    display: 'web2py',
    role: 'framework',
    ecosystem: 'web2py',
    framework: 'web2py',
    observes: ['framework'],
    summary:
      'web2py, an older full-stack framework with its own DAL and web admin; its authors now develop py4web instead.',
  },
  {
    display: 'py4web',
    role: 'framework',
    ecosystem: 'py4web',
    framework: 'py4web',
    observes: ['framework'],
    summary: 'py4web, the successor of web2py, with the same DAL and built-in auth.',
  },
  {
    display: 'hug',
    role: 'framework',
    ecosystem: 'hug',
    framework: 'hug',
    observes: ['framework', 'restApi'],
    summary:
      'hug, an API framework built on Falcon; no longer actively developed.',
  },
  {
    display: 'responder',
    role: 'framework',
    ecosystem: 'responder',
    framework: 'responder',
    observes: ['framework', 'async'],
    summary: 'Responder, a small ASGI web framework built on Starlette.',
  },
  {
    display: 'connexion',
    role: 'framework',
    ecosystem: 'connexion',
    framework: 'connexion',
    observes: ['framework', 'restApi'],
    summary:
      'Connexion, a spec-first framework that routes and validates requests from an OpenAPI document (on Flask in 2.x; Starlette-based ASGI with a Flask option in 3.x).',
  },
  {
    display: 'Eve',
    role: 'framework',
    ecosystem: 'flask',
    framework: 'eve',
    observes: ['framework', 'restApi', 'database'],
    summary:
      'Eve, a REST API framework built on Flask and MongoDB; API-only, so it points away from Django.',
  },

  // ---------------------------------------------------------------------------------------------
  // Flask extensions
  // ---------------------------------------------------------------------------------------------
  {
    display: 'Flask-SQLAlchemy',
    role: 'orm',
    ecosystem: 'flask',
    observes: ['database'],
    replacesBuiltin: DJANGO_ORM,
    summary:
      'SQLAlchemy integration for Flask (db.Model, sessions per request); a Flask app with it is adding the database layer Django ships as its ORM.',
  },
  {
    display: 'Flask-Migrate',
    role: 'migrations',
    ecosystem: 'flask',
    observes: ['migrations', 'database'],
    replacesBuiltin: DJANGO_MIGRATIONS,
    summary:
      'Alembic schema migrations for Flask-SQLAlchemy (flask db migrate/upgrade); the job Django does with makemigrations and migrate.',
  },
  {
    display: 'Flask-Alembic',
    role: 'migrations',
    ecosystem: 'flask',
    observes: ['migrations', 'database'],
    replacesBuiltin: DJANGO_MIGRATIONS,
    summary:
      'Another Alembic integration for Flask; schema migrations that Django has built in.',
  },
  {
    display: 'Flask-Login',
    role: 'auth',
    ecosystem: 'flask',
    observes: ['auth'],
    replacesBuiltin: DJANGO_AUTH,
    summary:
      'User session management for Flask (login_user, login_required, current_user), without a user model, registration or password hashing; part of what django.contrib.auth gives out of the box.',
  },
  {
    display: 'Flask-Security-Too',
    role: 'auth',
    ecosystem: 'flask',
    observes: ['auth', 'security'],
    replacesBuiltin: DJANGO_AUTH,
    summary:
      'The maintained fork of Flask-Security: registration, login, roles, password hashing and two-factor auth for Flask; a re-creation of django.contrib.auth and more.',
  },
  {
    display: 'Flask-Security',
    role: 'auth',
    ecosystem: 'flask',
    observes: ['auth', 'security'],
    replacesBuiltin: DJANGO_AUTH,
    summary:
      'The original Flask-Security (users, roles, registration), no longer maintained; Flask-Security-Too carries it on.',
  },
  {
    display: 'Flask-User',
    role: 'auth',
    ecosystem: 'flask',
    observes: ['auth'],
    replacesBuiltin: DJANGO_AUTH,
    summary:
      'User account management for Flask (register, login, confirm email, reset password, roles); what django.contrib.auth and its views provide.',
  },
  {
    display: 'Flask-HTTPAuth',
    role: 'auth',
    ecosystem: 'flask',
    observes: ['auth'],
    summary: 'HTTP Basic, Digest and token authentication for Flask routes, typical of small APIs.',
  },
  {
    display: 'Flask-JWT-Extended',
    role: 'auth',
    ecosystem: 'flask',
    observes: ['auth', 'restApi'],
    summary:
      'JSON Web Token authentication for Flask APIs (access and refresh tokens); token auth for an API rather than a user system.',
  },
  {
    display: 'Flask-JWT',
    role: 'auth',
    ecosystem: 'flask',
    observes: ['auth', 'restApi'],
    summary: 'An old JWT extension for Flask, long unmaintained; Flask-JWT-Extended replaced it.',
  },
  {
    display: 'Flask-Principal',
    role: 'auth',
    ecosystem: 'flask',
    observes: ['auth'],
    replacesBuiltin: DJANGO_PERMISSIONS,
    summary:
      'Identity and permission checks for Flask; the role of Django permissions and groups.',
  },
  {
    display: 'Flask-Bcrypt',
    role: 'security',
    ecosystem: 'flask',
    observes: ['auth'],
    replacesBuiltin: DJANGO_HASHERS,
    summary:
      'bcrypt password hashing for Flask; Django hashes passwords itself (PBKDF2 by default, bcrypt and Argon2 as options).',
  },
  {
    display: 'Flask-Dance',
    role: 'auth',
    ecosystem: 'flask',
    observes: ['auth'],
    summary:
      'OAuth sign-in ("log in with GitHub/Google") for Flask via requests-oauthlib; on Django the usual equivalent is django-allauth.',
  },
  {
    display: 'Flask-OAuthlib',
    role: 'auth',
    ecosystem: 'flask',
    observes: ['auth'],
    summary: 'OAuth client and provider for Flask, deprecated by its author in favour of Authlib.',
  },
  {
    display: 'Flask-Admin',
    role: 'admin',
    ecosystem: 'flask',
    observes: ['admin'],
    replacesBuiltin: DJANGO_ADMIN,
    summary:
      'An admin back office for Flask built from model views (SQLAlchemy, MongoEngine, peewee, ...); what django.contrib.admin ships built in.',
  },
  {
    display: 'Flask-AppBuilder',
    role: 'admin',
    ecosystem: 'flask',
    observes: ['admin', 'auth', 'forms', 'database'],
    replacesBuiltin: 'django.contrib.admin and django.contrib.auth',
    summary:
      'An application framework on Flask with auth (database, LDAP, OAuth), roles, CRUD model views and forms, used by Apache Superset and Airflow; much of Django rebuilt on Flask.',
  },
  {
    display: 'Flask-WTF',
    role: 'forms',
    ecosystem: 'flask',
    observes: ['forms', 'security'],
    replacesBuiltin: DJANGO_FORMS,
    summary:
      'WTForms integration for Flask with CSRF protection and file uploads; the job of django.forms and CsrfViewMiddleware.',
  },
  {
    display: 'WTForms',
    role: 'forms',
    ecosystem: 'neutral',
    observes: ['forms'],
    replacesBuiltin: DJANGO_FORMS,
    summary:
      'Framework-agnostic form definition and validation, used mostly with Flask; Django has its own form library built in.',
  },
  {
    display: 'Flask-CKEditor',
    role: 'forms',
    ecosystem: 'flask',
    observes: ['forms'],
    summary: 'A CKEditor rich-text field for Flask-WTF forms.',
  },
  {
    display: 'Flask-Babel',
    role: 'i18n',
    ecosystem: 'flask',
    observes: ['i18n'],
    replacesBuiltin: DJANGO_I18N,
    summary:
      'Translations and locale formatting for Flask via Babel; Django ships i18n and l10n built in.',
  },
  {
    display: 'Flask-BabelEx',
    role: 'i18n',
    ecosystem: 'flask',
    observes: ['i18n'],
    replacesBuiltin: DJANGO_I18N,
    summary:
      'An unmaintained fork of Flask-Babel with translation domains; i18n that Django ships built in.',
  },
  {
    display: 'Flask-Mail',
    role: 'mail',
    ecosystem: 'flask',
    observes: ['mail'],
    replacesBuiltin: DJANGO_MAIL,
    summary: 'SMTP mail sending for Flask; Django sends mail with django.core.mail.',
  },
  {
    display: 'Flask-Mailman',
    role: 'mail',
    ecosystem: 'flask',
    observes: ['mail'],
    replacesBuiltin: DJANGO_MAIL,
    summary:
      'A port of django.core.mail to Flask; a literal re-creation of a Django built-in.',
  },
  {
    display: 'Flask-Caching',
    role: 'caching',
    ecosystem: 'flask',
    observes: ['cache'],
    replacesBuiltin: DJANGO_CACHE,
    summary:
      'View and function caching for Flask (Redis, Memcached, filesystem backends); Django has a cache framework built in.',
  },
  {
    display: 'Flask-Cache',
    role: 'caching',
    ecosystem: 'flask',
    observes: ['cache'],
    replacesBuiltin: DJANGO_CACHE,
    summary: 'The unmaintained predecessor of Flask-Caching.',
  },
  {
    display: 'Flask-Session',
    role: 'other',
    ecosystem: 'flask',
    observes: [],
    replacesBuiltin: DJANGO_SESSIONS,
    summary:
      'Server-side sessions for Flask (Redis, Memcached, filesystem, SQLAlchemy, MongoDB); Django stores sessions server-side out of the box.',
  },
  {
    display: 'Flask-RESTful',
    role: 'rest',
    ecosystem: 'flask',
    observes: ['restApi'],
    summary:
      'Resource classes for building REST APIs with Flask; a sign of an API-style Flask project.',
  },
  {
    display: 'flask-restx',
    role: 'rest',
    ecosystem: 'flask',
    observes: ['restApi'],
    summary:
      'The community fork of Flask-RESTPlus: REST resources, request parsing and Swagger docs for Flask.',
  },
  {
    display: 'flask-restplus',
    role: 'rest',
    ecosystem: 'flask',
    observes: ['restApi'],
    summary: 'REST APIs with Swagger docs for Flask; unmaintained, continued as flask-restx.',
  },
  {
    display: 'flask-smorest',
    role: 'rest',
    ecosystem: 'flask',
    observes: ['restApi'],
    summary:
      'REST APIs for Flask with marshmallow schemas, webargs parsing and OpenAPI docs via apispec.',
  },
  {
    display: 'apiflask',
    role: 'rest',
    ecosystem: 'flask',
    observes: ['restApi'],
    summary: 'A Flask wrapper with OpenAPI, request validation and serialization built in; an APIFlask app is a Flask app.',
  },
  {
    display: 'flask-openapi3',
    role: 'rest',
    ecosystem: 'flask',
    observes: ['restApi'],
    summary: 'Pydantic-validated Flask APIs with generated OpenAPI documentation.',
  },
  {
    display: 'flask-marshmallow',
    role: 'validation',
    ecosystem: 'flask',
    observes: ['restApi'],
    summary:
      'marshmallow serialisation for Flask (with marshmallow-sqlalchemy), typical of JSON APIs.',
  },
  {
    display: 'Flask-Pydantic',
    role: 'validation',
    ecosystem: 'flask',
    observes: ['restApi'],
    summary: 'Pydantic validation of Flask request and response bodies.',
  },
  {
    display: 'flasgger',
    role: 'api-docs',
    ecosystem: 'flask',
    observes: ['restApi'],
    summary: 'Swagger UI and OpenAPI specs extracted from Flask views.',
  },
  {
    display: 'Flask-Cors',
    role: 'security',
    ecosystem: 'flask',
    observes: ['security', 'restApi'],
    summary:
      'Cross-Origin Resource Sharing headers for Flask, usually because a separate front end calls the API.',
  },
  {
    display: 'Flask-Limiter',
    role: 'security',
    ecosystem: 'flask',
    observes: ['security'],
    summary: 'Rate limiting for Flask routes.',
  },
  {
    display: 'flask-talisman',
    role: 'security',
    ecosystem: 'flask',
    observes: ['security'],
    replacesBuiltin:
      'django.middleware.security.SecurityMiddleware (and built-in CSP since Django 6.0)',
    summary:
      'HTTPS redirects and security headers (HSTS, CSP, frame options) for Flask; Django covers these with its security middleware.',
  },
  {
    display: 'Flask-SSLify',
    role: 'security',
    ecosystem: 'flask',
    observes: ['security'],
    replacesBuiltin: 'django.middleware.security.SecurityMiddleware (SECURE_SSL_REDIRECT)',
    summary: 'HTTP-to-HTTPS redirects for Flask; unmaintained, Flask-Talisman covers the same ground.',
  },
  {
    display: 'Flask-SeaSurf',
    role: 'security',
    ecosystem: 'flask',
    observes: ['security'],
    replacesBuiltin: DJANGO_CSRF,
    summary: 'CSRF protection for Flask; Django has CSRF protection on by default.',
  },
  {
    display: 'Flask-SocketIO',
    role: 'realtime',
    ecosystem: 'flask',
    observes: ['realtime'],
    summary:
      'Socket.IO (WebSocket) server for Flask; on Django the equivalent is Channels, which is also an add-on.',
  },
  {
    display: 'flask-sock',
    role: 'realtime',
    ecosystem: 'flask',
    observes: ['realtime'],
    summary: 'Plain WebSocket routes for Flask.',
  },
  {
    display: 'Flask-SSE',
    role: 'realtime',
    ecosystem: 'flask',
    observes: ['realtime'],
    summary: 'Server-sent events for Flask, backed by Redis.',
  },
  {
    display: 'Flask-Assets',
    role: 'static',
    ecosystem: 'flask',
    observes: ['staticFiles'],
    replacesBuiltin: DJANGO_STATIC,
    summary:
      'webassets integration for Flask (bundling and minifying CSS/JS); static asset management Django handles with django.contrib.staticfiles.',
  },
  {
    display: 'Flask-Static-Digest',
    role: 'static',
    ecosystem: 'flask',
    observes: ['staticFiles'],
    replacesBuiltin: DJANGO_STATIC,
    summary:
      'Fingerprinted, compressed static files for Flask; what ManifestStaticFilesStorage does in Django.',
  },
  {
    display: 'Flask-DebugToolbar',
    role: 'debug',
    ecosystem: 'flask',
    observes: [],
    summary: 'A port of the Django Debug Toolbar to Flask.',
  },
  {
    display: 'Flask-Moment',
    role: 'templating',
    ecosystem: 'flask',
    observes: ['template'],
    summary: 'Moment.js date rendering in Flask Jinja2 templates; a server-rendered pages signal.',
  },
  {
    display: 'Flask-Bootstrap',
    role: 'templating',
    ecosystem: 'flask',
    observes: ['template'],
    summary:
      'Bootstrap 3 base templates for Flask, unmaintained; Bootstrap-Flask covers Bootstrap 4 and 5.',
  },
  {
    display: 'Bootstrap-Flask',
    role: 'templating',
    ecosystem: 'flask',
    observes: ['template'],
    summary: 'Bootstrap 4/5 template macros for Flask (imported as flask_bootstrap).',
  },
  {
    display: 'Flask-FlatPages',
    role: 'templating',
    ecosystem: 'flask',
    observes: ['template'],
    summary:
      'Pages from Markdown/text files for Flask; a content site that mostly serves pages.',
  },
  {
    display: 'flask-paginate',
    role: 'other',
    ecosystem: 'flask',
    observes: [],
    replacesBuiltin: DJANGO_PAGINATOR,
    summary: 'Pagination links for Flask templates; Django ships a paginator.',
  },
  {
    display: 'Flask-Script',
    role: 'other',
    ecosystem: 'flask',
    observes: [],
    replacesBuiltin: DJANGO_MANAGEMENT,
    summary:
      'Management commands for old Flask apps; unmaintained, replaced by the built-in `flask` CLI (Click) since Flask 0.11.',
  },
  {
    display: 'Flask-Uploads',
    role: 'storage',
    ecosystem: 'flask',
    observes: [],
    replacesBuiltin: DJANGO_FILES,
    summary:
      'File upload sets for Flask; unmaintained (broken by newer Werkzeug), continued as Flask-Reuploaded.',
  },
  {
    display: 'Flask-Reuploaded',
    role: 'storage',
    ecosystem: 'flask',
    observes: [],
    replacesBuiltin: DJANGO_FILES,
    summary: 'The maintained fork of Flask-Uploads (still imported as flask_uploads).',
  },
  {
    display: 'Flask-MongoEngine',
    role: 'nosql',
    ecosystem: 'flask',
    observes: ['database'],
    summary:
      'MongoEngine document models for Flask; a document store, which the Django ORM does not target.',
  },
  {
    display: 'Flask-PyMongo',
    role: 'nosql',
    ecosystem: 'flask',
    observes: ['database'],
    summary: 'PyMongo helpers for Flask (MongoDB).',
  },
  {
    display: 'Flask-Redis',
    role: 'caching',
    ecosystem: 'flask',
    observes: ['cache'],
    summary: 'A Redis client configured from Flask app config.',
  },
  {
    display: 'Flask-RQ2',
    role: 'taskQueue',
    ecosystem: 'flask',
    observes: ['tasks'],
    summary: 'RQ (Redis Queue) background jobs for Flask.',
  },
  {
    display: 'Flask-APScheduler',
    role: 'taskQueue',
    ecosystem: 'flask',
    observes: ['tasks'],
    summary: 'APScheduler scheduled jobs configured from Flask.',
  },
  {
    display: 'Flask-Compress',
    role: 'other',
    ecosystem: 'flask',
    observes: [],
    summary: 'gzip/brotli response compression for Flask (GZipMiddleware in Django).',
  },
  {
    display: 'pytest-flask',
    role: 'testing',
    ecosystem: 'flask',
    observes: [],
    summary: 'pytest fixtures for testing Flask apps.',
  },
  {
    display: 'Flask-Testing',
    role: 'testing',
    ecosystem: 'flask',
    observes: [],
    summary: 'unittest helpers for Flask apps.',
  },

  // ---------------------------------------------------------------------------------------------
  // Django packages
  // ---------------------------------------------------------------------------------------------
  {
    display: 'djangorestframework',
    role: 'rest',
    ecosystem: 'django',
    observes: ['restApi'],
    summary:
      'Django REST framework: serializers, viewsets and browsable REST APIs on top of Django models.',
  },
  {
    display: 'djangorestframework-simplejwt',
    role: 'auth',
    ecosystem: 'django',
    observes: ['auth', 'restApi'],
    summary: 'JSON Web Token authentication for Django REST framework.',
  },
  {
    display: 'drf-spectacular',
    role: 'api-docs',
    ecosystem: 'django',
    observes: ['restApi'],
    summary: 'OpenAPI 3 schema generation for Django REST framework.',
  },
  {
    display: 'drf-yasg',
    role: 'api-docs',
    ecosystem: 'django',
    observes: ['restApi'],
    summary: 'Swagger/OpenAPI 2.0 schema generation for Django REST framework.',
  },
  {
    display: 'django-ninja',
    role: 'rest',
    ecosystem: 'django',
    observes: ['restApi'],
    summary: 'FastAPI-style typed APIs (Pydantic, OpenAPI) on Django.',
  },
  {
    display: 'graphene-django',
    role: 'rest',
    ecosystem: 'django',
    observes: ['restApi'],
    summary: 'GraphQL APIs over Django models with Graphene.',
  },
  {
    display: 'strawberry-graphql-django',
    role: 'rest',
    ecosystem: 'django',
    observes: ['restApi'],
    summary: 'GraphQL APIs over Django models with Strawberry.',
  },
  {
    display: 'django-filter',
    role: 'other',
    ecosystem: 'django',
    observes: [],
    summary:
      'Declarative queryset filtering from request parameters, for Django views and Django REST framework.',
  },
  {
    display: 'django-cors-headers',
    role: 'security',
    ecosystem: 'django',
    observes: ['security', 'restApi'],
    summary: 'CORS headers for Django, usually because a separate front end calls the API.',
  },
  {
    display: 'django-allauth',
    role: 'auth',
    ecosystem: 'django',
    observes: ['auth'],
    summary:
      'Registration, email verification, social (OAuth) login and MFA on top of django.contrib.auth.',
  },
  {
    display: 'social-auth-app-django',
    role: 'auth',
    ecosystem: 'django',
    observes: ['auth'],
    summary: 'Python Social Auth integration for Django (OAuth/OpenID sign-in).',
  },
  {
    display: 'django-oauth-toolkit',
    role: 'auth',
    ecosystem: 'django',
    observes: ['auth', 'restApi'],
    summary: 'An OAuth2 provider for Django.',
  },
  {
    display: 'djoser',
    role: 'auth',
    ecosystem: 'django',
    observes: ['auth', 'restApi'],
    summary: 'REST endpoints for registration, login and password reset over Django auth.',
  },
  {
    display: 'dj-rest-auth',
    role: 'auth',
    ecosystem: 'django',
    observes: ['auth', 'restApi'],
    summary: 'REST endpoints for Django authentication, with optional allauth registration.',
  },
  {
    display: 'django-guardian',
    role: 'auth',
    ecosystem: 'django',
    observes: ['auth'],
    summary: 'Per-object permissions for Django, extending django.contrib.auth.',
  },
  {
    display: 'django-otp',
    role: 'auth',
    ecosystem: 'django',
    observes: ['auth'],
    summary: 'One-time-password (two-factor) devices for Django auth.',
  },
  {
    display: 'django-two-factor-auth',
    role: 'auth',
    ecosystem: 'django',
    observes: ['auth'],
    summary: 'Complete two-factor authentication views for Django, built on django-otp.',
  },
  {
    display: 'django-axes',
    role: 'security',
    ecosystem: 'django',
    observes: ['security', 'auth'],
    summary: 'Locks out repeated failed Django login attempts.',
  },
  {
    display: 'django-csp',
    role: 'security',
    ecosystem: 'django',
    observes: ['security'],
    summary:
      'Content-Security-Policy headers for Django (Django 6.0 added built-in CSP support).',
  },
  {
    display: 'django-ratelimit',
    role: 'security',
    ecosystem: 'django',
    observes: ['security'],
    summary: 'Rate limiting decorators for Django views.',
  },
  {
    display: 'django-crispy-forms',
    role: 'forms',
    ecosystem: 'django',
    observes: ['forms'],
    summary: 'Renders Django forms with Bootstrap or Tailwind layouts; a forms-heavy Django site.',
  },
  {
    display: 'crispy-bootstrap5',
    role: 'forms',
    ecosystem: 'django',
    observes: ['forms'],
    summary: 'The Bootstrap 5 template pack for django-crispy-forms.',
  },
  {
    display: 'django-widget-tweaks',
    role: 'forms',
    ecosystem: 'django',
    observes: ['forms'],
    summary: 'Template tags to tweak Django form field rendering.',
  },
  {
    display: 'django-autocomplete-light',
    role: 'forms',
    ecosystem: 'django',
    observes: ['forms'],
    summary: 'Autocomplete widgets for Django forms and the admin.',
  },
  {
    display: 'django-debug-toolbar',
    role: 'debug',
    ecosystem: 'django',
    observes: [],
    summary: 'An in-page panel showing SQL queries, templates and timings for Django requests.',
  },
  {
    display: 'django-silk',
    role: 'debug',
    ecosystem: 'django',
    observes: [],
    summary: 'Request and SQL profiling for Django.',
  },
  {
    display: 'django-extensions',
    role: 'debug',
    ecosystem: 'django',
    observes: [],
    summary:
      'Extra management commands for Django (shell_plus, runserver_plus, graph_models, ...).',
  },
  {
    display: 'django-environ',
    role: 'config',
    ecosystem: 'django',
    observes: [],
    summary: 'Twelve-factor settings for Django from environment variables and .env files.',
  },
  {
    display: 'dj-database-url',
    role: 'config',
    ecosystem: 'django',
    observes: ['database'],
    summary: 'Builds Django DATABASES settings from a DATABASE_URL.',
  },
  {
    display: 'django-constance',
    role: 'config',
    ecosystem: 'django',
    observes: ['admin'],
    summary: 'Dynamic settings stored in the database and edited in the Django admin.',
  },
  {
    display: 'channels',
    role: 'realtime',
    ecosystem: 'django',
    observes: ['realtime', 'async'],
    summary:
      'Django Channels: WebSockets and other long-lived protocols for Django over ASGI.',
  },
  {
    display: 'channels-redis',
    role: 'realtime',
    ecosystem: 'django',
    observes: ['realtime'],
    summary: 'The Redis channel layer for Django Channels.',
  },
  {
    display: 'daphne',
    role: 'server',
    ecosystem: 'django',
    observes: ['async'],
    summary: 'The ASGI server developed for Django Channels.',
  },
  {
    display: 'django-celery-beat',
    role: 'taskQueue',
    ecosystem: 'django',
    observes: ['tasks'],
    summary: 'Celery periodic task schedules stored in the Django database and editable in the admin.',
  },
  {
    display: 'django-celery-results',
    role: 'taskQueue',
    ecosystem: 'django',
    observes: ['tasks'],
    summary: 'Stores Celery task results with the Django ORM or cache.',
  },
  {
    display: 'django-rq',
    role: 'taskQueue',
    ecosystem: 'django',
    observes: ['tasks'],
    summary: 'RQ (Redis Queue) background jobs for Django.',
  },
  {
    display: 'django-q2',
    role: 'taskQueue',
    ecosystem: 'django',
    observes: ['tasks'],
    summary: 'A Django-native task queue and scheduler (the maintained fork of django-q).',
  },
  {
    display: 'django-q',
    role: 'taskQueue',
    ecosystem: 'django',
    observes: ['tasks'],
    summary: 'The original Django-native task queue, no longer maintained; django-q2 continues it.',
  },
  {
    display: 'django-storages',
    role: 'storage',
    ecosystem: 'django',
    observes: [],
    summary: 'Django file storage backends for S3, Google Cloud Storage, Azure and others.',
  },
  {
    display: 'django-redis',
    role: 'caching',
    ecosystem: 'django',
    observes: ['cache'],
    summary: 'A full-featured Redis cache backend for Django.',
  },
  {
    display: 'django-cacheops',
    role: 'caching',
    ecosystem: 'django',
    observes: ['cache'],
    summary: 'Automatic ORM queryset caching in Redis for Django.',
  },
  {
    display: 'django-compressor',
    role: 'static',
    ecosystem: 'django',
    observes: ['staticFiles'],
    summary: 'Compresses and bundles CSS/JS in Django templates.',
  },
  {
    display: 'django-import-export',
    role: 'admin',
    ecosystem: 'django',
    observes: ['admin'],
    summary: 'Import and export of model data (CSV, Excel, ...) from the Django admin.',
  },
  {
    display: 'django-grappelli',
    role: 'admin',
    ecosystem: 'django',
    observes: ['admin'],
    summary: 'A restyled skin for the Django admin.',
  },
  {
    display: 'django-jazzmin',
    role: 'admin',
    ecosystem: 'django',
    observes: ['admin'],
    summary: 'A Bootstrap-based theme for the Django admin.',
  },
  {
    display: 'django-simple-history',
    role: 'other',
    ecosystem: 'django',
    observes: ['database'],
    summary: 'Keeps an audit history of Django model changes, viewable in the admin.',
  },
  {
    display: 'django-reversion',
    role: 'other',
    ecosystem: 'django',
    observes: ['database'],
    summary: 'Version control for Django model instances, with admin integration.',
  },
  {
    display: 'django-model-utils',
    role: 'orm',
    ecosystem: 'django',
    observes: ['database'],
    summary: 'Mixins and fields for Django models (TimeStampedModel, StatusField, ...).',
  },
  {
    display: 'django-polymorphic',
    role: 'orm',
    ecosystem: 'django',
    observes: ['database'],
    summary: 'Polymorphic model inheritance for the Django ORM.',
  },
  {
    display: 'django-mptt',
    role: 'orm',
    ecosystem: 'django',
    observes: ['database'],
    summary: 'Tree structures (modified preorder traversal) for Django models.',
  },
  {
    display: 'django-treebeard',
    role: 'orm',
    ecosystem: 'django',
    observes: ['database'],
    summary: 'Tree structures (materialised path, nested sets) for Django models.',
  },
  {
    display: 'django-taggit',
    role: 'other',
    ecosystem: 'django',
    observes: ['database'],
    summary: 'Tagging for Django models.',
  },
  {
    display: 'django-tenants',
    role: 'orm',
    ecosystem: 'django',
    observes: ['database'],
    summary: 'Schema-per-tenant multi-tenancy for Django on PostgreSQL.',
  },
  {
    display: 'django-tables2',
    role: 'templating',
    ecosystem: 'django',
    observes: ['template'],
    summary: 'Sortable, paginated HTML tables from Django querysets.',
  },
  {
    display: 'django-bootstrap5',
    role: 'templating',
    ecosystem: 'django',
    observes: ['template', 'forms'],
    summary: 'Bootstrap 5 template tags and form rendering for Django.',
  },
  {
    display: 'django-htmx',
    role: 'templating',
    ecosystem: 'django',
    observes: ['template'],
    summary: 'htmx request helpers for server-rendered Django pages.',
  },
  {
    display: 'django-haystack',
    role: 'search',
    ecosystem: 'django',
    observes: [],
    summary: 'Modular search for Django (Solr, Elasticsearch, Whoosh, Xapian backends).',
  },
  {
    display: 'django-elasticsearch-dsl',
    role: 'search',
    ecosystem: 'django',
    observes: [],
    summary: 'Indexes Django models in Elasticsearch.',
  },
  {
    display: 'django-modeltranslation',
    role: 'i18n',
    ecosystem: 'django',
    observes: ['i18n'],
    summary: 'Translated model fields for Django.',
  },
  {
    display: 'django-parler',
    role: 'i18n',
    ecosystem: 'django',
    observes: ['i18n'],
    summary: 'Translated model fields in separate tables for Django.',
  },
  {
    display: 'django-rosetta',
    role: 'i18n',
    ecosystem: 'django',
    observes: ['i18n'],
    summary: 'A web UI to edit Django translation (.po) files.',
  },
  {
    display: 'django-anymail',
    role: 'mail',
    ecosystem: 'django',
    observes: ['mail'],
    summary: 'Transactional email service backends (Mailgun, SendGrid, SES, ...) for django.core.mail.',
  },
  {
    display: 'wagtail',
    role: 'cms',
    ecosystem: 'django',
    observes: ['admin', 'database', 'template'],
    summary: 'Wagtail, a content management system built on Django with its own editor admin.',
  },
  {
    display: 'django-cms',
    role: 'cms',
    ecosystem: 'django',
    observes: ['admin', 'database', 'template'],
    summary: 'django CMS, an enterprise content management system built on Django.',
  },
  {
    display: 'Mezzanine',
    role: 'cms',
    ecosystem: 'django',
    observes: ['admin', 'database', 'template'],
    summary: 'Mezzanine, an older content management platform built on Django.',
  },
  {
    display: 'django-oscar',
    role: 'payments',
    ecosystem: 'django',
    observes: ['database', 'admin'],
    summary: 'Oscar, a domain-driven e-commerce framework for Django.',
  },
  {
    display: 'saleor',
    role: 'payments',
    ecosystem: 'django',
    observes: ['database', 'restApi'],
    summary: 'Saleor, a headless GraphQL e-commerce platform built on Django.',
  },
  {
    display: 'pytest-django',
    role: 'testing',
    ecosystem: 'django',
    observes: [],
    summary: 'pytest plugin for testing Django projects.',
  },
  {
    display: 'model-bakery',
    role: 'testing',
    ecosystem: 'django',
    observes: [],
    summary: 'Test fixtures from Django models.',
  },
  {
    display: 'django-stubs',
    role: 'other',
    ecosystem: 'django',
    observes: [],
    summary: 'Type stubs and a mypy plugin for Django.',
  },
  {
    display: 'mssql-django',
    role: 'dbDriver',
    ecosystem: 'django',
    observes: ['database'],
    summary: 'Microsoft SQL Server database backend for Django.',
  },

  // ---------------------------------------------------------------------------------------------
  // FastAPI / Starlette add-ons
  // ---------------------------------------------------------------------------------------------
  {
    display: 'fastapi-users',
    role: 'auth',
    ecosystem: 'fastapi',
    observes: ['auth'],
    summary: 'Registration and authentication for FastAPI.',
  },
  {
    display: 'sqladmin',
    role: 'admin',
    ecosystem: 'fastapi',
    observes: ['admin'],
    summary: 'An admin interface for SQLAlchemy models on Starlette/FastAPI.',
  },
  {
    display: 'slowapi',
    role: 'security',
    ecosystem: 'fastapi',
    observes: ['security'],
    summary: 'Rate limiting for Starlette and FastAPI, adapted from Flask-Limiter.',
  },
  {
    display: 'python-multipart',
    role: 'forms',
    ecosystem: 'fastapi',
    // A request-body parser, not form classes: it says nothing of django.forms.
    observes: [],
    summary: 'Multipart request-body parsing, needed for form and file fields in Starlette and FastAPI; a parser, not form classes.',
  },

  // ---------------------------------------------------------------------------------------------
  // Neutral: ORMs and migrations
  // ---------------------------------------------------------------------------------------------
  {
    display: 'SQLAlchemy',
    role: 'orm',
    ecosystem: 'neutral',
    observes: ['database'],
    replacesBuiltin: DJANGO_ORM,
    summary:
      'SQLAlchemy, the SQL toolkit and ORM used by Flask and FastAPI projects; in a Flask app it stands in for the Django ORM.',
  },
  {
    display: 'alembic',
    role: 'migrations',
    ecosystem: 'neutral',
    observes: ['migrations', 'database'],
    replacesBuiltin: DJANGO_MIGRATIONS,
    summary:
      'Alembic, the schema migration tool for SQLAlchemy; Django ships migrations built in.',
  },
  {
    display: 'sqlalchemy-migrate',
    role: 'migrations',
    ecosystem: 'neutral',
    observes: ['migrations', 'database'],
    replacesBuiltin: DJANGO_MIGRATIONS,
    summary: 'An old, unmaintained migration tool for SQLAlchemy, superseded by Alembic.',
  },
  {
    display: 'SQLAlchemy-Utils',
    role: 'orm',
    ecosystem: 'neutral',
    observes: ['database'],
    summary: 'Extra column types and helpers for SQLAlchemy.',
  },
  {
    display: 'sqlmodel',
    role: 'orm',
    ecosystem: 'fastapi',
    observes: ['database'],
    replacesBuiltin: DJANGO_ORM,
    summary: 'SQLModel, SQLAlchemy models that are also Pydantic models, by the author of FastAPI.',
  },
  {
    display: 'peewee',
    role: 'orm',
    ecosystem: 'neutral',
    observes: ['database'],
    replacesBuiltin: DJANGO_ORM,
    summary: 'peewee, a small ORM often paired with Flask.',
  },
  {
    display: 'pony',
    role: 'orm',
    ecosystem: 'neutral',
    observes: ['database'],
    replacesBuiltin: DJANGO_ORM,
    summary: 'Pony ORM, an ORM that writes queries as Python generator expressions.',
  },
  {
    display: 'tortoise-orm',
    role: 'orm',
    ecosystem: 'neutral',
    observes: ['database', 'async'],
    replacesBuiltin: DJANGO_ORM,
    summary: 'Tortoise ORM, an asyncio ORM inspired by the Django ORM.',
  },
  {
    display: 'aerich',
    role: 'migrations',
    ecosystem: 'neutral',
    observes: ['migrations', 'database'],
    replacesBuiltin: DJANGO_MIGRATIONS,
    summary: 'Schema migrations for Tortoise ORM.',
  },
  {
    display: 'mongoengine',
    role: 'nosql',
    ecosystem: 'neutral',
    observes: ['database'],
    summary: 'MongoEngine, a document-object mapper for MongoDB.',
  },
  {
    display: 'beanie',
    role: 'nosql',
    ecosystem: 'neutral',
    observes: ['database', 'async'],
    summary: 'Beanie, an async MongoDB ODM built on Pydantic.',
  },

  // ---------------------------------------------------------------------------------------------
  // Neutral: database drivers and data stores
  // ---------------------------------------------------------------------------------------------
  {
    display: 'psycopg2',
    role: 'dbDriver',
    ecosystem: 'neutral',
    observes: ['database'],
    summary: 'The PostgreSQL driver (psycopg 2) used by SQLAlchemy and Django alike.',
  },
  {
    display: 'psycopg2-binary',
    role: 'dbDriver',
    ecosystem: 'neutral',
    observes: ['database'],
    summary: 'psycopg 2 as a self-contained wheel; a PostgreSQL database is in use.',
  },
  {
    display: 'psycopg',
    role: 'dbDriver',
    ecosystem: 'neutral',
    observes: ['database'],
    summary: 'psycopg 3, the current PostgreSQL driver, supported by Django 4.2+ and SQLAlchemy 2.',
  },
  {
    display: 'asyncpg',
    role: 'dbDriver',
    ecosystem: 'neutral',
    observes: ['database', 'async'],
    summary: 'An asyncio PostgreSQL driver, typical of async (FastAPI, SQLAlchemy async) stacks.',
  },
  {
    display: 'mysqlclient',
    role: 'dbDriver',
    ecosystem: 'neutral',
    observes: ['database'],
    summary: 'The MySQL driver (MySQLdb) Django recommends; a MySQL database is in use.',
  },
  {
    display: 'PyMySQL',
    role: 'dbDriver',
    ecosystem: 'neutral',
    observes: ['database'],
    summary: 'A pure-Python MySQL driver.',
  },
  {
    display: 'mysql-connector-python',
    role: 'dbDriver',
    ecosystem: 'neutral',
    observes: ['database'],
    summary: "Oracle's MySQL driver.",
  },
  {
    display: 'aiosqlite',
    role: 'dbDriver',
    ecosystem: 'neutral',
    observes: ['database', 'async'],
    summary: 'An asyncio bridge to SQLite.',
  },
  {
    display: 'oracledb',
    role: 'dbDriver',
    ecosystem: 'neutral',
    observes: ['database'],
    summary: 'The Oracle Database driver (successor of cx_Oracle).',
  },
  {
    display: 'cx_Oracle',
    role: 'dbDriver',
    ecosystem: 'neutral',
    observes: ['database'],
    summary: 'The former Oracle Database driver, replaced by oracledb.',
  },
  {
    display: 'pyodbc',
    role: 'dbDriver',
    ecosystem: 'neutral',
    observes: ['database'],
    summary: 'ODBC database access (often SQL Server).',
  },
  {
    display: 'pymongo',
    role: 'nosql',
    ecosystem: 'neutral',
    observes: ['database'],
    summary: 'The MongoDB driver; a document store rather than the relational models Django is built around.',
  },
  {
    display: 'motor',
    role: 'nosql',
    ecosystem: 'neutral',
    observes: ['database', 'async'],
    summary: 'The asyncio MongoDB driver built on PyMongo.',
  },
  {
    display: 'redis',
    role: 'caching',
    ecosystem: 'neutral',
    observes: ['cache'],
    summary: 'The Redis client, used for caching, sessions, queues and pub/sub.',
  },
  {
    display: 'pymemcache',
    role: 'caching',
    ecosystem: 'neutral',
    observes: ['cache'],
    summary: 'A Memcached client (one of the backends Django supports).',
  },
  {
    display: 'python-memcached',
    role: 'caching',
    ecosystem: 'neutral',
    observes: ['cache'],
    summary: 'An older pure-Python Memcached client.',
  },
  {
    display: 'pylibmc',
    role: 'caching',
    ecosystem: 'neutral',
    observes: ['cache'],
    summary: 'A libmemcached-based Memcached client.',
  },
  {
    display: 'cachelib',
    role: 'caching',
    ecosystem: 'neutral',
    observes: ['cache'],
    summary: 'Pallets cache backends, used by Flask-Caching and Flask-Session.',
  },
  {
    display: 'dogpile.cache',
    role: 'caching',
    ecosystem: 'neutral',
    observes: ['cache'],
    summary: 'A caching API with backends, common in SQLAlchemy and Pyramid projects.',
  },
  {
    display: 'elasticsearch',
    role: 'search',
    ecosystem: 'neutral',
    observes: [],
    summary: 'The Elasticsearch client.',
  },
  {
    display: 'Whoosh',
    role: 'search',
    ecosystem: 'neutral',
    observes: [],
    summary: 'A pure-Python full-text search library.',
  },

  // ---------------------------------------------------------------------------------------------
  // Neutral: templating, validation, APIs
  // ---------------------------------------------------------------------------------------------
  {
    display: 'Jinja2',
    role: 'templating',
    ecosystem: 'neutral',
    observes: ['template'],
    summary:
      "Jinja2, Flask's template engine (Django can use it as an alternative backend); a server-rendered pages signal.",
  },
  {
    display: 'Mako',
    role: 'templating',
    ecosystem: 'neutral',
    observes: ['template'],
    summary: 'Mako templates, common with Pyramid.',
  },
  {
    display: 'MarkupSafe',
    role: 'templating',
    ecosystem: 'neutral',
    observes: [],
    summary: 'Safe HTML string escaping, a dependency of Jinja2.',
  },
  {
    display: 'Werkzeug',
    role: 'other',
    ecosystem: 'neutral',
    observes: [],
    summary: 'The WSGI toolkit Flask is built on; also usable on its own.',
  },
  {
    display: 'itsdangerous',
    role: 'security',
    ecosystem: 'neutral',
    observes: [],
    summary: 'Cryptographic signing of data, used by Flask for its session cookie.',
  },
  {
    display: 'marshmallow',
    role: 'validation',
    ecosystem: 'neutral',
    observes: [],
    summary: 'Object serialisation and validation schemas, common in Flask APIs.',
  },
  {
    display: 'marshmallow-sqlalchemy',
    role: 'validation',
    ecosystem: 'neutral',
    observes: ['database'],
    summary: 'marshmallow schemas generated from SQLAlchemy models.',
  },
  {
    display: 'pydantic',
    role: 'validation',
    ecosystem: 'neutral',
    observes: [],
    summary: 'Data validation with type hints; the model layer of FastAPI.',
  },
  {
    display: 'webargs',
    role: 'validation',
    ecosystem: 'neutral',
    observes: [],
    summary: 'Request argument parsing with marshmallow for Flask, Django, aiohttp and others.',
  },
  {
    display: 'email-validator',
    role: 'validation',
    ecosystem: 'neutral',
    observes: [],
    summary: 'Email address validation, used by WTForms and Pydantic.',
  },
  {
    display: 'apispec',
    role: 'api-docs',
    ecosystem: 'neutral',
    observes: ['restApi'],
    summary: 'OpenAPI specification generation, used by flask-smorest.',
  },
  {
    display: 'graphene',
    role: 'rest',
    ecosystem: 'neutral',
    observes: ['restApi'],
    summary: 'Graphene, a GraphQL server library.',
  },
  {
    display: 'strawberry-graphql',
    role: 'rest',
    ecosystem: 'neutral',
    observes: ['restApi'],
    summary: 'Strawberry, a type-hint-based GraphQL server library.',
  },
  {
    display: 'ariadne',
    role: 'rest',
    ecosystem: 'neutral',
    observes: ['restApi'],
    summary: 'Ariadne, a schema-first GraphQL server library.',
  },

  // ---------------------------------------------------------------------------------------------
  // Neutral: background work and realtime
  // ---------------------------------------------------------------------------------------------
  {
    display: 'celery',
    role: 'taskQueue',
    ecosystem: 'neutral',
    observes: ['tasks'],
    summary: 'Celery, the distributed task queue used with both Flask and Django.',
  },
  {
    display: 'flower',
    role: 'taskQueue',
    ecosystem: 'neutral',
    observes: ['tasks'],
    summary: 'A web monitor for Celery.',
  },
  {
    display: 'rq',
    role: 'taskQueue',
    ecosystem: 'neutral',
    observes: ['tasks'],
    summary: 'RQ (Redis Queue), simple background jobs on Redis.',
  },
  {
    display: 'dramatiq',
    role: 'taskQueue',
    ecosystem: 'neutral',
    observes: ['tasks'],
    summary: 'Dramatiq, a background task library for RabbitMQ or Redis.',
  },
  {
    display: 'huey',
    role: 'taskQueue',
    ecosystem: 'neutral',
    observes: ['tasks'],
    summary: 'Huey, a small task queue with scheduling (Redis, SQLite), with Django integration.',
  },
  {
    display: 'arq',
    role: 'taskQueue',
    ecosystem: 'neutral',
    observes: ['tasks', 'async'],
    summary: 'arq, an asyncio job queue on Redis.',
  },
  {
    display: 'APScheduler',
    role: 'taskQueue',
    ecosystem: 'neutral',
    observes: ['tasks'],
    summary: 'An in-process job scheduler.',
  },
  {
    display: 'websockets',
    role: 'realtime',
    ecosystem: 'neutral',
    observes: ['realtime'],
    summary: 'A WebSocket client and server library for asyncio.',
  },
  {
    display: 'python-socketio',
    role: 'realtime',
    ecosystem: 'neutral',
    observes: ['realtime'],
    summary: 'A Socket.IO server and client, the engine under Flask-SocketIO.',
  },

  // ---------------------------------------------------------------------------------------------
  // Neutral: auth and security
  // ---------------------------------------------------------------------------------------------
  {
    display: 'Authlib',
    role: 'auth',
    ecosystem: 'neutral',
    observes: ['auth'],
    needsCode: ['auth'],
    summary: 'OAuth 1/2 and OpenID Connect clients and servers, with Flask, Django and Starlette integrations.',
  },
  {
    display: 'passlib',
    role: 'security',
    ecosystem: 'neutral',
    observes: ['auth'],
    replacesBuiltin: DJANGO_HASHERS,
    summary:
      'Password hashing library (its last release was in 2020); Django hashes passwords itself.',
  },
  {
    display: 'bcrypt',
    role: 'security',
    ecosystem: 'neutral',
    observes: ['auth'],
    summary: 'bcrypt password hashing; Django can use it through its BCryptSHA256PasswordHasher.',
  },
  {
    display: 'argon2-cffi',
    role: 'security',
    ecosystem: 'neutral',
    observes: ['auth'],
    summary: "Argon2 password hashing; Django's Argon2PasswordHasher uses it.",
  },
  {
    display: 'PyJWT',
    role: 'auth',
    ecosystem: 'neutral',
    observes: ['auth'],
    needsCode: ['auth'],
    summary: 'JSON Web Token encoding and decoding (imported as jwt), typical of token-authenticated APIs.',
  },
  {
    display: 'python-jose',
    role: 'auth',
    ecosystem: 'neutral',
    observes: ['auth'],
    needsCode: ['auth'],
    summary: 'JOSE/JWT implementation (imported as jose), used in older FastAPI auth tutorials.',
  },
  {
    display: 'requests-oauthlib',
    role: 'auth',
    ecosystem: 'neutral',
    observes: ['auth'],
    needsCode: ['auth'],
    summary: 'OAuth support for requests, the base of Flask-Dance.',
  },
  {
    display: 'cryptography',
    role: 'security',
    ecosystem: 'neutral',
    observes: [],
    summary: 'Cryptographic recipes and primitives; a general-purpose dependency.',
  },

  // ---------------------------------------------------------------------------------------------
  // Neutral: servers and deployment
  // ---------------------------------------------------------------------------------------------
  {
    display: 'gunicorn',
    role: 'server',
    ecosystem: 'neutral',
    observes: [],
    summary: 'Gunicorn, a production WSGI server for Flask or Django.',
  },
  {
    display: 'uWSGI',
    role: 'server',
    ecosystem: 'neutral',
    observes: [],
    summary: 'uWSGI, an application server for WSGI apps (now in maintenance mode).',
  },
  {
    display: 'waitress',
    role: 'server',
    ecosystem: 'neutral',
    observes: [],
    summary: 'Waitress, a pure-Python production WSGI server that also runs on Windows.',
  },
  {
    display: 'uvicorn',
    role: 'server',
    ecosystem: 'neutral',
    observes: ['async'],
    summary: 'Uvicorn, an ASGI server (FastAPI, Starlette, async Django).',
  },
  {
    display: 'hypercorn',
    role: 'server',
    ecosystem: 'neutral',
    observes: ['async'],
    summary: 'Hypercorn, an ASGI server with HTTP/2 support, often used with Quart.',
  },
  {
    display: 'granian',
    role: 'server',
    ecosystem: 'neutral',
    observes: [],
    summary: 'Granian, a Rust-based HTTP server for WSGI and ASGI apps.',
  },
  {
    display: 'gevent',
    role: 'server',
    ecosystem: 'neutral',
    observes: [],
    summary: 'Greenlet-based concurrency, used as a Gunicorn worker or under Flask-SocketIO.',
  },
  {
    display: 'eventlet',
    role: 'server',
    ecosystem: 'neutral',
    observes: [],
    summary: 'Greenlet-based concurrency, historically paired with Flask-SocketIO.',
  },
  {
    display: 'whitenoise',
    role: 'static',
    ecosystem: 'neutral',
    observes: ['staticFiles'],
    summary:
      'Serves static files straight from the Python app; works with any WSGI app but is mostly used with Django.',
  },

  // ---------------------------------------------------------------------------------------------
  // Neutral: everything else a web project declares
  // ---------------------------------------------------------------------------------------------
  {
    display: 'python-dotenv',
    role: 'config',
    ecosystem: 'neutral',
    observes: [],
    summary: 'Loads .env files into the environment (Flask reads .env/.flaskenv with it).',
  },
  {
    display: 'Babel',
    role: 'i18n',
    ecosystem: 'neutral',
    observes: ['i18n'],
    summary: 'Locale data and message catalogue tools, the base of Flask-Babel.',
  },
  {
    display: 'requests',
    role: 'other',
    ecosystem: 'neutral',
    observes: [],
    summary: 'The HTTP client library; says nothing about the framework.',
  },
  {
    display: 'httpx',
    role: 'other',
    ecosystem: 'neutral',
    observes: [],
    summary: 'A sync and async HTTP client; says nothing about the framework.',
  },
  {
    display: 'boto3',
    role: 'storage',
    ecosystem: 'neutral',
    observes: [],
    summary: 'The AWS SDK, often for S3 file storage.',
  },
  {
    display: 'Pillow',
    role: 'other',
    ecosystem: 'neutral',
    observes: [],
    summary: "Image processing; Django's ImageField needs it.",
  },
  {
    display: 'sentry-sdk',
    role: 'debug',
    ecosystem: 'neutral',
    observes: [],
    summary: 'Error monitoring with Flask, Django and FastAPI integrations.',
  },
  {
    display: 'stripe',
    role: 'payments',
    ecosystem: 'neutral',
    observes: [],
    summary: 'The Stripe payments client.',
  },
  {
    display: 'pytest',
    role: 'testing',
    ecosystem: 'neutral',
    observes: [],
    summary: 'The pytest test runner.',
  },
  {
    display: 'factory-boy',
    role: 'testing',
    ecosystem: 'neutral',
    observes: [],
    summary: 'Test fixtures for Django, SQLAlchemy and MongoEngine models.',
  },
  {
    display: 'Sphinx',
    role: 'other',
    ecosystem: 'neutral',
    observes: [],
    summary: 'The documentation generator; common in libraries, says nothing about the framework.',
  },
];

/** Every package the engine knows, in table order. */
export const PACKAGES: readonly PackageInfo[] = Object.freeze(
  TABLE.map((entry) =>
    Object.freeze({
      name: normalizeName(entry.display),
      ...entry,
      observes: Object.freeze([...entry.observes]),
    }),
  ),
);

/**
 * Import names and other spellings that differ from the project's PyPI name, mapped to the
 * normalised PyPI name. Keys are normalised too ("rest_framework" is stored as "rest-framework").
 * Import names that normalise to the PyPI name (flask_sqlalchemy, sentry_sdk) need no entry.
 */
export const PACKAGE_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  // Django packages imported under another name
  'rest-framework': 'djangorestframework',
  drf: 'djangorestframework',
  'rest-framework-simplejwt': 'djangorestframework-simplejwt',
  ninja: 'django-ninja',
  'strawberry-django': 'strawberry-graphql-django',
  'django-filters': 'django-filter',
  corsheaders: 'django-cors-headers',
  allauth: 'django-allauth',
  'social-django': 'social-auth-app-django',
  'oauth2-provider': 'django-oauth-toolkit',
  guardian: 'django-guardian',
  'two-factor': 'django-two-factor-auth',
  axes: 'django-axes',
  csp: 'django-csp',
  'crispy-forms': 'django-crispy-forms',
  'widget-tweaks': 'django-widget-tweaks',
  dal: 'django-autocomplete-light',
  'debug-toolbar': 'django-debug-toolbar',
  silk: 'django-silk',
  environ: 'django-environ',
  constance: 'django-constance',
  storages: 'django-storages',
  cacheops: 'django-cacheops',
  compressor: 'django-compressor',
  'import-export': 'django-import-export',
  grappelli: 'django-grappelli',
  jazzmin: 'django-jazzmin',
  'simple-history': 'django-simple-history',
  reversion: 'django-reversion',
  'model-utils': 'django-model-utils',
  polymorphic: 'django-polymorphic',
  mptt: 'django-mptt',
  treebeard: 'django-treebeard',
  taggit: 'django-taggit',
  haystack: 'django-haystack',
  modeltranslation: 'django-modeltranslation',
  parler: 'django-parler',
  rosetta: 'django-rosetta',
  anymail: 'django-anymail',
  cms: 'django-cms',
  oscar: 'django-oscar',
  mssql: 'mssql-django',
  // neutral packages imported under another name
  migrate: 'sqlalchemy-migrate',
  tortoise: 'tortoise-orm',
  jwt: 'pyjwt',
  jose: 'python-jose',
  dotenv: 'python-dotenv',
  mysqldb: 'mysqlclient',
  'mysql-connector': 'mysql-connector-python',
  memcache: 'python-memcached',
  bson: 'pymongo',
  socketio: 'python-socketio',
  strawberry: 'strawberry-graphql',
  argon2: 'argon2-cffi',
  multipart: 'python-multipart',
  factory: 'factory-boy',
  pil: 'pillow',
});

const BY_NAME: ReadonlyMap<string, PackageInfo> = new Map(PACKAGES.map((p) => [p.name, p]));

function byNormalizedName(name: string): PackageInfo | undefined {
  const target = PACKAGE_ALIASES[name] ?? name;
  return BY_NAME.get(target);
}

/**
 * Finds a package by its PyPI name, any spelling of it (Flask-SQLAlchemy, flask_sqlalchemy), its
 * import name (rest_framework, jwt), an old `flask.ext.*` import, or a dotted module path whose
 * top-level package is known (rest_framework.authtoken, django.contrib.admin).
 */
export function lookupPackage(name: string): PackageInfo | undefined {
  // The verdict asks for the same few names many times (each change the what-if pass tries
  // derives the findings again): remembered by the name as given.
  const known = LOOKUPS.get(name);
  if (known !== undefined) return known === UNKNOWN ? undefined : known;
  const found = lookup(name);
  // Bounded, and large enough that a project of 100,000 dependencies does not thrash it.
  if (LOOKUPS.size >= 250_000) LOOKUPS.clear();
  LOOKUPS.set(name, found ?? UNKNOWN);
  return found;
}

/** Remembered lookups; UNKNOWN for a name that is no known package (one Map read a call). */
const UNKNOWN = 0;
const LOOKUPS = new Map<string, PackageInfo | typeof UNKNOWN>();

function lookup(name: string): PackageInfo | undefined {
  const normalized = normalizeName(name);
  if (normalized === '') return undefined;
  const direct = byNormalizedName(normalized);
  if (direct) return direct;
  // `from flask.ext.login import ...` was the pre-1.0 way to import flask_login.
  const ext = /^flask-ext-(.+)$/.exec(normalized);
  if (ext) return byNormalizedName(`flask-${ext[1]}`);
  const dot = name.trim().indexOf('.');
  if (dot > 0) return byNormalizedName(normalizeName(name.trim().slice(0, dot)));
  return undefined;
}
