import type { AreaEfficiency, EfficiencyRow, Peer, UnrankedRow } from './types.ts';
import { AREAS } from './types.ts';
import { EFFICIENCY_COLUMNS, areaColumns } from './efficiency-columns.ts';

/**
 * Writes efficiency rows in the interchange format of DESIGN.md: `,`-separated, `.` as decimal
 * point, scores with 6 decimals, kronor rounded to whole kronor, peers as `kommunkod:weight;…`.
 * Optional columns (intervals, unadjusted view) are empty when a row does not have them. The
 * unranked municipalities (no scored area) follow the ranked ones: code, year and each area's
 * reason code, every other cell empty.
 */
export function serializeEfficiencyTable(rows: EfficiencyRow[], unranked: readonly UnrankedRow[] = []): string {
  const lines = [EFFICIENCY_COLUMNS.join(',')];
  for (const row of rows) {
    const fields = [row.kommunkod, String(row.ar), score(row.effektivitet), String(row.rang), kr(row.potentialKr)];
    fields.push(
      score(row.effektivitetLag),
      score(row.effektivitetHog),
      integer(row.rangLag),
      integer(row.rangHog),
      score(row.effektivitetOjusterad),
      integer(row.rangOjusterad),
      score(row.effektivitetDea),
      integer(row.rangDea),
    );
    for (const area of AREAS) fields.push(...areaFields(row.areas[area]));
    lines.push(fields.join(','));
  }
  for (const row of unranked) lines.push(unrankedFields(row).join(','));
  return lines.join('\n') + '\n';
}

/** One area's cells, in the order of areaColumns. */
function areaFields(a: AreaEfficiency): string[] {
  return [
    score(a.effektivitet),
    kr(a.kostnadKr),
    kr(a.potentialKr),
    peers(a.jamforelse),
    score(a.effektivitetBc),
    score(a.effektivitetLag),
    score(a.effektivitetHog),
    score(a.effektivitetOjusterad),
    flag(a.ojamforbar),
    score(a.effektivitetDea),
    a.saknas ?? '',
    a.flagga ?? '',
  ];
}

/**
 * An unranked row: the composite, rank, potential and their intervals empty; the code, the year,
 * and each area's reason code, or its cells when the municipality has scored areas but too little
 * of its weight comparable to be ranked.
 */
function unrankedFields(row: UnrankedRow): string[] {
  const areaCells = AREAS.flatMap((area): [string, string][] => {
    const names = Object.values(areaColumns(area));
    if (!row.areas) return [[areaColumns(area).saknas, row.saknas[area] ?? '']];
    const values = areaFields(row.areas[area]);
    return names.map((name, i): [string, string] => [name, values[i]!]);
  });
  const cells = new Map<string, string>([['kommunkod', row.kommunkod], ['ar', String(row.ar)], ...areaCells]);
  return EFFICIENCY_COLUMNS.map((column) => cells.get(column) ?? '');
}

function score(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(Math.round(value * 1e6) / 1e6);
}

function kr(value: number | null): string {
  return value === null ? '' : String(Math.round(value));
}

function integer(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(Math.round(value));
}

function flag(value: boolean | null | undefined): string {
  return value === null || value === undefined ? '' : value ? '1' : '0';
}

function peers(list: Peer[]): string {
  return list.map((p) => `${p.kommunkod}:${Math.round(p.weight * 1e6) / 1e6}`).join(';');
}
