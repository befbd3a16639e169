/**
 * Change over time with the ranking's own model (dea-spec §12 a, issue 20 point 6): one
 * intertemporal (pooled) frontier per area over all panel years (Tulkens & Vanden Eeckaut 1995),
 * under the same returns to scale and Banker–Morey structure variables as the single-year
 * ranking, with cost inputs (and the structure variables derived from them) in the latest year's
 * level by the national median unit cost of the area. Every unit-year is scored against the same
 * frontier, so scores of different years are comparable and a change is their ratio. The pool is
 * made of the problems each year's analysis solved (the ranking's builder, fallback years,
 * partial data), and a unit-year that its year's screening kept out of the others' reference sets
 * (an incomplete or small-survey unit, or a screened frontier unit, dea-spec §10–11) is kept out of
 * every other unit-year's reference set in the pool too (the same indicator row Σλ_j e_j ≤ e_o).
 * An area the year's composite does not count (no comparable municipality) counts in no composite
 * of that year here either, so a year is only compared with a year built from the same areas.
 *
 * The noise of a change has two parts, both on the log scale:
 * - the frontier's estimation noise, from the Simar–Wilson bootstrap of the pooled frontier when
 *   B > 0 (`replicates`; default 0, see POOLED_REPLICATES): in every replicate all unit-years of
 *   an area are evaluated against the same pseudo frontier, so both years of a comparison share
 *   the replicates (the variance of the replicate log ratios);
 * - always, the year-to-year noise of the data (a survey's small sample, a one-off cost), which the
 *   bootstrap does not see: the transient variance σ² of a unit's log score, estimated from the
 *   panel itself as minus the covariance of consecutive yearly changes of the same unit (a level
 *   that only drifts gives uncorrelated changes; a transient deviation is followed by its
 *   reversal, cov(Δ_t, Δ_{t+1}) = −σ²). A change between two years carries 2σ².
 * With a bootstrap the scores are the bias-corrected ones (the geometric mean of the reflected
 * replicate values, as in the single-year table), else the pooled DEA θ̂; a change's 95 % interval is ratio · exp(±1.96 · sd), and a change is
 * called a change only when that interval excludes 1. Pure apart from the worker threads.
 */
import { AREAS, type Area } from '../../load/types.ts';
import { compositeWeights } from '../composite.ts';
import { EnvelopmentSimplex } from '../dea/envelopment-simplex.ts';
import type { DeaModel } from '../model-types.ts';
import { bootstrapReplicates } from '../uncertainty/bootstrap.ts';
import { nondominated } from '../uncertainty/dominance.ts';
import { reflectedValue } from '../uncertainty/intervals.ts';
import { prepareProblem, type BootstrapProblem, type PreparedProblem } from '../uncertainty/replicates.ts';
import { median } from '../../stats/index.ts';

/**
 * Replicates of the pooled frontier's bootstrap by default: none. Each replicate is ~7 600 LPs
 * over a skyline of hundreds of unit-years (about 0.7 s CPU on the shipped data), and the
 * frontier's noise is the smaller part of a change's noise (docs/method.md, "Över tid"); with
 * B > 0 it is added, and the scores become the bias-corrected ones.
 */
export const POOLED_REPLICATES = 0;
/** Seed of the pooled bootstrap (fixed, so an unchanged panel prints the same words). */
export const POOLED_SEED = 20_151_995;

/**
 * One area in one year as that year's analysis solved it (the adjusted problem), aligned with `ids`.
 */
export interface PanelPeriod {
  ids: string[];
  inputs: number[][];
  outputs: number[][];
  /** The structure variables only (larger = more favourable), without the exclusion indicator. */
  structure: number[][];
  /** Kept out of the other units' reference sets that year (incomplete or screened). */
  excluded: boolean[];
  /** No comparable municipality that year (`ojamforbar`): the area counts in no composite that year. */
  incomparable: boolean[];
  /** Total cost (SEK), the base of the composite weights. */
  costs: number[];
}

/** One area's pooled frontier: every unit-year's bias-corrected score and its reflected replicates. */
export interface PooledArea {
  area: Area;
  /** kommunkod → year → index into the unit-year arrays. */
  index: Map<string, Map<number, number>>;
  /** `kommunkod:year` of the unit-years without a comparable municipality in their own year. */
  incomparable: Set<string>;
  /** Pooled DEA θ̂ (≤ 1) and the printed score per unit-year: bias-corrected θ_bc with a bootstrap, else θ̂. */
  dea: Float64Array;
  bc: Float64Array;
  /** Reflected replicate values θ̂²/θ*_b, replicate-major B × N. */
  reflected: Float64Array;
  n: number;
}

/** The pooled frontiers of all areas with the weights of the composite. */
export interface PooledPanel {
  areas: PooledArea[];
  replicates: number;
  /** Fixed composite weights (the latest year's national cost shares, as the single-year composite). */
  weights: Record<Area, number>;
  /** Transient (year-to-year) variance of log scores per area and of the like-for-like composite. */
  transient: Partial<Record<Area, number>> & { composite: number };
  deflator: Deflator;
}

/**
 * How nominal costs are made comparable between years: `median-unit-cost` = each cost scaled to
 * the latest year's level by the national median of the same key figure and year, all years
 * against one frontier for the whole period. The report's sentence for it is in templates/.
 */
export type Deflator = 'median-unit-cost';

/** A change between two years with its 95 % interval; `beyondNoise` when the interval excludes 1. */
export interface PooledChange {
  /** Ratio later / earlier of the bias-corrected pooled scores (> 1 = better). */
  ratio: number;
  low: number;
  high: number;
  beyondNoise: boolean;
}

export interface PooledInput {
  model: DeaModel;
  /** `${area}:${year}` → that year's area problem as the year's analysis solved it. */
  periods: ReadonlyMap<string, PanelPeriod>;
  years: readonly number[];
  latest: number;
  replicates?: number;
  seed?: number;
}

/** Builds and bootstraps the pooled frontier of every area with data in the latest year. */
export async function pooledFrontiers(input: PooledInput): Promise<PooledPanel> {
  const { model, periods, years, latest } = input;
  const B = input.replicates ?? POOLED_REPLICATES;
  const problems: { area: Area; problem: BootstrapProblem; keys: [string, number][]; incomparable: Set<string> }[] = [];
  for (const areaModel of model.areas) {
    const base = periods.get(`${areaModel.area}:${latest}`);
    if (!base) continue;
    const ids: string[] = [];
    const keys: [string, number][] = [];
    const inputs: number[][] = [];
    const outputs: number[][] = [];
    const structure: number[][] = [];
    const excluded: boolean[] = [];
    const incomparable = new Set<string>();
    for (const year of years) {
      const data = periods.get(`${areaModel.area}:${year}`);
      if (!data) continue;
      // Cost inputs in the latest year's level: × median(latest) / median(year) of that key figure.
      const factors = areaModel.inputs.map((v, i) =>
        /\bkr\b/.test(v.unit) ? median(base.inputs.map((x) => x[i]!)) / median(data.inputs.map((x) => x[i]!)) : 1,
      );
      data.ids.forEach((id, j) => {
        ids.push(`${id}:${year}`);
        keys.push([id, year]);
        inputs.push(data.inputs[j]!.map((v, i) => v * factors[i]!));
        outputs.push([...data.outputs[j]!]);
        // A reference cost is the first input divided by a ratio: it is in kronor and deflated alike.
        structure.push(
          areaModel.structure.map(
            (v, q) => data.structure[j]![q]! * (v.transform === 'reference-cost' ? factors[0]! : 1),
          ),
        );
        excluded.push(data.excluded[j] === true);
        if (data.incomparable[j]) incomparable.add(`${id}:${year}`);
      });
    }
    // The exclusion indicator as the last structure column (area-data.ts AreaProblem): a unit-year
    // kept out of the reference sets in its own year sets no other unit-year's target in the pool.
    const indicator = excluded.some(Boolean);
    const z = indicator ? structure.map((row, o) => [...row, excluded[o] ? 1 : 0]) : structure;
    const problem: BootstrapProblem = {
      ids,
      inputs,
      outputs,
      ...(areaModel.structure.length > 0 || indicator ? { nonDiscretionary: z } : {}),
      rts: areaModel.rts,
      theta: ids.map(() => 1),
    };
    problems.push({
      area: areaModel.area,
      problem: { ...problem, theta: pointThetas(prepareProblem(problem)) },
      keys,
      incomparable,
    });
  }
  const latestCosts: Partial<Record<Area, number[]>> = {};
  for (const a of model.areas) latestCosts[a.area] = periods.get(`${a.area}:${latest}`)?.costs ?? [];
  const weights = compositeWeights(latestCosts);
  const deflator: Deflator = 'median-unit-cost';
  if (!problems.length) return { areas: [], replicates: 0, weights, transient: { composite: 0 }, deflator };
  const { thetaStar } =
    B > 0
      ? await bootstrapReplicates(
          problems.map((p) => p.problem),
          { replicates: B, seed: input.seed ?? POOLED_SEED },
        )
      : { thetaStar: problems.map(() => new Float64Array(0)) };
  const areas = problems.map(({ area, problem, keys, incomparable }, a): PooledArea => {
    const n = problem.ids.length;
    const star = thetaStar[a]!;
    const reflected = new Float64Array(B * n);
    const bc = new Float64Array(n);
    for (let o = 0; o < n; o++) {
      if (B === 0) {
        bc[o] = problem.theta[o]!;
        continue;
      }
      let sumLog = 0;
      for (let b = 0; b < B; b++) {
        const value = reflectedValue(problem.theta[o]!, star[b * n + o]!);
        reflected[b * n + o] = value;
        sumLog += Math.log(value);
      }
      bc[o] = Math.exp(sumLog / B);
    }
    const index = new Map<string, Map<number, number>>();
    keys.forEach(([id, year], o) => {
      if (!index.has(id)) index.set(id, new Map());
      index.get(id)!.set(year, o);
    });
    return { area, index, incomparable, dea: Float64Array.from(problem.theta), bc, reflected, n };
  });
  const panel: PooledPanel = { areas, replicates: B, weights, transient: { composite: 0 }, deflator };
  const codes = [...new Set(areas.flatMap((a) => [...a.index.keys()]))];
  const path = (value: (code: string, year: number) => number | null) =>
    codes.map((code) => years.map((year) => value(code, year)));
  for (const a of areas)
    panel.transient[a.area] = transientVariance(
      years,
      path((code, year) => pooledScore(a, code, year)),
    );
  panel.transient.composite = transientVariance(
    years,
    path((code, year) => pooledComposite(panel, compositeAreas(panel, code, latest), code, year)),
  );
  return panel;
}

/**
 * The transient variance σ² of log scores from yearly paths (one per unit, aligned with `years`,
 * null = no value): with Δ_t the change from year t − 1 to t of the same unit, over all pairs of
 * consecutive changes of consecutive years, σ² = −cov(Δ_t, Δ_{t+1}), at least 0.
 */
export function transientVariance(years: readonly number[], paths: readonly (readonly (number | null)[])[]): number {
  const pairs: [number, number][] = [];
  for (const path of paths) {
    for (let t = 2; t < years.length; t++) {
      const [a, b, c] = [path[t - 2], path[t - 1], path[t]];
      if (years[t]! - years[t - 2]! !== 2 || a == null || b == null || c == null) continue;
      pairs.push([Math.log(b / a), Math.log(c / b)]);
    }
  }
  if (pairs.length < 2) return 0;
  const mean = (f: (p: [number, number]) => number) => pairs.reduce((sum, p) => sum + f(p), 0) / pairs.length;
  const cov = mean(([d1, d2]) => d1 * d2) - mean(([d1]) => d1) * mean(([, d2]) => d2);
  return Math.max(0, -cov);
}

/** θ̂ of every unit of a prepared problem against its own (undominated) reference set. */
function pointThetas(p: PreparedProblem): number[] {
  const columns = nondominated(p.n, p.m, p.s, p.k, p.x, p.y, p.z);
  const solver = new EnvelopmentSimplex({ n: columns.length, m: p.m, s: p.s, k: p.k, vrs: p.vrs });
  columns.forEach((j, c) => {
    solver.setInputs(c, p.x.subarray(j * p.m, (j + 1) * p.m));
    solver.setOutputs(c, p.y.subarray(j * p.s, (j + 1) * p.s));
    solver.setStructure(c, p.z.subarray(j * p.k, (j + 1) * p.k));
  });
  return Array.from({ length: p.n }, (_, o) => {
    const outcome = solver.solve(
      p.x.subarray(o * p.m, (o + 1) * p.m),
      p.y.subarray(o * p.s, (o + 1) * p.s),
      p.z.subarray(o * p.k, (o + 1) * p.k),
    );
    // The unit itself (or one dominating it) is in the pool, so the LP is feasible and θ ≤ 1.
    if (outcome.status !== 'optimal')
      throw new Error(`Internal error: pooled frontier LP infeasible for unit-year ${o}`);
    return Math.min(1, outcome.theta);
  });
}

/** The bias-corrected pooled score of a unit in one area and year, or null. */
export function pooledScore(area: PooledArea | undefined, kommunkod: string, year: number): number | null {
  const o = area?.index.get(kommunkod)?.get(year);
  return o === undefined ? null : area!.bc[o]!;
}

/** The change of one area between two years for a unit, or null when it lacks either year. */
export function areaChange(
  area: PooledArea | undefined,
  kommunkod: string,
  from: number,
  to: number,
  replicates: number,
  transient: number,
): PooledChange | null {
  const i = area?.index.get(kommunkod)?.get(from);
  const j = area?.index.get(kommunkod)?.get(to);
  if (i === undefined || j === undefined) return null;
  const ratios = new Float64Array(replicates);
  for (let b = 0; b < replicates; b++)
    ratios[b] = area!.reflected[b * area!.n + j]! / area!.reflected[b * area!.n + i]!;
  return change(area!.bc[j]! / area!.bc[i]!, ratios, transient);
}

/**
 * The areas of a unit's composite over time: those its composite counts in `year` (the latest):
 * scored, with a comparable municipality. Every compared year must be built from the same areas.
 */
export function compositeAreas(panel: PooledPanel, kommunkod: string, year: number): PooledArea[] {
  return panel.areas.filter((a) => inComposite(a, kommunkod, year));
}

/** The unit has the area in `year` and the year's composite counts it (a comparable municipality exists). */
function inComposite(area: PooledArea, kommunkod: string, year: number): boolean {
  return area.index.get(kommunkod)?.has(year) === true && !area.incomparable.has(`${kommunkod}:${year}`);
}

/**
 * The pooled composite of a unit in `year` over `areas` (fixed weights renormalised over them),
 * or null when the unit lacks one of those areas that year or that year's composite does not
 * count it (no comparable municipality): the year is then not built from the same areas.
 */
export function pooledComposite(
  panel: PooledPanel,
  areas: readonly PooledArea[],
  kommunkod: string,
  year: number,
  replicate?: number,
): number | null {
  if (!areas.length) return null;
  let sum = 0;
  let weight = 0;
  for (const a of areas) {
    const o = a.index.get(kommunkod)?.get(year);
    if (o === undefined || a.incomparable.has(`${kommunkod}:${year}`)) return null;
    const value = replicate === undefined ? a.bc[o]! : a.reflected[replicate * a.n + o]!;
    sum += panel.weights[a.area] * value;
    weight += panel.weights[a.area];
  }
  return weight > 0 ? sum / weight : null;
}

/** The composite change of a unit from `from` to `to` over the same `areas`, or null when either year lacks one. */
export function compositeChange(
  panel: PooledPanel,
  areas: readonly PooledArea[],
  kommunkod: string,
  from: number,
  to: number,
): PooledChange | null {
  const a = pooledComposite(panel, areas, kommunkod, from);
  const b = pooledComposite(panel, areas, kommunkod, to);
  if (a === null || b === null) return null;
  const ratios = new Float64Array(panel.replicates);
  for (let r = 0; r < panel.replicates; r++)
    ratios[r] = pooledComposite(panel, areas, kommunkod, to, r)! / pooledComposite(panel, areas, kommunkod, from, r)!;
  return change(b / a, ratios, panel.transient.composite);
}

/** 95 % interval of a change: log ratio ± 1.96 · √(bootstrap variance of the replicate log ratios + 2σ²). */
function change(ratio: number, replicateRatios: Float64Array, transient: number): PooledChange {
  const logs = Array.from(replicateRatios, (r) => Math.log(r));
  const mean = logs.reduce((sum, v) => sum + v, 0) / (logs.length || 1);
  const bootstrapVariance = logs.length > 1 ? logs.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (logs.length - 1) : 0;
  const spread = Z_95 * Math.sqrt(bootstrapVariance + 2 * transient);
  const low = ratio * Math.exp(-spread);
  const high = ratio * Math.exp(spread);
  return { ratio, low, high, beyondNoise: low > 1 || high < 1 };
}

const Z_95 = 1.959964;

/** Areas in the order of the model (for stable output). */
export function areaOrder(a: Area, b: Area): number {
  return AREAS.indexOf(a) - AREAS.indexOf(b);
}
