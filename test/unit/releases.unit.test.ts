import { strict as assert } from 'node:assert';
import { compare } from '@renovatebot/pep440';
import { RELEASES, RELEASES_AS_OF, supportStatus } from '../../src/core/knowledge/releases';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('release tables', () => {
  it('says when they were last checked', () => {
    assert.match(RELEASES_AS_OF, ISO_DATE);
  });

  it('lists each framework oldest first with valid dates', () => {
    for (const lines of Object.values(RELEASES)) {
      for (let i = 0; i < lines.length; i++) {
        const r = lines[i]!;
        assert.match(r.line, /^\d+\.\d+$/);
        assert.match(r.released, ISO_DATE);
        assert.ok(r.released <= RELEASES_AS_OF, `${r.line} was released by ${RELEASES_AS_OF}`);
        if (r.supportedUntil) assert.ok(r.supportedUntil > r.released, r.line);
        if (r.mainstreamUntil && r.supportedUntil) assert.ok(r.mainstreamUntil <= r.supportedUntil);
        if (i > 0) {
          const prev = lines[i - 1]!;
          assert.ok(compare(prev.line, r.line) < 0, `${prev.line} before ${r.line}`);
          assert.ok(prev.released < r.released, `${prev.line} released before ${r.line}`);
        }
      }
    }
  });

  it('gives every Django line an end of extended support and marks the LTS lines', () => {
    for (const r of RELEASES.django) assert.match(r.supportedUntil ?? '', ISO_DATE, r.line);
    const lts = RELEASES.django.filter((r) => r.lts).map((r) => r.line);
    assert.deepEqual(lts, ['1.4', '1.8', '1.11', '2.2', '3.2', '4.2', '5.2']);
    const byLine = new Map(RELEASES.django.map((r) => [r.line, r]));
    assert.equal(byLine.get('3.2')?.supportedUntil, '2024-04-01');
    assert.equal(byLine.get('4.2')?.supportedUntil, '2026-04-01');
    assert.equal(byLine.get('5.2')?.supportedUntil, '2028-04-01');
  });

  it('ends each Flask line when the next one is released, and leaves the newest open', () => {
    const flask = RELEASES.flask;
    for (let i = 0; i < flask.length - 1; i++) {
      assert.equal(flask[i]!.supportedUntil, flask[i + 1]!.released, flask[i]!.line);
    }
    assert.equal(flask[flask.length - 1]!.supportedUntil, undefined);
    assert.equal(flask.find((r) => r.line === '2.3')?.supportedUntil, '2023-09-30');
  });
});

describe('supportStatus', () => {
  const today = day('2026-11-25');

  it('reads a pinned Django version past end of life', () => {
    const s = supportStatus('django', '==3.2.19', today);
    assert.equal(s.line, '3.2');
    assert.equal(s.status, 'end-of-life');
    assert.equal(s.until, '2024-04-01');
    assert.match(s.message, /Django 3\.2 LTS reached end of extended support on 2024-04-01/);
    assert.match(s.message, /Django 5\.2 LTS is supported until 2028-04-01/);
  });

  it('judges the same pin as supported before its end date', () => {
    const s = supportStatus('django', '==3.2.19', day('2023-06-01'));
    assert.equal(s.status, 'supported');
    assert.equal(s.until, '2024-04-01');
    assert.match(s.message, /security fixes only, until 2024-04-01/);
  });

  it('switches to end-of-life on the first day of the published month', () => {
    assert.equal(supportStatus('django', '==4.2.20', day('2026-03-31')).status, 'supported');
    assert.equal(supportStatus('django', '==4.2.20', day('2026-04-01')).status, 'end-of-life');
  });

  it('takes the newest line a range allows', () => {
    assert.equal(supportStatus('django', '>=4.2,<5', today).line, '4.2');
    assert.equal(supportStatus('django', '>=4.2,<5', today).status, 'end-of-life');
    assert.equal(supportStatus('django', '>=4.2,<5', day('2025-06-01')).status, 'supported');
    const range = supportStatus('django', '>=3.0,<4.2', today);
    assert.equal(range.line, '4.1');
    assert.match(range.message, /allows nothing newer than 4\.1/);
    assert.equal(supportStatus('django', '~=5.2', today).line, '5.2');
    assert.equal(supportStatus('django', '==4.2.*', today).line, '4.2');
    assert.equal(supportStatus('django', '>4.2.3,<4.2.7', today).line, '4.2');
    assert.equal(supportStatus('django', '!=6.1.*', today).line, '6.0');
    assert.equal(supportStatus('django', '>= 5.0, < 5.2', today).line, '5.1');
  });

  it('takes the newest known line for an open range', () => {
    const s = supportStatus('django', '>=3.0', today);
    assert.equal(s.line, RELEASES.django[RELEASES.django.length - 1]!.line);
    assert.equal(s.status, 'supported');
    const flask = supportStatus('flask', '>=2.0', today);
    assert.equal(flask.line, '3.1');
    assert.equal(flask.status, 'supported');
    assert.equal(flask.until, undefined);
    assert.match(flask.message, /latest release line/);
  });

  it('reads Flask upper bounds and pins', () => {
    const old = supportStatus('flask', '<2', today);
    assert.equal(old.line, '1.1');
    assert.equal(old.status, 'end-of-life');
    assert.equal(old.until, '2021-05-11');
    assert.match(old.message, /Flask supports only its latest release line/);
    assert.equal(supportStatus('flask', '==2.3.3', day('2023-07-01')).status, 'supported');
    assert.equal(supportStatus('flask', '==2.3.3', day('2023-10-01')).status, 'end-of-life');
    assert.equal(supportStatus('flask', '==0.12.5', today).line, '0.12');
  });

  it('reads Poetry-style and bare versions', () => {
    assert.equal(supportStatus('django', '^4.2', today).line, '4.2');
    assert.equal(supportStatus('django', '~5.1', today).line, '5.1');
    assert.equal(supportStatus('django', '5.2.1', today).line, '5.2');
    assert.equal(supportStatus('flask', '^1.0', today).line, '1.1');
  });

  it('takes a pre-release pin as its line', () => {
    assert.equal(supportStatus('django', '==5.2rc1', today).line, '5.2');
  });

  it('is unknown when the version is not pinned', () => {
    for (const spec of ['', '  ', '*']) {
      const s = supportStatus('django', spec, today);
      assert.equal(s.status, 'unknown');
      assert.equal(s.line, undefined);
      assert.match(s.message, /not pinned/);
    }
  });

  it('is unknown when the specifier cannot be read', () => {
    const s = supportStatus('flask', 'latest', today);
    assert.equal(s.status, 'unknown');
    assert.match(s.message, /Could not read/);
    assert.equal(supportStatus('flask', '^1.0 || ^2.0', today).status, 'unknown');
  });

  it('is unknown for a line newer than the table, or a line not out yet', () => {
    const future = supportStatus('django', '==9.0', today);
    assert.equal(future.status, 'unknown');
    assert.match(future.message, /newer than Django/);
    const early = supportStatus('django', '==5.2', day('2024-01-01'));
    assert.equal(early.status, 'unknown');
    assert.match(early.message, /not released yet/);
  });

  it('calls versions older than the table end-of-life', () => {
    for (const spec of ['<1.3', '==1.2.7', '==0.96']) {
      const s = supportStatus('django', spec, today);
      assert.equal(s.status, 'end-of-life', spec);
      assert.match(s.message, /older than every release line/);
    }
  });
});
