/**
 * Long computations written as generators: each `yield` marks a point where the computation may
 * pause. The same code runs to the end at once (`runSteps`: the CLI, tests) or in time slices that
 * give the thread back in between (`TimeSlicer`: a scan in the extension host, where a verdict over
 * thousands of classes and observations must not hold the editor's thread).
 *
 * Why generators rather than chunked callbacks: the computation keeps its plain shape (loops,
 * locals, early returns), and where it may pause is visible at the `yield`.
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
