/**
 * Everything the per-municipality model needs that depends on all 290: group and national
 * medians, ranks per area, Kolada context figures. Built once per run.
 */
import type { KeyFigureTable } from '../analyse/types.ts';
import { PipelineError } from '../errors.ts';
import { AREAS, type Area, type EfficiencyRow, type KoladaSeries, type Municipality } from '../load/types.ts';
import { median } from '../stats/index.ts';
import type { PanelResult } from '../analyse/panel/types.ts';
import { sharedFigures, type SharedFigures } from './shared-figures.ts';
import { THEME_KPI_IDS } from './theme-kpis.ts';

/** Kolada KPIs the model uses for facts (loaded alongside the DEA model's own KPIs). */
export const CONTEXT_KPIS = {
  taxRate: 'N00901',
  netCostPerInhabitant: 'N03067',
  population: 'N01951',
  aged80: 'N01957',
  costDeviation: ['N15001', 'N17001', 'N20900'],
} as const;

export const CONTEXT_KPI_IDS: string[] = [
  CONTEXT_KPIS.taxRate,
  CONTEXT_KPIS.netCostPerInhabitant,
  CONTEXT_KPIS.population,
  CONTEXT_KPIS.aged80,
  ...CONTEXT_KPIS.costDeviation,
  ...THEME_KPI_IDS,
];

export interface ModelInput {
  municipalities: Municipality[];
  table: EfficiencyRow[];
  keyFigures: KeyFigureTable;
  series: KoladaSeries;
  themes: { id: string; titel: string }[];
  /** Kolada calls figures of the table's year preliminary (data/kolada/provenance.json). */
  preliminar?: boolean;
  /** The yearly panel (issue 13); absent when the edition has none (an external efficiency table). */
  history?: PanelResult;
}

/** Per-municipality context figures read from Kolada. */
export interface ContextFigures {
  taxRate: number | null;
  netCostPerInhabitant: number | null;
  netCostGrowth: number | null;
  aged80Share: number | null;
  /** Cost deviation (%) per KPI id, Kolada's "nettokostnadsavvikelse". */
  costDeviation: Record<string, number | null>;
}

export interface ModelContext {
  input: ModelInput;
  year: number;
  byCode: Map<string, Municipality>;
  rowByCode: Map<string, EfficiencyRow>;
  groupMembers: Map<string, EfficiencyRow[]>;
  context: Map<string, ContextFigures>;
  national: {
    potentialPerInhabitant: number;
    taxRate: number;
    netCostGrowth: number;
    aged80Share: number;
  };
  /** Figures shared by many municipalities (a group median, a ranking), each computed once per run. */
  shared: SharedFigures;
}

/** Builds the shared context; throws when the efficiency table and master data disagree. */
export function buildModelContext(input: ModelInput): ModelContext {
  input = { ...input, keyFigures: plainKeyFigures(input.keyFigures) };
  const byCode = new Map(input.municipalities.map((m) => [m.kommunkod, m]));
  const rowByCode = new Map(input.table.map((row) => [row.kommunkod, row]));
  const missing = input.table.filter((row) => !byCode.has(row.kommunkod)).map((row) => row.kommunkod);
  if (missing.length > 0) {
    throw new PipelineError(
      `The efficiency table has kommunkoder that are not in the master data: ${missing.slice(0, 5).join(', ')}`,
    );
  }
  const year = input.table[0]?.ar ?? 0;
  const groupMembers = new Map<string, EfficiencyRow[]>();
  for (const row of input.table) {
    const group = byCode.get(row.kommunkod)!.kommungruppKod;
    groupMembers.set(group, [...(groupMembers.get(group) ?? []), row]);
  }
  const context = new Map(
    input.municipalities.map((m) => [m.kommunkod, contextFigures(input.series, m.kommunkod, year)]),
  );
  const values = [...context.values()];
  return {
    shared: sharedFigures({
      municipalities: input.municipalities,
      table: input.table,
      keyFigures: input.keyFigures,
      groupMembers,
      series: input.series,
    }),
    input,
    year,
    byCode,
    rowByCode,
    groupMembers,
    context,
    national: {
      potentialPerInhabitant: median(
        input.table.map((row) => row.potentialKr / (byCode.get(row.kommunkod)?.invanare ?? Number.NaN)),
      ),
      taxRate: median(values.map((c) => c.taxRate)),
      netCostGrowth: median(values.map((c) => c.netCostGrowth)),
      aged80Share: median(values.map((c) => c.aged80Share)),
    },
  };
}

/** Area efficiencies of `rows` that have the area. */
export function areaValues(rows: EfficiencyRow[], area: Area): number[] {
  return rows.map((row) => row.areas[area].effektivitet).filter((v): v is number => v !== null);
}

export { AREAS };

function contextFigures(series: KoladaSeries, code: string, year: number): ContextFigures {
  const value = (kpi: string, y = year) => series.get(kpi)?.get(code)?.get(y) ?? null;
  const netCost = value(CONTEXT_KPIS.netCostPerInhabitant);
  const netCostBefore = value(CONTEXT_KPIS.netCostPerInhabitant, year - 4);
  const population = value(CONTEXT_KPIS.population);
  const aged80 = value(CONTEXT_KPIS.aged80);
  return {
    taxRate: value(CONTEXT_KPIS.taxRate),
    netCostPerInhabitant: netCost,
    netCostGrowth: netCost !== null && netCostBefore ? netCost / netCostBefore - 1 : null,
    aged80Share: aged80 !== null && population ? aged80 / population : null,
    costDeviation: Object.fromEntries(CONTEXT_KPIS.costDeviation.map((kpi) => [kpi, value(kpi)])),
  };
}

/**
 * Key figures with titles a reader understands: the model file may call a figure a "proxy";
 * the reports say what it is ("Nettokostnad kultur per invånare") and explain it in the method.
 */
/** A KPI title without modelling words a reader would not know ("proxy"). */
export function plainTitle(title: string): string {
  return title.replace(/\s*\(proxy[^)]*\)/gi, '').replace(/,?\s*proxy för [^,;)]*/gi, '');
}

function plainKeyFigures(table: KeyFigureTable): KeyFigureTable {
  const plain = plainTitle;
  return new Map(
    [...table].map(([code, areas]) => [
      code,
      Object.fromEntries(
        Object.entries(areas).map(([area, figures]) => [
          area,
          figures?.map((figure) => ({ ...figure, title: plain(figure.title) })),
        ]),
      ),
    ]),
  );
}
