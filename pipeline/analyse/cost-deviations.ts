/**
 * Kolada's nettokostnadsavvikelse per area for the analyst's check (validation-table.ts): the
 * municipality's net cost against the cost equalisation's reference cost, %. Read from
 * data/kolada/; a missing file or value is simply not shown.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { koladaFileName, loadKoladaSeries, type Area } from '../load/index.ts';
import { COST_DEVIATION_KPIS } from './validation-table.ts';

export async function costDeviations(
  dataDir: string,
  year: number,
): Promise<(kommunkod: string, area: Area) => number | undefined> {
  const dir = join(dataDir, 'kolada');
  const kpis: string[] = [];
  for (const kpi of Object.values(COST_DEVIATION_KPIS))
    if (
      await access(join(dir, koladaFileName(kpi))).then(
        () => true,
        () => false,
      )
    )
      kpis.push(kpi);
  const series = await loadKoladaSeries(dir, kpis);
  return (kommunkod, area) => {
    const kpi = COST_DEVIATION_KPIS[area];
    return kpi === undefined ? undefined : series.get(kpi)?.get(kommunkod)?.get(year);
  };
}
