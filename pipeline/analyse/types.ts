/** Output of the analyse stage, read by the model stage. */
import type { Area, EfficiencyRow } from '../load/types.ts';

/** One key figure the DEA model uses for an area, for one municipality. */
export interface KeyFigure {
  /** Kolada KPI id, e.g. `N15027`. */
  kpi: string;
  /** Short Swedish label for tables and charts, e.g. `Kostnad per elev`. */
  title: string;
  /** Unit as shown to readers: `kr/elev`, `%`, `meritvärde`. */
  unit: string;
  role: 'input' | 'output' | 'structure';
  /** True when a higher value is better for the reader (outputs), false for costs. */
  higherIsBetter: boolean;
  value: number | null;
  /** Year of the value. */
  year: number;
}

/** Key figures per municipality and area: kommunkod → area → figures. */
export type KeyFigureTable = Map<string, Partial<Record<Area, KeyFigure[]>>>;

/** National figures printed by `analyse` beside the 2025 study's. */
export interface AnalysisSummary {
  ar: number;
  potentialKr: number;
  kostnadKr: number;
  perArea: Record<Area, { potentialKr: number; kostnadKr: number; units: number; efficientUnits: number; meanReduction: number }>;
  top: { kommunkod: string; kommun: string; effektivitet: number; rang: number }[];
}

export interface AnalysisResult {
  ar: number;
  table: EfficiencyRow[];
  keyFigures: KeyFigureTable;
  summary: AnalysisSummary;
  /** DEA details per municipality and area (super-efficiency, weak efficiency, targets). */
  details?: Map<string, Partial<Record<Area, AreaDeaDetail>>>;
  /** Notes for the user, e.g. municipalities left out of an area and why. */
  messages?: string[];
}

/** DEA details of one municipality in one area, beyond the efficiency table. */
export interface AreaDeaDetail {
  /** Andersen–Petersen super-efficiency; null when the VRS LP is infeasible. */
  superEfficiency: number | null;
  /** The super-efficiency LP has no solution: nobody else spans this unit (ranked first). */
  superInfeasible: boolean;
  /** θ = 1 but a slack remains: efficient radially, not Pareto-efficient. */
  weaklyEfficient: boolean;
  /** Best-practice targets x̂ = θx − s⁻ per input KPI, original units. */
  inputTargets: Record<string, number>;
  /** Best-practice targets ŷ = y + s⁺ per output KPI, original units. */
  outputTargets: Record<string, number>;
}
