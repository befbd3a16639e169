/**
 * Benchmark of the yearly panel (issue 13): every year 2015–latest through `analyse()` plus the
 * Malmquist cross-period LPs, on data/. `panel_analysis_s` is a cold run (no cache, data already
 * loaded); `panel_one_year_changed_s` re-runs with the cache after one year's figure changed.
 * Run directly: `npx tsx bench/panel.ts`.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadKoladaSeries, loadMunicipalities } from '../pipeline/load/index.ts';
import { loadModel, modelKpis } from '../pipeline/analyse/index.ts';
import { loadHighs } from '../pipeline/analyse/dea/index.ts';
import { runPanel, type PanelCache } from '../pipeline/analyse/panel/index.ts';

const DATA = fileURLToPath(new URL('../data/', import.meta.url));

/** Cold panel time, CPU time of it, and the time after one changed year with a warm cache. */
export async function benchPanel(): Promise<{ name: string; value: number; unit: string; target?: string }[]> {
  await loadHighs();
  const municipalities = await loadMunicipalities(join(DATA, 'kommuner.csv'));
  const model = await loadModel(join(DATA, 'modell.yaml'));
  const series = await loadKoladaSeries(join(DATA, 'kolada'), modelKpis(model));
  const entries = new Map<string, unknown>();
  const cache: PanelCache = { get: (key) => entries.get(key), set: (key, value) => void entries.set(key, value) };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const panel = await runPanel({ municipalities, series, model, cache });
  const cold = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // One municipality's merit value in 2019 changes: 2019 and the comparisons using it re-run.
  const byYear = series.get('N15507')?.get('0114');
  if (byYear?.has(2019)) byYear.set(2019, byYear.get(2019)! + 1);
  const t1 = performance.now();
  await runPanel({ municipalities, series, model, cache });
  const changed = performance.now() - t1;
  return [
    { name: 'panel_analysis_s', value: Number((cold / 1000).toFixed(1)), unit: 's', target: '≤ 15' },
    { name: 'panel_analysis_cpu_s', value: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)), unit: 's' },
    { name: 'panel_one_year_changed_s', value: Number((changed / 1000).toFixed(1)), unit: 's' },
    { name: 'panel_years', value: panel.years.length, unit: 'years' },
    { name: 'panel_malmquist_rows', value: panel.malmquist.length, unit: 'rows' },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const r of await benchPanel())
    console.log(`${r.name} = ${r.value} ${r.unit}${r.target ? `  (target ${r.target})` : ''}`);
}
