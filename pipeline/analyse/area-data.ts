import type { KoladaSeries, Municipality } from '../load/types.ts';
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

/** The value of a KPI for one municipality and year, or undefined. */
export function koladaValue(series: KoladaSeries, kpi: string, kommunkod: string, year: number): number | undefined {
  return series.get(kpi)?.get(kommunkod)?.get(year);
}

/**
 * Collects an area's variables for every municipality. A municipality is left out of the area
 * (not imputed) when a KPI is missing, an input is ≤ 0 or every output is 0: DEA needs strictly
 * positive inputs and a positive output, and an invented value would move other units' scores.
 */
export function buildAreaData(model: AreaModel, municipalities: Municipality[], series: KoladaSeries, year: number): AreaData {
  const data: AreaData = { ids: [], inputs: [], outputs: [], nonDiscretionary: [], costs: [], leftOut: new Map() };
  for (const { kommunkod } of municipalities) {
    const get = (kpi: string) => koladaValue(series, kpi, kommunkod, year);
    const needed = [...model.inputs, ...model.outputs, ...model.structure].map((v) => v.kpi).concat(model.cost.perUnit, model.cost.volume);
    const missing = needed.filter((kpi) => get(kpi) === undefined);
    if (missing.length) {
      data.leftOut.set(kommunkod, `no ${year} value for ${[...new Set(missing)].join(', ')}`);
      continue;
    }
    const x = model.inputs.map((v) => get(v.kpi)!);
    const y = model.outputs.map((v) => get(v.kpi)!);
    const cost = get(model.cost.perUnit)! * model.cost.volume.reduce((sum, kpi) => sum + get(kpi)!, 0);
    if (x.some((v) => v <= 0)) data.leftOut.set(kommunkod, 'an input is zero or negative');
    else if (y.some((v) => v < 0) || y.every((v) => v === 0)) data.leftOut.set(kommunkod, 'no positive output');
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
