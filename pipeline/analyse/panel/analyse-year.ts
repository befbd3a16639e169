/**
 * One year of the yearly panel (run-panel.ts), analysed exactly as the ranking analyses its year.
 * Its own module so that a worker thread (year-worker.ts) can run years in parallel. Pure apart
 * from HiGHS.
 */
import { AREAS, type Area, type KoladaSeries, type Municipality } from '../../load/types.ts';
import { scoredUnits } from '../../load/unranked-areas.ts';
import { analyse } from '../analyse.ts';
import { excludedFromReference, FALLBACK_YEARS } from '../area-data.ts';
import type { DeaModel } from '../model-types.ts';
import type { PanelPeriod } from './pooled.ts';
import type { HistoryRow } from './types.ts';

/** A history row as one year's analysis gives it, before the pooled frontier is known. */
export type YearRow = Pick<HistoryRow, 'kommunkod' | 'ar' | 'effektivitet' | 'rang' | 'antal' | 'areas' | 'omraden'>;

export interface YearOutcome {
  rows: YearRow[];
  /** Per area the problem the year's analysis solved, for the pooled frontier. */
  periods: Partial<Record<Area, PanelPeriod>>;
  messages: string[];
}

/**
 * One year's analysis exactly as the ranking runs it (same builder, fallback years, partial data,
 * screening), without the bootstrap: the rows of the history table and the problems as solved.
 */
export async function analyseYear(
  municipalities: Municipality[],
  series: KoladaSeries,
  model: DeaModel,
): Promise<YearOutcome> {
  const year = model.year;
  const result = await analyse({ municipalities, series, model, fallbackYears: FALLBACK_YEARS });
  const antal = result.table.length;
  const byCode = new Map(result.table.map((row) => [row.kommunkod, row]));
  // The areas of every scored unit, ranked or not (an unranked one keeps its areas, docs/method.md §3).
  const areasByCode = new Map(scoredUnits(result.table, result.unranked).map((u) => [u.kommunkod, u.areas]));
  const periods: YearOutcome['periods'] = {};
  for (const areaModel of model.areas) {
    const problem = result.problems?.[areaModel.area]?.adjusted;
    if (!problem) continue;
    const k = areaModel.structure.length;
    periods[areaModel.area] = {
      ids: problem.ids,
      inputs: problem.inputs,
      outputs: problem.outputs,
      structure: problem.ids.map((_, j) => problem.nonDiscretionary?.[j]?.slice(0, k) ?? []),
      excluded: excludedFromReference(problem, areaModel),
      incomparable: problem.ids.map((id) => areasByCode.get(id)?.[areaModel.area].ojamforbar === true),
      costs: problem.costs,
    };
  }
  return {
    rows: municipalities.map(({ kommunkod }) => {
      const row = byCode.get(kommunkod);
      return {
        kommunkod,
        ar: year,
        effektivitet: row?.effektivitet ?? null,
        rang: row?.rang ?? null,
        antal,
        areas: Object.fromEntries(
          AREAS.map((a) => [a, areasByCode.get(kommunkod)?.[a].effektivitet ?? null]),
        ) as Record<Area, number | null>,
        // The areas the year's composite is built from: scored and with a comparable municipality
        // (none for an unranked unit, which has no composite).
        omraden: row ? AREAS.filter((a) => row.areas[a].effektivitet !== null && !row.areas[a].ojamforbar) : [],
      };
    }),
    periods,
    messages: (result.messages ?? []).map((m) => `panel ${year}: ${m}`),
  };
}
