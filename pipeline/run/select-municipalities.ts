/** Resolves `--kommun` values (code or name, any case or accents) and `--shard i/n`. */
import { closest, distance } from 'fastest-levenshtein';
import { UsageError } from '../errors.ts';
import type { Municipality } from '../load/types.ts';

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/**
 * kommunkoder for the given names or codes; all when `wanted` is empty. A name that more than
 * one municipality has (after folding case and accents) is refused with every code that has
 * it: picking one silently would build the wrong report.
 */
export function selectMunicipalities(all: Municipality[], wanted: string[]): string[] {
  if (wanted.length === 0) return all.map((m) => m.kommunkod);
  const byCode = new Map(all.map((m) => [m.kommunkod, m]));
  const byName = new Map<string, Municipality[]>();
  for (const m of all) byName.set(fold(m.kommun), [...(byName.get(fold(m.kommun)) ?? []), m]);
  return [
    ...new Set(
      wanted.map((value) => {
        const trimmed = value.trim();
        const code = byCode.get(trimmed) ?? (/^\d{3}$/.test(trimmed) ? byCode.get(`0${trimmed}`) : undefined);
        if (code) return code.kommunkod;
        const named = byName.get(fold(value)) ?? [];
        if (named.length === 1) return named[0]!.kommunkod;
        if (named.length > 1) {
          const list = named.map((m) => `${m.kommunkod} ${m.kommun}`).join(', ');
          throw new UsageError(`The name “${value}” is ambiguous: ${named.length} municipalities have it (${list})`, {
            hint: `Give the 4-digit kommunkod instead, e.g. --kommun ${named[0]!.kommunkod}.`,
          });
        }
        const names = all.map((m) => fold(m.kommun));
        const suggestion = closest(fold(value), names);
        const near = distance(fold(value), suggestion) <= Math.max(2, Math.floor(suggestion.length / 3));
        const match = all.find((m) => fold(m.kommun) === suggestion);
        throw new UsageError(`No municipality matches “${value}”`, {
          hint:
            near && match
              ? `Did you mean “${match.kommun}” (${match.kommunkod})?`
              : 'Give a 4-digit kommunkod such as 0160, or a name such as Täby.',
        });
      }),
    ),
  ];
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
