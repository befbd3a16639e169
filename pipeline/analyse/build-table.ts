import {
  AREAS,
  type Area,
  type AreaEfficiency,
  type EfficiencyRow,
  type Municipality,
  type UnrankedRow,
} from '../load/types.ts';
import type { AreaOutcome } from './analyse-area.ts';
import { areaMedians, compositeScores, compositeWeights, rankDescending, type AreaThetas } from './composite.ts';

const EMPTY: AreaEfficiency = { effektivitet: null, kostnadKr: null, potentialKr: null, jamforelse: [] };

/**
 * A municipality is ranked only when its own comparable scores carry at least this share of the
 * composite weight of the areas it has (docs/method.md §3). Below it the composite would be mostly
 * the national medians that stand in for areas without a comparable municipality, and its rank an
 * artefact of that filling. In 2022 the shares lie below 0.13 or above 0.47, so any threshold in
 * between ranks the same municipalities.
 */
export const MIN_COMPARABLE_SHARE = 1 / 3;

/**
 * The share of a unit's composite weight, over the areas it has, that rests on its own comparable
 * scores (not on an area without a comparable municipality); 0 when it has no weighted area.
 */
export function comparableShare(areas: Record<Area, AreaEfficiency>, weights: Record<Area, number>): number {
  let present = 0;
  let comparable = 0;
  for (const a of AREAS) {
    if (areas[a].effektivitet == null) continue;
    present += weights[a];
    if (!areas[a].ojamforbar) comparable += weights[a];
  }
  return present > 0 ? comparable / present : 0;
}

/** Each area's composite weight: its share of the national cost over the units that have it. */
export function areaWeights(outcomes: Map<Area, Map<string, AreaOutcome>>): Record<Area, number> {
  return compositeWeights(
    Object.fromEntries(
      AREAS.map((area) => [area, [...(outcomes.get(area)?.values() ?? [])].map((o) => o.efficiency.kostnadKr!)]),
    ),
  );
}

/**
 * Builds the efficiency table. The composite is Σ_a w_a θ̃_a with fixed national cost-share
 * weights and a missing area at the area's median θ (composite.ts), so a municipality never
 * climbs because an area is missing; it is computed twice, from the adjusted θ (`effektivitet`,
 * `rang`) and from the unadjusted θ (`effektivitetOjusterad`, `rangOjusterad`). Ranks run 1…n;
 * ties (in practice: efficient in every area it has) are broken by the same weighted mean of the
 * super-efficiencies (an infeasible one counts as +∞, a missing area at the median θ), then by
 * kommunkod so the order is deterministic. The potential is Σ (1 − θ_a)·cost_a over the areas the
 * municipality has a potential in: a missing area adds nothing (never an imputed potential), nor
 * does an area without a comparable municipality or with a proxy cost base. An area flagged
 * `ojamforbar` counts like a missing area in the composite (dea-spec §11). An area left out
 * carries its reason code (`leftOut`) in `saknas`. A municipality is ranked when its own
 * comparable scores carry at least MIN_COMPARABLE_SHARE of the weight of its areas (docs/method.md
 * §3); one with less, or with no area at all, is returned in `unranked` with its reason codes (and
 * its areas when it has some), so `rows` and `unranked` together hold every municipality of the
 * master data. The composite's medians are taken over every unit with the area, ranked or not.
 */
export function buildTable(
  municipalities: Municipality[],
  year: number,
  outcomes: Map<Area, Map<string, AreaOutcome>>,
  leftOut: Partial<Record<Area, Map<string, string>>> = {},
): { rows: EfficiencyRow[]; unranked: UnrankedRow[] } {
  const all = municipalities.map(({ kommunkod }) => ({
    kommunkod,
    byArea: Object.fromEntries(AREAS.map((a) => [a, outcomes.get(a)?.get(kommunkod)])) as Record<
      Area,
      AreaOutcome | undefined
    >,
  }));
  const weights = areaWeights(outcomes);
  const areasOf = new Map(
    all.map((u) => [
      u,
      Object.fromEntries(
        AREAS.map((a) => [a, u.byArea[a]?.efficiency ?? { ...EMPTY, saknas: leftOut[a]?.get(u.kommunkod) ?? null }]),
      ) as Record<Area, AreaEfficiency>,
    ]),
  );
  // The composite's medians are taken over every scored unit, so that ranking fewer units moves no one's score.
  const scored = all.filter((u) => AREAS.some((a) => u.byArea[a]));
  const units = scored.filter((u) => comparableShare(areasOf.get(u)!, weights) >= MIN_COMPARABLE_SHARE);
  const ranked = new Set(units);
  const unranked = all
    .filter((u) => !ranked.has(u))
    .map((u): UnrankedRow => {
      const saknas = Object.fromEntries(AREAS.map((a) => [a, leftOut[a]?.get(u.kommunkod) ?? null]));
      const base = { kommunkod: u.kommunkod, ar: year, saknas: saknas as UnrankedRow['saknas'] };
      return AREAS.some((a) => u.byArea[a]) ? { ...base, areas: areasOf.get(u)! } : base;
    });
  const view = (theta: (o: AreaOutcome) => number, superEff: (o: AreaOutcome) => number, dropIncomparable: boolean) => {
    // With the structure variables, an area without a comparable municipality counts like a
    // missing area (dea-spec §11); without them every unit has comparable ones.
    const has = (o: AreaOutcome | undefined): o is AreaOutcome =>
      o !== undefined && !(dropIncomparable && o.efficiency.ojamforbar);
    const thetasOf = (u: (typeof all)[number]): AreaThetas =>
      Object.fromEntries(AREAS.flatMap((a) => (has(u.byArea[a]) ? [[a, theta(u.byArea[a]!)]] : [])));
    const medians = areaMedians(scored.map(thetasOf));
    const scores = compositeScores(units.map(thetasOf), weights, medians);
    const keys = units.map((u) => superKey(u.byArea, weights, medians, superEff, has));
    const ranks = rankDescending(
      scores,
      (i, j) => compareDesc(keys[i]!, keys[j]!) || units[i]!.kommunkod.localeCompare(units[j]!.kommunkod),
    );
    return { scores, ranks };
  };
  const adjusted = view(
    (o) => o.efficiency.effektivitet!,
    (o) => (o.detail.superInfeasible ? Number.POSITIVE_INFINITY : o.detail.superEfficiency!),
    true,
  );
  const unadjusted = view(
    (o) => o.efficiency.effektivitetOjusterad ?? o.efficiency.effektivitet!,
    (o) =>
      o.detail.unadjustedSuperInfeasible
        ? Number.POSITIVE_INFINITY
        : (o.detail.unadjustedSuperEfficiency ?? o.efficiency.effektivitetOjusterad ?? o.efficiency.effektivitet!),
    false,
  );
  const rows = units.map((u, i): EfficiencyRow => {
    const areas = areasOf.get(u)!;
    return {
      kommunkod: u.kommunkod,
      ar: year,
      effektivitet: adjusted.scores[i]!,
      rang: adjusted.ranks[i]!,
      potentialKr: AREAS.reduce((sum, a) => sum + (areas[a].potentialKr ?? 0), 0),
      areas,
      effektivitetOjusterad: unadjusted.scores[i]!,
      rangOjusterad: unadjusted.ranks[i]!,
    };
  });
  return { rows: rows.sort((a, b) => a.rang - b.rang), unranked };
}

/** Weighted mean of the super-efficiencies with the composite's weights; a missing area at the median θ. */
function superKey(
  byArea: Record<Area, AreaOutcome | undefined>,
  weights: Record<Area, number>,
  medians: Record<Area, number>,
  superEff: (o: AreaOutcome) => number,
  has: (o: AreaOutcome | undefined) => o is AreaOutcome,
): number {
  let sum = 0;
  let total = 0;
  for (const area of AREAS) {
    if (!(weights[area] > 0) || Number.isNaN(medians[area])) continue;
    const o = byArea[area];
    sum += weights[area] * (has(o) ? superEff(o) : medians[area]);
    total += weights[area];
  }
  return sum / total;
}

function compareDesc(a: number, b: number): number {
  if (a === b) return 0;
  return a > b ? -1 : 1;
}
