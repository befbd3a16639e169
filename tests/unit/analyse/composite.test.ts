import { describe, expect, it } from 'vitest';
import { areaMedians, compositeScores, compositeWeights, rankDescending } from '../../../pipeline/analyse/composite.ts';

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
});
