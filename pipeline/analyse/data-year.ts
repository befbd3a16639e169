/**
 * The year an edition is about follows the data: the latest year in which every key figure of
 * the model is complete, so a spring update that brings next year's first KPIs does not move
 * the reports until the model can be computed for that year.
 */
import type { KoladaSeries } from '../load/types.ts';

/** A KPI is complete in a year when it covers this share of its best recent year. */
export const COMPLETE_SHARE = 0.8;
/** How many earlier years "recent" spans. */
export const RECENT_YEARS = 5;

/** Municipalities with a value, per year, for one KPI. */
export function coverageByYear(series: KoladaSeries, kpi: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const byYear of series.get(kpi)?.values() ?? []) {
    for (const year of byYear.keys()) counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  return counts;
}

/**
 * Whether `kpi` is complete in `year`: it has values, and at least `COMPLETE_SHARE` of the
 * municipalities it covered in its best year among the `RECENT_YEARS` before (KPIs such as the
 * municipal upper-secondary cost never cover all 290; a year with a fifth of them is not out yet).
 */
export function isComplete(coverage: Map<number, number>, year: number): boolean {
  const count = coverage.get(year) ?? 0;
  if (count === 0) return false;
  let best = 0;
  for (let y = year - RECENT_YEARS; y < year; y += 1) best = Math.max(best, coverage.get(y) ?? 0);
  return count >= COMPLETE_SHARE * best;
}

export interface DataYear {
  year: number;
  /** KPIs without any value in `year` (only when the year was asked for). */
  missing: string[];
}

/**
 * The data year for `kpis`: `requested` when given (its KPIs without values are listed in
 * `missing`), else the latest year in which every KPI is complete; undefined when there is none.
 */
export function resolveDataYear(
  series: KoladaSeries,
  kpis: readonly string[],
  requested?: number,
): DataYear | undefined {
  const coverage = kpis.map((kpi) => ({ kpi, counts: coverageByYear(series, kpi) }));
  if (requested !== undefined) {
    return { year: requested, missing: coverage.filter(({ counts }) => !counts.get(requested)).map(({ kpi }) => kpi) };
  }
  const years = new Set(coverage.flatMap(({ counts }) => [...counts.keys()]));
  const complete = [...years].filter((year) => coverage.every(({ counts }) => isComplete(counts, year)));
  return complete.length ? { year: Math.max(...complete), missing: [] } : undefined;
}
