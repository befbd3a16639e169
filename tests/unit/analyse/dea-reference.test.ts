import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDea, type DeaResult, type ReturnsToScale } from '../../../pipeline/analyse/index.ts';
import { parseCsvText } from '../../../pipeline/load/index.ts';

const dir = fileURLToPath(new URL('../../fixtures/dea-reference/', import.meta.url));
const TOL = 1e-6;

function table(name: string): Record<string, string>[] {
  const [header, ...rows] = parseCsvText(readFileSync(dir + name, 'utf8'), name);
  return rows.map((r) => Object.fromEntries(header!.fields.map((h, i) => [h, r.fields[i]!])));
}

const SETS = {
  pydea_5dmu: { inputs: ['x1', 'x2'], outputs: ['q'], slacks: false, nonUnique: ['vrs_in:A'] },
  fls_11dmu: { inputs: ['x1', 'x2'], outputs: ['y'], slacks: true, nonUnique: ['crs_in:11', 'vrs_in:11'] },
} as const;

describe.each(Object.entries(SETS))('DEA reference %s', (name, spec) => {
  const data = table(`${name}.csv`);
  const expected = new Map(table(`${name}_expected.csv`).map((r) => [r.dmu!, r]));
  const lambdas = table(`${name}_lambdas.csv`);
  const ids = data.map((r) => r.dmu!);
  const X = data.map((r) => spec.inputs.map((c) => Number(r[c])));
  const Y = data.map((r) => spec.outputs.map((c) => Number(r[c])));

  describe.each(['crs', 'vrs'] as ReturnsToScale[])('%s', (rts) => {
    const results = runDea({ ids, inputs: X, outputs: Y, rts });

    it('reproduces every published score to 1e-6', async () => {
      for (const r of await results) {
        expect(Math.abs(r.efficiency - Number(expected.get(r.id)![`${rts}_in_eff`])), `${rts} ${r.id}`).toBeLessThan(
          TOL,
        );
      }
    });

    it.runIf(spec.slacks)('reproduces every published phase-2 slack to 1e-6', async () => {
      for (const r of await results) {
        const e = expected.get(r.id)!;
        const want = [...spec.inputs, ...spec.outputs].map((c) => Number(e[`${rts}_in_slack_${c}`]));
        const got = [...r.inputSlacks, ...r.outputSlacks];
        got.forEach((v, k) => expect(Math.abs(v - want[k]!), `${r.id} slack ${k}`).toBeLessThan(TOL));
      }
    });

    it('returns λ that is feasible and attains θ (and equals the reference where λ is unique)', async () => {
      for (const r of await results) {
        checkLambda(r, X[ids.indexOf(r.id)]!, Y[ids.indexOf(r.id)]!, X, Y, rts);
        if ((spec.nonUnique as readonly string[]).includes(`${rts}_in:${r.id}`)) continue;
        const ref = lambdas.filter((l) => l.model === `${rts}_in` && l.dmu === r.id);
        expect(r.peers.map((p) => p.id).sort(), `${r.id} peers`).toEqual(ref.map((l) => l.peer).sort());
        for (const l of ref)
          expect(Math.abs(r.peers.find((p) => p.id === l.peer)!.lambda - Number(l.lambda))).toBeLessThan(TOL);
      }
    });
  });
});

/** Xλ ≤ θx_o, Yλ ≥ y_o, Σλ = 1 under VRS; with θ equal to the reference this is optimality. */
function checkLambda(
  r: DeaResult,
  xo: number[],
  yo: number[],
  X: number[][],
  Y: number[][],
  rts: ReturnsToScale,
): void {
  expect(r.peers.length).toBeGreaterThan(0);
  xo.forEach((x, i) => {
    const lhs = r.peers.reduce((s, p) => s + p.lambda * X[p.index]![i]!, 0);
    expect(lhs).toBeLessThanOrEqual(r.efficiency * x + TOL);
  });
  yo.forEach((y, k) => {
    const lhs = r.peers.reduce((s, p) => s + p.lambda * Y[p.index]![k]!, 0);
    expect(lhs).toBeGreaterThanOrEqual(y - TOL);
  });
  if (rts === 'vrs') expect(Math.abs(r.peers.reduce((s, p) => s + p.lambda, 0) - 1)).toBeLessThan(TOL);
}
