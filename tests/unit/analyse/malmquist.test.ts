import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateAgainst } from '../../../pipeline/analyse/dea/evaluate-against.ts';
import {
  malmquistBetween,
  malmquistFromDistances,
  type PeriodData,
} from '../../../pipeline/analyse/panel/malmquist.ts';

interface Fixture {
  source: string;
  periods: { inputs: number[][]; outputs: number[][] }[];
  expected: { from: number; to: number; malmquist: number[]; efficiencyChange: number[]; technicalChange: number[] }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/malmquist-reference/barbero-dea-jl.json', import.meta.url), 'utf8'),
) as Fixture;
const ids = ['A', 'B', 'C', 'D', 'E'];
const period = (k: number): PeriodData => ({ ids, ...fixture.periods[k]! });

describe('malmquistBetween reproduces a published example (DataEnvelopmentAnalysis.jl)', () => {
  for (const expected of fixture.expected) {
    it(`periods ${expected.from + 1} → ${expected.to + 1}`, async () => {
      const result = await malmquistBetween(period(expected.from), period(expected.to));
      expect(result.map((r) => r.id)).toEqual(ids);
      // The package prints 7–10 decimals of exact fractions: 4/3, 5/6, 1/3 …; compare with the fractions.
      const exact = (v: number) => [1 / 3, 2 / 3, 4 / 3, 5 / 6, 8 / 9, 1 / 6].find((f) => Math.abs(f - v) < 1e-6) ?? v;
      result.forEach((r, j) => {
        expect(r.malmquist).toBeCloseTo(exact(expected.malmquist[j]!), 6);
        expect(r.efficiencyChange).toBeCloseTo(exact(expected.efficiencyChange[j]!), 6);
        expect(r.technicalChange).toBeCloseTo(exact(expected.technicalChange[j]!), 6);
      });
    });
  }

  it('satisfies M = EC × TC on every row', async () => {
    for (const expected of fixture.expected) {
      for (const r of await malmquistBetween(period(expected.from), period(expected.to))) {
        expect(Math.abs(r.malmquist - r.efficiencyChange * r.technicalChange)).toBeLessThan(1e-12);
      }
    }
  });
});

describe('evaluateAgainst', () => {
  it('gives θ > 1 for a point outside the other period’s technology', async () => {
    // The reference reaches y = 1 with x = 2; the point does it with x = 1, so θ = 2.
    const [theta] = await evaluateAgainst({ inputs: [[2]], outputs: [[1]] }, { inputs: [[1]], outputs: [[1]] });
    expect(theta).toBeCloseTo(2, 9);
  });

  it('matches CRS θ against the own period on SEK-scale data', async () => {
    const reference = {
      inputs: [
        [100000, 5],
        [150000, 4],
        [90000, 8],
      ],
      outputs: [[220], [240], [200]],
    };
    const thetas = await evaluateAgainst(reference, reference);
    expect(Math.max(...thetas.map((t) => t!))).toBeCloseTo(1, 7);
    for (const t of thetas) expect(t!).toBeLessThanOrEqual(1 + 1e-7);
  });

  it('returns null for a point whose output no reference unit produces', async () => {
    const result = await evaluateAgainst({ inputs: [[1]], outputs: [[1, 0]] }, { inputs: [[1]], outputs: [[1, 1]] });
    expect(result).toEqual([null]);
  });

  it('compares only units present in both periods', async () => {
    const from: PeriodData = { ids: ['A', 'B', 'C'], inputs: [[2], [3], [5]], outputs: [[1], [4], [6]] };
    const to: PeriodData = { ids: ['B', 'C', 'D'], inputs: [[2], [4], [3]], outputs: [[4], [6], [3]] };
    const result = await malmquistBetween(from, to);
    expect(result.map((r) => r.id)).toEqual(['B', 'C']);
  });
});

describe('malmquistFromDistances', () => {
  it('reads above 1 as improvement and keeps the identity', () => {
    const r = malmquistFromDistances({ ownFrom: 0.8, ownTo: 0.9, toAgainstFrom: 1.1, fromAgainstTo: 0.7 });
    expect(r.malmquist).toBeGreaterThan(1);
    expect(r.efficiencyChange).toBeCloseTo(0.9 / 0.8, 12);
    expect(Math.abs(r.malmquist - r.efficiencyChange * r.technicalChange)).toBeLessThan(1e-15);
    expect(
      malmquistFromDistances({ ownFrom: 0.9, ownTo: 0.8, toAgainstFrom: 0.7, fromAgainstTo: 1.1 }).malmquist,
    ).toBeLessThan(1);
  });
});
