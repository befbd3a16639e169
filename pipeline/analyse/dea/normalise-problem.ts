import type { DeaProblem } from './types.ts';
import { DeaInputError } from './dea-input-error.ts';

/** A problem with every column divided by its mean, plus the means to scale results back. */
export interface NormalisedProblem {
  n: number;
  x: number[][];
  y: number[][];
  z: number[][];
  xScale: number[];
  yScale: number[];
}

/**
 * Checks the problem and divides every column by its mean (|mean| for non-discretionary
 * columns). HiGHS-Wasm with raw SEK-scale columns returned wrong "optimal" answers (docs/dea-spec.md §0);
 * θ, λ and peer sets are invariant to this scaling.
 */
export function normaliseProblem(problem: DeaProblem): NormalisedProblem {
  const { ids, inputs, outputs } = problem;
  const n = ids.length;
  if (n === 0) throw new DeaInputError('Cannot run DEA without units: expected at least one row');
  if (new Set(ids).size !== n) {
    const seen = new Set<string>();
    const dup = ids.find((id) => (seen.has(id) ? true : (seen.add(id), false)));
    throw new DeaInputError(`Cannot run DEA with duplicate unit id \`${dup}\`: expected unique ids`, dup);
  }
  const nd = problem.nonDiscretionary ?? ids.map(() => []);
  checkShape('inputs', inputs, n);
  checkShape('outputs', outputs, n);
  checkShape('nonDiscretionary', nd, n);
  const m = inputs[0]!.length;
  const s = outputs[0]!.length;
  if (m === 0) throw new DeaInputError('Cannot run DEA without inputs: expected at least one input column');
  if (s === 0) throw new DeaInputError('Cannot run DEA without outputs: expected at least one output column');
  for (let j = 0; j < n; j++) {
    const id = ids[j]!;
    inputs[j]!.forEach((v, i) => {
      if (!Number.isFinite(v) || v <= 0) {
        throw new DeaInputError(
          `Cannot run DEA: unit \`${id}\` input ${i + 1} is \`${v}\`; expected a finite number > 0`,
          id,
        );
      }
    });
    outputs[j]!.forEach((v, r) => {
      if (!Number.isFinite(v) || v < 0) {
        throw new DeaInputError(
          `Cannot run DEA: unit \`${id}\` output ${r + 1} is \`${v}\`; expected a finite number ≥ 0`,
          id,
        );
      }
    });
    if (!outputs[j]!.some((v) => v > 0)) {
      throw new DeaInputError(
        `Cannot run DEA: unit \`${id}\` has no positive output; expected at least one output > 0`,
        id,
      );
    }
    nd[j]!.forEach((v, k) => {
      if (!Number.isFinite(v)) {
        throw new DeaInputError(
          `Cannot run DEA: unit \`${id}\` non-discretionary input ${k + 1} is \`${v}\`; expected a finite number`,
          id,
        );
      }
    });
  }
  const xScale = columnScale(inputs, m);
  const yScale = columnScale(outputs, s).map((v) => v || 1);
  const zScale = columnScale(nd, nd[0]!.length, true).map((v) => v || 1);
  return {
    n,
    x: inputs.map((row) => row.map((v, i) => v / xScale[i]!)),
    y: outputs.map((row) => row.map((v, r) => v / yScale[r]!)),
    z: nd.map((row) => row.map((v, k) => v / zScale[k]!)),
    xScale,
    yScale,
  };
}

function checkShape(name: string, matrix: number[][], n: number): void {
  if (matrix.length !== n) {
    throw new DeaInputError(`Cannot run DEA: \`${name}\` has ${matrix.length} rows; expected ${n} (one per unit)`);
  }
  const width = matrix[0]?.length ?? 0;
  const bad = matrix.findIndex((row) => row.length !== width);
  if (bad >= 0) {
    throw new DeaInputError(
      `Cannot run DEA: \`${name}\` row ${bad + 1} has ${matrix[bad]!.length} values; expected ${width}`,
    );
  }
}

function columnScale(matrix: number[][], width: number, absolute = false): number[] {
  const sums = new Array<number>(width).fill(0);
  for (const row of matrix) row.forEach((v, c) => (sums[c]! += absolute ? Math.abs(v) : v));
  return sums.map((sum) => sum / matrix.length);
}
