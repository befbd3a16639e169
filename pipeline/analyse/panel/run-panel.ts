/**
 * The yearly panel: the single-year analysis run for every year from `firstYear` to the model's
 * year, each year against its own frontier, plus Malmquist indices and unit costs. It calls the
 * same `analyse()` as the single-year table with only the year changed, so it follows whatever
 * model `data/modell.yaml` declares. Pure apart from HiGHS and the optional cache.
 */
import { resolveDataYear } from '../data-year.ts';
import { hashParts } from '../../io/hash.ts';
import { AREAS, type Area, type KoladaSeries, type Municipality } from '../../load/types.ts';
import { analyse } from '../analyse.ts';
import { buildAreaData, koladaValue } from '../area-data.ts';
import type { AreaModel, DeaModel } from '../model-types.ts';
import { modelKpis } from '../model-types.ts';
import { malmquistBetween, type PeriodData } from './malmquist.ts';
import type { HistoryRow, MalmquistRow, PanelResult, RankCorrelation } from './types.ts';
import { buildUnitCosts } from './unit-costs.ts';
import { median, spearman } from '../../stats/index.ts';
import type { AnalysisProgress } from '../progress.ts';

/** The first year of the panel: the model's key figures exist from 2015 (issue 13). */
export const PANEL_FIRST_YEAR = 2015;

/** Part of every cache key: change it when a cached form changes. */
const FORMAT = 'panel-1';

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
  /** Told after each year (step `panel`), for the command line's bar. */
  onProgress?: AnalysisProgress;
}

interface YearOutcome {
  rows: HistoryRow[];
  messages: string[];
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
  const baseKey = [FORMAT, input.salt ?? '', JSON.stringify({ ...model, year: null }), JSON.stringify(municipalities.map((m) => [m.kommunkod, m.kommungruppKod]))];
  // The key of one year: the model and the year's slice of every KPI it reads, so a change in
  // one year's data re-runs that year (and the comparisons that use it) only.
  const yearKey = (year: number) =>
    hashParts([...baseKey, String(year), ...kpis.map((kpi) => `${kpi}:${codes.map((c) => koladaValue(series, kpi, c, year) ?? '').join(',')}`)]);

  const years: number[] = [];
  const leftOutYears: PanelResult['leftOutYears'] = [];
  const missingAreas: PanelResult['missingAreas'] = [];
  const history: HistoryRow[] = [];
  const periods = new Map<string, PeriodData>();
  for (let year = firstYear; year <= latest; year++) {
    input.onProgress?.({ step: 'panel', done: year - firstYear, total: latest - firstYear + 1 });
    const present = model.areas.filter((a) => {
      const data = buildAreaData(a, municipalities, series, year);
      if (data.ids.length) periods.set(`${a.area}:${year}`, data);
      return data.ids.length > 0;
    });
    for (const a of model.areas.filter((a) => !present.includes(a))) {
      const needed = [...a.inputs, ...a.outputs].map((v) => v.kpi).filter((kpi) => !codes.some((c) => koladaValue(series, kpi, c, year) !== undefined));
      const skal = needed.length ? `Kolada has no ${year} values for ${needed.join(', ')}` : `no municipality has complete ${year} data`;
      missingAreas.push({ ar: year, omrade: a.area, skal });
      messages.push(`panel ${year}: ${a.area} left out (${skal}); the composite that year is built from the other areas and is not interpolated`);
    }
    if (!present.length) {
      leftOutYears.push({ ar: year, skal: 'no area has data' });
      messages.push(`panel ${year}: left out (no area has data)`);
      continue;
    }
    years.push(year);
    const key = `year-${yearKey(year)}`;
    let outcome = input.cache?.get(key) as YearOutcome | undefined;
    if (!outcome) {
      const result = await analyse({ municipalities, series, model: { ...model, year } });
      const antal = result.table.length;
      const byCode = new Map(result.table.map((row) => [row.kommunkod, row]));
      outcome = {
        rows: codes.map((kommunkod) => {
          const row = byCode.get(kommunkod);
          return {
            kommunkod,
            ar: year,
            effektivitet: row?.effektivitet ?? null,
            rang: row?.rang ?? null,
            antal,
            areas: Object.fromEntries(AREAS.map((a) => [a, row?.areas[a].effektivitet ?? null])) as Record<Area, number | null>,
          };
        }),
        messages: (result.messages ?? []).map((m) => `panel ${year}: ${m}`),
      };
      input.cache?.set(key, outcome);
    }
    history.push(...outcome.rows);
    messages.push(...outcome.messages);
  }

  input.onProgress?.({ step: 'panel', done: latest - firstYear + 1, total: latest - firstYear + 1 });
  const { rows: malmquist, deflator } = await malmquistRows(model, periods, years, latest, input.cache, yearKey);
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
    messages,
  };
}

/**
 * Malmquist per area and municipality: the latest year against the first panel year and against
 * the unit's previous year with data in the area. Cost inputs (unit in kr) are deflated by the
 * national median of that input, so the frontier shift is not inflation.
 */
async function malmquistRows(
  model: DeaModel,
  periods: Map<string, PeriodData>,
  years: number[],
  latest: number,
  cache: PanelCache | undefined,
  yearKey: (year: number) => string,
): Promise<{ rows: MalmquistRow[]; deflator: string }> {
  const rows: MalmquistRow[] = [];
  const first = years[0];
  for (const areaModel of model.areas) {
    const area = areaModel.area;
    const to = periods.get(`${area}:${latest}`);
    if (!to || first === undefined) continue;
    const deflated = (year: number) => deflate(areaModel, periods.get(`${area}:${year}`)!, periods.get(`${area}:${first}`)!);
    const compare = async (fromYear: number, only?: Set<string>) => {
      const from = periods.get(`${area}:${fromYear}`);
      if (!from || fromYear === latest) return [];
      const key = `malmquist-${hashParts([FORMAT, area, String(fromYear), String(latest), String(first), yearKey(fromYear), yearKey(latest), yearKey(first)])}`;
      let result = cache?.get(key) as MalmquistRow[] | undefined;
      if (!result) {
        result = (await malmquistBetween(deflated(fromYear), deflated(latest))).map((r) => ({
          kommunkod: r.id,
          omrade: area,
          franAr: fromYear,
          tillAr: latest,
          malmquist: r.malmquist,
          effektivitetsforandring: r.efficiencyChange,
          tekniskForandring: r.technicalChange,
        }));
        cache?.set(key, result);
      }
      return only ? result.filter((r) => only.has(r.kommunkod)) : result;
    };
    rows.push(...(await compare(first)));
    // Previous available year per unit: the latest earlier year in which it has data in the area.
    let waiting = new Set(to.ids);
    for (let year = latest - 1; year >= first && waiting.size; year--) {
      const from = periods.get(`${area}:${year}`);
      if (!from) continue;
      const here = new Set(from.ids.filter((id) => waiting.has(id)));
      if (!here.size) continue;
      if (year !== first) rows.push(...(await compare(year, here)));
      waiting = new Set([...waiting].filter((id) => !here.has(id)));
    }
  }
  return {
    rows,
    deflator:
      'Kostnadsmåtten (kr) har räknats om till basårets nivå med rikets median för samma nyckeltal och år; Malmquistindexet mäter alltså förändring i förhållande till den typiska kommunens kostnadsutveckling, inte i fasta priser.',
  };
}

/** A period's data with every cost input (unit in kr) scaled to the base period's national median. */
function deflate(areaModel: AreaModel, period: PeriodData, base: PeriodData): PeriodData {
  const factors = areaModel.inputs.map((v, i) =>
    /\bkr\b/.test(v.unit) ? median(base.inputs.map((x) => x[i]!)) / median(period.inputs.map((x) => x[i]!)) : 1,
  );
  return { ids: period.ids, inputs: period.inputs.map((x) => x.map((v, i) => v * factors[i]!)), outputs: period.outputs };
}

/** Spearman correlation of the composite ranks between consecutive panel years. */
function rankCorrelations(history: HistoryRow[], years: number[], missingAreas: PanelResult['missingAreas']): RankCorrelation[] {
  const incomplete = new Set(missingAreas.map((m) => m.ar));
  const byYear = new Map<number, Map<string, number>>();
  for (const row of history) {
    if (row.effektivitet === null) continue;
    if (!byYear.has(row.ar)) byYear.set(row.ar, new Map());
    byYear.get(row.ar)!.set(row.kommunkod, row.effektivitet);
  }
  const result: RankCorrelation[] = [];
  for (let k = 1; k < years.length; k++) {
    const a = byYear.get(years[k - 1]!)!;
    const b = byYear.get(years[k]!)!;
    const common = [...a.keys()].filter((code) => b.has(code));
    result.push({
      franAr: years[k - 1]!,
      tillAr: years[k]!,
      rho: spearman(common.map((c) => a.get(c)!), common.map((c) => b.get(c)!)),
      antal: common.length,
      jamforbar: !incomplete.has(years[k - 1]!) && !incomplete.has(years[k]!),
    });
  }
  return result;
}
