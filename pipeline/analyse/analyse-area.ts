import type { AreaEfficiency, Peer } from '../load/types.ts';
import type { AreaModel } from './model-types.ts';
import { areaProblem, type AreaData, type AreaProblem } from './area-data.ts';
import type { AreaDeaDetail } from './types.ts';
import { runDea, type DeaResult } from './dea/index.ts';
import { radialEfficiencies } from './radial-efficiencies.ts';
import { structureExtremes } from './structure-extremes.ts';

/** One area's DEA outcome per included municipality. */
export interface AreaOutcome {
  efficiency: AreaEfficiency;
  detail: AreaDeaDetail;
}

/** An area's outcomes and the two DEA problems behind them (adjusted = published, and unadjusted). */
export interface AreaAnalysis {
  outcomes: Map<string, AreaOutcome>;
  problem: AreaProblem;
  unadjustedProblem: AreaProblem;
}

/**
 * Runs the area's DEA twice, with the structure variables (the published θ) and without them
 * (the unadjusted view), and turns each result into the efficiency-table fields: θ (exactly 1
 * when efficient within 1e-6), cost, potential (1 − θ) × cost from the adjusted θ, peers without
 * the unit itself normalised to sum 1 (empty for efficient units), `effektivitetOjusterad` and
 * `ojamforbar`. An area without structure variables is solved once; both views coincide.
 */
export async function analyseArea(model: AreaModel, data: AreaData): Promise<AreaAnalysis> {
  const problem = areaProblem(model, data, true);
  const unadjustedProblem = areaProblem(model, data, false);
  const outcomes = new Map<string, AreaOutcome>();
  if (data.ids.length === 0) return { outcomes, problem, unadjustedProblem };
  const adjusted = await runDea(problem);
  // The unadjusted view needs θ only: one phase-1 LP per unit instead of three (its rank ties,
  // which need efficiency in every area a unit has, fall back to kommunkod).
  const unadjusted = problem.nonDiscretionary ? await radialEfficiencies(unadjustedProblem) : adjusted.map(score);
  // Which of the incomparable units are so already by their structure alone (detail only).
  const candidates = adjusted.flatMap((r, j) => (isIncomparable(r, unadjusted[j]!) ? [j] : []));
  const extremes = problem.nonDiscretionary ? await structureExtremes(problem.nonDiscretionary, candidates) : new Set<number>();
  adjusted.forEach((r, j) => {
    const theta = score(r);
    const thetaUnadjusted = unadjusted[j]!;
    const cost = data.costs[j]!;
    const others = r.peers.filter((p) => p.id !== r.id);
    const total = others.reduce((sum, p) => sum + p.lambda, 0);
    const jamforelse: Peer[] = r.efficient || total <= 0
      ? []
      : others.map((p) => ({ kommunkod: p.id, weight: p.lambda / total })).sort((a, b) => b.weight - a.weight);
    outcomes.set(r.id, {
      efficiency: {
        effektivitet: theta,
        kostnadKr: cost,
        potentialKr: (1 - theta) * cost,
        jamforelse,
        effektivitetOjusterad: thetaUnadjusted,
        ojamforbar: isIncomparable(r, thetaUnadjusted),
      },
      detail: {
        superEfficiency: r.superEfficiency,
        superInfeasible: r.superStatus === 'infeasible',
        weaklyEfficient: r.weaklyEfficient,
        structureExtreme: extremes.has(j),
        inputTargets: Object.fromEntries(model.inputs.map((v, i) => [v.kpi, r.inputTargets[i]!])),
        outputTargets: Object.fromEntries(model.outputs.map((v, k) => [v.kpi, r.outputTargets[k]!])),
        ...(problem.nonDiscretionary ? {} : { unadjustedSuperEfficiency: r.superEfficiency, unadjustedSuperInfeasible: r.superStatus === 'infeasible' }),
      },
    });
  });
  return { outcomes, problem, unadjustedProblem };
}

/** θ as published: exactly 1 for an efficient unit. */
function score(r: DeaResult): number {
  return r.efficient ? 1 : r.efficiency;
}

/**
 * "No comparable municipality" (`ojamforbar`, docs/method.md §2.6): (1) efficient with the
 * structure adjustment, (2) its super-efficiency LP infeasible: no convex combination of the other
 * municipalities is at least as hard-placed in every structure variable AND reaches its results,
 * whatever they cost, so its cost was never compared with anyone's, and (3) NOT efficient without
 * the adjustment: other municipalities do reach its results more cheaply, but they are better
 * placed. A unit efficient on its own cost and results (efficient unadjusted too) is not flagged.
 */
export function isIncomparable(adjusted: DeaResult, unadjustedTheta: number): boolean {
  return adjusted.efficient && adjusted.superStatus === 'infeasible' && unadjustedTheta < 1;
}
