/**
 * Declared needs (core/verdict/needs.ts): the findings each answer adds, the merge with scanned findings,
 * and that the recomputed verdict follows scoring.ts exactly.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { assess } from '../../src/core/assess';
import type { ProjectAssessment } from '../../src/core/model';
import { applyNeeds, blankProject, hasNeeds, needFindings, parseNeeds } from '../../src/core/verdict/needs';
import { confidenceOf, decide } from '../../src/core/verdict/scoring';
import { NodeWorkspace } from '../../src/core/read/workspace';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

async function project(name: string): Promise<ProjectAssessment> {
  const a = await assess(new NodeWorkspace(path.join(FIXTURES, name)));
  return a.projects[0]!;
}

describe('declared needs', () => {
  it('a blank project has no verdict until a question is answered', () => {
    const blank = blankProject();
    assert.equal(applyNeeds(blank, {}).recommendation, null);
    assert.equal(hasNeeds({}), false);
    assert.equal(hasNeeds({ realtime: false }), true);
  });

  it('adds one needs.<question> finding per answer, with the favours of the rule of thumb', () => {
    const byId = Object.fromEntries(
      needFindings({ database: 'many', accounts: true, admin: true, forms: true, apiOnly: true, pages: 'many', realtime: true }).map((f) => [f.id, f]),
    );
    assert.deepEqual(Object.keys(byId).sort(), ['needs.accounts', 'needs.admin', 'needs.apiOnly', 'needs.database', 'needs.forms', 'needs.pages', 'needs.realtime']);
    assert.equal(byId['needs.database'].favors, 'django');
    assert.equal(byId['needs.accounts'].favors, 'django');
    assert.equal(byId['needs.admin'].favors, 'django');
    assert.equal(byId['needs.forms'].favors, 'django');
    assert.equal(byId['needs.apiOnly'].favors, 'flask');
    assert.equal(byId['needs.pages'].favors, 'django');
    assert.equal(byId['needs.realtime'].favors, 'neither');
    assert.equal(byId['needs.realtime'].weight, 0);
    for (const f of Object.values(byId)) assert.deepEqual(f.evidence, []);
  });

  it('a greenfield site of a few pages with no data fits Flask', () => {
    const p = applyNeeds(blankProject(), { database: 'none', accounts: false, admin: false, forms: false, apiOnly: false, pages: 'few' });
    assert.equal(p.recommendation, 'flask');
    assert.equal(p.scores.django, 0);
    assert.ok(p.confidence > 0.7, String(p.confidence));
  });

  it('a greenfield data-heavy back office fits Django', () => {
    const p = applyNeeds(blankProject(), { database: 'many', accounts: true, admin: true, forms: true, pages: 'many' });
    assert.equal(p.recommendation, 'django');
    assert.equal(p.scores.flask, 0);
    assert.equal(p.scores.django, 12 + 8 + 10 + 5 + 8);
    assert.ok(p.reasons[0]?.startsWith('Planned: many tables'));
  });

  it('recomputes scores, confidence and reasons with scoring.ts, keeping facts and dependencies', async () => {
    const scanned = await project('flask-minimal');
    const merged = applyNeeds(scanned, { database: 'many', accounts: true, admin: true });
    const again = decide(merged.findings, true);
    assert.deepEqual(merged.scores, again.scores);
    assert.equal(merged.recommendation, again.recommendation);
    assert.equal(merged.confidence, confidenceOf(merged.scores, { framework: merged.framework, coverage: merged.coverage }).confidence);
    assert.deepEqual(merged.reasons, again.reasons);
    assert.deepEqual(merged.facts, scanned.facts);
    assert.deepEqual(merged.dependencies, scanned.dependencies);
    assert.equal(merged.framework, scanned.framework);
    // The scanned findings are all still there, with their weights, except one that rests on
    // absence alone ("no database found") where a need answers the same concern.
    for (const f of scanned.findings) {
      const superseded = f.evidence.length === 0 && f.concern === 'data';
      assert.ok(merged.findings.some((m) => m.id === f.id && m.weight === (superseded ? 0 : f.weight)), f.id);
    }
    assert.match(merged.findings.find((f) => f.id === 'data.none')!.message, /superseded by the declared need/);
    assert.equal(scanned.recommendation, 'flask');
    assert.equal(merged.recommendation, 'django');
  });

  it('does not count a need twice when the code already shows it', async () => {
    const scanned = await project('flask-batteries');
    assert.ok(scanned.findings.some((f) => f.id === 'auth.users' && f.weight > 0));
    const merged = applyNeeds(scanned, { accounts: true });
    const need = merged.findings.find((f) => f.id === 'needs.accounts')!;
    assert.equal(need.weight, 0);
    assert.match(need.message, /already shows it/);
    assert.deepEqual(merged.scores, scanned.scores);
  });

  it('counts a need that goes against the code in full', async () => {
    const scanned = await project('flask-batteries');
    const merged = applyNeeds(scanned, { apiOnly: true });
    assert.equal(merged.findings.find((f) => f.id === 'needs.apiOnly')?.weight, 6);
    assert.equal(merged.scores.flask, scanned.scores.flask + 6);
  });

  it('replaces earlier needs when applied again', () => {
    const once = applyNeeds(blankProject(), { admin: true });
    const twice = applyNeeds(once, { admin: false });
    assert.deepEqual(twice.findings.filter((f) => f.id.startsWith('needs.')).map((f) => f.favors), ['flask']);
    assert.equal(twice.recommendation, 'flask');
  });

  it('gives a project without a web signal a verdict once needs are declared', async () => {
    const scanned = blankProject('lib');
    assert.equal(scanned.recommendation, null);
    assert.equal(applyNeeds(scanned, { pages: 'few' }).recommendation, 'flask');
  });

  it('reads needs from untrusted input, keeping only known answers', () => {
    assert.equal(parseNeeds(null), undefined);
    assert.equal(parseNeeds('admin'), undefined);
    assert.deepEqual(parseNeeds({ admin: true, accounts: 'yes', database: 'lots', pages: 'few', extra: 1, __proto__: { forms: true } }), { admin: true, pages: 'few' });
  });
});
