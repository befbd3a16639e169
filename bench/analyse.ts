/**
 * Benchmark of the analyse stage: the full DEA (all areas, all 290, with phase 2 and
 * super-efficiency) on data/, median of 3 runs. Run directly: `npx tsx bench/analyse.ts`.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadKoladaSeries, loadMunicipalities } from '../pipeline/load/index.ts';
import { analyse, loadModel, modelKpis } from '../pipeline/analyse/index.ts';
import { loadHighs } from '../pipeline/analyse/dea/index.ts';

const DATA = fileURLToPath(new URL('../data/', import.meta.url));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Load time and analysis time (median of 3) for the real data. */
export async function benchAnalyse(): Promise<{ name: string; value: number; unit: string }[]> {
  const loadTimes: number[] = [];
  const analyseTimes: number[] = [];
  await loadHighs();
  let lps = 0;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    const municipalities = await loadMunicipalities(join(DATA, 'kommuner.csv'));
    const model = await loadModel(join(DATA, 'modell.yaml'));
    const series = await loadKoladaSeries(join(DATA, 'kolada'), modelKpis(model));
    const t1 = performance.now();
    const result = await analyse({ municipalities, series, model });
    const t2 = performance.now();
    loadTimes.push(t1 - t0);
    analyseTimes.push(t2 - t1);
    // Adjusted model: phase 1, phase 2 and super-efficiency per unit; the unadjusted view (areas
    // with structure variables only): phase 1.
    lps = Object.values(result.problems ?? {}).reduce(
      (sum, p) => sum + 3 * p.adjusted.ids.length + (p.adjusted.nonDiscretionary ? p.unadjusted.ids.length : 0),
      0,
    );
  }
  return [
    { name: 'load data/ (290 municipalities, model KPIs)', value: Math.round(median(loadTimes)), unit: 'ms' },
    {
      name: 'analyse: DEA all areas × 290 incl. slacks and super-efficiency',
      value: Math.round(median(analyseTimes)),
      unit: 'ms',
    },
    { name: 'LPs solved per analysis', value: lps, unit: 'LPs' },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const { name, value, unit } of await benchAnalyse()) process.stdout.write(`${name}: ${value} ${unit}\n`);
}
