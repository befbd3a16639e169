import type { Area, KoladaSeries, Municipality } from '../load/types.ts';
import type { AnalysisResult, AreaDeaDetail } from './types.ts';
import type { DeaModel } from './model-types.ts';
import { buildAreaData } from './area-data.ts';
import { analyseArea, type AreaOutcome } from './analyse-area.ts';
import { buildTable } from './build-table.ts';
import { summarise } from './summarise.ts';
import { buildKeyFigures } from './key-figures.ts';

export interface AnalyseInput {
  municipalities: Municipality[];
  series: KoladaSeries;
  model: DeaModel;
}

/**
 * The analyse stage: DEA per area as declared in the model, then the efficiency table
 * (composite, ranks, potentials, peers), key figures and the national summary. Pure apart from
 * the shared HiGHS solver.
 */
export async function analyse({ municipalities, series, model }: AnalyseInput): Promise<AnalysisResult> {
  const outcomes = new Map<Area, Map<string, AreaOutcome>>();
  const messages: string[] = [];
  for (const areaModel of model.areas) {
    const data = buildAreaData(areaModel, municipalities, series, model.year);
    if (data.leftOut.size) {
      const reasons = new Map<string, string[]>();
      for (const [code, reason] of data.leftOut) reasons.set(reason, [...(reasons.get(reason) ?? []), code]);
      for (const [reason, codes] of reasons) {
        messages.push(`${areaModel.area}: ${codes.length} municipalities left out (${reason}): ${codes.slice(0, 8).join(', ')}${codes.length > 8 ? ', …' : ''}`);
      }
    }
    outcomes.set(areaModel.area, await analyseArea(areaModel, data));
  }
  const table = buildTable(municipalities, model.year, outcomes);
  const included = new Set(table.map((r) => r.kommunkod));
  const dropped = municipalities.filter((m) => !included.has(m.kommunkod));
  if (dropped.length) messages.push(`${dropped.length} municipalities have no area with data and are not ranked: ${dropped.map((m) => m.kommunkod).join(', ')}`);
  const details = new Map<string, Partial<Record<Area, AreaDeaDetail>>>();
  for (const [area, byCode] of outcomes) {
    for (const [code, outcome] of byCode) details.set(code, { ...details.get(code), [area]: outcome.detail });
  }
  return {
    ar: model.year,
    table,
    keyFigures: buildKeyFigures(model, municipalities, series),
    summary: summarise(table, municipalities, model.year),
    details,
    messages,
  };
}
