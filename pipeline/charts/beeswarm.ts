/**
 * Deterministic beeswarm layout: each dot goes to the free vertical offset closest to the
 * axis, in the order of the input. Exact (no force simulation), so the same data always gives
 * the same picture, which keeps reports reproducible. O(n·k²) for k close neighbours.
 */
export function beeswarm(xs: readonly number[], radius: number): number[] {
  const d = radius * 2;
  const placed: { x: number; y: number }[] = [];
  const ys: number[] = [];
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x || a.i - b.i);
  for (const { x, i } of order) {
    const near = placed.filter((p) => Math.abs(p.x - x) < d);
    const candidates = [0];
    for (const p of near) {
      const dy = Math.sqrt(d * d - (p.x - x) ** 2);
      candidates.push(p.y + dy, p.y - dy);
    }
    candidates.sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
    const y = candidates.find((c) => near.every((p) => (p.x - x) ** 2 + (p.y - c) ** 2 >= d * d - 1e-6)) ?? 0;
    placed.push({ x, y });
    ys[i] = y;
  }
  return ys;
}
