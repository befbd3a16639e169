import { AREAS, type Area, type AreaEfficiency, type EfficiencyRow, type Municipality } from '../load/types.ts';
import type { AreaOutcome } from './analyse-area.ts';

const EMPTY: AreaEfficiency = { effektivitet: null, kostnadKr: null, potentialKr: null, jamforelse: [] };

/**
 * Builds the efficiency table: composite E = Σ C·θ / Σ C over the areas a municipality has
 * (dea-spec §5), ranked 1…n by E; ties (in practice: efficient everywhere) are broken by the
 * cost-weighted super-efficiency, with an infeasible VRS super-efficiency counting as +∞, then
 * by kommunkod so the order is deterministic. Municipalities without any area are left out.
 */
export function buildTable(municipalities: Municipality[], year: number, outcomes: Map<Area, Map<string, AreaOutcome>>): EfficiencyRow[] {
  const scored: { row: EfficiencyRow; superKey: number }[] = [];
  for (const { kommunkod } of municipalities) {
    let cost = 0;
    let weighted = 0;
    let superWeighted = 0;
    const areas = {} as Record<Area, AreaEfficiency>;
    for (const area of AREAS) {
      const outcome = outcomes.get(area)?.get(kommunkod);
      areas[area] = outcome?.efficiency ?? EMPTY;
      if (!outcome) continue;
      const c = outcome.efficiency.kostnadKr!;
      cost += c;
      weighted += c * outcome.efficiency.effektivitet!;
      superWeighted += c * (outcome.detail.superEfficiency ?? Number.POSITIVE_INFINITY);
    }
    if (cost === 0) continue;
    const potentialKr = AREAS.reduce((sum, a) => sum + (areas[a].potentialKr ?? 0), 0);
    scored.push({ row: { kommunkod, ar: year, effektivitet: weighted / cost, rang: 0, potentialKr, areas }, superKey: superWeighted / cost });
  }
  scored.sort(
    (a, b) =>
      b.row.effektivitet - a.row.effektivitet ||
      compareDesc(a.superKey, b.superKey) ||
      a.row.kommunkod.localeCompare(b.row.kommunkod),
  );
  return scored.map(({ row }, i) => ({ ...row, rang: i + 1 }));
}

function compareDesc(a: number, b: number): number {
  if (a === b) return 0;
  return a > b ? -1 : 1;
}
