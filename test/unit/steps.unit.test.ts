import { strict as assert } from 'node:assert';
import { runSteps, TimeSlicer, type Steps } from '../../src/core/engine/steps';

/** Busy for `ms` (a step of real work). */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* spin */
  }
}

/** `n` steps of `ms` each, recording the order of steps as it goes; ends with `n`. */
function* work(n: number, ms: number, log: string[]): Steps<number> {
  for (let i = 0; i < n; i++) {
    busy(ms);
    log.push(`step ${i}`);
    yield;
  }
  return n;
}

describe('steps: computations that may pause', () => {
  it('runSteps runs to the end without pausing and returns the result', () => {
    const log: string[] = [];
    assert.equal(runSteps(work(5, 0, log)), 5);
    assert.equal(log.length, 5);
  });

  it('TimeSlicer pauses once a slice is used up, and never within one', async () => {
    const log: string[] = [];
    // Each step takes 3 ms; with 10 ms slices the thread is given back every three or four steps.
    const slicer = new TimeSlicer(10, async () => {
      log.push('pause');
      await new Promise((r) => setImmediate(r));
    });
    assert.equal(await slicer.run(work(20, 3, log)), 20);
    const pauses = log.filter((l) => l === 'pause').length;
    assert.ok(pauses >= 4 && pauses <= 7, `${pauses} pauses in ${log.join(', ')}`);
    // No two pauses in a row, none before the first step.
    assert.notEqual(log[0], 'pause');
    for (let i = 1; i < log.length; i++) assert.ok(!(log[i] === 'pause' && log[i - 1] === 'pause'), log.join(', '));
  });

  it('TimeSlicer gives other tasks the thread between slices', async () => {
    const log: string[] = [];
    const slicer = new TimeSlicer(5, () => new Promise((r) => setImmediate(r)));
    const timer = new Promise<void>((r) =>
      setImmediate(() => {
        log.push('other task');
        r();
      }),
    );
    await Promise.all([slicer.run(work(10, 2, log)), timer]);
    const at = log.indexOf('other task');
    assert.ok(at > 0 && at < log.length - 1, `the other task ran at ${at} of ${log.length}: ${log.join(', ')}`);
  });

  it('a pause that throws (a cancelled scan) stops the computation there', async () => {
    const log: string[] = [];
    const slicer = new TimeSlicer(0, () => Promise.reject(new Error('cancelled')));
    await assert.rejects(slicer.run(work(10, 0, log)), /cancelled/);
    assert.deepEqual(log, ['step 0']);
  });

  it('one slice is shared by the computations run through one slicer', async () => {
    let pauses = 0;
    const slicer = new TimeSlicer(10, async () => {
      pauses++;
      await new Promise((r) => setImmediate(r));
    });
    // Twenty computations of one 1 ms step each: about two pauses, not one per computation.
    for (let i = 0; i < 20; i++) await slicer.run(work(1, 1, []));
    assert.ok(pauses >= 1 && pauses <= 3, `${pauses} pauses`);
  });
});
