/**
 * Calibration: on the seeded synthetic set (bench/calibration.ts), each decile of stated confidence
 * with enough cases has an observed hit rate within 10 points of it. The old squashed-score
 * confidence, applied to the same scores, fails the same check: the test can fail.
 */
import { strict as assert } from 'node:assert';
import { calibrationSet, miscalibrated, reliability, reliabilityTable, runCalibration, type CalibrationResult } from '../../bench/calibration';
import { PythonParser } from '../../src/core/python/parser';
import { CONFIDENCE_CAP } from '../../src/core/verdict/scoring';

describe('calibration', function () {
  this.timeout(60_000);
  let results: CalibrationResult[] = [];
  before(async () => {
    const parser = await PythonParser.create();
    try {
      results = await runCalibration(calibrationSet(), parser);
    } finally {
      parser.dispose();
    }
  });

  it('assesses at least 200 workspaces, every one a web application with a verdict', () => {
    assert.ok(results.length >= 200);
    assert.deepEqual(results.filter((r) => r.recommendation === null).map((r) => r.name), []);
  });

  it('states confidences that match the observed hit rate within 10 points per decile', () => {
    const rows = reliability(results);
    assert.deepEqual(miscalibrated(rows), [], reliabilityTable(rows));
  });

  it('never states more than the cap', () => {
    assert.ok(results.every((r) => r.confidence <= CONFIDENCE_CAP));
  });

  it('fails the same check with the old squashed-score confidence', () => {
    const old = results.map((r) => {
      const total = r.scores.flask + r.scores.django;
      const share = total === 0 ? 0.5 : Math.max(r.scores.flask, r.scores.django) / total;
      return { ...r, confidence: 0.5 + (share - 0.5) * (1 - Math.exp(-total / 15)) };
    });
    assert.notDeepEqual(miscalibrated(reliability(old)), []);
  });
});
