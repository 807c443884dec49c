/** What the benchmark scripts share: running `main` as a command (its exit code, or 1 with the error). */

/** Runs `main` and exits with the code it returns; an error is printed as `name: stack` and exits 1. */
export function runScript(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

/** The element whose `key` is the median of all (the upper one of an even count). */
export function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)];
}
