import { join } from 'node:path';
import { access } from 'node:fs/promises';
import type { KoladaSeries } from './types.ts';
import { DataError } from '../errors.ts';
import { CsvTable } from './csv/csv-table.ts';
import { readCsvFile } from './csv/read-csv-file.ts';

/** File name of a KPI in the open-numbers Kolada DDF dump. */
export function koladaFileName(kpi: string): string {
  return `ddf--datapoints--${kpi.toLowerCase()}--by--geo--year.csv`;
}

/**
 * Reads Kolada KPIs from DDF files (`geo,year,<kpi>`) in `dir`, keeping only municipalities
 * (4-digit geo codes; regions have 2 digits and Riket is `0`). Empty cells are missing values.
 * KPIs in `optional` whose file is absent are left out of the series.
 */
export async function loadKoladaSeries(
  dir: string,
  kpis: string[],
  optional: readonly string[] = [],
): Promise<KoladaSeries> {
  const series: KoladaSeries = new Map();
  const mayLack = new Set(optional.map((k) => k.toUpperCase()));
  for (const kpi of new Set(kpis.map((k) => k.toUpperCase()))) {
    // An optional KPI (a context figure the reports can do without) is skipped when its file is absent.
    if (mayLack.has(kpi) && !(await exists(join(dir, koladaFileName(kpi))))) continue;
    series.set(kpi, await loadKpi(join(dir, koladaFileName(kpi)), kpi));
  }
  return series;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

async function loadKpi(file: string, kpi: string): Promise<Map<string, Map<number, number>>> {
  try {
    await access(file);
  } catch (error) {
    throw new DataError(
      { file },
      `Cannot find Kolada KPI ${kpi}: the file does not exist; expected ${koladaFileName(kpi)} in the Kolada folder`,
      {
        cause: error,
        hint: 'Copy the file from the Kolada DDF dump (see data/README.md) or remove the KPI from data/modell.yaml.',
      },
    );
  }
  const column = kpi.toLowerCase();
  const byCode = new Map<string, Map<number, number>>();
  let table: CsvTable | undefined;
  for await (const record of readCsvFile(file)) {
    if (!table) {
      table = CsvTable.fromHeader(file, record, ['geo', 'year', column]);
      continue;
    }
    const geo = table.text(record, 'geo');
    if (!/^\d{4}$/.test(geo) || table.text(record, column) === '') continue;
    const year = table.number(record, 'year', { integer: true, min: 1900, max: 2100 });
    const value = table.number(record, column);
    if (table.errors.length >= 20) break;
    if (year == null || value == null) continue;
    let years = byCode.get(geo);
    if (!years) byCode.set(geo, (years = new Map()));
    years.set(year, value);
  }
  (table ?? CsvTable.fromHeader(file, undefined, ['geo', 'year', column])).throwIfAny();
  return byCode;
}
