/**
 * The shared statistics against SciPy 1.17.1 / numpy 2.4.6. The expected values were computed once
 * with this command and copied in:
 *
 *   python3 -c "import numpy as np, scipy.stats as st
 *   x = [3.1, 1.2, 4.5, 1.2, 9.9, 2.6, 4.5, 4.5]; y = [2.0, 1.0, 3.5, 0.5, 8.0, 2.2, 7.1, 3.0]
 *   print(list(st.rankdata(x)), st.spearmanr(x, y).statistic, st.spearmanr([1, 2], [2, 1]).statistic)
 *   print(np.median(x), np.median(x[:7]), [np.quantile(x, p, method='linear') for p in (0, .025, .25, .5, .75, .975, 1)])
 *   print(st.iqr(x), np.mean(x), np.var(x, ddof=1), np.std(x, ddof=1))"
 */
import { describe, expect, it } from 'vitest';
import {
  averageRanks,
  competitionRank,
  iqr,
  mean,
  median,
  pearson,
  quantile,
  quantileSorted,
  sd,
  spearman,
  variance,
} from '../../../pipeline/stats/index.ts';

const x = [3.1, 1.2, 4.5, 1.2, 9.9, 2.6, 4.5, 4.5];
const y = [2.0, 1.0, 3.5, 0.5, 8.0, 2.2, 7.1, 3.0];

describe('averageRanks', () => {
  it('matches scipy.stats.rankdata (ties at their mean position)', () => {
    expect(averageRanks(x)).toEqual([4, 1.5, 6, 1.5, 8, 3, 6, 6]);
  });
  it('is empty for no values', () => {
    expect(averageRanks([])).toEqual([]);
  });
});

describe('competitionRank', () => {
  it('ranks the highest first and lets ties (to 1e-9) share the better rank', () => {
    expect(competitionRank(4.5, x)).toBe(2);
    expect(competitionRank(9.9, x)).toBe(1);
    expect(competitionRank(1.2, x)).toBe(7);
    expect(competitionRank(4.5 - 1e-12, x)).toBe(2);
  });
});

describe('spearman', () => {
  it('matches scipy.stats.spearmanr with ties', () => {
    expect(spearman(x, y)).toBeCloseTo(0.9452300860699551, 14);
  });
  it('is 1 for any increasing transform and −1 when reversed, from two pairs on (as SciPy)', () => {
    expect(spearman([1, 2, 3, 4], [10, 100, 1000, 1e4])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(spearman([1, 2], [2, 1])).toBeCloseTo(-0.9999999999999999, 14);
  });
  it('is NaN for a constant series or fewer than two pairs, and throws on unequal lengths', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(spearman([1], [1])).toBeNaN();
    expect(spearman([], [])).toBeNaN();
    expect(() => spearman([1, 2], [1, 2, 3])).toThrow(/2 and 3 values; expected equal lengths/);
  });
  it('is the Pearson correlation of the average ranks', () => {
    expect(spearman(x, y)).toBe(pearson(averageRanks(x), averageRanks(y)));
  });
});

describe('median', () => {
  it('matches numpy.median for even and odd counts', () => {
    expect(median(x)).toBeCloseTo(3.8, 14);
    expect(median(x.slice(0, 7))).toBe(3.1);
  });
  it('skips missing and non-finite values, and is NaN when none is left', () => {
    expect(median([null, 3, undefined, Number.NaN, 1, Number.POSITIVE_INFINITY, 2])).toBe(2);
    expect(median([])).toBeNaN();
    expect(median([null, Number.NaN])).toBeNaN();
  });
  it('takes the mean of the two middle values (not a + (b − a)/2)', () => {
    expect(median([0.1, 0.7])).toBe((0.1 + 0.7) / 2);
  });
});

describe('quantile (type 7)', () => {
  it("matches numpy.quantile(method='linear') and R's default", () => {
    const expected: [number, number][] = [
      [0, 1.2],
      [0.025, 1.2],
      [0.25, 2.25],
      [0.5, 3.8],
      [0.75, 4.5],
      [0.975, 8.955000000000002],
      [1, 9.9],
    ];
    for (const [p, q] of expected) expect(quantile(x, p)).toBeCloseTo(q, 13);
    expect(
      quantileSorted(
        [...x].sort((a, b) => a - b),
        0.975,
      ),
    ).toBeCloseTo(8.955000000000002, 13);
  });
  it('matches scipy.stats.iqr', () => {
    expect(iqr(x)).toBeCloseTo(2.25, 14);
  });
});

describe('mean, variance, sd', () => {
  it('match numpy (ddof = 1)', () => {
    expect(mean(x)).toBeCloseTo(3.9375, 14);
    expect(variance(x)).toBeCloseTo(7.711250000000001, 13);
    expect(sd(x)).toBeCloseTo(2.7769137545123725, 13);
    expect(variance([5])).toBe(0);
  });
});
