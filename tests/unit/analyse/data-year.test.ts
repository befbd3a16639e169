import { describe, expect, it } from 'vitest';
import { coverageByYear, isComplete, resolveDataYear } from '../../../pipeline/analyse/data-year.ts';
import type { KoladaSeries } from '../../../pipeline/load/types.ts';

/** A series where KPI k has values for `counts[k][year]` municipalities. */
function series(counts: Record<string, Record<number, number>>): KoladaSeries {
  const s: KoladaSeries = new Map();
  for (const [kpi, byYear] of Object.entries(counts)) {
    const byCode = new Map<string, Map<number, number>>();
    for (const [year, n] of Object.entries(byYear)) {
      for (let i = 0; i < n; i += 1) {
        const code = String(1000 + i);
        if (!byCode.has(code)) byCode.set(code, new Map());
        byCode.get(code)!.set(Number(year), 1);
      }
    }
    s.set(kpi, byCode);
  }
  return s;
}

describe('the data year follows the data', () => {
  it('is the latest year in which every KPI of the model is complete', () => {
    const s = series({ A: { 2021: 290, 2022: 290, 2023: 290 }, B: { 2021: 240, 2022: 243, 2023: 60 } });
    expect(resolveDataYear(s, ['A', 'B'])).toEqual({ year: 2022, missing: [] });
    expect(resolveDataYear(s, ['A'])).toEqual({ year: 2023, missing: [] });
  });

  it('accepts KPIs that never cover all 290, and skips a year a KPI lacks', () => {
    const s = series({ A: { 2019: 288, 2020: 243, 2021: 243, 2022: 243 }, U: { 2020: 285, 2021: 0, 2022: 286 } });
    expect(resolveDataYear(s, ['A', 'U'])).toEqual({ year: 2022, missing: [] });
    expect(isComplete(coverageByYear(s, 'U'), 2021)).toBe(false);
  });

  it('takes a requested year and lists the KPIs without values in it', () => {
    const s = series({ A: { 2022: 290, 2023: 290 }, B: { 2022: 290 } });
    expect(resolveDataYear(s, ['A', 'B'], 2023)).toEqual({ year: 2023, missing: ['B'] });
    expect(resolveDataYear(s, ['A', 'B'], 2022)).toEqual({ year: 2022, missing: [] });
  });

  it('is undefined when no year is complete', () => {
    expect(resolveDataYear(series({ A: { 2022: 5 }, B: { 2023: 5 } }), ['A', 'B'])).toBeUndefined();
  });
});
