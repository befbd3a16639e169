import { iqr, sd } from '../../stats/index.ts';

/** Distances within this of 1 count as efficient and are left out of the bandwidth's data. */
const EFFICIENT_DISTANCE = 1e-6;

/**
 * Bandwidth of the smoothed bootstrap (docs/dea-spec.md §7 step 2, as Benchmarking::dea.boot): Silverman's
 * rule on the reflected set R = {δ, 2 − δ} of the inefficient units' Shephard distances δ > 1,
 *   h0 = 0.9 · min(sd(R), IQR(R)/1.349) · |R|^(−1/5),
 * rescaled to all n distances: h = h0 · sd(δ)/sd(R) · (|R|/n)^(1/5).
 * Efficient units (δ = 1) are left out because their mass at the boundary would shrink the
 * bandwidth towards 0. Returns 0 when fewer than two units are inefficient (no smoothing).
 */
export function bandwidth(delta: readonly number[]): number {
  const inefficient = delta.filter((d) => d > 1 + EFFICIENT_DISTANCE);
  if (inefficient.length < 2) return 0;
  const reflected = [...inefficient, ...inefficient.map((d) => 2 - d)];
  const sdR = sd(reflected);
  const spread = Math.min(sdR, iqr(reflected) / 1.349) || sdR;
  if (!(sdR > 0)) return 0;
  const h0 = 0.9 * spread * reflected.length ** (-1 / 5);
  return h0 * (sd(delta) / sdR) * (reflected.length / delta.length) ** (1 / 5);
}
