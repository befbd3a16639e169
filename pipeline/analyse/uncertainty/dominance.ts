/**
 * The reference units no other unit dominates. A unit l dominates j when x_l ≤ x_j, y_l ≥ y_j
 * and z_l ≤ z_j in every column (z oriented larger = more favourable, so a smaller z is the
 * easier reference): then λ_j can be moved to λ_l without breaking a constraint of the
 * envelopment LP or changing Σλ, so dropping j changes no θ (CRS or VRS). Of identical units the
 * first is kept. Used by the bootstrap to solve every replicate's LPs over the short skyline of
 * its pseudo frontier instead of all n units.
 *
 * Arrays are row-major (unit j's values at j·width…). Sorting lexicographically by the keys
 * (x ascending, y descending, z ascending) puts every dominating unit before the units it
 * dominates, so each unit is checked only against the skyline found so far.
 */
export function nondominated(
  n: number,
  m: number,
  s: number,
  k: number,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  z: ArrayLike<number>,
): number[] {
  const order = Array.from({ length: n }, (_, j) => j);
  const key = (j: number, c: number) =>
    c < m ? x[j * m + c]! : c < m + s ? -y[j * s + c - m]! : z[j * k + c - m - s]!;
  const width = m + s + k;
  order.sort((p, q) => {
    for (let c = 0; c < width; c++) {
      const d = key(p, c) - key(q, c);
      if (d !== 0) return d;
    }
    return p - q;
  });
  const kept: number[] = [];
  for (const j of order) {
    let dominated = false;
    for (const l of kept) {
      let all = true;
      for (let c = 0; c < width && all; c++) if (key(l, c) > key(j, c)) all = false;
      if (all) {
        dominated = true;
        break;
      }
    }
    if (!dominated) kept.push(j);
  }
  return kept.sort((p, q) => p - q);
}
