import { strict as assert } from 'node:assert';
import { assess } from '../../src/core/assess';
import { templateDialect } from '../../src/core/templates/dialect';
import { MemoryWorkspace } from '../../src/core/read/workspace';

describe('template dialects', () => {
  it('tells Jinja from Django templates by constructs only one of them has', () => {
    assert.equal(templateDialect('<a href="{{ url_for(\'main.index\') }}">{% for p in posts %}{{ loop.index }}{% endfor %}'), 'jinja');
    assert.equal(templateDialect('{% macro field(f) %}{{ f.label }}{% endmacro %}'), 'jinja');
    assert.equal(templateDialect('{% load static %}<img src="{% static \'x.png\' %}">{% csrf_token %}'), 'django');
    assert.equal(templateDialect('{% for q in qs %}{{ forloop.counter }} {{ q.date|date:"Y-m-d" }}{% empty %}none{% endfor %}'), 'django');
    assert.equal(templateDialect('{% extends "base.html" %}{% block content %}{{ title }}{% endblock %}'), 'unknown');
  });

  it('reports the dominant dialect of a project', async () => {
    const a = await assess(
      new MemoryWorkspace({
        'requirements.txt': 'flask',
        'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
        'templates/a.html': "{{ url_for('x') }}",
        'templates/b.html': '{% set x = 1 %}',
        'templates/c.html': '{% block x %}{% endblock %}',
      }),
    );
    assert.equal(a.projects[0].facts.templates, 3);
    assert.equal(a.projects[0].facts.templateDialect, 'jinja');
  });
});
