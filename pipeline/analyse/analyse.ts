import type { Area, KoladaSeries, Municipality } from '../load/types.ts';
import type { AnalysisResult, AreaDeaDetail } from './types.ts';
import type { DeaModel } from './model-types.ts';
import { buildAreaData } from './area-data.ts';
import { analyseArea, type AreaOutcome } from './analyse-area.ts';
import { buildTable } from './build-table.ts';
import { summarise } from './summarise.ts';
import { buildKeyFigures } from './key-figures.ts';
import { addUncertainty, type AreaProblem, type BootstrapSettings } from './uncertainty/index.ts';

export interface AnalyseInput {
  municipalities: Municipality[];
  series: KoladaSeries;
  model: DeaModel;
  /** Simar–Wilson bootstrap settings; absent or B = 0: no intervals. */
  bootstrap?: BootstrapSettings;
}

/**
 * The analyse stage: DEA per area as declared in the model, then the efficiency table
 * (composite, ranks, potentials, peers), key figures and the national summary. Pure apart from
 * the shared HiGHS solver.
 */
export async function analyse({ municipalities, series, model, bootstrap }: AnalyseInput): Promise<AnalysisResult> {
  const outcomes = new Map<Area, Map<string, AreaOutcome>>();
  const messages: string[] = [];
  const problems: AreaProblem[] = [];
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
    problems.push({ area: areaModel.area, problem: { ids: data.ids, inputs: data.inputs, outputs: data.outputs, nonDiscretionary: areaModel.structure.length ? data.nonDiscretionary : undefined, rts: areaModel.rts } });
  }
  let table = buildTable(municipalities, model.year, outcomes);
  if (bootstrap && bootstrap.replicates > 0) {
    table = await addUncertainty(table, problems, bootstrap);
    messages.push(`bootstrap: B = ${bootstrap.replicates}, seed = ${bootstrap.seed} (Simar–Wilson 1998, dea-spec §7)`);
  }
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
