/** The DEA model declared in data/modell.yaml. */
import type { Area } from '../load/types.ts';
import type { ReturnsToScale } from './dea/types.ts';

/** One Kolada KPI used by an area. */
export interface ModelVariable {
  /** Kolada id, e.g. `N15027`. */
  kpi: string;
  /** Short Swedish label. */
  title: string;
  unit: string;
  higherIsBetter: boolean;
}

/** A non-discretionary (structural) variable, Banker & Morey 1986. */
export interface StructureVariable extends ModelVariable {
  /**
   * `value`: the KPI as it is. `reference-cost`: the KPI is a nettokostnadsavvikelse in % and
   * z = first input / (1 + value/100), the structurally motivated cost per unit.
   */
  transform: 'value' | 'reference-cost';
  /** Whether a lower or a higher z means more favourable conditions. */
  favourable: 'lower' | 'higher';
}

/** The total cost (SEK) a potential applies to: perUnit × Σ volume. */
export interface CostBase {
  title: string;
  perUnit: string;
  volume: string[];
  /** True when the cost is a stand-in (bibliotek: culture cost). */
  proxy: boolean;
  /**
   * Units whose volume (Σ volume) is below this are left out of the area: their cost per unit
   * describes a different activity (gymnasieskola: a handful of introduction-programme pupils),
   * not a worse way of running the same one. 0 (the default) keeps every unit.
   */
  minVolume: number;
}

/**
 * The count behind a survey output (docs/method.md §2.7): the output `output` is a share of
 * satisfied respondents among the users counted by KPI `kpi`; a unit with fewer than `min` users
 * has a survey base too small to set other units' targets (frontier screening, dea-spec §11).
 */
export interface SurveyBase {
  output: string;
  kpi: string;
  min: number;
}

export interface AreaModel {
  area: Area;
  rts: ReturnsToScale;
  inputs: ModelVariable[];
  outputs: ModelVariable[];
  structure: StructureVariable[];
  cost: CostBase;
  /**
   * A Kolada KPI that says whether the municipality runs the activity itself (1) or not (0), e.g.
   * U17802 for the municipal gymnasieskola; absent: every municipality runs it.
   */
  activity?: string;
  /** Survey outputs and the user counts behind them; [] when none. */
  surveyBases: SurveyBase[];
}

/**
 * Frontier screening (dea-spec §11, docs/method.md §2.7): an efficient unit whose
 * Andersen–Petersen super-efficiency exceeds `superEfficiencyMax` (Banker & Chang 2006) is an
 * outlier and does not set other units' targets.
 */
/** Banker & Chang (2006) study thresholds of 1.2–1.3; docs/method.md §2.7 says why 1.25. */
export const DEFAULT_SUPER_EFFICIENCY_MAX = 1.25;

export interface Screening {
  superEfficiencyMax: number;
}

export interface DeaModel {
  /**
   * The data year. `runAnalysis` sets it from the data (`resolveDataYear`); as parsed it is the
   * file's `year` key, 0 for `latest` or no key.
   */
  year: number;
  rts: ReturnsToScale;
  structureMethod: 'banker-morey';
  areas: AreaModel[];
  screening: Screening;
}

/** Every KPI a model reads. */
export function modelKpis(model: DeaModel): string[] {
  const kpis = model.areas.flatMap((a) => [
    ...a.inputs.map((v) => v.kpi),
    ...a.outputs.map((v) => v.kpi),
    ...a.structure.map((v) => v.kpi),
    a.cost.perUnit,
    ...a.cost.volume,
    ...(a.activity ? [a.activity] : []),
    ...a.surveyBases.map((b) => b.kpi),
  ]);
  return [...new Set(kpis)];
}
