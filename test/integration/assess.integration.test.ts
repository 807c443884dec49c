/**
 * "Assess framework fit" inside VS Code, reading the workspace through `vscode.workspace.fs`:
 * every fixture folder's verdict and counts match its EXPECTED.json, as the engine's unit tests
 * check them through Node's fs.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ProjectAssessment } from '../../src/core/model';
import { QuickPickSpy, activate, assessmentOf, expected, resetWorkbench, runAssess, type FolderAssessment, type FrameworkFitApi } from './helpers';

interface Expected {
  framework: string | null;
  recommendation: string | null;
  projects: string[];
  perProject?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

const COUNTS = ['models', 'relations', 'routes', 'templates', 'blueprints', 'auth', 'admin', 'migrations', 'forms', 'restApi'] as const;

function summary(p: ProjectAssessment): Record<string, unknown> {
  const s: Record<string, unknown> = { framework: p.framework, recommendation: p.recommendation };
  for (const k of COUNTS) s[k] = p.facts[k];
  return s;
}

function expectedSummary(e: Record<string, unknown>): Record<string, unknown> {
  const s: Record<string, unknown> = { framework: e.framework ?? 'none', recommendation: e.recommendation };
  for (const k of COUNTS) s[k] = e[k];
  return s;
}

describe('the assess command', () => {
  let api: FrameworkFitApi;
  let results: FolderAssessment[];

  before(async () => {
    api = await activate();
    const spy = new QuickPickSpy();
    try {
      const run = await runAssess(spy);
      results = run.results;
      await run.projects.dismiss();
    } finally {
      spy.dispose();
    }
  });
  after(resetWorkbench);

  it('assesses every workspace folder', () => {
    const names = (vscode.workspace.workspaceFolders ?? []).map((f) => f.name).sort();
    assert.deepEqual(results.map((r) => r.folder.name).sort(), names);
    assert.ok(names.length >= 3);
  });

  it('finds that flask-batteries, a Flask app rebuilding Django, fits Django: 6 models', () => {
    const [p] = assessmentOf(results, 'flask-batteries').projects;
    assert.equal(p.framework, 'flask');
    assert.equal(p.recommendation, 'django');
    assert.equal(p.facts.models, 6);
    assert.equal(p.facts.relations, 19);
    assert.ok(p.scores.django > p.scores.flask);
  });

  it('finds that django-polls fits Django', () => {
    const [p] = assessmentOf(results, 'django-polls').projects;
    assert.equal(p.framework, 'django');
    assert.equal(p.recommendation, 'django');
  });

  it('finds that flask-minimal fits Flask', () => {
    const [p] = assessmentOf(results, 'flask-minimal').projects;
    assert.equal(p.framework, 'flask');
    assert.equal(p.recommendation, 'flask');
    assert.equal(p.facts.models, 0);
  });

  it('matches EXPECTED.json in every fixture folder', () => {
    for (const r of results) {
      const e = expected<Expected>(r.folder.name);
      const a = r.assessment;
      assert.deepEqual(a.projects.map((p) => p.root), e.projects, `${r.folder.name}: project roots`);
      for (const p of a.projects) {
        assert.deepEqual(summary(p), expectedSummary(e.perProject?.[p.root] ?? e), `${r.folder.name}/${p.root}`);
      }
    }
  });

  it('gives evidence as workspace-relative paths that exist', async () => {
    const { folder, assessment } = results.find((r) => r.folder.name === 'flask-batteries')!;
    const files = new Set(assessment.projects.flatMap((p) => p.findings.flatMap((f) => f.evidence.map((e) => e.file))));
    assert.ok(files.size > 0);
    for (const f of files) await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, ...f.split('/')));
  });

  it('keeps the last assessment in the API', () => {
    const last = api.lastAssessments();
    assert.deepEqual(last.map((r) => r.folder.name), results.map((r) => r.folder.name));
    last.forEach((r, i) => assert.equal(r.assessment, results[i].assessment, r.folder.name));
  });
});
