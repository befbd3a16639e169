import { AREAS, type Area, type EfficiencyRow, type Municipality } from '../load/types.ts';
import type { AnalysisSummary } from './types.ts';

/**
 * National figures for the sanity check beside the 2025 study: potential and cost in total and
 * per area, units and efficient units per area, the mean input reduction (1 − θ) of the average
 * municipality per area, and the top 10.
 */
export function summarise(table: EfficiencyRow[], municipalities: Municipality[], year: number): AnalysisSummary {
  const names = new Map(municipalities.map((m) => [m.kommunkod, m.kommun]));
  const perArea = {} as AnalysisSummary['perArea'];
  for (const area of AREAS) {
    const scored = table.map((r) => r.areas[area]).filter((a) => a.effektivitet !== null);
    perArea[area as Area] = {
      potentialKr: sum(scored.map((a) => a.potentialKr!)),
      kostnadKr: sum(scored.map((a) => a.kostnadKr!)),
      units: scored.length,
      efficientUnits: scored.filter((a) => a.effektivitet === 1).length,
      meanReduction: scored.length ? sum(scored.map((a) => 1 - a.effektivitet!)) / scored.length : 0,
    };
  }
  return {
    ar: year,
    potentialKr: sum(table.map((r) => r.potentialKr)),
    kostnadKr: sum(AREAS.map((a) => perArea[a].kostnadKr)),
    perArea,
    top: [...table]
      .sort((a, b) => a.rang - b.rang)
      .slice(0, 10)
      .map((r) => ({ kommunkod: r.kommunkod, kommun: names.get(r.kommunkod) ?? r.kommunkod, effektivitet: r.effektivitet, rang: r.rang })),
  };
}

function sum(values: number[]): number {
  return values.reduce((acc, v) => acc + v, 0);
}
