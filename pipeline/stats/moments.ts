/** Arithmetic mean, Σxᵢ / n (NaN when empty). */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** Sample variance Σ(xᵢ − x̄)² / (n − 1), as R's `var` and numpy's `var(ddof=1)`; 0 below two values. */
export function variance(values: ArrayLike<number>): number {
  const mu = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i]! - mu) ** 2;
  return values.length > 1 ? sum / (values.length - 1) : 0;
}

/** Sample standard deviation √variance, as R's `sd`. */
export function sd(values: ArrayLike<number>): number {
  return Math.sqrt(variance(values));
}
