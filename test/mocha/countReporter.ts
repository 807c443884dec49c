/**
 * Mocha's spec reporter plus one count line at the end that a reader (or CI) can grep:
 * `unit: 42 passed, 0 failed, 0 pending`. The label comes from `--reporter-option label=<suite>`.
 * Used by every suite: unit and e2e (mocha CLI) and integration (mocha inside VS Code).
 */
import Mocha from 'mocha';

/** The spec reporter with a trailing "N passed, N failed" line. */
class CountReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const label = (options?.reporterOptions as { label?: string } | undefined)?.label ?? 'tests';
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const s = this.stats;
      console.log(`${label}: ${s.passes} passed, ${s.failures} failed, ${s.pending} pending`);
    });
  }
}

export = CountReporter;
