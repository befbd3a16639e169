/**
 * The heavy loop of the bootstrap, in one place: for each replicate and area, draw the pseudo
 * frontier and evaluate every unit's original point against it. Runs in the main thread or in a
 * worker (bootstrap-worker.ts) on a range of replicates; the results do not depend on the split.
 */
import { EnvelopmentSimplex } from '../dea/envelopment-simplex.ts';
import { normaliseProblem } from '../dea/normalise-problem.ts';
import type { DeaProblem } from '../dea/types.ts';
import { bandwidth } from './bandwidth.ts';
import { nondominated } from './dominance.ts';
import { drawPseudoDistances, reflectedVariance } from './pseudo-distances.ts';
import { randomFromState, type RandomSource } from './random.ts';

/**
 * One area's DEA problem with its point estimates, as the bootstrap needs it. The inputs are
 * resampled (scaled by δ* ÷ δ̂); outputs and structure variables are not. The bootstrap always
 * computes radial θ, so `superEfficiency` does not apply.
 */
export interface BootstrapProblem extends Omit<DeaProblem, 'superEfficiency'> {
  /** Point estimates θ̂ in (0, 1], aligned with `ids`. */
  theta: number[];
}

/** A problem prepared for the loop: normalised, flat arrays, δ̂ and the bandwidth (serialisable). */
export interface PreparedProblem {
  n: number;
  m: number;
  s: number;
  k: number;
  vrs: boolean;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  delta: Float64Array;
  h: number;
  reflectedVariance: number;
}

/** Normalises the problem (docs/dea-spec.md §0) and computes δ̂ = 1/θ̂ and the bandwidth (§7 steps 1–2). */
export function prepareProblem(problem: BootstrapProblem): PreparedProblem {
  const hasZ = (problem.nonDiscretionary?.[0]?.length ?? 0) > 0;
  const p = normaliseProblem({ ...problem, nonDiscretionary: hasZ ? problem.nonDiscretionary : undefined });
  const delta = problem.theta.map((t) => {
    if (!(t > 0 && t <= 1 + 1e-9)) throw new Error(`Internal error: bootstrap needs θ̂ in (0, 1], got ${t}`);
    return 1 / Math.min(1, t);
  });
  return {
    n: p.n,
    m: p.x[0]!.length,
    s: p.y[0]!.length,
    k: hasZ ? p.z[0]!.length : 0,
    vrs: problem.rts === 'vrs',
    x: Float64Array.from(p.x.flat()),
    y: Float64Array.from(p.y.flat()),
    z: Float64Array.from(hasZ ? p.z.flat() : []),
    delta: Float64Array.from(delta),
    h: bandwidth(delta),
    reflectedVariance: reflectedVariance(delta),
  };
}

/**
 * One replicate's pseudo inputs of a problem (§7 step 3): δ* drawn from `random`, then
 * x*_j = (δ*_j/δ̂_j)·x_j (n × m, row-major, into `xStar`); outputs and structure stay as they are.
 */
export function pseudoInputs(
  p: PreparedProblem,
  random: RandomSource,
  deltaStar: Float64Array,
  xStar: Float64Array,
): void {
  drawPseudoDistances(p.delta, p.h, p.reflectedVariance, random, deltaStar);
  for (let j = 0; j < p.n; j++) {
    const factor = deltaStar[j]! / p.delta[j]!;
    for (let i = 0; i < p.m; i++) xStar[j * p.m + i] = factor * p.x[j * p.m + i]!;
  }
}

/**
 * θ̂*_bo for replicates [first, last) of every problem (§7 step 3, §7a): per replicate one random
 * stream (`states[b]`), used by the problems in order; pseudo inputs x*_j = (δ*_j/δ̂_j)·x_j,
 * outputs and structure variables unchanged; every unit's original point evaluated against
 * (x*, y, z). Returns per problem a (last − first) × n array, replicate-major. `onReplicate` is
 * told how many replicates of this range are done after each one (progress only).
 */
export function runReplicates(
  problems: readonly PreparedProblem[],
  states: readonly (readonly number[])[],
  first: number,
  last: number,
  onReplicate?: (done: number) => void,
): Float64Array[] {
  const results = problems.map((p) => new Float64Array((last - first) * p.n));
  const deltas = problems.map((p) => new Float64Array(p.n));
  const pseudo = problems.map((p) => new Float64Array(p.n * p.m));
  const orders = problems.map(evaluationOrder);
  // Each unit's original point as views, made once rather than per LP.
  const views = problems.map((p): [Float64Array[], Float64Array[], Float64Array[]] => [
    Array.from({ length: p.n }, (_, o) => p.x.subarray(o * p.m, (o + 1) * p.m)),
    Array.from({ length: p.n }, (_, o) => p.y.subarray(o * p.s, (o + 1) * p.s)),
    Array.from({ length: p.n }, (_, o) => p.z.subarray(o * p.k, (o + 1) * p.k)),
  ]);
  for (let b = first; b < last; b++) {
    const random = randomFromState(states[b]!);
    problems.forEach((p, a) => {
      const deltaStar = deltas[a]!;
      const xStar = pseudo[a]!;
      pseudoInputs(p, random, deltaStar, xStar);
      // Only the pseudo frontier's undominated units can carry weight (dominance.ts).
      const columns = nondominated(p.n, p.m, p.s, p.k, xStar, p.y, p.z);
      const solver = new EnvelopmentSimplex({ n: columns.length, m: p.m, s: p.s, k: p.k, vrs: p.vrs });
      columns.forEach((j, c) => {
        solver.setInputs(c, xStar.subarray(j * p.m, (j + 1) * p.m));
        solver.setOutputs(c, p.y.subarray(j * p.s, (j + 1) * p.s));
        solver.setStructure(c, p.z.subarray(j * p.k, (j + 1) * p.k));
      });
      const out = results[a]!;
      const row = (b - first) * p.n;
      const [xs, ys, zs] = views[a]!;
      for (const o of orders[a]!) {
        const outcome = solver.solve(xs[o]!, ys[o]!, zs[o]!);
        // The pseudo copy of unit o (or a unit dominating it) has its outputs and structure,
        // so the LP is always feasible.
        if (outcome.status !== 'optimal')
          throw new Error(`Internal error: bootstrap LP infeasible (replicate ${b}, unit ${o})`);
        out[row + o] = outcome.theta;
      }
    });
    onReplicate?.(b - first + 1);
  }
  return results;
}

/**
 * The order in which a replicate's units are evaluated: by their outputs and structure
 * variables (normalised, summed), so that consecutive LPs differ little and the kept basis is
 * close to the next optimum (fewer pivots; the θ values do not depend on the order).
 */
function evaluationOrder(p: PreparedProblem): number[] {
  const key = (o: number) => {
    let sum = 0;
    for (let r = 0; r < p.s; r++) sum += p.y[o * p.s + r]!;
    for (let q = 0; q < p.k; q++) sum -= p.z[o * p.k + q]!;
    return sum;
  };
  return Array.from({ length: p.n }, (_, o) => o).sort((a, b) => key(a) - key(b) || a - b);
}
