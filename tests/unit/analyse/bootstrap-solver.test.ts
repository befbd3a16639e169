/**
 * The bootstrap's own simplex (envelopment-simplex.ts) against HiGHS on every LP of a full
 * analysis of the shipped data/: each area's point LPs (θ, and the Andersen–Petersen
 * super-efficiency LPs with the unit excluded, infeasible ones included) and every LP of the
 * first bootstrap replicates (pseudo frontier pruned to its undominated units by runReplicates,
 * full reference set in HiGHS). Tolerance 1e-6 on θ.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Highs } from 'highs';
import { loadKoladaSeries, loadMunicipalities } from '../../../pipeline/load/index.ts';
import { loadModel, modelKpis, runDea } from '../../../pipeline/analyse/index.ts';
import { buildAreaData } from '../../../pipeline/analyse/area-data.ts';
import { resolveDataYear } from '../../../pipeline/analyse/data-year.ts';
import { loadHighs } from '../../../pipeline/analyse/dea/index.ts';
import { SOLVER_OPTIONS } from '../../../pipeline/analyse/dea/highs-runtime.ts';
import { cscFromColumns } from '../../../pipeline/analyse/dea/csc-matrix.ts';
import { normaliseProblem } from '../../../pipeline/analyse/dea/normalise-problem.ts';
import { RadialModel } from '../../../pipeline/analyse/dea/radial-model.ts';
import { EnvelopmentSimplex } from '../../../pipeline/analyse/dea/envelopment-simplex.ts';
import {
  prepareProblem,
  pseudoInputs,
  runReplicates,
  type BootstrapProblem,
  type PreparedProblem,
} from '../../../pipeline/analyse/uncertainty/replicates.ts';
import { randomFromState, replicateStates } from '../../../pipeline/analyse/uncertainty/random.ts';

const DATA = fileURLToPath(new URL('../../../data/', import.meta.url));
const TOLERANCE = 1e-6;
const REPLICATES = 5;

interface Area {
  name: string;
  problem: BootstrapProblem;
}

let highs: Highs;
let areas: Area[];

beforeAll(async () => {
  highs = await loadHighs();
  const municipalities = await loadMunicipalities(join(DATA, 'kommuner.csv'));
  const model = await loadModel(join(DATA, 'modell.yaml'));
  const series = await loadKoladaSeries(join(DATA, 'kolada'), modelKpis(model));
  areas = [];
  const year = model.year || resolveDataYear(series, modelKpis(model))!.year;
  for (const areaModel of model.areas) {
    const d = buildAreaData(areaModel, municipalities, series, year);
    const problem = {
      ids: d.ids,
      inputs: d.inputs,
      outputs: d.outputs,
      nonDiscretionary: areaModel.structure.length ? d.nonDiscretionary : undefined,
      rts: areaModel.rts,
    };
    const results = await runDea({ ...problem, superEfficiency: false });
    areas.push({
      name: areaModel.area,
      problem: { ...problem, theta: results.map((r) => (r.efficient ? 1 : r.efficiency)) },
    });
  }
}, 120_000);

/**
 * θ of every unit's point (x_o, y_o, z_o) against reference columns (xRef, y, z) with HiGHS: one
 * model per reference set, the evaluated point changed in place (as RadialModel does).
 */
function highsThetas(p: PreparedProblem, xRef: Float64Array): number[] {
  const { n, m, s, k, vrs } = p;
  const rows = m + s + k + (vrs ? 1 : 0);
  const inf = highs.infinity;
  const lambdas = Array.from({ length: n }, (_, j) => [
    ...xRef.subarray(j * m, (j + 1) * m),
    ...p.y.subarray(j * s, (j + 1) * s),
    ...p.z.subarray(j * k, (j + 1) * k),
    ...(vrs ? [1] : []),
  ]);
  const model = highs.createModel({
    numCols: n + 1,
    numRows: rows,
    colCost: [1, ...new Array<number>(n).fill(0)],
    colLower: [-inf, ...new Array<number>(n).fill(0)],
    colUpper: new Array<number>(n + 1).fill(inf),
    rowLower: new Array<number>(rows).fill(-inf),
    rowUpper: new Array<number>(rows).fill(inf),
    matrix: cscFromColumns(rows, [new Array<number>(rows).fill(1), ...lambdas]),
  });
  try {
    model.options.set(SOLVER_OPTIONS);
    const thetas: number[] = [];
    for (let o = 0; o < n; o++) {
      for (let i = 0; i < rows; i++) model.changeCoefficient(i, 0, i < m ? -p.x[o * m + i]! : 0);
      for (let i = 0; i < m; i++) model.changeRowBounds(i, -inf, 0);
      for (let r = 0; r < s; r++) model.changeRowBounds(m + r, p.y[o * s + r]!, inf);
      for (let q = 0; q < k; q++) model.changeRowBounds(m + s + q, -inf, p.z[o * k + q]!);
      if (vrs) model.changeRowBounds(rows - 1, 1, 1);
      const { modelStatus } = model.run();
      expect(modelStatus).toBe(highs.constants.modelStatus.optimal);
      thetas.push(model.getSolution().colValue[0]!);
    }
    return thetas;
  } finally {
    model.dispose();
  }
}

describe('envelopment simplex vs HiGHS', () => {
  it('agrees on every point LP of the shipped data, with and without the unit (super-efficiency, infeasible included)', () => {
    let compared = 0;
    let infeasible = 0;
    for (const { name, problem } of areas) {
      const p = normaliseProblem(problem);
      const reference = new RadialModel(highs, p, problem.rts);
      const solver = new EnvelopmentSimplex({
        n: p.n,
        m: p.x[0]!.length,
        s: p.y[0]!.length,
        k: p.z[0]!.length,
        vrs: problem.rts === 'vrs',
      });
      p.x.forEach((x, j) => {
        solver.setInputs(j, x);
        solver.setOutputs(j, p.y[j]!);
        solver.setStructure(j, p.z[j]!);
      });
      try {
        for (const excludeSelf of [false, true]) {
          for (let o = 0; o < p.n; o++) {
            const expected = reference.solve(o, excludeSelf);
            const actual = solver.solve(p.x[o]!, p.y[o]!, p.z[o]!, excludeSelf ? o : -1);
            expect(actual.status, `${name} unit ${problem.ids[o]} excludeSelf=${excludeSelf}`).toBe(expected.status);
            if (expected.status === 'optimal' && actual.status === 'optimal') {
              expect(Math.abs(actual.theta - expected.theta), `${name} unit ${problem.ids[o]}`).toBeLessThan(TOLERANCE);
            } else infeasible += 1;
            compared += 1;
          }
        }
      } finally {
        reference.dispose();
      }
    }
    expect(compared).toBe(2 * areas.reduce((sum, a) => sum + a.problem.ids.length, 0));
    // The VRS super-efficiency LPs of units at the edge of the data are infeasible.
    expect(infeasible).toBeGreaterThan(0);
  }, 120_000);

  it(`agrees on every LP of the first ${REPLICATES} bootstrap replicates (full reference set in HiGHS)`, () => {
    const prepared = areas.map((a) => prepareProblem(a.problem));
    const states = replicateStates(7, REPLICATES);
    const ours = runReplicates(prepared, states, 0, REPLICATES);
    let compared = 0;
    for (let b = 0; b < REPLICATES; b++) {
      const random = randomFromState(states[b]!);
      prepared.forEach((p, a) => {
        const deltaStar = new Float64Array(p.n);
        const xStar = new Float64Array(p.n * p.m);
        pseudoInputs(p, random, deltaStar, xStar);
        highsThetas(p, xStar).forEach((expected, o) => {
          expect(
            Math.abs(ours[a]![b * p.n + o]! - expected),
            `${areas[a]!.name} replicate ${b} unit ${o}`,
          ).toBeLessThan(TOLERANCE);
          compared += 1;
        });
      });
    }
    expect(compared).toBe(REPLICATES * prepared.reduce((sum, p) => sum + p.n, 0));
  }, 300_000);
});
