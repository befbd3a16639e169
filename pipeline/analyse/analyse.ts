import type { Area, KoladaSeries, Municipality } from '../load/types.ts';
import type { AnalysisResult, AreaDeaDetail } from './types.ts';
import type { DeaModel } from './model-types.ts';
import { resolveDataYear } from './data-year.ts';
import { modelKpis } from './model-types.ts';
import { buildAreaData } from './area-data.ts';
import { analyseArea, type AreaOutcome, type ScreeningOutcome } from './analyse-area.ts';
import { areaWeights, buildTable, MIN_COMPARABLE_SHARE } from './build-table.ts';
import { summarise } from './summarise.ts';
import { buildKeyFigures } from './key-figures.ts';
import type { AnalysisProgress } from './progress.ts';
import {
  addUncertaintyWithUnranked,
  type AreaProblem as BootstrapAreaProblem,
  type BootstrapSettings,
} from './uncertainty/index.ts';

export interface AnalyseInput {
  municipalities: Municipality[];
  series: KoladaSeries;
  model: DeaModel;
  /** Simar–Wilson bootstrap settings; absent or B = 0: no intervals. */
  bootstrap?: BootstrapSettings;
  /**
   * How many years back a missing output, structure or volume figure may come from the unit's own
   * earlier value (area-data.ts). The edition passes FALLBACK_YEARS; absent: 0, so a yearly panel
   * never fills one year with another's figures.
   */
  fallbackYears?: number;
  /** Progress of the DEA per area and of the bootstrap (for the command line's bar). */
  onProgress?: AnalysisProgress;
}

/**
 * The analyse stage: DEA per area as declared in the model (with and without the structure
 * variables), then the efficiency table (composite, ranks, potentials, peers, unadjusted view),
 * key figures and the national summary. The per-area DEA problems are returned in `problems`
 * so that the bootstrap can resample exactly what was solved. Pure apart from the shared solver.
 */
export async function analyse({
  municipalities,
  series,
  model: parsed,
  bootstrap,
  onProgress,
  fallbackYears = 0,
}: AnalyseInput): Promise<AnalysisResult> {
  // `year: latest` (parsed as 0): the latest year in which the model's key figures are complete.
  const model = parsed.year ? parsed : { ...parsed, year: resolveDataYear(series, modelKpis(parsed))?.year ?? 0 };
  const outcomes = new Map<Area, Map<string, AreaOutcome>>();
  const problems: NonNullable<AnalysisResult['problems']> = {};
  const messages: string[] = [];
  const leftOut: Partial<Record<Area, Map<string, string>>> = {};
  const screening: Partial<Record<Area, ScreeningOutcome>> = {};
  for (const [index, areaModel] of model.areas.entries()) {
    onProgress?.({ step: 'dea', done: index, total: model.areas.length });
    const data = buildAreaData(areaModel, municipalities, series, model.year, { fallbackYears, partial: true });
    if (data.leftOut.size) {
      const reasons = new Map<string, string[]>();
      for (const [code, reason] of data.leftOut) reasons.set(reason, [...(reasons.get(reason) ?? []), code]);
      for (const [reason, codes] of reasons) {
        messages.push(
          `${areaModel.area}: ${codes.length} municipalities left out (${reason}): ${codes.slice(0, 8).join(', ')}${codes.length > 8 ? ', …' : ''}`,
        );
      }
    }
    const analysis = await analyseArea(areaModel, data, model.screening);
    outcomes.set(areaModel.area, analysis.outcomes);
    leftOut[areaModel.area] = data.leftOut;
    screening[areaModel.area] = analysis.screened;
    problems[areaModel.area] = { adjusted: analysis.problem, unadjusted: analysis.unadjustedProblem };
  }
  onProgress?.({ step: 'dea', done: model.areas.length, total: model.areas.length });
  const built = buildTable(municipalities, model.year, outcomes, leftOut);
  let table = built.rows;
  let unranked = built.unranked;
  if (bootstrap && bootstrap.replicates > 0) {
    const settings = onProgress
      ? { ...bootstrap, onProgress: (done: number, total: number) => onProgress({ step: 'bootstrap', done, total }) }
      : bootstrap;
    ({ table, unranked } = await addUncertaintyWithUnranked(table, unranked, bootstrapProblems(problems), settings));
    messages.push(
      `bootstrap: B = ${bootstrap.replicates}, seed = ${bootstrap.seed} (Simar–Wilson 1998, docs/dea-spec.md §7)`,
    );
  }
  const empty = unranked.filter((m) => !m.areas);
  const thin = unranked.filter((m) => m.areas);
  if (empty.length)
    messages.push(
      `${empty.length} municipalities have no area with data and are not ranked (a row with empty cells and a short report): ${empty.map((m) => m.kommunkod).join(', ')}`,
    );
  if (thin.length)
    messages.push(
      `${thin.length} municipalities have too little comparable weight to be ranked (own comparable scores < ${Math.round(MIN_COMPARABLE_SHARE * 100)} % of their areas' weight; their areas are kept, a short report): ${thin.map((m) => m.kommunkod).join(', ')}`,
    );
  const details = new Map<string, Partial<Record<Area, AreaDeaDetail>>>();
  for (const [area, byCode] of outcomes) {
    for (const [code, outcome] of byCode) details.set(code, { ...details.get(code), [area]: outcome.detail });
  }
  const proxyAreas = new Set(model.areas.filter((a) => a.cost.proxy).map((a) => a.area));
  return {
    ar: model.year,
    table,
    unranked,
    keyFigures: buildKeyFigures(model, municipalities, series),
    summary: summarise(table, municipalities, model.year, { weights: areaWeights(outcomes), proxyAreas, unranked }),
    details,
    messages,
    problems,
    screening,
  };
}

/** The problems the bootstrap resamples: each area's adjusted problem as solved (docs/dea-spec.md §7a). */
export function bootstrapProblems(problems: NonNullable<AnalysisResult['problems']>): BootstrapAreaProblem[] {
  return Object.values(problems).map(({ adjusted: { area, costs: _costs, ...problem } }) => ({ area, problem }));
}
