import { describe, expect, it } from 'vitest';
import {
  areaMedians,
  compositeScores,
  compositeWeights,
  rankDescending,
  type AreaThetas,
} from '../../../pipeline/analyse/composite.ts';
import { AREAS } from '../../../pipeline/load/index.ts';
import { rng } from '../../helpers/rng.ts';

describe('composite efficiency', () => {
  const weights = compositeWeights({ grundskola: [600, 400], aldreomsorg: [500, 300, 200], bibliotek: [50, 50] });

  it('weights each area by its share of the national cost', () => {
    expect(weights.grundskola).toBeCloseTo(1000 / 2100, 12);
    expect(weights.aldreomsorg).toBeCloseTo(1000 / 2100, 12);
    expect(weights.bibliotek).toBeCloseTo(100 / 2100, 12);
    expect(weights.gymnasieskola).toBe(0);
  });

  it('never rewards a missing area: absent counts as the area median', () => {
    const units = [
      { grundskola: 0.9, aldreomsorg: 0.8, bibliotek: 0.3 },
      { grundskola: 0.7, aldreomsorg: 0.9, bibliotek: 0.7 },
      { grundskola: 0.8, aldreomsorg: 0.7 },
    ];
    const medians = areaMedians(units);
    expect(medians.bibliotek).toBeCloseTo(0.5, 12);
    const [, , withoutLibrary] = compositeScores(units, weights);
    const atMedian = compositeScores([...units.slice(0, 2), { ...units[2], bibliotek: medians.bibliotek }], weights)[2];
    expect(withoutLibrary).toBeCloseTo(atMedian!, 12);
    // Under the old cost-weighted mean over present areas, dropping the weak area lifted the unit.
    expect(withoutLibrary).toBeLessThan((0.8 * 1000 + 0.7 * 1000) / 2000);
  });

  it('ranks highest first, ties by the tie-break then index', () => {
    expect(rankDescending([0.5, 0.9, 0.7])).toEqual([3, 1, 2]);
    expect(rankDescending([1, 1, 0.2], (a, b) => b - a)).toEqual([2, 1, 3]);
  });

  it('is neutral to a missing area (property, 200 random cases): removing an area equals setting it to the median', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      const n = 3 + Math.floor(r() * 40);
      // Every unit has grundskola; the other areas are missing now and then.
      const units: AreaThetas[] = Array.from({ length: n }, () =>
        Object.fromEntries(AREAS.filter((a) => a === 'grundskola' || r() > 0.3).map((a) => [a, 0.3 + 0.7 * r()])),
      );
      const w = compositeWeights(
        Object.fromEntries(AREAS.map((a) => [a, units.flatMap((u) => (u[a] === undefined ? [] : [1e8 * (1 + r())]))])),
      );
      const i = Math.floor(r() * n);
      const area = AREAS.filter((a) => a !== 'grundskola')[Math.floor(r() * 3)]!;
      const removed = units.map((u, j) =>
        j === i ? Object.fromEntries(Object.entries(u).filter(([a]) => a !== area)) : u,
      );
      const median = areaMedians(removed)[area];
      if (Number.isNaN(median)) continue; // nobody else has the area: it carries no weight either way
      const atMedian = units.map((u, j) => (j === i ? { ...u, [area]: median } : u));
      const a = compositeScores(removed, w);
      const b = compositeScores(atMedian, w);
      // The unit itself and everybody else score the same (adding the median keeps the median).
      a.forEach((v, j) => expect(v).toBeCloseTo(b[j]!, 12));
      // Losing an area moves the unit by exactly its weight × (median − own θ): to the median, no further.
      const full = compositeScores(units, w)[i]!;
      const own = units[i]![area]!;
      const active = AREAS.filter((x) => w[x] > 0 && !Number.isNaN(areaMedians(removed)[x])).reduce(
        (s, x) => s + w[x],
        0,
      );
      if (own !== undefined) expect(a[i]! - full).toBeCloseTo((w[area] / active) * (median - own), 12);
    }
  });
});
