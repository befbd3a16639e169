/**
 * The composite efficiency across areas, built so that a missing area never lifts a
 * municipality (issue 12): every municipality is weighted with the same fixed weights (each
 * area's share of the national cost), and an area it lacks (no own gymnasium, no library
 * statistics) counts at that area's national median θ. A municipality at the median of an area
 * scores the same whether the area is present or not, so leaving data out is neutral: it neither
 * rewards (as a cost-weighted mean over the present areas did, since everyone scores lowest in
 * bibliotek) nor punishes. The bootstrap calls the same functions on every replicate.
 */
import { AREAS, type Area, type AreaEfficiency } from '../load/types.ts';
import { median } from '../stats/index.ts';

/** θ per area for one unit; an absent area is missing. */
export type AreaThetas = Partial<Record<Area, number>>;

/**
 * Fixed composite weights: each area's share of the summed cost of all units that have it.
 * `costs[area]` lists the total cost (SEK) of every unit with data in that area.
 */
export function compositeWeights(costs: Partial<Record<Area, readonly number[]>>): Record<Area, number> {
  const totals = AREAS.map((area) => (costs[area] ?? []).reduce((sum, c) => sum + c, 0));
  const all = totals.reduce((sum, t) => sum + t, 0);
  return Object.fromEntries(AREAS.map((area, i) => [area, all > 0 ? totals[i]! / all : 0])) as Record<Area, number>;
}

/** `compositeWeights` from the table's scored areas (ranked or not), each area's cost where it has a score. */
export function compositeWeightsOf(units: readonly { areas: Record<Area, AreaEfficiency> }[]): Record<Area, number> {
  return compositeWeights(
    Object.fromEntries(
      AREAS.map((a) => [
        a,
        units.flatMap(({ areas }) =>
          areas[a].kostnadKr == null || areas[a].effektivitet == null ? [] : [areas[a].kostnadKr!],
        ),
      ]),
    ),
  );
}

/** The median θ of each area over the units that have it (NaN for an area nobody has). */
export function areaMedians(units: readonly AreaThetas[]): Record<Area, number> {
  return Object.fromEntries(
    AREAS.map((area) => [area, median(units.map((u) => u[area]).filter((v): v is number => v !== undefined))]),
  ) as Record<Area, number>;
}

/**
 * Composite efficiency E = Σ_a w_a θ̃_a per unit, with θ̃_a = θ_a where the unit has the area and
 * the area's median where it does not: over `units`, unless `medians` are given (taken over a
 * larger set, e.g. the unranked units too). Areas nobody has carry no weight.
 */
export function compositeScores(
  units: readonly AreaThetas[],
  weights: Record<Area, number>,
  medians: Record<Area, number> = areaMedians(units),
): number[] {
  const active = AREAS.filter((area) => !Number.isNaN(medians[area]) && weights[area] > 0);
  const total = active.reduce((sum, area) => sum + weights[area], 0);
  return units.map((u) => active.reduce((sum, area) => sum + weights[area] * (u[area] ?? medians[area]), 0) / total);
}

/** Ranks 1…n, highest value first; ties keep the order given by `tieBreak` (ascending), then index. */
export function rankDescending(values: readonly number[], tieBreak?: (a: number, b: number) => number): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[b]! - values[a]! || (tieBreak?.(a, b) ?? 0) || a - b);
  const ranks = new Array<number>(values.length);
  order.forEach((index, position) => (ranks[index] = position + 1));
  return ranks;
}
