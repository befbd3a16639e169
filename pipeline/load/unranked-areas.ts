/**
 * The areas of the efficiency table's municipalities, ranked or not (docs/method.md §3). Pure.
 */
import { AREAS, type Area, type AreaEfficiency, type EfficiencyRow, type UnrankedRow } from './types.ts';

/** The areas of an unranked row: its scored areas when it has some, otherwise four empty areas that carry only their reason codes. */
export function unrankedAreas(row: UnrankedRow): Record<Area, AreaEfficiency> {
  return (
    row.areas ??
    (Object.fromEntries(
      AREAS.map((a): [Area, AreaEfficiency] => [
        a,
        { effektivitet: null, kostnadKr: null, potentialKr: null, jamforelse: [], saknas: row.saknas[a] },
      ]),
    ) as Record<Area, AreaEfficiency>)
  );
}

/** A municipality with at least one scored area, ranked or not. */
export interface ScoredUnit {
  kommunkod: string;
  areas: Record<Area, AreaEfficiency>;
}

/** Every municipality with a scored area: the ranked rows first, then the unranked ones that keep their areas. */
export function scoredUnits(table: readonly EfficiencyRow[], unranked: readonly UnrankedRow[] = []): ScoredUnit[] {
  return [...table, ...unranked.flatMap((u) => (u.areas ? [{ kommunkod: u.kommunkod, areas: u.areas }] : []))];
}
