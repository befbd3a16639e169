/**
 * Unit costs against the handbook's 1 % rule: each area's cost per unit (the model's `perUnit`
 * KPI: kr per pupil, per inhabitant 65+, …) per year, beside the kommungrupp's and the country's
 * median. Kolada's costs are nominal, so the comparison is relative: own cost / national median
 * that year, against the path that relative cost would have followed with 1 % efficiency gain a
 * year at unchanged results. Inflation affects the municipality and the median alike and cancels.
 */
import type { KoladaSeries, Municipality } from '../../load/types.ts';
import { koladaValue } from '../area-data.ts';
import type { DeaModel } from '../model-types.ts';
import type { UnitCostRow } from './types.ts';
import { median } from '../../stats/index.ts';

/** Yearly efficiency gain of the handbook's budget rule. */
export const ONE_PERCENT = 0.01;

/** Unit-cost rows for every municipality, area and year with a value (no value → no row). */
export function buildUnitCosts(
  model: DeaModel,
  municipalities: Municipality[],
  series: KoladaSeries,
  years: number[],
): UnitCostRow[] {
  const rows: UnitCostRow[] = [];
  for (const areaModel of model.areas) {
    const kpi = areaModel.cost.perUnit;
    const variable = areaModel.inputs.find((v) => v.kpi === kpi);
    const titel = variable?.title ?? areaModel.cost.title;
    const enhet = variable?.unit ?? 'kr';
    const value = (code: string, year: number) => {
      const v = koladaValue(series, kpi, code, year);
      return v !== undefined && v > 0 ? v : undefined;
    };
    const national = new Map<number, number>();
    const group = new Map<string, number>();
    for (const year of years) {
      national.set(
        year,
        median(municipalities.map((m) => value(m.kommunkod, year)).filter((v): v is number => v !== undefined)),
      );
      const byGroup = new Map<string, number[]>();
      for (const m of municipalities) {
        const v = value(m.kommunkod, year);
        if (v !== undefined) byGroup.set(m.kommungruppKod, [...(byGroup.get(m.kommungruppKod) ?? []), v]);
      }
      for (const [g, values] of byGroup) group.set(`${g}:${year}`, median(values));
    }
    const change = (now: number | undefined, before: number | undefined) =>
      now !== undefined && before !== undefined && before > 0 ? now / before - 1 : null;
    for (const m of municipalities) {
      let start: { year: number; relative: number } | undefined;
      for (const year of years) {
        const kostnad = value(m.kommunkod, year);
        const rikeMedian = national.get(year)!;
        const gruppMedian = group.get(`${m.kommungruppKod}:${year}`);
        if (kostnad === undefined || !Number.isFinite(rikeMedian) || gruppMedian === undefined) continue;
        const relativ = kostnad / rikeMedian;
        start ??= { year, relative: relativ };
        // Consecutive years only: after a gap there is no yearly change to show.
        const previous = years.includes(year - 1) ? year - 1 : undefined;
        rows.push({
          kommunkod: m.kommunkod,
          omrade: areaModel.area,
          ar: year,
          titel,
          enhet,
          kostnad,
          forandring: previous === undefined ? null : change(kostnad, value(m.kommunkod, previous)),
          gruppMedian,
          gruppMedianForandring:
            previous === undefined ? null : change(gruppMedian, group.get(`${m.kommungruppKod}:${previous}`)),
          rikeMedian,
          rikeMedianForandring: previous === undefined ? null : change(rikeMedian, national.get(previous)),
          relativ,
          ettProcentBana: start.relative * (1 - ONE_PERCENT) ** (year - start.year),
        });
      }
    }
  }
  return rows;
}
