/**
 * Counts a careful reader would give (issue 19, point 9): views routed from a URL conf or a route
 * decorator, SQLModel relations, and template files counted once whatever the requirements say.
 * Small workspaces written for these tests, each the shape of a public project that was miscounted.
 */
import { strict as assert } from 'node:assert';
import { assess } from '../../src/core/assess';
import type { Facts } from '../../src/core/model';
import { PythonParser } from '../../src/core/python/parser';
import { MemoryWorkspace } from '../../src/core/read/workspace';

describe('counts', () => {
  let parser: PythonParser;
  before(async () => {
    parser = await PythonParser.create();
  });
  after(() => parser.dispose());

  const facts = async (files: Record<string, string>): Promise<Facts> => {
    const a = await assess(new MemoryWorkspace(files), { parser });
    assert.equal(a.projects.length, 1, a.projects.map((p) => p.root).join(', '));
    return a.projects[0].facts;
  };

  it("counts the project's views a URL conf routes: function views once each, not Django's generic views", async () => {
    const f = await facts({
      'requirements.txt': 'Django==5.0\n',
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_conf.settings")\n',
      'site_conf/__init__.py': '',
      'site_conf/settings.py': 'INSTALLED_APPS = ["django.contrib.staticfiles", "catalog", "shopping"]\n',
      'site_conf/urls.py': [
        'from django.http import HttpResponse',
        'from django.urls import include, path',
        'from django.views.generic import TemplateView',
        'from catalog import views as catalog_views',
        'from shopping.views import basket',
        'urlpatterns = [',
        '    path("", include("catalog.urls")),',
        '    path("find/", catalog_views.find, name="find"),',
        '    path("find/all/", catalog_views.find),',
        '    path("basket/", basket),',
        '    path("about/", TemplateView.as_view(template_name="about.html")),',
        '    path("ok/", lambda request: HttpResponse("ok")),',
        ']',
        '',
      ].join('\n'),
      'catalog/__init__.py': '',
      'catalog/urls.py': 'from django.urls import path\nfrom . import views\n\nurlpatterns = [path("shelf/", views.ShelfView.as_view())]\n',
      'catalog/views.py': [
        'from django.shortcuts import render',
        'from django.views.generic import ListView',
        'class BaseShelf(ListView):',
        '    paginate_by = 20',
        'class ShelfView(BaseShelf):',
        '    template_name = "catalog/shelf.html"',
        'def find(request):',
        '    return render(request, "catalog/find.html")',
        '',
      ].join('\n'),
      'shopping/__init__.py': '',
      'shopping/views.py': 'from django.http import HttpResponse\n\ndef basket(request):\n    return HttpResponse("basket")\n',
    });
    // Routes: find, find/all, basket, about, ok and shelf. Views: find (routed twice), basket, the
    // lambda and ShelfView; TemplateView is Django's, BaseShelf only the base of a routed view.
    assert.deepEqual([f.routes, f.views], [6, 4]);
  });

  it('counts each function a route decorator routes once, and a class add_url_rule routes once', async () => {
    const f = await facts({
      'requirements.txt': 'Flask==3.0\n',
      'app.py': [
        'from flask import Flask',
        'from flask.views import MethodView',
        'app = Flask(__name__)',
        '@app.route("/")',
        '@app.route("/index")',
        'def index():',
        '    return "home"',
        '@app.get("/about")',
        'def about():',
        '    return "about"',
        'class Items(MethodView):',
        '    def get(self):',
        '        return "items"',
        'def page():',
        '    return "page"',
        'def mount(view, rule):',
        '    app.add_url_rule(rule, view_func=view)',
        'app.add_url_rule("/items", view_func=Items.as_view("items"))',
        'app.add_url_rule("/page", "page", page)',
        '',
      ].join('\n'),
    });
    // index (two routes), about, Items (a view class, routed) and page; mount() forwards its parameter.
    assert.deepEqual([f.routes, f.views], [5, 4]);
  });

  it('counts SQLModel relations (Relationship() and Field(foreign_key=...)) and the path operations of a FastAPI app', async () => {
    const f = await facts({
      'requirements.txt': 'fastapi==0.115\nsqlmodel==0.0.22\n',
      'api/__init__.py': '',
      'api/models.py': [
        'from sqlmodel import Field, Relationship, SQLModel',
        'class ShelfBase(SQLModel):',
        '    label: str = Field(max_length=40)',
        'class Shelf(ShelfBase, table=True):',
        '    id: int | None = Field(default=None, primary_key=True)',
        '    books: list["Book"] = Relationship(back_populates="shelf", cascade_delete=True)',
        'class Book(SQLModel, table=True):',
        '    id: int | None = Field(default=None, primary_key=True)',
        '    shelf_id: int = Field(foreign_key="shelf.id", ondelete="CASCADE")',
        '    shelf: Shelf | None = Relationship(back_populates="books")',
        '',
      ].join('\n'),
      'api/main.py': [
        'from fastapi import APIRouter, FastAPI',
        'app = FastAPI()',
        'router = APIRouter(prefix="/shelves")',
        '@router.get("/")',
        'def list_shelves():',
        '    return []',
        '@router.put("/{id}")',
        '@router.patch("/{id}")',
        'def update_shelf(id: int):',
        '    return {}',
        '@app.get("/health")',
        'async def health():',
        '    return True',
        'app.include_router(router)',
        '',
      ].join('\n'),
    });
    assert.deepEqual([f.models, f.relations, f.routes, f.views], [2, 3, 4, 3]);
  });

  it('counts each template file once: template packages in the requirements add none', async () => {
    const f = await facts({
      'requirements.txt': 'Flask==3.0\nJinja2==3.1\nMako==1.3\nFlask-Moment==1.0\n',
      'app/__init__.py': 'from flask import Flask, render_template\napp = Flask(__name__)\n@app.route("/")\ndef index():\n    return render_template("index.html")\n',
      'app/templates/base.html': '<html>{% block body %}{% endblock %}</html>\n',
      'app/templates/index.html': '{% extends "base.html" %}\n',
      'app/templates/email/welcome.html': '<p>Welcome {{ name }}</p>\n',
      'app/templates/email/welcome.txt': 'Welcome {{ name }}\n',
      'migrations/script.py.mako': '"""${message}"""\n',
    });
    assert.equal(f.templates, 4);
  });
});
