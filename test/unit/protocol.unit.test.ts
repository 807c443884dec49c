/**
 * The webview protocol (shared/protocol.ts): every message from the webview is checked before the
 * host uses it, and "openEvidence" may only name files the current assessment cites.
 */
import { strict as assert } from 'node:assert';
import type { ProjectAssessment } from '../../src/core/model';
import { blankProject } from '../../src/core/verdict/needs';
import { WEBVIEW_TO_HOST_TYPES, isEvidenceOf, isHostToWebview, isSafeRelativePath, parseWebviewToHost } from '../../src/shared/protocol';

const project: ProjectAssessment = {
  ...blankProject(),
  manifests: ['requirements.txt'],
  findings: [
    { id: 'data.models', concern: 'data', favors: 'django', weight: 8, message: 'm', evidence: [{ file: 'app/models.py', line: 12 }, { file: 'migrations/alembic.ini' }] },
  ],
  dependencies: [
    { name: 'flask', rawName: 'Flask', specifier: '', extras: [], marker: '', kind: 'runtime', format: 'requirements', file: 'requirements.txt', line: 2, column: 1, endLine: 2, endColumn: 6 },
  ],
};

describe('webview protocol', () => {
  it('accepts each well-formed message and drops unknown properties', () => {
    assert.deepEqual(parseWebviewToHost({ type: 'ready', extra: '<script>' }), { type: 'ready' });
    assert.deepEqual(parseWebviewToHost({ type: 'rerun' }), { type: 'rerun' });
    assert.deepEqual(parseWebviewToHost({ type: 'export' }), { type: 'export' });
    assert.deepEqual(parseWebviewToHost({ type: 'plan' }), { type: 'plan' });
    assert.deepEqual(parseWebviewToHost({ type: 'clearPlan' }), { type: 'clearPlan' });
    assert.deepEqual(parseWebviewToHost({ type: 'selectProject', key: 'file:///w::.' }), { type: 'selectProject', key: 'file:///w::.' });
    assert.deepEqual(parseWebviewToHost({ type: 'explain', key: 'k' }), { type: 'explain', key: 'k' });
    assert.deepEqual(parseWebviewToHost({ type: 'openEvidence', key: 'k', file: 'app/models.py', line: 12, column: 3, command: 'x' }), {
      type: 'openEvidence',
      key: 'k',
      file: 'app/models.py',
      line: 12,
      column: 3,
    });
    assert.deepEqual(parseWebviewToHost({ type: 'openEvidence', key: 'k', file: 'README' }), { type: 'openEvidence', key: 'k', file: 'README' });
  });

  it('knows every message type it validates', () => {
    for (const type of WEBVIEW_TO_HOST_TYPES) {
      const sample = { type, key: 'k', file: 'a.py' };
      assert.ok(parseWebviewToHost(sample), type);
    }
  });

  it('rejects malformed messages', () => {
    const bad: unknown[] = [
      null,
      undefined,
      'ready',
      42,
      [],
      { type: 'nope' },
      { type: 'toString' },
      { type: '__proto__' },
      { type: 'selectProject' },
      { type: 'selectProject', key: '' },
      { type: 'selectProject', key: 7 },
      { type: 'selectProject', key: 'x'.repeat(5000) },
      { type: 'explain', key: null },
      { type: 'openEvidence', key: 'k' },
      { type: 'openEvidence', key: 'k', file: 'a.py', line: 0 },
      { type: 'openEvidence', key: 'k', file: 'a.py', line: 1.5 },
      { type: 'openEvidence', key: 'k', file: 'a.py', line: '3' },
      { type: 'openEvidence', key: 'k', file: 'a.py', column: -1 },
      { type: 'openEvidence', key: 'k', file: '../etc/passwd' },
      { type: 'openEvidence', key: 'k', file: '/etc/passwd' },
      { type: 'openEvidence', key: 'k', file: 'C:/Windows/win.ini' },
      { type: 'openEvidence', key: 'k', file: 'file:///etc/passwd' },
      { type: 'openEvidence', key: 'k', file: 'a\\..\\b' },
    ];
    for (const m of bad) assert.equal(parseWebviewToHost(m), undefined, JSON.stringify(m));
  });

  it('accepts only plain workspace-relative paths', () => {
    for (const ok of ['a.py', 'app/models.py', 'requirements/base.txt', '.flaskenv', 'a b/c.py', 'x..y/z.py']) assert.ok(isSafeRelativePath(ok), ok);
    for (const no of ['', '.', '..', 'a/../b', './a', 'a//b', 'a/', '/a', 'C:a', 'c:/a', 'https://x/y', 'vscode-remote://h/p', 'a\\b', 'a\u0000b', 'a\nb']) {
      assert.equal(isSafeRelativePath(no), false, JSON.stringify(no));
    }
  });

  it('opens only files the assessment cites', () => {
    assert.ok(isEvidenceOf(project, 'app/models.py', 12));
    assert.ok(isEvidenceOf(project, 'app/models.py'));
    assert.ok(isEvidenceOf(project, 'migrations/alembic.ini'));
    assert.ok(isEvidenceOf(project, 'requirements.txt', 2), 'a dependency line');
    assert.ok(isEvidenceOf(project, 'requirements.txt'), 'a manifest');
    assert.equal(isEvidenceOf(project, 'app/models.py', 13), false);
    assert.equal(isEvidenceOf(project, 'app/views.py'), false);
    assert.equal(isEvidenceOf(project, '.env'), false);
    assert.equal(isEvidenceOf(project, 'requirements.txt', 3), false);
  });

  it('checks the shape of host messages in the webview', () => {
    assert.ok(isHostToWebview({ type: 'state', state: { status: 'ready', projects: [] } }));
    assert.ok(isHostToWebview({ type: 'progress', message: 'Reading' }));
    assert.equal(isHostToWebview({ type: 'state', state: { status: 'ready' } }), false);
    assert.equal(isHostToWebview({ type: 'progress' }), false);
    assert.equal(isHostToWebview({ type: 'other' }), false);
    assert.equal(isHostToWebview(null), false);
  });
});
