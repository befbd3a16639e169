import { averageRanks } from './ranks.ts';

/**
 * Pearson's correlation r = Σ(aᵢ − ā)(bᵢ − b̄) / √(Σ(aᵢ − ā)² · Σ(bᵢ − b̄)²). NaN for fewer than
 * two pairs or a constant series (the denominator is 0).
 */
export function pearson(a: readonly number[], b: readonly number[]): number {
  checkLengths('pearson', a, b);
  const n = a.length;
  if (n < 2) return Number.NaN;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : Number.NaN;
}

/**
 * Spearman's rank correlation ρ = pearson(rank(a), rank(b)) with average ranks for ties (SciPy's
 * `spearmanr`, R's `cor(method = 'spearman')`). NaN for fewer than two pairs or a constant
 * series; throws on series of different lengths.
 */
export function spearman(a: readonly number[], b: readonly number[]): number {
  checkLengths('spearman', a, b);
  return pearson(averageRanks(a), averageRanks(b));
}

function checkLengths(name: string, a: readonly number[], b: readonly number[]): void {
  if (a.length !== b.length)
    throw new RangeError(`${name}: series have ${a.length} and ${b.length} values; expected equal lengths`);
}
