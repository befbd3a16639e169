/**
 * An unranked municipality (docs/method.md §3) as a row of the published efficiency table: its
 * code, year and reason codes, and its scored areas when it has some; the composite, rank and
 * potential empty. Only for the table's column functions, which read missing values as empty
 * cells; never ranked or summed. Pure.
 */
import type { EfficiencyRow, UnrankedRow } from '../load/types.ts';
import { unrankedAreas } from '../load/unranked-areas.ts';

export function unrankedAsTableRow(row: UnrankedRow): EfficiencyRow {
  const areas = unrankedAreas(row);
  // The composite, rank and potential are absent (null), as the CSV interchange format writes them.
  return {
    kommunkod: row.kommunkod,
    ar: row.ar,
    effektivitet: null,
    rang: null,
    potentialKr: null,
    areas,
  } as unknown as EfficiencyRow;
}
