import type { Area, KoladaSeries, Municipality } from '../load/types.ts';
import type { ReturnsToScale } from './dea/types.ts';
import type { AreaModel } from './model-types.ts';

/** The DEA input of one area: the municipalities with complete data, and who was left out. */
export interface AreaData {
  ids: string[];
  inputs: number[][];
  outputs: number[][];
  nonDiscretionary: number[][];
  /** Total cost (SEK) per included municipality, aligned with `ids`. */
  costs: number[];
  /** kommunkod → why the area was left out for it. */
  leftOut: Map<string, string>;
}

/**
 * One area's DEA problem exactly as the analysis solved it, for callers that re-solve it (the
 * bootstrap resamples it, the sensitivity script varies it). `nonDiscretionary` is absent in the
 * unadjusted view and for areas without structure variables.
 */
export interface AreaProblem {
  area: Area;
  rts: ReturnsToScale;
  ids: string[];
  inputs: number[][];
  outputs: number[][];
  nonDiscretionary?: number[][];
  /** Total cost (SEK) per unit, aligned with `ids`: the base of the potential and of the composite weights. */
  costs: number[];
}

/** The value of a KPI for one municipality and year, or undefined. */
export function koladaValue(series: KoladaSeries, kpi: string, kommunkod: string, year: number): number | undefined {
  return series.get(kpi)?.get(kommunkod)?.get(year);
}

/**
 * Collects an area's variables for every municipality. A municipality is left out of the area
 * (not imputed) when a KPI is missing, an input is ≤ 0, an output is negative or every output is
 * 0, or its volume is below the model's `minVolume`: DEA needs strictly positive inputs and a
 * positive output, and an invented value would move other units' scores. Left-out units get no
 * θ in the area; the composite treats the area as missing (at the area median, never a reward).
 */
export function buildAreaData(model: AreaModel, municipalities: Municipality[], series: KoladaSeries, year: number): AreaData {
  const data: AreaData = { ids: [], inputs: [], outputs: [], nonDiscretionary: [], costs: [], leftOut: new Map() };
  const needed = [...new Set([...model.inputs, ...model.outputs, ...model.structure].map((v) => v.kpi).concat(model.cost.perUnit, model.cost.volume))];
  for (const { kommunkod } of municipalities) {
    const get = (kpi: string) => koladaValue(series, kpi, kommunkod, year);
    const missing = needed.filter((kpi) => get(kpi) === undefined);
    if (missing.length) {
      data.leftOut.set(kommunkod, `no ${year} value for ${missing.join(', ')}`);
      continue;
    }
    const x = model.inputs.map((v) => get(v.kpi)!);
    const y = model.outputs.map((v) => get(v.kpi)!);
    const volume = model.cost.volume.reduce((sum, kpi) => sum + get(kpi)!, 0);
    const cost = get(model.cost.perUnit)! * volume;
    if (x.some((v) => v <= 0)) data.leftOut.set(kommunkod, 'an input is zero or negative');
    else if (y.some((v) => v < 0) || y.every((v) => v === 0)) data.leftOut.set(kommunkod, 'no positive output');
    else if (volume < model.cost.minVolume) data.leftOut.set(kommunkod, `volume ${model.cost.volume.join(' + ')} below ${model.cost.minVolume}`);
    else if (!(cost > 0)) data.leftOut.set(kommunkod, 'the cost base is zero');
    if (data.leftOut.has(kommunkod)) continue;
    const z = model.structure.map((v) => {
      const raw = get(v.kpi)!;
      const value = v.transform === 'reference-cost' ? x[0]! / (1 + raw / 100) : raw;
      // The engine expects "larger = more favourable".
      return v.favourable === 'lower' ? -value : value;
    });
    data.ids.push(kommunkod);
    data.inputs.push(x);
    data.outputs.push(y);
    data.nonDiscretionary.push(z);
    data.costs.push(cost);
  }
  return data;
}

/**
 * The DEA problem of an area: with the structure variables (`adjusted`, the published view) or
 * without them (the unadjusted view: same units, inputs, outputs and costs).
 */
export function areaProblem(model: AreaModel, data: AreaData, adjusted = true): AreaProblem {
  return {
    area: model.area,
    rts: model.rts,
    ids: data.ids,
    inputs: data.inputs,
    outputs: data.outputs,
    ...(adjusted && model.structure.length ? { nonDiscretionary: data.nonDiscretionary } : {}),
    costs: data.costs,
  };
}
