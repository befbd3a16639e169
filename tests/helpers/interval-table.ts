/**
 * An efficiency table with 95 % interval columns for tests of the brief and the charts, made
 * from our own analysis by widening each value by fixed amounts. The intervals are invented
 * test data, not a bootstrap: they only exercise how intervals are shown (and that a missing
 * one is said to be missing).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { serializeEfficiencyTable } from '../../pipeline/load/index.ts';
import { AREAS, type EfficiencyRow } from '../../pipeline/load/types.ts';

export interface IntervalOptions {
  /** Municipalities whose rank interval spans more than a third of the country. */
  wide?: string[];
  /** `kommunkod:area` pairs left without an interval. */
  withoutAreaInterval?: string[];
  /** `kommunkod:area` pairs flagged as having no comparable municipality. */
  incomparable?: string[];
}

export function withIntervals(table: EfficiencyRow[], options: IntervalOptions = {}): EfficiencyRow[] {
  const n = table.length;
  return table.map((row) => {
    const spread = options.wide?.includes(row.kommunkod) ? 60 : 8;
    const areas = Object.fromEntries(
      AREAS.map((area) => {
        const a = row.areas[area];
        const id = `${row.kommunkod}:${area}`;
        const has = a.effektivitet !== null && !options.withoutAreaInterval?.includes(id);
        return [
          area,
          {
            ...a,
            effektivitetLag: has ? Math.max(0, a.effektivitet! - 0.06) : null,
            effektivitetHog: has ? Math.min(1, a.effektivitet! + 0.02) : null,
            ojamforbar: options.incomparable?.includes(id) ? true : null,
          },
        ];
      }),
    ) as EfficiencyRow['areas'];
    return {
      ...row,
      effektivitetLag: Math.max(0, row.effektivitet - 0.04),
      effektivitetHog: Math.min(1, row.effektivitet + 0.03),
      rangLag: Math.max(1, row.rang - spread),
      rangHog: Math.min(n, row.rang + spread + 4),
      areas,
    };
  });
}

/** Writes `rows` as an interchange CSV into `dir`; returns the file. */
export async function writeTable(dir: string, rows: EfficiencyRow[], name = 'effektivitet.csv'): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, serializeEfficiencyTable(rows));
  return file;
}
