/** Deterministic chart inputs for the tests (no real data: these are invented numbers). */
export function makeUnits(n = 290): { kommunkod: string; namn: string; value: number; inGroup: boolean }[] {
  return Array.from({ length: n }, (_, i) => ({
    kommunkod: String(1000 + i).padStart(4, '0'),
    namn: `Kommun ${i}`,
    // A spread of 0.60–1.00 with a block of ties at 1, as DEA gives.
    value: i < 12 ? 1 : 0.6 + ((i * 37) % 97) / 250,
    inGroup: i % 7 === 0,
  }));
}
