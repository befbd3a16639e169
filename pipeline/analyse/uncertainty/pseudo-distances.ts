import type { RandomSource } from './random.ts';

/**
 * One replicate's pseudo Shephard distances δ* (docs/dea-spec.md §7 step 3, Simar & Wilson 1998):
 * β_j drawn with replacement from the reflected set {δ̂, 2 − δ̂}; δ̃ = β + h·ε, ε ~ N(0, 1);
 * δ* = mean(β) + (δ̃ − mean(β)) / √(1 + h²/var({δ̂, 2 − δ̂})); δ* < 1 is reflected to 2 − δ*.
 * The rescaling keeps the variance of the smoothed draws equal to that of the data.
 * Writes n values into `out`; all randomness comes from `random`.
 */
export function drawPseudoDistances(
  delta: ArrayLike<number>,
  h: number,
  reflectedVariance: number,
  random: RandomSource,
  out: Float64Array,
): void {
  const n = delta.length;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const pick = Math.floor(random.uniform() * 2 * n);
    const beta = pick < n ? delta[pick]! : 2 - delta[pick - n]!;
    out[j] = beta;
    sum += beta;
  }
  const betaMean = sum / n;
  const shrink = reflectedVariance > 0 ? 1 / Math.sqrt(1 + (h * h) / reflectedVariance) : 1;
  for (let j = 0; j < n; j++) {
    const smoothed = out[j]! + h * random.normal();
    const value = betaMean + (smoothed - betaMean) * shrink;
    out[j] = value < 1 ? 2 - value : value;
  }
}

/** var({δ̂, 2 − δ̂}) over all 2n reflected values (denominator 2n − 1, as R's `var`). */
export function reflectedVariance(delta: ArrayLike<number>): number {
  const n = delta.length;
  if (n < 1) return 0;
  // The reflected set is symmetric around 1, so its mean is exactly 1.
  let sum = 0;
  for (let j = 0; j < n; j++) sum += 2 * (delta[j]! - 1) ** 2;
  return 2 * n > 1 ? sum / (2 * n - 1) : 0;
}
