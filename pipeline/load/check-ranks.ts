import type { CsvTable } from './csv/csv-table.ts';

/**
 * Ranks must run from 1 without gaps; tied units share a rank and the next rank skips the tie
 * ("competition ranking": 1, 1, 3 is fine, 1, 2, 4 is not).
 */
export function checkRanks(table: CsvTable, ranks: { rank: number; line: number }[]): void {
  const sorted = [...ranks].sort((a, b) => a.rank - b.rank || a.line - b.line);
  sorted.forEach(({ rank, line }, k) => {
    const previous = sorted[k - 1]?.rank;
    const allowed = k === 0 ? rank === 1 : rank === previous || rank === k + 1;
    if (!allowed) {
      const expected = k === 0 ? '1' : previous === k + 1 ? `${previous}` : `${previous} (a tie) or ${k + 1}`;
      table.fail(
        line,
        'rang',
        `rank \`${rank}\` leaves a gap; expected ${expected} (ranks run 1…${ranks.length} without gaps)`,
      );
    }
  });
}
