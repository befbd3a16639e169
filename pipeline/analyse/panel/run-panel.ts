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
import { AREAS, type Area, type KoladaSeries, type Municipality } from '../../load/types.ts';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FALLBACK_YEARS, koladaValue } from '../area-data.ts';
import { workerEntry } from '../worker-entry.ts';
import { analyseYear, type YearOutcome, type YearRow } from './analyse-year.ts';
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
  /** Worker threads for the years (default: one per core when the panel is large, else none). */
  workers?: number;
  /** Replicates of the pooled frontier's bootstrap (default POOLED_REPLICATES). */
  noiseReplicates?: number;
  /** Told after each year (step `panel`), for the command line's bar. */
  onProgress?: AnalysisProgress;
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
  // First which areas each year has and which years the cache lacks; then those years are
  // analysed (in parallel when large); then every year is taken in order, as if in one loop.
  const plans = [];
  for (let year = firstYear; year <= latest; year++) {
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
    const missing = model.areas
      .filter((a) => !present.includes(a))
      .map((a) => ({
        ar: year,
        omrade: a.area,
        skal: `Kolada has no ${year} values for ${unpublished.get(a.area)!.join(', ')}`,
      }));
    const key = present.length ? `year-${yearKey(year)}` : '';
    const cached = present.length ? (input.cache?.get(key) as YearOutcome | undefined) : undefined;
    plans.push({ year, present, missing, key, cached });
  }
  const jobs = plans
    .filter((p) => p.present.length && !p.cached)
    .map((p) => ({ ...model, year: p.year, areas: p.present }));
  let done = 0;
  const total = latest - firstYear + 1;
  input.onProgress?.({ step: 'panel', done, total });
  const analysed = await analyseYears(municipalities, series, jobs, input.workers, () =>
    input.onProgress?.({ step: 'panel', done: ++done, total }),
  );
  for (const { year, present, missing, key, cached } of plans) {
    for (const m of missing) {
      missingAreas.push(m);
      messages.push(
        `panel ${year}: ${m.omrade} left out (${m.skal}); the composite that year is built from the other areas and is not interpolated`,
      );
    }
    if (!present.length) {
      leftOutYears.push({ ar: year, skal: 'no area has data' });
      messages.push(`panel ${year}: left out (no area has data)`);
      continue;
    }
    let outcome = cached;
    if (!outcome) {
      outcome = analysed.get(year)!;
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

  input.onProgress?.({ step: 'panel', done: total, total });
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

/** Below this many unit-years a worker thread costs more than it saves. */
const MIN_UNIT_YEARS_FOR_WORKERS = 600;

/**
 * Analyses the given years: in this thread, or split over worker threads (one per core, years
 * dealt round-robin) when there are enough unit-years. The outcome of a year does not depend on
 * where it ran.
 */
async function analyseYears(
  municipalities: Municipality[],
  series: KoladaSeries,
  models: DeaModel[],
  workers: number | undefined,
  onYear: () => void,
): Promise<Map<number, YearOutcome>> {
  const out = new Map<number, YearOutcome>();
  const wanted =
    workers ?? (models.length * municipalities.length < MIN_UNIT_YEARS_FOR_WORKERS ? 1 : availableParallelism());
  const threads = Math.max(1, Math.min(wanted, models.length));
  if (threads === 1) {
    for (const model of models) {
      out.set(model.year, await analyseYear(municipalities, series, model));
      onYear();
    }
    return out;
  }
  const entry = workerEntry(import.meta.url, 'panel-year-worker', './year-worker.ts');
  await Promise.all(
    Array.from({ length: threads }, (_, w) => {
      const share = models.filter((_, i) => i % threads === w);
      return new Promise<void>((resolve, reject) => {
        const worker = new Worker(entry.code, {
          eval: entry.eval,
          workerData: { municipalities, series, models: share },
        });
        let received = 0;
        worker.on('message', ({ year, outcome }: { year: number; outcome: YearOutcome }) => {
          out.set(year, outcome);
          onYear();
          if (++received === share.length) resolve();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (received < share.length)
            reject(new Error(`Internal error: panel year worker exited with code ${code} before its last year`));
        });
      });
    }),
  );
  return out;
}
