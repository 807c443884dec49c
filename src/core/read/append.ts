/**
 * `target.push(...items)` passes every item as an argument: past about 120,000 of them V8 throws
 * "Maximum call stack size exceeded" (a 960 KB requirements file of 160,000 lines did). This does
 * not. Kept in read/, the first layer, so that every stage may use it.
 */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}
