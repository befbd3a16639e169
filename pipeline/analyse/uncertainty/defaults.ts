/**
 * Default bootstrap settings, in a module of their own so that the configuration can name them
 * without loading the bootstrap: B = 2000 replicates (Simar & Wilson's advice for intervals,
 * issue 12) and a fixed seed, so an unchanged edition always prints the same intervals.
 */
export const DEFAULT_REPLICATES = 2000;
export const DEFAULT_SEED = 20_221_998;

/** Parses a replicate count (0 = no bootstrap); undefined when `text` is not one. */
export function parseReplicates(text: string): number | undefined {
  const n = Number(text);
  return /^\d+$/.test(text.trim()) && Number.isSafeInteger(n) && n <= 1_000_000 ? n : undefined;
}

/** Parses a seed (a whole number 0 … 2^31 − 1); undefined when `text` is not one. */
export function parseSeed(text: string): number | undefined {
  const n = Number(text);
  return /^\d+$/.test(text.trim()) && n <= 0x7fffffff ? n : undefined;
}
