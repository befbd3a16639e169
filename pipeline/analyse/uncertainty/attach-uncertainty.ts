/**
 * The bootstrap's figures in the efficiency table (issue 12 part 3): per area θ_bc and its 95 %
 * interval, per municipality the composite's interval and the rank's interval, all from the same
 * replicates (docs/dea-spec.md §7a).
 */
import { AREAS, type Area, type EfficiencyRow } from '../../load/types.ts';
import { compositeScores, compositeWeights, rankDescending, type AreaThetas } from '../composite.ts';
import { bootstrapReplicates, type BootstrapReplicates, type BootstrapSettings } from './bootstrap.ts';
import { rankInterval, reflectedEstimate, unitColumn } from './intervals.ts';
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
export async function addUncertainty(table: EfficiencyRow[], areas: readonly AreaProblem[], settings: BootstrapSettings): Promise<EfficiencyRow[]> {
  const used = areas.filter((a) => a.problem.ids.length > 0);
  if (settings.replicates <= 0 || used.length === 0) return table;
  const byCode = new Map(table.map((row) => [row.kommunkod, row]));
  const problems = used.map(({ area, problem }) => ({
    ...problem,
    theta: problem.ids.map((id) => {
      const theta = byCode.get(id)?.areas[area].effektivitet;
      if (theta === null || theta === undefined) throw new Error(`Internal error: ${area} has no point estimate for ${id}`);
      return theta;
    }),
  }));
  const replicates = await bootstrapReplicates(problems, settings);
  return withIntervals(table, used.map((a) => a.area), problems, replicates);
}

/**
 * Pure part of `addUncertainty`: per area θ_bc and interval (§7 step 4); per replicate every
 * unit's composite with the point estimate's fixed weights and median rule (composite.ts) and
 * its rank among all units; the composite interval reflected around the point composite, and the
 * rank interval from the replicate ranks, widened to contain the printed `rang`.
 */
export function withIntervals(
  table: EfficiencyRow[],
  areas: readonly Area[],
  problems: readonly Pick<BootstrapProblem, 'ids' | 'theta'>[],
  replicates: Pick<BootstrapReplicates, 'thetaStar' | 'replicates'>,
): EfficiencyRow[] {
  const B = replicates.replicates;
  const rows = table.map((row) => ({ ...row, areas: { ...row.areas } }));
  const index = new Map(rows.map((row, i) => [row.kommunkod, i]));
  // Per area: table row index of each unit.
  const positions = problems.map((p) => p.ids.map((id) => index.get(id)!));
  areas.forEach((area, a) => {
    const { ids, theta } = problems[a]!;
    ids.forEach((_, o) => {
      const row = rows[positions[a]![o]!]!;
      const estimate = reflectedEstimate(theta[o]!, unitColumn(replicates.thetaStar[a]!, ids.length, o));
      row.areas[area] = { ...row.areas[area], effektivitetBc: estimate.bc, effektivitetLag: estimate.low, effektivitetHog: estimate.high };
    });
  });

  const costs: Partial<Record<Area, number[]>> = {};
  for (const area of AREAS) costs[area] = rows.map((r) => r.areas[area].kostnadKr).filter((c): c is number => c !== null && c !== undefined);
  const weights = compositeWeights(costs);
  const pointUnits: AreaThetas[] = rows.map((row) => {
    const u: AreaThetas = {};
    for (const area of AREAS) if (row.areas[area].effektivitet !== null && row.areas[area].effektivitet !== undefined) u[area] = row.areas[area].effektivitet!;
    return u;
  });
  const point = compositeScores(pointUnits, weights);
  const N = rows.length;
  const composites = new Float64Array(B * N);
  const ranks = new Float64Array(B * N);
  for (let b = 0; b < B; b++) {
    // Areas outside the bootstrap keep their point value in every replicate.
    const units = pointUnits.map((u) => ({ ...u }));
    areas.forEach((area, a) => {
      const n = problems[a]!.ids.length;
      const star = replicates.thetaStar[a]!;
      positions[a]!.forEach((i, o) => (units[i]![area] = star[b * n + o]!));
    });
    const scores = compositeScores(units, weights);
    const replicateRanks = rankDescending(scores);
    for (let i = 0; i < N; i++) {
      composites[b * N + i] = scores[i]!;
      ranks[b * N + i] = replicateRanks[i]!;
    }
  }
  return rows.map((row, i) => {
    const estimate = reflectedEstimate(point[i]!, unitColumn(composites, N, i));
    const rank = rankInterval(row.rang, unitColumn(ranks, N, i));
    return { ...row, effektivitetLag: estimate.low, effektivitetHog: estimate.high, rangLag: rank.low, rangHog: rank.high };
  });
}
