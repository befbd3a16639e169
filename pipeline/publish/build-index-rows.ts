/** The index table's rows: every municipality with its figures, formatted in Swedish. Pure. */
import { formatKr, formatMnkr, formatNumber, formatPercent } from '../format/index.ts';
import type { EfficiencyRow, Municipality } from '../load/types.ts';
import type { IndexRow } from './types.ts';

/** Lower case without accents, so `malmo` finds Malmö (the site script folds the same way). */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const collator = new Intl.Collator('sv');

/**
 * Rows in rank order (municipalities without a result last, by name). `hrefs` maps kommunkod
 * to the relative link of its published page.
 */
export function buildIndexRows(
  municipalities: Municipality[],
  table: EfficiencyRow[],
  hrefs: Map<string, string>,
): IndexRow[] {
  const rowByCode = new Map(table.map((row) => [row.kommunkod, row]));
  const rows = municipalities.map((m): IndexRow => {
    const row = rowByCode.get(m.kommunkod);
    const perInvanare = row && m.invanare > 0 ? row.potentialKr / m.invanare : null;
    return {
      kod: m.kommunkod,
      namn: m.kommun,
      sok: foldName(m.kommun),
      href: hrefs.get(m.kommunkod) ?? null,
      grupp: m.kommungrupp,
      gruppKod: m.kommungruppKod,
      lan: m.lan,
      lanskod: m.lanskod,
      invanare: m.invanare,
      rang: row?.rang ?? null,
      effektivitet: row?.effektivitet ?? null,
      potentialKr: row?.potentialKr ?? null,
      perInvanareKr: perInvanare,
      rangText: row ? formatNumber(row.rang) : '–',
      effektivitetText: row ? formatPercent(row.effektivitet) : '–',
      potentialText: row ? formatMnkr(row.potentialKr).replace(/\u00a0mnkr$/, '') : '–',
      perInvanareText: perInvanare === null ? '–' : formatKr(perInvanare).replace(/\u00a0kr$/, ''),
    };
  });
  return rows.sort((a, b) => (a.rang ?? Infinity) - (b.rang ?? Infinity) || collator.compare(a.namn, b.namn));
}

/** Distinct `{ kod, namn }` options for a filter, sorted by code (A1…C9, 01…25). */
export function filterOptions(
  rows: IndexRow[],
  pick: (row: IndexRow) => [string, string],
): { kod: string; namn: string }[] {
  const seen = new Map<string, string>();
  for (const row of rows) {
    const [kod, namn] = pick(row);
    seen.set(kod, namn);
  }
  return [...seen].sort(([a], [b]) => a.localeCompare(b)).map(([kod, namn]) => ({ kod, namn }));
}
