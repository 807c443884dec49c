/**
 * The sidebar's view model, the status bar text, the score breakdown, the migration outline, live
 * update filtering and diagnostics (src/shared): everything the VS Code front ends show, built
 * without VS Code from real assessments of the fixtures.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { assess } from '../../src/core/assess';
import type { Assessment, ProjectAssessment } from '../../src/core/model';
import { applyNeeds, blankProject } from '../../src/core/verdict/needs';
import { verdictLine } from '../../src/core/report/report';
import { NodeWorkspace } from '../../src/core/read/workspace';
import { explainVerdict } from '../../src/shared/explain';
import { diagnosticsOf, isRelevantChange } from '../../src/shared/live';
import { CONCERNS, buildSidebarState, migrationView, statusText, type ProjectEntry } from '../../src/shared/sidebarModel';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const assessed = new Map<string, Assessment>();
async function fixture(name: string): Promise<Assessment> {
  let a = assessed.get(name);
  if (!a) {
    a = await assess(new NodeWorkspace(path.join(FIXTURES, name)));
    assessed.set(name, a);
  }
  return a;
}
const entry = (project: ProjectAssessment, key = 'k', label = 'w'): ProjectEntry => ({ key, label, project });

describe('sidebar view model', () => {
  it('shows the verdict, scores, reasons and findings grouped by concern in a fixed order', async () => {
    const p = (await fixture('flask-batteries')).projects[0]!;
    const s = buildSidebarState({ status: 'ready', entries: [entry(p)], summary: 'Assessed' });
    assert.equal(s.status, 'ready');
    assert.equal(s.selected, 'k');
    const v = s.project!;
    assert.equal(v.verdict, verdictLine(p));
    assert.equal(v.recommendation, 'django');
    assert.equal(v.inUse, 'Flask');
    assert.equal(v.confidence, Math.round(p.confidence * 100));
    assert.deepEqual(v.scores, p.scores);
    assert.deepEqual(v.reasons, p.reasons);
    const order = Object.keys(CONCERNS);
    const concerns = v.groups.map((g) => g.concern);
    assert.deepEqual(concerns, [...concerns].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    assert.equal(v.groups.reduce((n, g) => n + g.findings.length, 0), p.findings.length);
    const auth = v.groups.find((g) => g.concern === 'auth')!.findings[0]!;
    assert.equal(auth.badge, `Django +${p.findings.find((f) => f.id === 'auth.users')!.weight}`);
    assert.equal(auth.icon, 'database');
    assert.ok(auth.evidence.some((e) => e.label === 'requirements.txt:5'));
    assert.match(v.factsLine, /^6 models · 19 relations · 10 routes/);
  });

  it('lists the Flask add-ons that re-create Django built-ins, with where each is declared', async () => {
    const p = (await fixture('flask-batteries')).projects[0]!;
    const b = buildSidebarState({ status: 'ready', entries: [entry(p)] }).project!.batteries!;
    assert.equal(b.kind, 'recreated');
    const byAddOn = Object.fromEntries(b.items.map((i) => [i.addOn, i]));
    assert.equal(byAddOn['Flask-Login']?.builtin, 'django.contrib.auth');
    assert.equal(byAddOn['Flask-Admin']?.builtin, 'django.contrib.admin');
    assert.equal(byAddOn['Flask-WTF']?.builtin, 'django.forms');
    assert.equal(byAddOn['Flask-Login']?.evidence?.label, 'requirements.txt:5');
  });

  it('shows unused Django batteries for a thin Django project', async () => {
    const p = (await fixture('django-thin')).projects[0]!;
    const b = buildSidebarState({ status: 'ready', entries: [entry(p)] }).project!.batteries;
    assert.equal(b?.kind, 'unused');
    assert.match(b!.message, /mostly unused/);
  });

  it('outlines a migration only when the recommendation differs from the framework in use', async () => {
    const flask = (await fixture('flask-batteries')).projects[0]!;
    const m = migrationView(flask)!;
    assert.equal(m.from, 'Flask');
    assert.equal(m.to, 'Django');
    assert.deepEqual(buildSidebarState({ status: 'ready', entries: [entry(flask)] }).project!.migration, m);
    assert.ok(m.mappings?.some((x) => x.from.includes('6 SQLAlchemy models with 19 relations')));
    assert.ok(m.steps.some((s) => s.includes('django.contrib.admin')));
    const minimal = (await fixture('flask-minimal')).projects[0]!;
    assert.equal(minimal.recommendation, 'flask');
    assert.equal(migrationView(minimal), undefined);
    const thin = (await fixture('django-thin')).projects[0]!;
    assert.equal(thin.recommendation, 'flask');
    assert.match(migrationView(thin)!.steps[0]!, /Flask app factory/);
    // The engine's outline is the only source: none without it, none when made for another verdict.
    assert.equal(migrationView({ ...flask, outline: undefined }), undefined);
    assert.equal(migrationView({ ...flask, outline: { ...flask.outline!, to: 'Flask' } }), undefined);
  });

  it("prefers the engine's outline and batteries report when the engine gives them", async () => {
    const scanned = (await fixture('flask-batteries')).projects[0]!;
    const p: ProjectAssessment = {
      ...scanned,
      outline: {
        from: 'Flask',
        to: 'Django',
        mappings: [{ from: 'Flask-Login', to: 'django.contrib.auth', note: 'keep the hashes' }],
        size: { models: 6, relations: 19, routes: 10, views: 0, templates: 8, forms: 4, modules: 2, addOns: 7 },
        effort: 'medium',
        effortText: '1–3 weeks for one developer',
        steps: ['one', 'two'],
      },
      batteries: { recreated: [{ addOn: 'Flask-Login', builtin: 'django.contrib.auth', evidence: [{ file: 'requirements.txt', line: 5 }] }], used: [], unused: [] },
      whatWouldChange: ['Flask would fit if the admin went away'],
    };
    const v = buildSidebarState({ status: 'ready', entries: [entry(p)] }).project!;
    assert.deepEqual(v.migration?.steps, ['one', 'two']);
    assert.equal(v.migration?.effort, 'medium: 1–3 weeks for one developer');
    assert.deepEqual(v.migration?.mappings, [{ from: 'Flask-Login', to: 'django.contrib.auth', note: 'keep the hashes' }]);
    assert.deepEqual(v.batteries?.items.map((i) => [i.addOn, i.evidence?.label]), [['Flask-Login', 'requirements.txt:5']]);
    assert.deepEqual(v.whatWouldChange, ['Flask would fit if the admin went away']);
    // A plan is explained anew: the headline and "what would change it" follow the merged verdict.
    const plan = applyNeeds({ ...p, headline: 'Django fits better: …' }, { apiOnly: true, database: 'none', admin: false, accounts: false, forms: false, pages: 'few' });
    assert.notEqual(plan.headline, 'Django fits better: …');
    assert.match(plan.headline ?? '', new RegExp(`^${plan.recommendation === 'django' ? 'Django' : 'Flask'} fits better \\(${Math.round(plan.confidence * 100)}%\\)`));
    assert.ok(plan.whatWouldChange?.length);
    assert.ok(plan.batteries);
  });

  it('offers a project selector with several projects and keeps a valid selection', async () => {
    const a = await fixture('monorepo');
    assert.ok(a.projects.length >= 2);
    const entries = a.projects.map((p) => entry(p, `k:${p.root}`, p.root));
    const s = buildSidebarState({ status: 'ready', entries, selected: `k:${a.projects[1]!.root}` });
    assert.equal(s.projects.length, a.projects.length);
    assert.equal(s.selected, `k:${a.projects[1]!.root}`);
    assert.equal(s.project!.label, a.projects[1]!.root);
    assert.equal(buildSidebarState({ status: 'ready', entries, selected: 'gone' }).selected, entries[0]!.key);
  });

  it('has no project view while scanning the first time or when nothing was found', () => {
    assert.equal(buildSidebarState({ status: 'scanning', entries: [], message: 'Reading' }).project, undefined);
    assert.equal(buildSidebarState({ status: 'noProject', entries: [] }).projects.length, 0);
  });

  it('marks declared needs and describes the plan', () => {
    const plan = applyNeeds(blankProject('(new project)'), { admin: true, pages: 'few' });
    const s = buildSidebarState({ status: 'ready', entries: [{ key: 'plan:new', label: 'Plan', project: plan, plan: { base: 'a new project', needs: { admin: true, pages: 'few' } } }] });
    assert.deepEqual(s.project!.plan, { base: 'a new project', answers: ['admin back office: yes', 'pages: under 10'] });
    assert.ok(s.project!.groups.flatMap((g) => g.findings).every((f) => f.declared));
  });
});

describe('status bar text', () => {
  it('shows the verdict of the selected project', async () => {
    const p = (await fixture('flask-batteries')).projects[0]!;
    const t = statusText('ready', [entry(p)]);
    assert.equal(t.text, `$(pass) Django fits better, ${Math.round(p.confidence * 100)}% sure`);
    assert.match(t.tooltip, /Django fits better/);
  });

  it('says when it is scanning, found nothing, failed or has no web app', () => {
    assert.equal(statusText('scanning', []).text, '$(sync~spin) Framework Fit');
    assert.equal(statusText('idle', []).text, '$(beaker) Framework Fit');
    assert.equal(statusText('noProject', []).text, '$(circle-slash) Framework Fit');
    assert.equal(statusText('error', []).text, '$(error) Framework Fit');
    assert.equal(statusText('ready', [entry(blankProject())]).text, '$(circle-slash) No web app');
    const p = applyNeeds(blankProject(), { pages: 'few' });
    assert.match(statusText('scanning', [entry(p)]).text, /^\$\(sync~spin\) Flask fits better, \d+% sure$/);
    assert.match(statusText('ready', [{ ...entry(p), plan: { base: 'a new project', needs: { pages: 'few' } } }]).text, /^\$\(checklist\) Plan: Flask fits better, \d+% sure$/);
  });
});

describe('verdict explanation', () => {
  it('breaks the score down by side with subtotals that add up', async () => {
    const p = (await fixture('flask-batteries')).projects[0]!;
    const x = explainVerdict(p);
    assert.equal(x.sides[0]!.framework, 'django');
    assert.equal(x.sides[0]!.total, p.scores.django);
    const sum = x.sides[0]!.findings.reduce((n, f) => n + f.weight, 0);
    assert.equal(Math.round(sum * 10) / 10, p.scores.django);
    assert.match(x.headline, new RegExp(`^Django fits better, ${Math.round(p.confidence * 100)}% sure: ${p.scores.django} points to Flask's ${p.scores.flask}`));
    assert.match(x.confidence, new RegExp(`^${Math.round(p.confidence * 100)}% sure: a \\d+-point lead, with evidence in \\d+% of the Python files`));
    assert.ok(!/\b[a-z]+\.[a-z]+\b/.test(x.headline), `no internal ids in the headline: ${x.headline}`);
  });

  it('explains a project without a verdict', () => {
    const x = explainVerdict(blankProject());
    assert.match(x.headline, /^No verdict/);
  });
});

describe('live updates and diagnostics', () => {
  it('reacts to manifests and Python files, not to environments, caches or excluded paths', () => {
    for (const p of ['app.py', 'pkg/models.py', 'requirements.txt', 'requirements/base.txt', 'pyproject.toml', 'web/Pipfile', 'setup.cfg', 'environment.yml', 'deps/dev.in']) {
      assert.ok(isRelevantChange(p), p);
    }
    for (const p of ['.venv/lib/python3.12/site-packages/flask/app.py', 'venv/x.py', 'node_modules/a/setup.py', 'a/__pycache__/b.py', 'notes.txt', 'README.md', 'foo.egg-info/requires.txt', '']) {
      assert.equal(isRelevantChange(p), false, p);
    }
    assert.equal(isRelevantChange('vendor/lib.py', ['vendor/**']), false);
    assert.ok(isRelevantChange('app/lib.py', ['vendor/**']));
  });

  it('turns problems and both-frameworks-declared into diagnostics', async () => {
    const a = await fixture('flask-batteries');
    const withBoth: Assessment = {
      ...a,
      problems: [{ file: 'requirements.txt', line: 3, message: 'bad line', severity: 'error' }],
      projects: [
        {
          ...a.projects[0]!,
          findings: [{ id: 'framework.both', concern: 'framework', favors: 'neither', weight: 0, message: 'both', evidence: [{ file: 'requirements.txt', line: 2, column: 1, endLine: 2, endColumn: 6 }] }],
        },
      ],
    };
    const d = diagnosticsOf(withBoth);
    assert.deepEqual(d[0], { file: 'requirements.txt', line: 3, message: 'bad line', severity: 'error', code: 'problem' });
    assert.equal(d[1]!.code, 'framework.both');
    assert.equal(d[1]!.severity, 'warning');
    assert.equal(d[1]!.line, 2);
    assert.equal(d[1]!.endColumn, 6);
  });
});
