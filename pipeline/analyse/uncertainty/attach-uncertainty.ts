/**
 * The bootstrap's figures in the efficiency table (issue 12 part 3): per area θ_bc and its 95 %
 * interval, per municipality the composite's interval and the rank's interval, all from the same
 * replicates (docs/dea-spec.md §7a).
 */
import { AREAS, type Area, type EfficiencyRow, type UnrankedRow } from '../../load/types.ts';
import { scoredUnits } from '../../load/unranked-areas.ts';
import { areaMedians, compositeScores, compositeWeights, rankDescending, type AreaThetas } from '../composite.ts';
import { bootstrapReplicates, type BootstrapReplicates, type BootstrapSettings } from './bootstrap.ts';
import { percentileEstimate, percentileInterval, rankInterval, reflectedValue, unitColumn } from './intervals.ts';
import type { BootstrapProblem } from './replicates.ts';

/** One area's DEA problem (without θ̂: it is read from the table). */
export interface AreaProblem {
  area: Area;
  problem: Omit<BootstrapProblem, 'theta'>;
}

/**
 * Runs the bootstrap for every area and returns the table with the interval fields filled.
 * Point estimates θ̂ are the table's; rows and areas not in `areas` are left as they are.
 */
export async function addUncertainty(
  table: EfficiencyRow[],
  areas: readonly AreaProblem[],
  settings: BootstrapSettings,
): Promise<EfficiencyRow[]> {
  return (await addUncertaintyWithUnranked(table, [], areas, settings)).table;
}

/**
 * `addUncertainty` for a table whose unranked municipalities have scored areas (too little of
 * their weight comparable to rank them): their areas get the same bias-corrected figures and
 * intervals, and they count in the composite's medians as in the point estimate, but they are not
 * ranked.
 */
export async function addUncertaintyWithUnranked(
  table: EfficiencyRow[],
  unranked: UnrankedRow[],
  areas: readonly AreaProblem[],
  settings: BootstrapSettings,
): Promise<{ table: EfficiencyRow[]; unranked: UnrankedRow[] }> {
  const used = areas.filter((a) => a.problem.ids.length > 0);
  if (settings.replicates <= 0 || used.length === 0) return { table, unranked };
  const byCode = new Map(scoredUnits(table, unranked).map((unit) => [unit.kommunkod, unit]));
  const problems = used.map(({ area, problem }) => ({
    ...problem,
    theta: problem.ids.map((id) => {
      const theta = byCode.get(id)?.areas[area].effektivitet;
      if (theta === null || theta === undefined)
        throw new Error(`Internal error: ${area} has no point estimate for ${id}`);
      return theta;
    }),
  }));
  const replicates = await bootstrapReplicates(problems, settings);
  return intervalsWithUnranked(
    table,
    unranked,
    used.map((a) => a.area),
    problems,
    replicates,
  );
}

/**
 * Pure part of `addUncertainty` (docs/method.md §6): the printed figures become the
 * bias-corrected ones, each with an interval from the same reflected replicates, so that every
 * printed figure lies inside its own interval without any widening:
 * - per area the reflected replicate values θ^R_b = θ̂ · θ̂/θ*_b (Simar–Wilson's basic interval on
 *   the log scale); `effektivitet` = θ_bc = their geometric mean, `effektivitetLag/Hog` = their
 *   2.5 % and 97.5 % quantiles, `potentialKr` = (1 − θ_bc) × cost; the DEA θ̂ moves to
 *   `effektivitetDea`;
 * - per replicate every unit's composite from its θ^R_b with the point estimate's fixed weights and
 *   median rule (composite.ts), and its rank among all units; the printed composite is the same
 *   construction on θ_bc, the printed rank its rank, and both intervals are the 2.5 % and 97.5 %
 *   quantiles of the replicate composites and ranks. The DEA composite and rank move to
 *   `effektivitetDea`, `rangDea`.
 */
export function withIntervals(
  table: EfficiencyRow[],
  areas: readonly Area[],
  problems: readonly Pick<BootstrapProblem, 'ids' | 'theta'>[],
  replicates: Pick<BootstrapReplicates, 'thetaStar' | 'replicates'>,
): EfficiencyRow[] {
  return intervalsWithUnranked(table, [], areas, problems, replicates).table;
}

/** `withIntervals` with unranked rows whose areas are bootstrapped and count in the medians, never ranked. */
export function intervalsWithUnranked(
  table: EfficiencyRow[],
  unranked: readonly UnrankedRow[],
  areas: readonly Area[],
  problems: readonly Pick<BootstrapProblem, 'ids' | 'theta'>[],
  replicates: Pick<BootstrapReplicates, 'thetaStar' | 'replicates'>,
): { table: EfficiencyRow[]; unranked: UnrankedRow[] } {
  const B = replicates.replicates;
  // The ranked rows first (0…R−1), then the unranked ones with areas, which only set medians.
  const R = table.length;
  const scored = unranked.filter((row) => row.areas);
  const rows = [
    ...table.map((row) => ({ ...row, areas: { ...row.areas } })),
    ...scored.map((row) => ({ ...(row as unknown as EfficiencyRow), areas: { ...row.areas! } })),
  ];
  const index = new Map(rows.map((row, i) => [row.kommunkod, i]));
  // Per area: table row index of each unit.
  const positions = problems.map((p) => p.ids.map((id) => index.get(id)!));
  // Per area: reflected replicate values θ^R, replicate-major B × n.
  const reflected = areas.map((_, a) => {
    const { ids, theta } = problems[a]!;
    const n = ids.length;
    const star = replicates.thetaStar[a]!;
    const out = new Float64Array(B * n);
    for (let b = 0; b < B; b++)
      for (let o = 0; o < n; o++) out[b * n + o] = reflectedValue(theta[o]!, star[b * n + o]!);
    return out;
  });
  areas.forEach((area, a) => {
    const { ids, theta } = problems[a]!;
    ids.forEach((_, o) => {
      const row = rows[positions[a]![o]!]!;
      const estimate = percentileEstimate(unitColumn(reflected[a]!, ids.length, o));
      const cost = row.areas[area].kostnadKr ?? null;
      row.areas[area] = {
        ...row.areas[area],
        effektivitet: estimate.bc,
        effektivitetDea: theta[o]!,
        // An area without a kronor potential (a proxy cost base) keeps none.
        potentialKr: cost === null || row.areas[area].potentialKr == null ? null : (1 - estimate.bc) * cost,
        effektivitetBc: estimate.bc,
        effektivitetLag: estimate.low,
        effektivitetHog: estimate.high,
      };
    });
  });

  const costs: Partial<Record<Area, number[]>> = {};
  for (const area of AREAS)
    costs[area] = rows.map((r) => r.areas[area].kostnadKr).filter((c): c is number => c !== null && c !== undefined);
  const weights = compositeWeights(costs);
  const pointUnits: AreaThetas[] = rows.map((row) => {
    const u: AreaThetas = {};
    // As build-table.ts: an area without a comparable municipality counts like a missing one.
    for (const area of AREAS)
      if (row.areas[area].effektivitet != null && !row.areas[area].ojamforbar) u[area] = row.areas[area].effektivitet!;
    return u;
  });
  const point = compositeScores(pointUnits.slice(0, R), weights, areaMedians(pointUnits));
  const pointRanks = rankDescending(point, (p, q) => rows[p]!.kommunkod.localeCompare(rows[q]!.kommunkod));
  const N = R;
  const composites = new Float64Array(B * N);
  const ranks = new Float64Array(B * N);
  for (let b = 0; b < B; b++) {
    // Areas outside the bootstrap keep their point value in every replicate.
    const units = pointUnits.map((u) => ({ ...u }));
    areas.forEach((area, a) => {
      const n = problems[a]!.ids.length;
      const values = reflected[a]!;
      positions[a]!.forEach((i, o) => {
        if (area in units[i]!) units[i]![area] = values[b * n + o]!;
      });
    });
    const scores = compositeScores(units.slice(0, R), weights, areaMedians(units));
    const replicateRanks = rankDescending(scores);
    for (let i = 0; i < N; i++) {
      composites[b * N + i] = scores[i]!;
      ranks[b * N + i] = replicateRanks[i]!;
    }
  }
  // In rank order, as build-table.ts returns the table.
  const ranked = rows
    .slice(0, R)
    .map((row, i) => {
      const composite = percentileInterval(unitColumn(composites, N, i));
      const rank = rankInterval(unitColumn(ranks, N, i));
      const potentialKr = AREAS.reduce((sum, area) => sum + (row.areas[area].potentialKr ?? 0), 0);
      return {
        ...row,
        effektivitet: point[i]!,
        rang: pointRanks[i]!,
        potentialKr,
        effektivitetDea: row.effektivitet,
        rangDea: row.rang,
        effektivitetLag: composite.low,
        effektivitetHog: composite.high,
        rangLag: rank.low,
        rangHog: rank.high,
      };
    })
    .sort((a, b) => a.rang - b.rang);
  const bootstrapped = new Map(rows.slice(R).map((row) => [row.kommunkod, row.areas]));
  return {
    table: ranked,
    unranked: unranked.map((row) => (row.areas ? { ...row, areas: bootstrapped.get(row.kommunkod)! } : row)),
  };
}
