import type { Highs } from 'highs';
import type { NormalisedProblem } from './normalise-problem.ts';
import type { ReturnsToScale } from './types.ts';
import { SOLVER_OPTIONS } from './highs-runtime.ts';
import { cscFromColumns } from './csc-matrix.ts';

/** Outcome of one envelopment LP. */
export type RadialSolution = { status: 'optimal'; theta: number; lambda: Float64Array } | { status: 'infeasible' };

/**
 * The phase-1 envelopment LP (docs/dea-spec.md §1) kept in one persistent HiGHS model: columns θ, λ_1…λ_n;
 * rows Σλx ≤ θx_o, Σλy ≥ y_o, Σλz ≤ z_o and (VRS) Σλ = 1. Moving to another unit only changes
 * θ's coefficients and the right-hand sides, so HiGHS warm-starts from the previous basis.
 */
export class RadialModel {
  private readonly model;
  private readonly m: number;
  private readonly s: number;

  constructor(
    private readonly highs: Highs,
    private readonly p: NormalisedProblem,
    rts: ReturnsToScale,
  ) {
    const { n, x, y, z } = p;
    this.m = x[0]!.length;
    this.s = y[0]!.length;
    const k = z[0]!.length;
    const numRows = this.m + this.s + k + (rts === 'vrs' ? 1 : 0);
    const thetaColumn = [...x[0]!.map((v) => -v), ...new Array<number>(numRows - this.m).fill(0)];
    const lambdaColumns = x.map((xj, j) => [...xj, ...y[j]!, ...z[j]!, ...(rts === 'vrs' ? [1] : [])]);
    const inf = highs.infinity;
    const rowLower = [
      ...new Array<number>(this.m).fill(-inf),
      ...y[0]!,
      ...new Array<number>(k).fill(-inf),
      ...(rts === 'vrs' ? [1] : []),
    ];
    const rowUpper = [
      ...new Array<number>(this.m).fill(0),
      ...new Array<number>(this.s).fill(inf),
      ...z[0]!,
      ...(rts === 'vrs' ? [1] : []),
    ];
    this.model = highs.createModel({
      numCols: n + 1,
      numRows,
      colCost: [1, ...new Array<number>(n).fill(0)],
      colLower: [-inf, ...new Array<number>(n).fill(0)],
      colUpper: new Array<number>(n + 1).fill(inf),
      rowLower,
      rowUpper,
      matrix: cscFromColumns(numRows, [thetaColumn, ...lambdaColumns]),
    });
    this.model.options.set(SOLVER_OPTIONS);
  }

  /** Solves for unit `o`; with `excludeSelf`, λ_o = 0 (Andersen–Petersen super-efficiency). */
  solve(o: number, excludeSelf = false): RadialSolution {
    const { x, y, z } = this.p;
    const inf = this.highs.infinity;
    x[o]!.forEach((v, i) => this.model.changeCoefficient(i, 0, -v));
    y[o]!.forEach((v, r) => this.model.changeRowBounds(this.m + r, v, inf));
    z[o]!.forEach((v, k) => this.model.changeRowBounds(this.m + this.s + k, -inf, v));
    if (excludeSelf) this.model.changeColBounds(o + 1, 0, 0);
    try {
      // Read status and solution before restoring the bound: changing the model resets both.
      const { modelStatus } = this.model.run();
      const codes = this.highs.constants.modelStatus;
      if (modelStatus === codes.infeasible || modelStatus === codes.unboundedOrInfeasible)
        return { status: 'infeasible' };
      if (modelStatus !== codes.optimal) {
        throw new Error(`Internal error: HiGHS returned model status ${modelStatus} for DEA unit ${o + 1}`);
      }
      const colValue = this.model.getSolution().colValue;
      return { status: 'optimal', theta: colValue[0]!, lambda: colValue.subarray(1) };
    } finally {
      if (excludeSelf) this.model.changeColBounds(o + 1, 0, inf);
    }
  }

  /** Frees the Wasm memory of the model. */
  dispose(): void {
    this.model.dispose();
  }
}
