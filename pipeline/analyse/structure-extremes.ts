import { loadHighs } from './dea/highs-runtime.ts';
import { SOLVER_OPTIONS } from './dea/highs-runtime.ts';
import { cscFromColumns } from './dea/csc-matrix.ts';

/**
 * The candidates that are extreme in the structure variables: no convex combination of the
 * OTHER units is at least as hard-placed in every structure variable (Σ_{j≠o} λ_j z_j ≤ z_o,
 * Σλ = 1, λ ≥ 0 has no solution; z oriented "larger = more favourable", as in the DEA engine).
 * With one structure variable this is "strictly the hardest-placed unit"; with several it is a
 * small feasibility LP. Under Banker–Morey such a unit has no admissible peer at all, so its θ = 1
 * says nothing about its cost or results. `candidates` are indices into `z`.
 */
export async function structureExtremes(
  z: readonly (readonly number[])[],
  candidates: readonly number[],
): Promise<Set<number>> {
  const extremes = new Set<number>();
  const n = z.length;
  const k = z[0]?.length ?? 0;
  if (k === 0 || n < 2 || candidates.length === 0) return extremes;
  // Divide each column by its mean absolute value: the LP is then well scaled whatever the units.
  const scale = Array.from({ length: k }, (_, c) => z.reduce((s, row) => s + Math.abs(row[c]!), 0) / n || 1);
  const zn = z.map((row) => row.map((v, c) => v / scale[c]!));
  const highs = await loadHighs();
  const inf = highs.infinity;
  const model = highs.createModel({
    numCols: n,
    numRows: k + 1,
    colCost: new Array<number>(n).fill(0),
    colLower: new Array<number>(n).fill(0),
    colUpper: new Array<number>(n).fill(inf),
    rowLower: [...new Array<number>(k).fill(-inf), 1],
    rowUpper: [...new Array<number>(k).fill(inf), 1],
    matrix: cscFromColumns(
      k + 1,
      zn.map((row) => [...row, 1]),
    ),
  });
  model.options.set(SOLVER_OPTIONS);
  try {
    for (const o of candidates) {
      zn[o]!.forEach((v, c) => model.changeRowBounds(c, -inf, v));
      model.changeColBounds(o, 0, 0);
      const { modelStatus } = model.run();
      const codes = highs.constants.modelStatus;
      if (modelStatus === codes.infeasible || modelStatus === codes.unboundedOrInfeasible) extremes.add(o);
      else if (modelStatus !== codes.optimal)
        throw new Error(
          `Internal error: HiGHS returned model status ${modelStatus} for the structure feasibility LP of unit ${o + 1}`,
        );
      model.changeColBounds(o, 0, inf);
    }
  } finally {
    model.dispose();
  }
  return extremes;
}
