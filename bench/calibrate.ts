/**
 * `npm run calibrate`: assesses the seeded calibration set (bench/calibration.ts) and prints the
 * reliability table, stated confidence against observed hit rate per decile, plus any misses.
 */
import { calibrationSet, reliability, reliabilityTable, runCalibration } from './calibration';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 300);
  const results = await runCalibration(calibrationSet(count));
  console.log(`${results.length} synthetic workspaces (seed 16)\n`);
  console.log(reliabilityTable(reliability(results)));
  const missed = results.filter((r) => r.recommendation !== r.intended);
  console.log(`\nMissed: ${missed.length} (${missed.map((m) => `${m.name} ${Math.round(m.confidence * 100)}%`).join(', ') || 'none'})`);
}

void main();
