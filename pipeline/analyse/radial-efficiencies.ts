import { loadHighs } from './dea/highs-runtime.ts';
import { normaliseProblem } from './dea/normalise-problem.ts';
import { RadialModel } from './dea/radial-model.ts';
import type { DeaProblem } from './dea/types.ts';
import { EFFICIENT_TOLERANCE } from './dea/types.ts';

/**
 * θ* of every unit from the phase-1 envelopment LP alone (the same persistent model `runDea`
 * uses), without slacks, peers or super-efficiency. For views that need the score only (the
 * unadjusted view): one LP per unit instead of three. θ is exactly 1 for an efficient unit.
 */
export async function radialEfficiencies(problem: DeaProblem): Promise<number[]> {
  const p = normaliseProblem(problem);
  const highs = await loadHighs();
  const radial = new RadialModel(highs, p, problem.rts);
  try {
    return problem.ids.map((id, o) => {
      const s = radial.solve(o);
      if (s.status !== 'optimal')
        throw new Error(
          `Internal error: the DEA LP for unit ${id} is infeasible although the unit is its own reference`,
        );
      const theta = Math.min(1, s.theta);
      return theta >= 1 - EFFICIENT_TOLERANCE ? 1 : theta;
    });
  } finally {
    radial.dispose();
  }
}
