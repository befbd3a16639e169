/**
 * What a Kolada update does to the edition, in words an analyst can act on: the data year before
 * and after (the year `analyse` and `build` would pick), the units each area would have, the key
 * figures still too thin for the new year, and whether `kommuner.csv`'s population can follow.
 * Pure: both states come in as data (update-snapshot.ts reads them).
 */
import { buildAreaData } from '../analyse/area-data.ts';
import { COMPLETE_SHARE, coverageByYear, isComplete, RECENT_YEARS, resolveDataYear } from '../analyse/data-year.ts';
import { modelKpis, type DeaModel } from '../analyse/model-types.ts';
import type { Area, KoladaSeries, Municipality } from '../load/types.ts';

/** One side of the update: the figures as the loaders read them and the population year. */
export interface DataSnapshot {
  /** The model's KPIs and the population KPI (kpi → kommunkod → year → value). */
  series: KoladaSeries;
  /** The year of `invanare` in `kommuner.csv` (its `ar`). */
  populationYear: number | undefined;
}

export interface DescribeUpdateInput {
  model: DeaModel;
  municipalities: Municipality[];
  before: DataSnapshot;
  after: DataSnapshot;
  /** The years the update asked Kolada for; the newest is the year it aims at. */
  years: number[];
  /** The population KPI of `kommuner.csv`. */
  populationKpi: string;
}

export interface AreaUnits {
  area: Area;
  /** Municipalities the area's DEA would include in the data year before and after the update. */
  before: number;
  after: number;
  /** In the target year after the update, when the data year does not reach it. */
  inTarget?: number;
}

export interface MissingFigure {
  kpi: string;
  /** Municipalities with a value for the target year after the update. */
  municipalities: number;
  /** Municipalities the KPI needs to count as complete for that year (COMPLETE_SHARE of its best recent year). */
  needed: number;
}

export interface UpdateEffect {
  targetYear: number;
  dataYear: { before?: number; after?: number };
  areas: AreaUnits[];
  /** The model's key figures not complete for the target year after the update (they hold the data year back). */
  missing: MissingFigure[];
  population: {
    before?: number;
    after?: number;
    /** Municipalities with the population KPI for the target year, of `total`. */
    covered: number;
    total: number;
    /** The municipalities (kommunkod) without it. */
    lacking: string[];
    /** `kommuner.csv` cannot move to the target year (Kolada lacks the population of some municipality). */
    stuck: boolean;
    /** Stuck, and the data year would move past the population's year: the edition would mix years. */
    mixesYears: boolean;
  };
}

/** Describes the update; see the module comment. */
export function describeUpdate(input: DescribeUpdateInput): UpdateEffect {
  const { model, municipalities, before, after } = input;
  const kpis = modelKpis(model);
  const targetYear = Math.max(...input.years);
  const yearBefore = resolveDataYear(before.series, kpis)?.year;
  const yearAfter = resolveDataYear(after.series, kpis)?.year;
  const units = (series: KoladaSeries, year: number | undefined, area: DeaModel['areas'][number]) =>
    year === undefined ? 0 : buildAreaData({ ...area }, municipalities, series, year).ids.length;
  const areas = model.areas.map((area) => ({
    area: area.area,
    before: units(before.series, yearBefore, area),
    after: units(after.series, yearAfter, area),
    ...(yearAfter !== targetYear ? { inTarget: units(after.series, targetYear, area) } : {}),
  }));
  const missing = kpis.flatMap((kpi) => {
    const coverage = coverageByYear(after.series, kpi);
    if (isComplete(coverage, targetYear)) return [];
    let best = 0;
    for (let y = targetYear - RECENT_YEARS; y < targetYear; y += 1) best = Math.max(best, coverage.get(y) ?? 0);
    return [
      { kpi, municipalities: coverage.get(targetYear) ?? 0, needed: Math.max(1, Math.ceil(COMPLETE_SHARE * best)) },
    ];
  });
  const codes = new Set(municipalities.map((m) => m.kommunkod));
  const populationValues = after.series.get(input.populationKpi);
  const lacking = [...codes].filter((code) => populationValues?.get(code)?.get(targetYear) === undefined);
  const stuck = (after.populationYear ?? 0) < targetYear;
  return {
    targetYear,
    dataYear: { before: yearBefore, after: yearAfter },
    areas,
    missing,
    population: {
      before: before.populationYear,
      after: after.populationYear,
      covered: codes.size - lacking.length,
      total: codes.size,
      lacking,
      stuck,
      mixesYears: stuck && (yearAfter ?? 0) > (after.populationYear ?? 0),
    },
  };
}
