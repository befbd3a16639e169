import { describe, expect, it } from 'vitest';
import { runDea, DeaInputError, type DeaProblem, type DeaResult } from '../../../pipeline/analyse/index.ts';
import { rng } from '../../helpers/rng.ts';

/** n municipalities with SEK-scale cost, a second input, two outputs and one structure variable. */
function problem(n: number, seed: number): Omit<DeaProblem, 'rts'> {
  const r = rng(seed);
  const ids = Array.from({ length: n }, (_, j) => String(1000 + j));
  return {
    ids,
    inputs: ids.map(() => [8e4 + 1.2e5 * r(), 5 + 20 * r()]),
    outputs: ids.map(() => [180 + 100 * r(), 50 + 50 * r()]),
    nonDiscretionary: ids.map(() => [-(1e5 + 5e4 * r())]),
  };
}

const TOL = 1e-6;
const base = problem(60, 7);

describe('DEA properties (60 random units, SEK-scale data)', async () => {
  const [crs, vrs] = await Promise.all([runDea({ ...base, rts: 'crs' }), runDea({ ...base, rts: 'vrs' })]);

  it('θ_CRS ≤ θ_VRS ≤ 1 and at least one unit is efficient', () => {
    crs.forEach((c, j) => {
      expect(c.efficiency).toBeLessThanOrEqual(vrs[j]!.efficiency + TOL);
      expect(vrs[j]!.efficiency).toBeLessThanOrEqual(1 + TOL);
      expect(c.efficiency).toBeGreaterThan(0);
    });
    expect(crs.some((c) => c.efficient)).toBe(true);
    expect(vrs.some((c) => c.efficient)).toBe(true);
  });

  it('is invariant to the units of each column', async () => {
    const scaled = await runDea({
      ids: base.ids,
      inputs: base.inputs.map(([a, b]) => [a! / 1000, b! * 1e4]),
      outputs: base.outputs.map(([a, b]) => [a! * 1e3, b! / 100]),
      nonDiscretionary: base.nonDiscretionary!.map(([z]) => [z! * 7]),
      rts: 'vrs',
    });
    scaled.forEach((s, j) => expect(Math.abs(s.efficiency - vrs[j]!.efficiency)).toBeLessThan(TOL));
  });

  it('gives super-efficiency = θ for inefficient units and ≥ 1 (or infeasible) for efficient ones', () => {
    for (const r of [...crs, ...vrs]) {
      if (!r.efficient) expect(Math.abs(r.superEfficiency! - r.efficiency)).toBeLessThan(TOL);
      else if (r.superStatus === 'ok') expect(r.superEfficiency!).toBeGreaterThanOrEqual(1 - TOL);
    }
    expect(crs.every((r) => r.superStatus === 'ok')).toBe(true);
  });

  it('returns targets that the peers attain (Xλ = x̂, Yλ ≥ ŷ, Zλ ≤ z_o, Σλ = 1 under VRS)', () => {
    const check = (results: DeaResult[], vrsModel: boolean) =>
      results.forEach((r, o) => {
        const dot = (m: number[][], c: number) => r.peers.reduce((s, p) => s + p.lambda * m[p.index]![c]!, 0);
        r.inputTargets.forEach((t, i) => {
          expect(Math.abs(dot(base.inputs, i) - t) / t).toBeLessThan(TOL);
          expect(t).toBeLessThanOrEqual(r.efficiency * base.inputs[o]![i]! * (1 + TOL));
        });
        r.outputTargets.forEach((t, k) => expect(dot(base.outputs, k)).toBeGreaterThanOrEqual(t * (1 - TOL)));
        expect(dot(base.nonDiscretionary!, 0)).toBeLessThanOrEqual(base.nonDiscretionary![o]![0]! * (1 - TOL));
        if (vrsModel) expect(Math.abs(r.peers.reduce((s, p) => s + p.lambda, 0) - 1)).toBeLessThan(TOL);
      });
    check(crs, false);
    check(vrs, true);
  });
});

describe('DEA input checks', () => {
  const ok = { ids: ['a', 'b'], inputs: [[1], [2]], outputs: [[1], [1]], rts: 'vrs' as const };
  it.each([
    [
      'a zero input',
      { ...ok, inputs: [[0], [2]] },
      'Cannot run DEA: unit `a` input 1 is `0`; expected a finite number > 0',
    ],
    [
      'NaN',
      { ...ok, outputs: [[Number.NaN], [1]] },
      'Cannot run DEA: unit `a` output 1 is `NaN`; expected a finite number ≥ 0',
    ],
    [
      'no positive output',
      { ...ok, outputs: [[0], [1]] },
      'Cannot run DEA: unit `a` has no positive output; expected at least one output > 0',
    ],
    ['duplicate ids', { ...ok, ids: ['a', 'a'] }, 'Cannot run DEA with duplicate unit id `a`: expected unique ids'],
    ['a ragged matrix', { ...ok, inputs: [[1], [2, 3]] }, 'Cannot run DEA: `inputs` row 2 has 2 values; expected 1'],
  ])('rejects %s', async (_, p, message) => {
    const error = await runDea(p).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeaInputError);
    expect((error as Error).message).toBe(message);
  });
});
