/** Resolves `--kommun` values (code or name, any case or accents) and `--shard i/n`. */
import { closest, distance } from 'fastest-levenshtein';
import { UsageError } from '../errors.ts';
import type { Municipality } from '../load/types.ts';

const fold = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** kommunkoder for the given names or codes; all when `wanted` is empty. */
export function selectMunicipalities(all: Municipality[], wanted: string[]): string[] {
  if (wanted.length === 0) return all.map((m) => m.kommunkod);
  const byKey = new Map<string, string>();
  for (const m of all) {
    byKey.set(m.kommunkod, m.kommunkod);
    byKey.set(fold(m.kommun), m.kommunkod);
  }
  return [...new Set(wanted.map((value) => {
    const code = byKey.get(fold(value)) ?? (/^\d{3}$/.test(value.trim()) ? byKey.get(`0${value.trim()}`) : undefined);
    if (code) return code;
    const names = all.map((m) => fold(m.kommun));
    const suggestion = closest(fold(value), names);
    const near = distance(fold(value), suggestion) <= Math.max(2, Math.floor(suggestion.length / 3));
    const match = all.find((m) => fold(m.kommun) === suggestion);
    throw new UsageError(`No municipality matches “${value}”`, {
      hint: near && match ? `Did you mean “${match.kommun}” (${match.kommunkod})?` : 'Give a 4-digit kommunkod such as 0160, or a name such as Täby.',
    });
  }))];
}

/** Parses `i/n` (1-based on the command line) into a 0-based shard. */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`Cannot use --shard ${text}: expected i/n with 1 ≤ i ≤ n, e.g. 1/4`);
  }
  return { index: index - 1, count };
}

/** The codes this shard builds: every n-th, so shards get similar mixes. */
export function shardCodes(codes: string[], shard?: { index: number; count: number }): string[] {
  return shard ? codes.filter((_, i) => i % shard.count === shard.index) : codes;
}
