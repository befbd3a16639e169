/**
 * Quantile of already sorted (ascending, non-empty) values by R's default definition, type 7
 * (numpy's `method='linear'`): h = (n − 1)·p, Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎),
 * 0-based.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Quantile (type 7, see quantileSorted) of unsorted values. */
export function quantile(values: ArrayLike<number>, p: number): number {
  return quantileSorted(Float64Array.from(values).sort(), p);
}

/** Interquartile range Q(0.75) − Q(0.25), type 7, as R's `IQR` and SciPy's `iqr`. */
export function iqr(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  return quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
}

/**
 * Median of the finite values (null, undefined, NaN and ±∞ are skipped): the middle one of n
 * sorted values, or the mean of the two middle ones, (x₍n/2−1₎ + x₍n/2₎)/2 for even n (numpy's
 * `median`). NaN when no value is finite.
 */
export function median(values: Iterable<number | null | undefined>): number {
  const sorted = Array.from(values)
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
