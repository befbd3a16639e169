/**
 * The areas of an unranked row (docs/method.md §3): its scored areas when it has some, otherwise
 * four empty areas that carry only their reason codes. Pure.
 */
import { AREAS, type Area, type AreaEfficiency, type UnrankedRow } from './types.ts';

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
