import type { KoladaSeries, Municipality } from '../load/types.ts';
import type { DeaModel, ModelVariable, StructureVariable } from './model-types.ts';
import type { KeyFigure, KeyFigureTable } from './types.ts';
import { koladaValue } from './area-data.ts';

/**
 * The model's KPIs per municipality and area, with labels, for the report's peer tables.
 * Structure variables are shown as the raw Kolada value (e.g. the cost deviation in %).
 */
export function buildKeyFigures(model: DeaModel, municipalities: Municipality[], series: KoladaSeries): KeyFigureTable {
  const table: KeyFigureTable = new Map();
  for (const { kommunkod } of municipalities) {
    const perArea: ReturnType<KeyFigureTable['get']> & object = {};
    for (const area of model.areas) {
      const figure = (v: ModelVariable, role: KeyFigure['role']): KeyFigure => ({
        ...(role === 'structure' ? { transform: (v as StructureVariable).transform } : {}),
        kpi: v.kpi,
        title: v.title,
        unit: v.unit,
        role,
        higherIsBetter: v.higherIsBetter,
        value: koladaValue(series, v.kpi, kommunkod, model.year) ?? null,
        year: model.year,
      });
      perArea[area.area] = [
        ...area.inputs.map((v) => figure(v, 'input')),
        ...area.outputs.map((v) => figure(v, 'output')),
        ...area.structure.map((v) => figure(v, 'structure')),
      ];
    }
    table.set(kommunkod, perArea);
  }
  return table;
}
