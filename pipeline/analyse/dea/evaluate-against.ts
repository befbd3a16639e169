/**
 * Cross-period evaluation for the Malmquist index (docs/dea-spec.md §9): the input-oriented CRS
 * efficiency θ^s(x_o, y_o) of points that need not belong to the reference set. Under CRS the
 * LP is always feasible when every output the point produces is produced by some reference
 * unit, and θ may exceed 1 (the point lies outside the other period's technology).
 */
import { DeaInputError } from './dea-input-error.ts';
import { cscFromColumns } from './csc-matrix.ts';
import { loadHighs, SOLVER_OPTIONS } from './highs-runtime.ts';

/** Units as rows: `inputs[j]` and `outputs[j]` of unit j. */
export interface PointSet {
  inputs: readonly (readonly number[])[];
  outputs: readonly (readonly number[])[];
}

/**
 * θ of every point in `points` against the CRS technology spanned by `reference`:
 * min θ s.t. Σλ_j x_j ≤ θ x_o, Σλ_j y_j ≥ y_o, λ ≥ 0. Returns null for a point the technology
 * cannot reach (an output no reference unit produces). Columns are divided by the reference's
 * means first (HiGHS-Wasm misbehaves on SEK-scale data, docs/dea-spec.md §0); θ is invariant to that.
 */
export async function evaluateAgainst(reference: PointSet, points: PointSet): Promise<(number | null)[]> {
  const n = reference.inputs.length;
  if (n === 0) throw new DeaInputError('Cannot evaluate against an empty reference set: expected at least one unit');
  const m = reference.inputs[0]!.length;
  const s = reference.outputs[0]!.length;
  if (points.inputs.length !== points.outputs.length) {
    throw new DeaInputError(
      `Cannot evaluate: ${points.inputs.length} input rows but ${points.outputs.length} output rows; expected one of each per point`,
    );
  }
  for (const [name, rows, width] of [
    ['reference inputs', reference.inputs, m],
    ['reference outputs', reference.outputs, s],
    ['point inputs', points.inputs, m],
    ['point outputs', points.outputs, s],
  ] as const) {
    rows.forEach((row, j) => {
      if (row.length !== width || row.some((v) => !Number.isFinite(v) || v < 0)) {
        throw new DeaInputError(
          `Cannot evaluate: ${name} row ${j + 1} is [${row.join(', ')}]; expected ${width} finite numbers ≥ 0`,
        );
      }
    });
  }
  if (points.inputs.length === 0) return [];
  const scale = (rows: readonly (readonly number[])[], width: number) =>
    Array.from({ length: width }, (_, c) => rows.reduce((sum, row) => sum + row[c]!, 0) / rows.length || 1);
  const xScale = scale(reference.inputs, m);
  const yScale = scale(reference.outputs, s);
  const x = reference.inputs.map((row) => row.map((v, i) => v / xScale[i]!));
  const y = reference.outputs.map((row) => row.map((v, r) => v / yScale[r]!));

  const highs = await loadHighs();
  const inf = highs.infinity;
  const numRows = m + s;
  const firstX = points.inputs[0]!.map((v, i) => v / xScale[i]!);
  const firstY = points.outputs[0]!.map((v, r) => v / yScale[r]!);
  const model = highs.createModel({
    numCols: n + 1,
    numRows,
    colCost: [1, ...new Array<number>(n).fill(0)],
    colLower: [-inf, ...new Array<number>(n).fill(0)],
    colUpper: new Array<number>(n + 1).fill(inf),
    rowLower: [...new Array<number>(m).fill(-inf), ...firstY],
    rowUpper: [...new Array<number>(m).fill(0), ...new Array<number>(s).fill(inf)],
    matrix: cscFromColumns(numRows, [
      [...firstX.map((v) => -v), ...new Array<number>(s).fill(0)],
      ...x.map((xj, j) => [...xj, ...y[j]!]),
    ]),
  });
  model.options.set(SOLVER_OPTIONS);
  const codes = highs.constants.modelStatus;
  try {
    return points.inputs.map((inputs, o) => {
      const outputs = points.outputs[o]!;
      // No output at all: the zero activity reaches it, θ = 0 is meaningless for a Malmquist ratio.
      if (!outputs.some((v) => v > 0)) return null;
      inputs.forEach((v, i) => model.changeCoefficient(i, 0, -v / xScale[i]!));
      outputs.forEach((v, r) => model.changeRowBounds(m + r, v / yScale[r]!, inf));
      const { modelStatus } = model.run();
      if (modelStatus === codes.infeasible || modelStatus === codes.unboundedOrInfeasible) return null;
      if (modelStatus !== codes.optimal)
        throw new Error(`Internal error: HiGHS returned model status ${modelStatus} for cross-period point ${o + 1}`);
      return model.getSolution().colValue[0]!;
    });
  } finally {
    model.dispose();
  }
}
