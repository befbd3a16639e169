/**
 * Properties of the Simar–Wilson bootstrap (docs/dea-spec.md §7, §7a) on data simulated from a known
 * frontier (simulate-frontier.ts: one input, VRS, half-normal inefficiency σ = 0.3):
 * seeded reproducibility independent of the worker split, θ_bc inside its interval, stability
 * of the interval ends between seeds at B = 2000, coverage of the true efficiency, and the
 * table fields (rank interval containing the printed rank).
 */
import { describe, expect, it } from 'vitest';
import { runDea } from '../../../pipeline/analyse/index.ts';
import { compositeScores, compositeWeights, rankDescending } from '../../../pipeline/analyse/composite.ts';
import {
  addUncertainty,
  bandwidth,
  bootstrapReplicates,
  rankInterval,
  reflectedEstimate,
  unitColumn,
  type BootstrapProblem,
} from '../../../pipeline/analyse/uncertainty/index.ts';
import { AREAS, type Area, type AreaEfficiency, type EfficiencyRow } from '../../../pipeline/load/types.ts';
import { simulateFrontier, type SimulatedData } from './simulate-frontier.ts';

async function problemOf(sim: SimulatedData): Promise<BootstrapProblem> {
  const results = await runDea({
    ids: sim.ids,
    inputs: sim.inputs,
    outputs: sim.outputs,
    rts: 'vrs',
    superEfficiency: false,
  });
  return {
    ids: sim.ids,
    inputs: sim.inputs,
    outputs: sim.outputs,
    rts: 'vrs',
    theta: results.map((r) => (r.efficient ? 1 : r.efficiency)),
  };
}

async function estimates(problem: BootstrapProblem, replicates: number, seed: number) {
  const { thetaStar } = await bootstrapReplicates([problem], { replicates, seed, workers: 1 });
  return problem.theta.map((t, o) => reflectedEstimate(t, unitColumn(thetaStar[0]!, problem.ids.length, o)));
}

describe('Simar–Wilson bootstrap', () => {
  it('is reproducible for a seed, differs between seeds, and does not depend on the worker split', async () => {
    const problem = await problemOf(simulateFrontier(60, 2, 11));
    const a = await bootstrapReplicates([problem], { replicates: 120, seed: 5, workers: 1 });
    const b = await bootstrapReplicates([problem], { replicates: 120, seed: 5, workers: 1 });
    const c = await bootstrapReplicates([problem], { replicates: 120, seed: 6, workers: 1 });
    const split = await bootstrapReplicates([problem], { replicates: 120, seed: 5, workers: 2 });
    expect(Array.from(b.thetaStar[0]!)).toEqual(Array.from(a.thetaStar[0]!));
    expect(Array.from(split.thetaStar[0]!)).toEqual(Array.from(a.thetaStar[0]!));
    expect(Array.from(c.thetaStar[0]!)).not.toEqual(Array.from(a.thetaStar[0]!));
  }, 120_000);

  it('puts θ_bc inside its 95 % interval, below θ̂, and gives interval ends within about 0.01 for two seeds at B = 2000', async () => {
    const problem = await problemOf(simulateFrontier(100, 1, 21));
    const first = await estimates(problem, 2000, 1);
    const second = await estimates(problem, 2000, 2);
    first.forEach((e, o) => {
      expect(e.bc).toBeGreaterThanOrEqual(e.low);
      expect(e.bc).toBeLessThanOrEqual(e.high);
      expect(e.bc).toBeLessThanOrEqual(problem.theta[o]! + 1e-12);
    });
    const gaps = first
      .flatMap((e, o) => [Math.abs(e.low - second[o]!.low), Math.abs(e.high - second[o]!.high)])
      .sort((x, y) => x - y);
    // Monte Carlo error of a 2.5 % / 97.5 % quantile: 95 % of the ends move less than 0.01; the
    // few units at the sparse edge of the data, whose replicates have a long tail, up to ~0.05.
    expect(gaps[Math.floor(0.95 * gaps.length)]!).toBeLessThan(0.01);
    expect(gaps.at(-1)!).toBeLessThan(0.06);
  }, 120_000);

  it('covers the true efficiency about 0.85–0.95 of the time at nominal 0.95 (n = 200, one input, one output)', async () => {
    // Two simulated samples of 200 units, B = 2000 each. Simar & Wilson's intervals are known
    // to undercover in small samples and more dimensions (two outputs at n = 100: about 0.7).
    let covered = 0;
    let total = 0;
    for (const seed of [100, 101]) {
      const sim = simulateFrontier(200, 1, seed);
      const problem = await problemOf(sim);
      (await estimates(problem, 2000, seed)).forEach((e, o) => {
        total += 1;
        if (sim.trueTheta[o]! >= e.low && sim.trueTheta[o]! <= e.high) covered += 1;
      });
    }
    expect(covered / total).toBeGreaterThanOrEqual(0.85);
    expect(covered / total).toBeLessThanOrEqual(0.95);
  }, 300_000);

  it('fills the table: per-area θ_bc and interval, the composite interval and a rank interval containing the printed rank', async () => {
    const school = simulateFrontier(80, 2, 31);
    const care = simulateFrontier(90, 1, 32);
    // Units u1…u90; the first area lacks u81…u90 (the composite puts them at its median).
    const table = await tableOf({ grundskola: school, aldreomsorg: care });
    const out = await addUncertainty(
      table,
      [
        {
          area: 'grundskola',
          problem: { ids: school.ids, inputs: school.inputs, outputs: school.outputs, rts: 'vrs' },
        },
        { area: 'aldreomsorg', problem: { ids: care.ids, inputs: care.inputs, outputs: care.outputs, rts: 'vrs' } },
      ],
      { replicates: 300, seed: 9, workers: 1 },
    );
    expect(out).toHaveLength(90);
    for (const row of out) {
      expect(row.rangLag!).toBeGreaterThanOrEqual(1);
      expect(row.rangHog!).toBeLessThanOrEqual(90);
      expect(row.rangLag!).toBeLessThanOrEqual(row.rang);
      expect(row.rangHog!).toBeGreaterThanOrEqual(row.rang);
      expect(row.effektivitetLag!).toBeLessThanOrEqual(row.effektivitet);
      expect(row.effektivitet).toBeLessThanOrEqual(row.effektivitetHog!);
      expect(row.effektivitetDea).toBe(table.find((t) => t.kommunkod === row.kommunkod)!.effektivitet);
      for (const area of ['grundskola', 'aldreomsorg'] as const) {
        const a = row.areas[area];
        if (a.effektivitet === null) {
          expect(a.effektivitetBc ?? null).toBeNull();
          continue;
        }
        // The printed figure is θ_bc, inside its interval, and the potential is taken from it.
        expect(a.effektivitet).toBe(a.effektivitetBc);
        expect(a.effektivitet!).toBeGreaterThanOrEqual(a.effektivitetLag!);
        expect(a.effektivitet!).toBeLessThanOrEqual(a.effektivitetHog!);
        expect(a.potentialKr!).toBeCloseTo((1 - a.effektivitet!) * a.kostnadKr!, 3);
      }
    }
    // Ranks are spread, not all the full range: a top unit's interval is narrower than the field.
    const widths = out.map((r) => r.rangHog! - r.rangLag!).sort((x, y) => x - y);
    expect(widths[widths.length >> 1]!).toBeLessThan(89);
  }, 120_000);
});

describe('bootstrap pieces', () => {
  it('uses no smoothing when fewer than two units are inefficient, and a positive bandwidth otherwise', () => {
    expect(bandwidth([1, 1, 1, 1.2])).toBe(0);
    expect(bandwidth([1, 1.1, 1.3, 1.7, 1.2])).toBeGreaterThan(0);
  });

  it('takes the rank interval from the replicate ranks alone, rounded outwards and never widened', () => {
    expect(rankInterval([5, 6, 7, 8, 9])).toEqual({ low: 5, high: 9 });
    expect(rankInterval([5.2, 5.2, 5.2])).toEqual({ low: 5, high: 6 });
  });

  it('reflects the interval around the point estimate on the log scale (docs/dea-spec.md §7 step 4)', () => {
    // θ̂ = 0.8, replicates all 0.9: ratio 8/9, θ_bc = θ̂ · 8/9 = 0.6̄4/0.9, interval [θ_bc, θ_bc].
    const expected = (0.8 * 0.8) / 0.9;
    expect(reflectedEstimate(0.8, [0.9, 0.9, 0.9])).toEqual({
      bc: expect.closeTo(expected, 12),
      low: expect.closeTo(expected, 12),
      high: expect.closeTo(expected, 12),
    });
    // Quantiles of θ̂/θ* (type 7): ratios 0.5, 0.6, 1 → 2.5 % at 0.505, 97.5 % at 0.98.
    const { low, high } = reflectedEstimate(0.3, [0.3, 0.5, 0.6]);
    expect(low).toBeCloseTo(0.3 * 0.505, 12);
    expect(high).toBeCloseTo(0.3 * 0.98, 12);
  });

  it('keeps the interval positive where the additive form went below zero', () => {
    // Additive: 0.2 + (0.2 − 0.7) = −0.3. A unit with few comparable peers has replicates far above θ̂.
    const estimate = reflectedEstimate(0.2, [0.5, 0.6, 0.7, 0.65, 0.55]);
    expect(estimate.low).toBeGreaterThan(0);
    expect(estimate.low).toBeLessThanOrEqual(estimate.bc);
    expect(estimate.bc).toBeLessThanOrEqual(estimate.high);
  });
});

/**
 * A minimal efficiency table for simulated areas: DEA θ̂ per area, the input as the cost, the
 * composite and rank built with composite.ts as the point estimate.
 */
async function tableOf(areas: Partial<Record<Area, SimulatedData>>): Promise<EfficiencyRow[]> {
  const ids = [...new Set(Object.values(areas).flatMap((a) => a!.ids))];
  const empty: AreaEfficiency = { effektivitet: null, kostnadKr: null, potentialKr: null, jamforelse: [] };
  const rows: EfficiencyRow[] = ids.map((id) => ({
    kommunkod: id,
    ar: 2022,
    effektivitet: 0,
    rang: 0,
    potentialKr: 0,
    areas: Object.fromEntries(AREAS.map((a) => [a, empty])) as EfficiencyRow['areas'],
  }));
  const byId = new Map(rows.map((r) => [r.kommunkod, r]));
  for (const [area, sim] of Object.entries(areas) as [Area, SimulatedData][]) {
    const { theta } = await problemOf(sim);
    sim.ids.forEach((id, o) => {
      const cost = sim.inputs[o]![0]! * 1e6;
      byId.get(id)!.areas[area] = {
        effektivitet: theta[o]!,
        kostnadKr: cost,
        potentialKr: (1 - theta[o]!) * cost,
        jamforelse: [],
      };
    });
  }
  const costs = Object.fromEntries(
    AREAS.map((a) => [a, rows.map((r) => r.areas[a].kostnadKr).filter((c): c is number => c !== null)]),
  );
  const units = rows.map((r) =>
    Object.fromEntries(AREAS.filter((a) => r.areas[a].effektivitet !== null).map((a) => [a, r.areas[a].effektivitet!])),
  );
  const scores = compositeScores(units, compositeWeights(costs));
  const ranks = rankDescending(scores);
  return rows.map((r, i) => ({ ...r, effektivitet: scores[i]!, rang: ranks[i]! }));
}
