import type { Highs } from 'highs';
import type { NormalisedProblem } from './normalise-problem.ts';
import type { ReturnsToScale } from './types.ts';
import { SOLVER_OPTIONS } from './highs-runtime.ts';
import { cscFromColumns } from './csc-matrix.ts';

/** Phase-2 optimum in normalised units. */
export interface SlackSolution {
  lambda: Float64Array;
  inputSlacks: number[];
  outputSlacks: number[];
}

/**
 * The phase-2 LP (docs/dea-spec.md §2): with θ fixed at θ*, maximise the sum of slacks
 *   Σλx + s⁻ = θ*x_o,  Σλy − s⁺ = y_o,  Σλz ≤ z_o,  (VRS) Σλ = 1.
 * The reference packages maximise the unweighted sum in ORIGINAL units; we solve on the
 * normalised data and weight each slack by its column mean, which is the same objective.
 */
export class SlackModel {
  private readonly model;
  private readonly m: number;
  private readonly s: number;

  constructor(
    private readonly highs: Highs,
    private readonly p: NormalisedProblem,
    rts: ReturnsToScale,
  ) {
    const { n, x, y, z } = p;
    const m = (this.m = x[0]!.length);
    const s = (this.s = y[0]!.length);
    const k = z[0]!.length;
    const vrs = rts === 'vrs' ? 1 : 0;
    const numRows = m + s + k + vrs;
    const unit = (row: number, sign: number) => Array.from({ length: numRows }, (_, r) => (r === row ? sign : 0));
    const columns = [
      ...x.map((xj, j) => [...xj, ...y[j]!, ...z[j]!, ...(vrs ? [1] : [])]),
      ...x[0]!.map((_, i) => unit(i, 1)),
      ...y[0]!.map((_, r) => unit(m + r, -1)),
    ];
    const inf = highs.infinity;
    const numCols = n + m + s;
    this.model = highs.createModel({
      numCols,
      numRows,
      sense: highs.constants.objectiveSense.maximize,
      colCost: [...new Array<number>(n).fill(0), ...p.xScale, ...p.yScale],
      colLower: new Array<number>(numCols).fill(0),
      colUpper: new Array<number>(numCols).fill(inf),
      rowLower: [...x[0]!, ...y[0]!, ...new Array<number>(k).fill(-inf), ...(vrs ? [1] : [])],
      rowUpper: [...x[0]!, ...y[0]!, ...z[0]!, ...(vrs ? [1] : [])],
      matrix: cscFromColumns(numRows, columns),
    });
    this.model.options.set(SOLVER_OPTIONS);
  }

  /** Maximises the slacks of unit `o` at efficiency `theta`; null when HiGHS finds no optimum. */
  solve(o: number, theta: number): SlackSolution | null {
    const { x, y, z, n } = this.p;
    const inf = this.highs.infinity;
    x[o]!.forEach((v, i) => this.model.changeRowBounds(i, theta * v, theta * v));
    y[o]!.forEach((v, r) => this.model.changeRowBounds(this.m + r, v, v));
    z[o]!.forEach((v, k) => this.model.changeRowBounds(this.m + this.s + k, -inf, v));
    this.model.run();
    if (this.model.getModelStatus() !== this.highs.constants.modelStatus.optimal) return null;
    const col = this.model.getSolution().colValue;
    return {
      lambda: col.slice(0, n),
      inputSlacks: Array.from(col.subarray(n, n + this.m), (v) => Math.max(0, v)),
      outputSlacks: Array.from(col.subarray(n + this.m, n + this.m + this.s), (v) => Math.max(0, v)),
    };
  }

  /** Frees the Wasm memory of the model. */
  dispose(): void {
    this.model.dispose();
  }
}
