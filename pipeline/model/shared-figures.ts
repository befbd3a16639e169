/**
 * Figures many municipalities' reports share (a kommungrupp's median, an area's values across the
 * country), each computed on first use and then kept for the run: one typed, named cache per
 * figure instead of string keys shared across files.
 */
import type { KeyFigureTable } from '../analyse/types.ts';
import type { Area, EfficiencyRow, KoladaSeries, Municipality } from '../load/types.ts';
import { median } from '../stats/index.ts';

export interface SharedFigures {
  /** The kommungrupp's rows in rank order (best first). */
  groupByRank(group: string): EfficiencyRow[];
  /** The kommunkoder of the kommungrupp's municipalities (master data, with or without a result). */
  groupCodes(group: string): Set<string>;
  /** Median composite efficiency of the kommungrupp. */
  groupMedian(group: string): number;
  /** The area's efficiencies of every municipality that has the area. */
  areaValues(area: Area): number[];
  /** The kommungrupp's rows that have the area. */
  groupWithArea(group: string, area: Area): EfficiencyRow[];
  /** The kommungrupp's most efficient row in the area (the better rank on a tie); undefined when none has it. */
  groupBestInArea(group: string, area: Area): EfficiencyRow | undefined;
  /** Median efficiency in the area over the kommungrupp. */
  groupAreaMedian(group: string, area: Area): number;
  /** Median of the area's cost per unit (its input key figure) over the kommungrupp. */
  groupCostMedian(group: string, area: Area): number;
  /** Median of one key figure of the area over the kommungrupp, or over all municipalities for `'all'`. */
  keyFigureMedian(group: string | 'all', area: Area, kpi: string): number;
  /** Median of a Kolada series (finite values) in `year` over the kommungrupp's rows. */
  groupSeriesMedian(group: string, kpi: string, year: number): number;
  /** Median over every row of the figure `of` gives; `name` names the figure (one name, one figure). */
  nationalMedian(name: string, of: (kommunkod: string) => number | null): number;
}

/** What the shared figures are computed from (the model context's own fields). */
export interface SharedFiguresInput {
  municipalities: Municipality[];
  table: EfficiencyRow[];
  keyFigures: KeyFigureTable;
  groupMembers: Map<string, EfficiencyRow[]>;
  series: KoladaSeries;
}

/** The shared figures of one run, each computed once on first use. */
export function sharedFigures({
  municipalities,
  table,
  keyFigures,
  groupMembers,
  series,
}: SharedFiguresInput): SharedFigures {
  const nationalMedians = new Map<string, number>();
  const members = (group: string) => groupMembers.get(group) ?? [];
  const areaOf = (rows: EfficiencyRow[], area: Area) =>
    rows.map((r) => r.areas[area].effektivitet).filter((v): v is number => v !== null);
  const figure = (code: string, area: Area, kpi: string) =>
    keyFigures.get(code)?.[area]?.find((f) => f.kpi === kpi)?.value;
  const cost = (code: string, area: Area) => keyFigures.get(code)?.[area]?.find((f) => f.role === 'input')?.value;
  const seriesMedian = once((group: string, kpi: string, year: string) =>
    median(members(group).map((r) => series.get(kpi)?.get(r.kommunkod)?.get(Number(year)))),
  );
  const comparable = (r: EfficiencyRow, area: Area) =>
    r.areas[area].effektivitet !== null && r.areas[area].ojamforbar !== true;
  const figures: SharedFigures = {
    groupByRank: once((group) => [...members(group)].sort((a, b) => a.rang - b.rang)),
    groupCodes: once(
      (group) => new Set(municipalities.filter((o) => o.kommungruppKod === group).map((o) => o.kommunkod)),
    ),
    groupMedian: once((group) => median(members(group).map((r) => r.effektivitet))),
    // Areas without a comparable municipality are never ranked nor "best in group" (docs/dea-spec.md §11).
    areaValues: once((area) =>
      areaOf(
        table.filter((r) => comparable(r, area)),
        area,
      ),
    ),
    groupWithArea: once((group, area) => members(group).filter((r) => comparable(r, area))),
    groupBestInArea: once(
      (group, area) =>
        [...figures.groupWithArea(group, area)].sort(
          (a, b) => (b.areas[area].effektivitet ?? 0) - (a.areas[area].effektivitet ?? 0) || a.rang - b.rang,
        )[0],
    ),
    groupAreaMedian: once((group, area) => median(areaOf(members(group), area))),
    groupCostMedian: once((group, area) => median(members(group).map((r) => cost(r.kommunkod, area)))),
    keyFigureMedian: once((group, area, kpi) =>
      median((group === 'all' ? table : members(group)).map((r) => figure(r.kommunkod, area, kpi))),
    ),
    groupSeriesMedian: (group, kpi, year) => seriesMedian(group, kpi, String(year)),
    nationalMedian: (name, of) => {
      if (!nationalMedians.has(name)) nationalMedians.set(name, median(table.map((r) => of(r.kommunkod))));
      return nationalMedians.get(name)!;
    },
  };
  return figures;
}

/** `compute` remembered per argument list (strings only, so joining them is a faithful key). */
function once<A extends string[], V>(compute: (...args: A) => V): (...args: A) => V {
  const values = new Map<string, V>();
  return (...args: A) => {
    const key = args.join('\u0000');
    if (!values.has(key)) values.set(key, compute(...args));
    return values.get(key)!;
  };
}
