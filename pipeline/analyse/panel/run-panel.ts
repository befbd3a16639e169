/**
 * The yearly panel: the single-year analysis run for every year from `firstYear` to the model's
 * year, each year against its own frontier, plus Malmquist indices and unit costs. Every year is
 * built exactly as the ranking builds its year: the same `analyse()` with the same area builder,
 * fallback years (FALLBACK_YEARS: a unit's own figure of up to two years before, labelled),
 * evaluation on partial data and frontier screening, so the latest year reproduces the
 * single-year table's DEA scores exactly. Only an area whose key figures Kolada does not publish
 * at all for a year is left out of that year (empty, never filled from another year). The pooled
 * frontier is built from the very problems each year's analysis solved, with the units that year's
 * screening kept out of the reference sets kept out of the pool's too. Pure apart from HiGHS and
 * the optional cache.
 */
import { resolveDataYear } from '../data-year.ts';
import { hashParts } from '../../io/hash.ts';
import { AREAS, type Area, type EfficiencyRow, type KoladaSeries, type Municipality } from '../../load/types.ts';
import { analyse } from '../analyse.ts';
import { excludedFromReference, FALLBACK_YEARS, koladaValue } from '../area-data.ts';
import type { DeaModel } from '../model-types.ts';
import { modelKpis } from '../model-types.ts';
import {
  areaChange,
  compositeAreas,
  compositeChange,
  pooledComposite,
  pooledFrontiers,
  pooledScore,
  POOLED_SEED,
  type PanelPeriod,
  type PooledPanel,
} from './pooled.ts';
import type { HistoryRow, MalmquistRow, PanelResult, RankCorrelation } from './types.ts';
import { buildUnitCosts } from './unit-costs.ts';
import { spearman } from '../../stats/index.ts';
import type { AnalysisProgress } from '../progress.ts';

/** The first year of the panel: the model's key figures exist from 2015 (issue 13). */
export const PANEL_FIRST_YEAR = 2015;

/** Part of every cache key: change it when a cached form changes. */
const FORMAT = 'panel-3';

/** A key–value store for per-year and per-comparison results (the disk cache in `run/cached-panel.ts`). */
export interface PanelCache {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface PanelInput {
  municipalities: Municipality[];
  series: KoladaSeries;
  model: DeaModel;
  firstYear?: number;
  cache?: PanelCache;
  /** Part of every cache key, e.g. a hash of the analysis code, so a changed analysis re-runs. */
  salt?: string;
  /** Replicates of the pooled frontier's bootstrap (default POOLED_REPLICATES). */
  noiseReplicates?: number;
  /** Told after each year (step `panel`), for the command line's bar. */
  onProgress?: AnalysisProgress;
}

/** A history row as one year's analysis gives it, before the pooled frontier is known. */
type YearRow = Pick<HistoryRow, 'kommunkod' | 'ar' | 'effektivitet' | 'rang' | 'antal' | 'areas' | 'omraden'>;

interface YearOutcome {
  rows: YearRow[];
  /** Per area the problem the year's analysis solved, for the pooled frontier. */
  periods: Partial<Record<Area, PanelPeriod>>;
  messages: string[];
}

/** The key figures an area needs in the year itself: inputs, outputs, structure, cost per unit and volume. */
function areaKpis(area: DeaModel['areas'][number]): string[] {
  return [
    ...new Set([
      ...area.inputs.map((v) => v.kpi),
      ...area.outputs.map((v) => v.kpi),
      ...area.structure.map((v) => v.kpi),
      area.cost.perUnit,
      ...area.cost.volume,
    ]),
  ];
}

/** Runs the panel; see the module comment. */
export async function runPanel(input: PanelInput): Promise<PanelResult> {
  const { municipalities, series, model } = input;
  const firstYear = input.firstYear ?? PANEL_FIRST_YEAR;
  const messages: string[] = [];
  const kpis = modelKpis(model);
  // `year: latest` (parsed as 0): the latest year in which the model's key figures are complete.
  const latest = model.year || (resolveDataYear(series, kpis)?.year ?? 0);
  const codes = municipalities.map((m) => m.kommunkod);
  // Names and populations do not enter the DEA: a renamed municipality does not re-run the panel.
  const baseKey = [
    FORMAT,
    input.salt ?? '',
    JSON.stringify({ ...model, year: null }),
    JSON.stringify(municipalities.map((m) => [m.kommunkod, m.kommungruppKod])),
  ];
  // The key of one year: the model and the slices of every KPI it reads for the year and the
  // FALLBACK_YEARS before (a unit's missing figure comes from its own earlier value, as in the
  // ranking), so a change in one year's data re-runs that year and the years that may borrow from it.
  const yearKey = (year: number) =>
    hashParts([
      ...baseKey,
      String(year),
      ...kpis.flatMap((kpi) =>
        Array.from(
          { length: FALLBACK_YEARS + 1 },
          (_, back) =>
            `${kpi}:${year - back}:${codes.map((c) => koladaValue(series, kpi, c, year - back) ?? '').join(',')}`,
        ),
      ),
    ]);

  const years: number[] = [];
  const leftOutYears: PanelResult['leftOutYears'] = [];
  const missingAreas: PanelResult['missingAreas'] = [];
  const yearRows: YearRow[] = [];
  const periods = new Map<string, PanelPeriod>();
  for (let year = firstYear; year <= latest; year++) {
    input.onProgress?.({ step: 'panel', done: year - firstYear, total: latest - firstYear + 1 });
    // An area is in the year only when Kolada publishes every one of its key figures for that year
    // (for some municipality); else it is left out of the year as a whole, not borrowed from the
    // years before (a single unit's missing figure is treated as in the ranking).
    const unpublished = new Map(
      model.areas.map((a) => [
        a.area,
        areaKpis(a).filter((kpi) => !codes.some((c) => koladaValue(series, kpi, c, year) !== undefined)),
      ]),
    );
    const present = model.areas.filter((a) => unpublished.get(a.area)!.length === 0);
    for (const a of model.areas.filter((a) => !present.includes(a))) {
      const skal = `Kolada has no ${year} values for ${unpublished.get(a.area)!.join(', ')}`;
      missingAreas.push({ ar: year, omrade: a.area, skal });
      messages.push(
        `panel ${year}: ${a.area} left out (${skal}); the composite that year is built from the other areas and is not interpolated`,
      );
    }
    if (!present.length) {
      leftOutYears.push({ ar: year, skal: 'no area has data' });
      messages.push(`panel ${year}: left out (no area has data)`);
      continue;
    }
    const key = `year-${yearKey(year)}`;
    let outcome = input.cache?.get(key) as YearOutcome | undefined;
    if (!outcome) {
      outcome = await analyseYear(municipalities, series, { ...model, year, areas: present });
      input.cache?.set(key, outcome);
    }
    if (!outcome.rows.some((r) => r.effektivitet !== null)) {
      leftOutYears.push({ ar: year, skal: 'no municipality has data' });
      messages.push(`panel ${year}: left out (no municipality has data)`);
      continue;
    }
    years.push(year);
    for (const [area, period] of Object.entries(outcome.periods))
      if (period.ids.length) periods.set(`${area}:${year}`, period);
    yearRows.push(...outcome.rows);
    messages.push(...outcome.messages);
  }

  input.onProgress?.({ step: 'panel', done: latest - firstYear + 1, total: latest - firstYear + 1 });
  const pooled = await pooledFrontiers({ model, periods, years, latest, replicates: input.noiseReplicates });
  const history = yearRows.map((row) => withPooled(row, pooled, latest));
  const malmquist = malmquistRows(pooled, history, years, latest);
  const deflator = pooled.deflator;
  return {
    years,
    latest,
    leftOutYears,
    missingAreas,
    history,
    malmquist,
    unitCosts: buildUnitCosts(model, municipalities, series, years),
    rankCorrelations: rankCorrelations(history, years, missingAreas),
    deflator,
    noise: { replicates: pooled.replicates, seed: POOLED_SEED },
    messages,
  };
}

/**
 * One year's analysis exactly as the ranking runs it (same builder, fallback years, partial data,
 * screening), without the bootstrap: the rows of the history table and the problems as solved.
 */
async function analyseYear(
  municipalities: Municipality[],
  series: KoladaSeries,
  model: DeaModel,
): Promise<YearOutcome> {
  const year = model.year;
  const result = await analyse({ municipalities, series, model, fallbackYears: FALLBACK_YEARS });
  const antal = result.table.length;
  const byCode = new Map(result.table.map((row) => [row.kommunkod, row]));
  // The areas of every scored unit, ranked or not (an unranked one keeps its areas, docs/method.md §3).
  const areasByCode = new Map<string, EfficiencyRow['areas']>(result.table.map((row) => [row.kommunkod, row.areas]));
  for (const u of result.unranked ?? []) if (u.areas) areasByCode.set(u.kommunkod, u.areas);
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

/** A year's row with its pooled scores, the like-for-like composite and its change to the latest year. */
function withPooled(row: YearRow, pooled: PooledPanel, latest: number): HistoryRow {
  const areas = compositeAreas(pooled, row.kommunkod, latest);
  const level = pooledComposite(pooled, areas, row.kommunkod, row.ar);
  const change = row.ar < latest ? compositeChange(pooled, areas, row.kommunkod, row.ar, latest) : null;
  return {
    ...row,
    gemensam: Object.fromEntries(
      AREAS.map((a) => [
        a,
        pooledScore(
          pooled.areas.find((p) => p.area === a),
          row.kommunkod,
          row.ar,
        ),
      ]),
    ) as Record<Area, number | null>,
    effektivitetGemensam: level,
    forandring: change?.ratio ?? null,
    forandringLag: change?.low ?? null,
    forandringHog: change?.high ?? null,
    utanforBrus: change ? change.beyondNoise : null,
  };
}

/**
 * Per area and municipality the global Malmquist index on the pooled frontier: the latest year
 * against the first panel year and against the unit's previous year with data in the area.
 * M = pooled score later / earlier (bias-corrected, with its bootstrap interval); EC = the ratio
 * of the DEA scores against each year's own frontier; TC = M / EC, so M = EC × TC exactly. Every
 * LP of the pooled frontier is feasible (each unit-year is in the pool), so no unit is dropped.
 */
function malmquistRows(
  pooled: PooledPanel,
  history: readonly HistoryRow[],
  years: readonly number[],
  latest: number,
): MalmquistRow[] {
  const own = new Map(history.map((r) => [`${r.kommunkod}:${r.ar}`, r]));
  const rows: MalmquistRow[] = [];
  const first = years[0];
  for (const area of pooled.areas) {
    for (const [kommunkod, byYear] of area.index) {
      if (!byYear.has(latest) || first === undefined) continue;
      const earlier = [...byYear.keys()].filter((y) => y < latest).sort((a, b) => a - b);
      const previous = earlier.at(-1);
      for (const from of new Set([first, previous].filter((y): y is number => y !== undefined && byYear.has(y)))) {
        const m = areaChange(area, kommunkod, from, latest, pooled.replicates, pooled.transient[area.area] ?? 0)!;
        const ownFrom = own.get(`${kommunkod}:${from}`)?.areas[area.area] ?? null;
        const ownTo = own.get(`${kommunkod}:${latest}`)?.areas[area.area] ?? null;
        if (ownFrom === null || ownTo === null) continue;
        const efficiencyChange = ownTo / ownFrom;
        rows.push({
          kommunkod,
          omrade: area.area,
          franAr: from,
          tillAr: latest,
          malmquist: m.ratio,
          effektivitetsforandring: efficiencyChange,
          tekniskForandring: m.ratio / efficiencyChange,
          malmquistLag: m.low,
          malmquistHog: m.high,
          utanforBrus: m.beyondNoise,
        });
      }
    }
  }
  return rows;
}

/**
 * Spearman correlation between consecutive panel years of the like-for-like composite on the
 * common frontier (`effektivitetGemensam`, each municipality over the areas it has in the latest
 * year), over the municipalities with a value in both years.
 */
function rankCorrelations(
  history: readonly HistoryRow[],
  years: number[],
  missingAreas: PanelResult['missingAreas'],
): RankCorrelation[] {
  const incomplete = new Set(missingAreas.map((m) => m.ar));
  const byYear = new Map<number, Map<string, number>>();
  for (const row of history) {
    if (row.effektivitetGemensam === null) continue;
    if (!byYear.has(row.ar)) byYear.set(row.ar, new Map());
    byYear.get(row.ar)!.set(row.kommunkod, row.effektivitetGemensam);
  }
  const result: RankCorrelation[] = [];
  for (let k = 1; k < years.length; k++) {
    const a = byYear.get(years[k - 1]!) ?? new Map<string, number>();
    const b = byYear.get(years[k]!) ?? new Map<string, number>();
    const common = [...a.keys()].filter((code) => b.has(code));
    result.push({
      franAr: years[k - 1]!,
      tillAr: years[k]!,
      rho: spearman(
        common.map((c) => a.get(c)!),
        common.map((c) => b.get(c)!),
      ),
      antal: common.length,
      jamforbar: !incomplete.has(years[k - 1]!) && !incomplete.has(years[k]!),
    });
  }
  return result;
}
