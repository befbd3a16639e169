/**
 * A transparent stand-in for an official structure-adjusted efficiency index of gymnasieskola
 * (docs/method.md §2.1, §5): validation only, never a model variable.
 *
 * Such an index combines two parts, each relative to what the municipality's structure predicts:
 * - cost relative to the reference cost: Kolada N17001 (nettokostnadsavvikelse gymnasieskola, %),
 *   lower is better;
 * - results relative to the expected: the mean of Kolada U17448 and U17449 (examen within 3 and
 *   4 years, municipal schools, deviation from SCB/SKR's model value, percentage points), higher
 *   is better.
 * Each part is turned into a percentile rank (0–1] among the municipalities given, and the index
 * is the mean of the two: equal weights, nothing estimated, so every number can be recomputed
 * from three Kolada series.
 */
import type { KoladaSeries } from '../load/index.ts';

export const REFERENCE_COST_KPI = 'N17001';
export const RESULT_DEVIATION_KPIS = ['U17448', 'U17449'] as const;
export const GYMNASIESKOLA_REFERENCE_KPIS = [REFERENCE_COST_KPI, ...RESULT_DEVIATION_KPIS];

/** Percentile ranks (average rank for ties) divided by n, in the order of `values`. */
export function percentileRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = (i + j + 2) / 2 / values.length;
    i = j + 1;
  }
  return ranks;
}

/**
 * The index per kommunkod over `codes` that have all three figures for `year`; a municipality
 * lacking one is left out (the index is for validation, never filled in).
 */
export function gymnasieskolaReferenceIndex(
  series: KoladaSeries,
  year: number,
  codes: readonly string[],
): Map<string, number> {
  const value = (kpi: string, code: string) => series.get(kpi)?.get(code)?.get(year);
  const rows = codes.flatMap((code) => {
    const cost = value(REFERENCE_COST_KPI, code);
    const results = RESULT_DEVIATION_KPIS.flatMap((k) => {
      const v = value(k, code);
      return v === undefined ? [] : [v];
    });
    if (cost === undefined || results.length < RESULT_DEVIATION_KPIS.length) return [];
    const result = results.reduce((sum, r) => sum + r, 0) / results.length;
    return [{ code, cost, result }];
  });
  const costPart = percentileRanks(rows.map((r) => -r.cost));
  const resultPart = percentileRanks(rows.map((r) => r.result));
  return new Map(rows.map((r, i) => [r.code, (costPart[i]! + resultPart[i]!) / 2]));
}
