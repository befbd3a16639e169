/**
 * Benchmark of the Simar–Wilson bootstrap (issue 12): B = 2000 replicates of every area of the
 * shipped data's latest year (all 290 municipalities), with the default worker threads, as
 * `analyse` runs it. Reports `bootstrap_s`, the wall time of the bootstrap alone (the point DEA
 * is the analyse bench's). Run directly: `npx tsx bench/bootstrap.ts [B]`.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadKoladaSeries, loadMunicipalities } from '../pipeline/load/index.ts';
import { loadModel, modelKpis } from '../pipeline/analyse/index.ts';
import { analyse, bootstrapProblems } from '../pipeline/analyse/analyse.ts';
import { addUncertaintyWithUnranked, DEFAULT_BOOTSTRAP } from '../pipeline/analyse/uncertainty/index.ts';

const DATA = fileURLToPath(new URL('../data/', import.meta.url));

/** Wall time of the bootstrap (B replicates, all areas) and the number of LPs it solved. */
export async function benchBootstrap(
  replicates = DEFAULT_BOOTSTRAP.replicates,
): Promise<{ name: string; value: number; unit: string; target?: string }[]> {
  const municipalities = await loadMunicipalities(join(DATA, 'kommuner.csv'));
  const model = await loadModel(join(DATA, 'modell.yaml'));
  const series = await loadKoladaSeries(join(DATA, 'kolada'), modelKpis(model));
  // The problems exactly as the analysis solved them (the latest complete data year).
  const { table, unranked = [], problems: solved = {} } = await analyse({ municipalities, series, model });
  const problems = bootstrapProblems(solved);
  const started = performance.now();
  const cpu = process.cpuUsage();
  // The unranked municipalities' areas are resampled too (docs/method.md §3), as `analyse` does.
  await addUncertaintyWithUnranked(table, unranked, problems, { ...DEFAULT_BOOTSTRAP, replicates });
  const seconds = (performance.now() - started) / 1000;
  // All threads of the process: independent of how busy the machine is, unlike the wall time.
  const cpuSeconds = process.cpuUsage(cpu).user / 1e6;
  const lps = replicates * problems.reduce((sum, p) => sum + p.problem.ids.length, 0);
  return [
    {
      name: 'bootstrap_s',
      value: Number(seconds.toFixed(1)),
      unit: 's',
      target: replicates === 2000 ? '≤ 60' : undefined,
    },
    { name: 'bootstrap_cpu_s (all threads)', value: Number(cpuSeconds.toFixed(1)), unit: 's' },
    { name: 'bootstrap LPs', value: lps, unit: 'LPs' },
    { name: 'bootstrap µs CPU per LP', value: Number(((cpuSeconds * 1e6) / lps).toFixed(1)), unit: 'µs' },
    { name: 'bootstrap µs per LP (wall, all workers)', value: Number(((seconds * 1e6) / lps).toFixed(1)), unit: 'µs' },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const { name, value, unit } of await benchBootstrap(Number(process.argv[2] ?? DEFAULT_BOOTSTRAP.replicates)))
    process.stdout.write(`${name}: ${value} ${unit}\n`);
}
