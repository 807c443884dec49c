import { strict as assert } from 'node:assert';
import { resolveModels } from '../../../src/core/detectors/models';
import type { Observation } from '../../../src/core/model';
import fc from 'fast-check';
import { analyzePython, SourceLines, type FileAnalysis } from '../../../src/core/python/analyze';
import { PythonParser } from '../../../src/core/python/parser';

let parser: PythonParser;
before(async () => {
  parser = await PythonParser.create();
});
after(() => parser.dispose());

function run(src: string, file = 'm.py'): FileAnalysis {
  return analyzePython(parser, src, file);
}
function kinds(a: FileAnalysis, kind: string): Observation[] {
  return a.observations.filter((o) => o.kind === kind);
}
function lines(obs: Observation[]): number[] {
  return obs.map((o) => o.evidence.line ?? 0);
}

describe('analyzePython', () => {
  it('finds Flask routes, including multi-line decorators, and ignores docstrings and comments', () => {
    const a = run(
      [
        'from flask import Flask, jsonify', // 1
        'app = Flask(__name__)', // 2
        '@app.route("/")', // 3
        'def index():', // 4
        '    """@app.route("/not-a-route")"""', // 5
        '    # @app.route("/nor-this")', // 6
        '    return "hi"', // 7
        '@app.route(', // 8
        '    "/items/<int:id>",', // 9
        '    methods=["GET", "POST"],', // 10
        ')', // 11
        'def item(id): return jsonify(id=id)', // 12
        '@app.get("/health")', // 13
        'async def health(): return "ok"', // 14
        'app.add_url_rule("/x", view_func=index)', // 15
        's = "@app.route(\'/in-a-string\')"', // 16
      ].join('\n'),
    );
    assert.deepEqual(lines(kinds(a, 'route')), [3, 8, 13, 15]);
    assert.ok(kinds(a, 'route').every((o) => o.framework === 'flask'));
    assert.deepEqual(lines(kinds(a, 'app')), [2]);
    assert.deepEqual(lines(kinds(a, 'async')), [14]);
    assert.equal(kinds(a, 'framework')[0].name, 'flask');
  });

  it('counts a blueprint route in a module that never imports flask', () => {
    const a = run(['from . import bp', '', '@bp.route("/login", methods=["GET", "POST"])', 'def login():', '    pass'].join('\n'));
    assert.deepEqual(lines(kinds(a, 'route')), [3]);
  });

  it('does not take other .get decorators for routes', () => {
    const a = run(['import functools', '@cache.get(key)', 'def f(): pass', '@registry.get("name")', 'def g(): pass'].join('\n'));
    assert.equal(kinds(a, 'route').length, 0);
  });

  it('reads Django urlpatterns: path/re_path count, include() does not', () => {
    const a = run(
      [
        'from django.urls import include, path, re_path',
        'from . import views',
        'urlpatterns = [',
        '    path("", views.index, name="index"),',
        '    path("<int:pk>/", views.DetailView.as_view()),',
        '    re_path(r"^old/$", views.old),',
        '    path("api/", include("api.urls")),',
        ']',
        'urlpatterns += [path("extra/", views.extra)]',
      ].join('\n'),
    );
    assert.deepEqual(lines(kinds(a, 'route')), [4, 5, 6, 9]);
  });

  it('makes the definition a route decorator routes a view, once however many routes it has', () => {
    const a = run(
      [
        'from flask import Blueprint', // 1
        'bp = Blueprint("b", __name__)', // 2
        '@bp.route("/")', // 3
        '@bp.route("/index")', // 4
        'def index():', // 5
        '    return "hi"', // 6
        '@bp.route("/items")', // 7
        'class Items(MethodView):', // 8
        '    pass', // 9
        '@bp.before_request', // 10
        'def hook(): pass', // 11
      ].join('\n'),
    );
    assert.deepEqual(kinds(a, 'view').map((o) => [o.name, o.evidence.line]), [['index', 5], ['Items', 8]]);
  });

  it("names what URL patterns and add_url_rule route to through the file's imports", () => {
    const a = run(
      [
        'from django.urls import include, path', // 1
        'from django.contrib import admin', // 2
        'from . import views', // 3
        'from shop.views import Basket as BasketView', // 4
        'urlpatterns = [', // 5
        '    path("", views.index),', // 6
        '    path("basket/", BasketView.as_view()),', // 7
        '    path("admin/", admin.site.urls),', // 8
        '    path("api/", include("api.urls")),', // 9
        '    path("ok/", lambda request: None),', // 10
        '    path("home/", home),', // 11
        ']', // 12
        'def mount(app, view):', // 13
        '    app.add_url_rule("/m", view_func=view)', // 14
        'app.add_url_rule("/p", "p", views.page)', // 15
      ].join('\n'),
    );
    assert.deepEqual(kinds(a, 'viewTarget').map((o) => [o.name, o.evidence.line]), [['.views.index', 6], ['shop.views.Basket', 7], ['home', 11], ['.views.page', 15]]);
    assert.deepEqual(kinds(a, 'view').map((o) => [o.name, o.evidence.line]), [['<lambda>', 10]]);
  });

  it('reads INSTALLED_APPS and the batteries it turns on', () => {
    const a = run(['INSTALLED_APPS = [', '    "django.contrib.admin",', '    "django.contrib.auth",', '    "polls.apps.PollsConfig",', ']'].join('\n'));
    assert.deepEqual(kinds(a, 'djangoApp').map((o) => o.name), ['django.contrib.admin', 'django.contrib.auth', 'polls.apps.PollsConfig']);
    assert.deepEqual(lines(kinds(a, 'admin')), [2]);
    assert.deepEqual(lines(kinds(a, 'auth')), [3]);
  });

  it('records classes with qualified bases and abstract markers', () => {
    const a = run(
      [
        'from django.db import models',
        'class Base(models.Model):',
        '    class Meta:',
        '        abstract = True',
        'class Post(Base):',
        '    author = models.ForeignKey("auth.User", on_delete=models.CASCADE)',
      ].join('\n'),
    );
    const cls = a.classes.filter((c) => c.name !== 'Meta');
    assert.deepEqual(cls.map((c) => [c.name, c.bases, c.abstract]), [
      ['Base', ['django.db.models.Model'], true],
      ['Post', ['Base'], false],
    ]);
    assert.deepEqual(lines(kinds(a, 'relation')), [6]);
  });

  it('counts SQLModel relations: Relationship() and Field(foreign_key=...), not a plain Field()', () => {
    const a = run(
      [
        'from sqlmodel import Field, Relationship, SQLModel', // 1
        'import sqlmodel', // 2
        'class Team(SQLModel, table=True):', // 3
        '    id: int | None = Field(default=None, primary_key=True)', // 4
        '    heroes: list["Hero"] = Relationship(back_populates="team")', // 5
        'class Hero(SQLModel, table=True):', // 6
        '    name: str = Field(index=True)', // 7
        '    team_id: int | None = Field(', // 8
        '        default=None, foreign_key="team.id"', // 9
        '    )', // 10
        '    team: Team | None = sqlmodel.Relationship(back_populates="heroes")', // 11
      ].join('\n'),
    );
    assert.deepEqual(lines(kinds(a, 'relation')), [5, 8, 11]);
    // pydantic's Field is no SQLModel column, whatever its arguments.
    const p = run(['from pydantic import BaseModel, Field', 'class In(BaseModel):', '    owner: str = Field(foreign_key="x")'].join('\n'));
    assert.deepEqual(kinds(p, 'relation'), []);
  });

  it('reports a syntax error as a problem with a line, and keeps partial results', () => {
    const a = run(['from flask import Flask', 'app = Flask(__name__)', 'def broken(:', '    pass', '@app.route("/ok")', 'def ok(): pass'].join('\n'));
    assert.equal(a.problems.length, 1);
    assert.equal(a.problems[0].line, 3);
    assert.ok(kinds(a, 'app').length === 1);
  });

  it('finds forms, admin, auth, DRF and Channels by class bases', () => {
    const a = run(
      [
        'from django import forms',
        'from django.contrib import admin',
        'from rest_framework import serializers, viewsets',
        'from channels.generic.websocket import AsyncWebsocketConsumer',
        'class F(forms.ModelForm): pass',
        'class A(admin.ModelAdmin): pass',
        'class S(serializers.ModelSerializer): pass',
        'class V(viewsets.ModelViewSet): pass',
        'class C(AsyncWebsocketConsumer): pass',
        'admin.site.register(X, A)',
      ].join('\n'),
    );
    assert.deepEqual(lines(kinds(a, 'forms')).filter((l) => l > 4), [5]);
    assert.deepEqual(lines(kinds(a, 'admin')).filter((l) => l > 4), [6, 10]);
    assert.ok(lines(kinds(a, 'restApi')).includes(7));
    assert.deepEqual(lines(kinds(a, 'view')), [8]);
    assert.ok(lines(kinds(a, 'realtime')).includes(9));
  });
});

describe('SourceLines', () => {
  it('gives each line as splitting at CRLF, CR or LF does', () => {
    const same = (text: string) => {
      const lines = new SourceLines(text);
      const split = text.split(/\r\n|\r|\n/);
      for (let n = 1; n <= split.length; n++) assert.equal(lines.line(n), split[n - 1], `${JSON.stringify(text)} line ${n}`);
      assert.equal(lines.line(split.length + 1), '');
      assert.equal(lines.line(0), '');
    };
    for (const text of ['', 'a', 'a\n', 'a\nb', 'a\r\nb\r\n', 'a\rb\r', '\r\n\r\n', 'a\r\rb\n\nc', '\n\r', 'é😀\r\nx']) same(text);
    fc.assert(fc.property(fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', '😀'), { maxLength: 40 }), (parts) => same(parts.join(''))), { numRuns: 300 });
  });
});

describe('resolveModels', () => {
  it('follows project abstract bases across files and skips abstract ones', () => {
    const a = run(['from django.db import models', 'class Stamped(models.Model):', '    class Meta:', '        abstract = True'].join('\n'), 'core/base.py');
    const b = run(['from core.base import Stamped', 'class Post(Stamped): pass', 'class Tag(Post): pass'].join('\n'), 'blog/models.py');
    const models = resolveModels([...a.classes, ...b.classes]);
    assert.deepEqual(models.map((m) => m.name), ['Post', 'Tag']);
    assert.ok(models.every((m) => m.framework === 'django'));
  });

  it('finds SQLAlchemy models: db.Model, declarative_base(), DeclarativeBase, __abstract__, SQLModel table=True', () => {
    const a = run(
      [
        'from sqlalchemy.orm import DeclarativeBase, Mapped, declarative_base',
        'from sqlmodel import SQLModel',
        'from .ext import db',
        'Legacy = declarative_base()',
        'class Base(DeclarativeBase): pass',
        'class User(Base):',
        '    id: Mapped[int]',
        'class Mixin(Base):',
        '    __abstract__ = True',
        'class Order(Mixin): pass',
        'class Old(Legacy): pass',
        'class Post(db.Model): pass',
        'class HeroBase(SQLModel): pass',
        'class Hero(HeroBase, table=True): pass',
        'class HeroCreate(HeroBase): pass',
        'class NotAModel(object): pass',
      ].join('\n'),
    );
    assert.deepEqual(resolveModels(a.classes).map((m) => m.name), ['User', 'Order', 'Old', 'Post', 'Hero']);
  });

  it('survives an inheritance cycle', () => {
    const a = run(['class A(B): pass', 'class B(A): pass'].join('\n'));
    assert.deepEqual(resolveModels(a.classes), []);
  });
});

describe('resolveModels and library classes', () => {
  it('does not take a library class for a project model of the same name', () => {
    const models = run(['from django.db import models', 'class Feed(models.Model): pass'].join('\n'), 'aggregator/models.py');
    const feeds = run(['from django.contrib.syndication.views import Feed', 'class LatestFeed(Feed): pass'].join('\n'), 'aggregator/feeds.py');
    const rel = run(['from .models import Feed', 'class SpecialFeed(Feed): pass'].join('\n'), 'aggregator/special.py');
    assert.deepEqual(resolveModels([...models.classes, ...feeds.classes, ...rel.classes]).map((m) => m.name), ['Feed', 'SpecialFeed']);
  });
});

describe('imports with aliases', () => {
  it('notes a framework imported under another name and qualifies through the alias', () => {
    const a = run(['import flask as fl', 'app = fl.Flask(__name__)', '@app.route("/")', 'def i(): pass'].join('\n'));
    assert.deepEqual(kinds(a, 'framework').map((o) => o.name), ['flask']);
    assert.deepEqual(lines(kinds(a, 'app')), [2]);
    assert.deepEqual(kinds(a, 'route').map((o) => o.framework), ['flask']);
  });
});
