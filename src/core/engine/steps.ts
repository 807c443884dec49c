/**
 * Long computations written as generators: each `yield` marks where they may pause. `runSteps`
 * runs one to the end (CLI, tests); `TimeSlicer` runs them in slices that give the thread back
 * (the extension host), keeping the code's plain shape.
 */

/** A computation that may pause at each `yield` and ends with a `T`. */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Runs computations in slices of about `sliceMs`: at a `yield` past the slice, it awaits `pause()`
 * (which gives the thread back, and may throw to cancel) before going on. The slice is shared by
 * every computation run through one slicer, so many small ones do not each get a full slice.
 */
export class TimeSlicer {
  private sliceStart = now();

  constructor(
    private readonly sliceMs: number,
    private readonly pause: () => Promise<void>,
  ) {}

  async run<T>(steps: Steps<T>): Promise<T> {
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      if (now() - this.sliceStart >= this.sliceMs) await this.yieldNow();
    }
  }

  /** Gives the thread back now and starts a new slice. */
  async yieldNow(): Promise<void> {
    await this.pause();
    this.sliceStart = now();
  }
}

function now(): number {
  return performance.now();
}
