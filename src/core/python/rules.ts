/**
 * What Python constructs mean for the decision: data tables read by analyze.ts. Names are matched
 * on their last segment after qualification through the file's imports; `prefixes` narrows a rule
 * to qualified names starting with one of them (a bare, unimported name never matches a prefixed
 * rule), and `requires` to files importing one of the listed top-level modules.
 */
import type { Observation, ObservationKind } from '../model';

/** An observation without its evidence (analyze.ts adds the location). */
export type ObservationSpec = Omit<Observation, 'evidence'>;

/** DRF viewset methods that make a router's list or detail route (read in class bodies). */
export const VIEWSET_ACTIONS: ReadonlySet<string> = new Set(['list', 'create', 'retrieve', 'update', 'partial_update', 'destroy']);

/** The functions a Django URL conf calls for one pattern (their qualified last segment). */
export const URL_CALLS: ReadonlySet<string> = new Set(['path', 're_path', 'url']);

/**
 * Names of project functions that may register the URL rules they are handed (redash's
 * `add_org_resource`, flaskbb's `register_view`); a call counts once such a function is found.
 */
/** A called name that makes a router (a project's DefaultRouter subclass serves an API root: detectors/routes.ts). */
export const ROUTER_CLASS = /Router$/;

export const ROUTE_HELPER = /^(add|register)_\w*(resource|rule|route|view|url|api|endpoint)s?$/;

/** Decorator methods that declare a route when called with a path. */
export const ROUTE_METHODS: ReadonlySet<string> = new Set(['route', 'get', 'post', 'put', 'patch', 'delete', 'websocket']);

const fw = (kind: ObservationKind, framework: string | undefined, via: string, extra: Partial<ObservationSpec> = {}): ObservationSpec => ({
  kind,
  ...(framework ? { framework } : {}),
  via,
  ...extra,
});

/** Imports that show a framework or battery in use (matched on the module or a submodule). */
export const IMPORT_RULES: readonly { module: string; obs: ObservationSpec }[] = [
  ...['flask', 'django', 'fastapi', 'starlette', 'pyramid', 'tornado', 'aiohttp', 'bottle', 'sanic', 'quart', 'litestar', 'falcon', 'cherrypy'].map(
    (name) => ({ module: name, obs: { kind: 'framework' as const, name, framework: name, via: `import ${name}`, strength: 0.6 } }),
  ),
  { module: 'flask_login', obs: fw('auth', 'flask', 'flask-login') },
  { module: 'flask_security', obs: fw('auth', 'flask', 'flask-security') },
  { module: 'flask_user', obs: fw('auth', 'flask', 'flask-user') },
  { module: 'flask_jwt_extended', obs: fw('auth', 'flask', 'flask-jwt-extended') },
  { module: 'flask_admin', obs: fw('admin', 'flask', 'flask-admin') },
  { module: 'flask_appbuilder', obs: fw('admin', 'flask', 'flask-appbuilder') },
  { module: 'flask_wtf', obs: fw('forms', 'flask', 'flask-wtf') },
  { module: 'wtforms', obs: fw('forms', 'flask', 'wtforms') },
  { module: 'flask_migrate', obs: fw('migrations', 'flask', 'flask-migrate') },
  { module: 'flask_sqlalchemy', obs: fw('database', 'flask', 'flask-sqlalchemy') },
  { module: 'flask_babel', obs: fw('i18n', 'flask', 'flask-babel') },
  { module: 'flask_mail', obs: fw('mail', 'flask', 'flask-mail') },
  { module: 'flask_caching', obs: fw('cache', 'flask', 'flask-caching') },
  { module: 'flask_socketio', obs: fw('realtime', 'flask', 'flask-socketio') },
  { module: 'flask_restful', obs: fw('restApi', 'flask', 'flask-restful') },
  { module: 'flask_restx', obs: fw('restApi', 'flask', 'flask-restx') },
  { module: 'flask_smorest', obs: fw('restApi', 'flask', 'flask-smorest') },
  // APIFlask is Flask with OpenAPI built in: an app on it is a Flask app with a REST API.
  { module: 'apiflask', obs: { kind: 'framework', name: 'flask', framework: 'flask', via: 'import apiflask', strength: 0.6 } },
  { module: 'apiflask', obs: fw('restApi', 'flask', 'apiflask') },
  { module: 'django.contrib.auth', obs: fw('auth', 'django', 'django.contrib.auth') },
  { module: 'django.contrib.admin', obs: fw('admin', 'django', 'django.contrib.admin') },
  { module: 'django.forms', obs: fw('forms', 'django', 'django.forms') },
  { module: 'django.db.models', obs: fw('database', 'django', 'django ORM') },
  { module: 'django.utils.translation', obs: fw('i18n', 'django', 'django i18n') },
  { module: 'rest_framework', obs: fw('restApi', 'django', 'djangorestframework') },
  { module: 'ninja', obs: fw('restApi', 'django', 'django-ninja') },
  { module: 'channels', obs: fw('realtime', 'django', 'channels') },
  { module: 'sqlalchemy', obs: fw('database', undefined, 'sqlalchemy') },
  { module: 'alembic', obs: fw('migrations', undefined, 'alembic') },
  { module: 'celery', obs: fw('tasks', undefined, 'celery') },
  { module: 'rq', obs: fw('tasks', undefined, 'rq') },
  { module: 'dramatiq', obs: fw('tasks', undefined, 'dramatiq') },
  { module: 'pymongo', obs: fw('database', undefined, 'pymongo', { name: 'nosql' }) },
  { module: 'mongoengine', obs: fw('database', undefined, 'mongoengine', { name: 'nosql' }) },
  { module: 'sqlite3', obs: fw('database', undefined, 'sqlite3') },
  { module: 'psycopg2', obs: fw('database', undefined, 'psycopg2') },
  { module: 'psycopg', obs: fw('database', undefined, 'psycopg') },
  { module: 'pymysql', obs: fw('database', undefined, 'pymysql') },
  { module: 'peewee', obs: fw('database', undefined, 'peewee') },
];

/** A rule on a call or decorator, keyed by the callee's last name segment. */
export interface NameRule {
  last: string;
  prefixes?: readonly string[];
  requires?: readonly string[];
  /** A keyword argument the call must pass (SQLModel's `Field(foreign_key=...)` is a relation, a plain Field is not). */
  keyword?: string;
  obs: ObservationSpec;
}

/** Calls that show something (app objects, batteries, data access). The first match wins. */
export const CALL_RULES: readonly NameRule[] = [
  { last: 'Flask', prefixes: ['flask.', 'Flask'], obs: fw('app', 'flask', 'Flask()', { name: 'Flask app' }) },
  { last: 'Blueprint', prefixes: ['flask.', 'Blueprint'], requires: ['flask'], obs: fw('blueprint', 'flask', 'Blueprint()') },
  // flask-smorest's and APIFlask's blueprints are Flask blueprints with an OpenAPI spec.
  { last: 'Blueprint', prefixes: ['flask_smorest.'], obs: fw('blueprint', 'flask', 'Blueprint()') },
  { last: 'APIBlueprint', prefixes: ['apiflask.'], obs: fw('blueprint', 'flask', 'APIBlueprint()') },
  { last: 'APIFlask', prefixes: ['apiflask.'], obs: fw('app', 'flask', 'APIFlask()', { name: 'Flask app' }) },
  { last: 'add_url_rule', obs: fw('route', 'flask', 'add_url_rule') },
  { last: 'add_resource', requires: ['flask_restful', 'flask_restx'], obs: fw('route', 'flask', 'add_resource') },
  { last: 'DefaultRouter', prefixes: ['rest_framework.'], obs: fw('route', 'django', 'API root', { name: 'DefaultRouter' }) },
  { last: 'FastAPI', prefixes: ['fastapi.'], obs: fw('app', 'fastapi', 'FastAPI()', { name: 'FastAPI app' }) },
  { last: 'Quart', prefixes: ['quart.'], obs: fw('app', 'quart', 'Quart()') },
  { last: 'Sanic', prefixes: ['sanic.'], obs: fw('app', 'sanic', 'Sanic()') },
  { last: 'Litestar', prefixes: ['litestar.'], obs: fw('app', 'litestar', 'Litestar()') },
  { last: 'Starlette', prefixes: ['starlette.'], obs: fw('app', 'starlette', 'Starlette()') },
  { last: 'Configurator', prefixes: ['pyramid.'], obs: fw('app', 'pyramid', 'Configurator()') },
  { last: 'Application', prefixes: ['tornado.', 'aiohttp.'], obs: fw('app', undefined, 'Application()') },
  { last: 'Bottle', prefixes: ['bottle.'], obs: fw('app', 'bottle', 'Bottle()') },
  { last: 'execute_from_command_line', prefixes: ['django.'], obs: fw('app', 'django', 'manage.py', { name: 'manage.py' }) },
  { last: 'get_wsgi_application', prefixes: ['django.'], obs: fw('app', 'django', 'wsgi', { name: 'wsgi' }) },
  { last: 'get_asgi_application', prefixes: ['django.'], obs: fw('app', 'django', 'asgi', { name: 'asgi' }) },
  { last: 'render_template', prefixes: ['flask.', 'quart.', 'render_template'], obs: fw('template', 'flask', 'render_template', { count: 0 }) },
  { last: 'render_template_string', prefixes: ['flask.'], obs: fw('template', 'flask', 'render_template_string', { count: 0 }) },
  { last: 'render', prefixes: ['django.shortcuts'], obs: fw('template', 'django', 'render', { count: 0 }) },
  { last: 'render_to_response', prefixes: ['django.'], obs: fw('template', 'django', 'render_to_response', { count: 0 }) },
  { last: 'TemplateResponse', prefixes: ['django.'], obs: fw('template', 'django', 'TemplateResponse', { count: 0 }) },
  { last: 'jsonify', prefixes: ['flask.', 'jsonify'], obs: fw('restApi', 'flask', 'jsonify', { strength: 0.5 }) },
  { last: 'JsonResponse', prefixes: ['django.'], obs: fw('restApi', 'django', 'JsonResponse', { strength: 0.5 }) },
  { last: 'login_user', requires: ['flask_login'], obs: fw('auth', 'flask', 'flask-login') },
  { last: 'LoginManager', requires: ['flask_login'], obs: fw('auth', 'flask', 'flask-login') },
  { last: 'generate_password_hash', obs: fw('auth', undefined, 'password hashing') },
  { last: 'check_password_hash', obs: fw('auth', undefined, 'password hashing') },
  { last: 'hashpw', prefixes: ['bcrypt.'], obs: fw('auth', undefined, 'bcrypt') },
  { last: 'CryptContext', prefixes: ['passlib.'], obs: fw('auth', undefined, 'passlib') },
  { last: 'PasswordHash', prefixes: ['pwdlib.'], obs: fw('auth', undefined, 'pwdlib') },
  // FastAPI's log-in by user name and password (its tutorials' user accounts).
  { last: 'OAuth2PasswordBearer', prefixes: ['fastapi.security.'], obs: fw('auth', 'fastapi', 'fastapi.security OAuth2') },
  { last: 'OAuth2PasswordRequestForm', prefixes: ['fastapi.security.'], obs: fw('auth', 'fastapi', 'fastapi.security OAuth2') },
  { last: 'authenticate', prefixes: ['django.contrib.auth'], obs: fw('auth', 'django', 'django.contrib.auth') },
  { last: 'register', prefixes: ['django.contrib.admin.site', 'admin.site'], obs: fw('admin', 'django', 'admin.site.register') },
  { last: 'Admin', prefixes: ['flask_admin.'], obs: fw('admin', 'flask', 'flask-admin') },
  { last: 'AppBuilder', prefixes: ['flask_appbuilder.'], obs: fw('admin', 'flask', 'flask-appbuilder') },
  { last: 'add_view', requires: ['flask_admin', 'flask_appbuilder'], obs: fw('admin', 'flask', 'flask-admin') },
  { last: 'SQLAlchemy', prefixes: ['flask_sqlalchemy.'], obs: fw('database', 'flask', 'flask-sqlalchemy') },
  { last: 'create_engine', prefixes: ['sqlalchemy.'], obs: fw('database', undefined, 'sqlalchemy') },
  { last: 'connect', prefixes: ['sqlite3.', 'psycopg2.', 'psycopg.', 'pymysql.', 'MySQLdb.'], obs: fw('database', undefined, 'raw SQL', { name: 'raw SQL' }) },
  { last: 'MongoClient', prefixes: ['pymongo.', 'motor.'], obs: fw('database', undefined, 'pymongo', { name: 'nosql' }) },
  { last: 'Redis', prefixes: ['redis.'], obs: fw('cache', undefined, 'redis') },
  { last: 'StrictRedis', prefixes: ['redis.'], obs: fw('cache', undefined, 'redis') },
  { last: 'Migrate', prefixes: ['flask_migrate.'], obs: fw('migrations', 'flask', 'flask-migrate') },
  { last: 'CSRFProtect', prefixes: ['flask_wtf.'], obs: fw('security', 'flask', 'flask-wtf csrf') },
  { last: 'Babel', prefixes: ['flask_babel.'], obs: fw('i18n', 'flask', 'flask-babel') },
  { last: 'Mail', prefixes: ['flask_mail.'], obs: fw('mail', 'flask', 'flask-mail') },
  { last: 'Cache', prefixes: ['flask_caching.'], obs: fw('cache', 'flask', 'flask-caching') },
  { last: 'SocketIO', prefixes: ['flask_socketio.'], obs: fw('realtime', 'flask', 'flask-socketio') },
  { last: 'Celery', prefixes: ['celery.'], obs: fw('tasks', undefined, 'celery') },
  { last: 'Queue', prefixes: ['rq.'], obs: fw('tasks', undefined, 'rq') },
  { last: 'Api', prefixes: ['flask_restful.', 'flask_restx.', 'flask_smorest.'], obs: fw('restApi', 'flask', 'flask REST add-on') },
  // TreeForeignKey (MPTT), ParentalKey (modelcluster, Wagtail) and their many-to-many are Django relations too.
  ...['ForeignKey', 'ManyToManyField', 'OneToOneField', 'ForeignKeyField', 'relationship', 'TreeForeignKey', 'TreeManyToManyField', 'TreeOneToOneField', 'ParentalKey', 'ParentalManyToManyField'].map((last) => ({
    last,
    obs: fw('relation', undefined, last),
  })),
  // SQLModel: Relationship() links two tables, Field(foreign_key="user.id") is the key column.
  { last: 'Relationship', prefixes: ['sqlmodel.'], obs: fw('relation', undefined, 'Relationship') },
  { last: 'Field', prefixes: ['sqlmodel.'], keyword: 'foreign_key', obs: fw('relation', undefined, 'Field(foreign_key=)') },
];

/** Decorators other than routes. */
export const DECORATOR_RULES: readonly NameRule[] = [
  { last: 'login_required', prefixes: ['flask_login.'], obs: fw('auth', 'flask', 'flask-login') },
  { last: 'login_required', prefixes: ['django.contrib.auth'], obs: fw('auth', 'django', 'django.contrib.auth') },
  { last: 'login_required', obs: fw('auth', undefined, '@login_required') },
  { last: 'permission_required', prefixes: ['django.contrib.auth'], obs: fw('auth', 'django', 'django.contrib.auth') },
  { last: 'register', prefixes: ['django.contrib.admin', 'admin.register'], obs: fw('admin', 'django', '@admin.register') },
  { last: 'shared_task', prefixes: ['celery.'], obs: fw('tasks', undefined, 'celery') },
  { last: 'task', requires: ['celery'], obs: fw('tasks', undefined, 'celery') },
  { last: 'job', prefixes: ['rq.'], obs: fw('tasks', undefined, 'rq') },
  { last: 'on', requires: ['flask_socketio'], obs: fw('realtime', 'flask', 'flask-socketio') },
  { last: 'api_view', prefixes: ['rest_framework.'], obs: fw('restApi', 'django', 'djangorestframework') },
  { last: 'csrf_protect', prefixes: ['django.'], obs: fw('security', 'django', 'csrf') },
];

/** Class bases that make a class a view, form, admin, serializer, consumer ... */
export const CLASS_BASE_RULES: readonly { last: readonly string[]; prefixes?: readonly string[]; requires?: readonly string[]; obs: ObservationSpec[] }[] = [
  {
    last: ['View', 'TemplateView', 'ListView', 'DetailView', 'CreateView', 'UpdateView', 'DeleteView', 'FormView', 'RedirectView', 'ArchiveIndexView', 'LoginView', 'LogoutView'],
    prefixes: ['django.'],
    obs: [fw('view', 'django', 'class-based view')],
  },
  {
    last: ['APIView', 'GenericAPIView', 'ViewSet', 'GenericViewSet', 'ModelViewSet', 'ReadOnlyModelViewSet', 'ListAPIView', 'RetrieveAPIView', 'CreateAPIView', 'ListCreateAPIView', 'RetrieveUpdateDestroyAPIView', 'RetrieveUpdateAPIView', 'DestroyAPIView', 'UpdateAPIView'],
    prefixes: ['rest_framework.'],
    obs: [fw('view', 'django', 'DRF view'), fw('restApi', 'django', 'djangorestframework')],
  },
  { last: ['MethodView', 'View'], prefixes: ['flask.'], obs: [fw('view', 'flask', 'MethodView')] },
  { last: ['Resource'], prefixes: ['flask_restful.', 'flask_restx.'], obs: [fw('view', 'flask', 'REST resource'), fw('restApi', 'flask', 'flask REST add-on')] },
  { last: ['MethodView'], prefixes: ['flask_smorest.', 'flask.views'], obs: [fw('view', 'flask', 'MethodView')] },
  { last: ['FlaskForm', 'Form'], prefixes: ['flask_wtf.'], obs: [fw('forms', 'flask', 'flask-wtf')] },
  { last: ['Form'], prefixes: ['wtforms.'], obs: [fw('forms', 'flask', 'wtforms')] },
  { last: ['Form', 'ModelForm'], prefixes: ['django.forms', 'forms.'], requires: ['django'], obs: [fw('forms', 'django', 'django.forms')] },
  { last: ['ModelAdmin', 'TabularInline', 'StackedInline'], prefixes: ['django.contrib.admin', 'admin.'], requires: ['django'], obs: [fw('admin', 'django', 'django.contrib.admin')] },
  { last: ['ModelView', 'BaseView', 'AdminIndexView'], prefixes: ['flask_admin.', 'flask_appbuilder.'], obs: [fw('admin', 'flask', 'flask-admin')] },
  { last: ['Serializer', 'ModelSerializer', 'HyperlinkedModelSerializer'], prefixes: ['rest_framework.'], obs: [fw('restApi', 'django', 'DRF serializer')] },
  // A marshmallow schema serialises for an API, weakly: REST when schemas are many beside the routes (facts.ts).
  { last: ['Schema', 'SQLAlchemySchema', 'SQLAlchemyAutoSchema'], prefixes: ['marshmallow'], obs: [fw('restApi', undefined, 'marshmallow schema', { strength: 0.5 })] },
  { last: ['WebsocketConsumer', 'AsyncWebsocketConsumer', 'JsonWebsocketConsumer', 'AsyncJsonWebsocketConsumer', 'AsyncConsumer', 'SyncConsumer'], prefixes: ['channels.'], obs: [fw('realtime', 'django', 'channels consumer')] },
  { last: ['AbstractUser', 'AbstractBaseUser'], prefixes: ['django.contrib.auth'], obs: [fw('auth', 'django', 'custom user model')] },
  { last: ['UserMixin'], prefixes: ['flask_login.'], obs: [fw('auth', 'flask', 'flask-login')] },
];

/** INSTALLED_APPS entries that show a battery in use. */
export const INSTALLED_APP_RULES: ReadonlyMap<string, ObservationSpec> = new Map<string, ObservationSpec>([
  ['django.contrib.admin', fw('admin', 'django', 'django.contrib.admin')],
  ['django.contrib.auth', fw('auth', 'django', 'django.contrib.auth')],
  ['django.contrib.staticfiles', fw('staticFiles', 'django', 'django.contrib.staticfiles')],
  ['rest_framework', fw('restApi', 'django', 'djangorestframework')],
  ['channels', fw('realtime', 'django', 'channels')],
  ['allauth', fw('auth', 'django', 'django-allauth')],
  ['crispy_forms', fw('forms', 'django', 'django-crispy-forms')],
  ['django_celery_beat', fw('tasks', 'django', 'django-celery-beat')],
]);
