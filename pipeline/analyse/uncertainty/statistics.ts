/** Small descriptive statistics with R's conventions (sd with n − 1, quantile type 7). */

/** Arithmetic mean. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** Sample variance (denominator n − 1), as R's `var`. */
export function variance(values: ArrayLike<number>): number {
  const mu = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i]! - mu) ** 2;
  return values.length > 1 ? sum / (values.length - 1) : 0;
}

/** Sample standard deviation, as R's `sd`. */
export function sd(values: ArrayLike<number>): number {
  return Math.sqrt(variance(values));
}

/** Quantile of already sorted values, R's default (type 7, linear interpolation). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Quantile (type 7) of unsorted values. */
export function quantile(values: ArrayLike<number>, p: number): number {
  return quantileSorted(Float64Array.from(values).sort(), p);
}

/** Interquartile range (type 7), as R's `IQR`. */
export function iqr(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  return quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
}
