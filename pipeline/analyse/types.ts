/** Output of the analyse stage, read by the model stage. */
import type { Area, EfficiencyRow, UnrankedRow } from '../load/types.ts';
import type { AreaProblem } from './area-data.ts';

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
  /**
   * Structure variables only: whether the value itself describes the conditions (`value`, e.g.
   * parents' education) or is Kolada's cost deviation from which the model derives them.
   */
  transform?: 'value' | 'reference-cost';
}

/** Key figures per municipality and area: kommunkod → area → figures. */
export type KeyFigureTable = Map<string, Partial<Record<Area, KeyFigure[]>>>;

/** National figures printed by `analyse` beside the 2025 study's. */
export interface AnalysisSummary {
  ar: number;
  /** Σ potential over all areas and units (the printed, bias-corrected figures; an indicator-only area adds nothing). */
  potentialKr: number;
  /** Σ cost over all areas and scored units (an indicator-only area's cost base included). */
  kostnadKr: number;
  /** Potential and cost over the areas with a kronor potential (without bibliotek, whose cost base is all culture). */
  potentialUtanProxyKr: number;
  kostnadUtanProxyKr: number;
  perArea: Record<Area, AreaSummary>;
  /** Composite weight per area (share of national cost), see composite.ts. */
  weights: Record<Area, number>;
  top: RankedUnit[];
  bottom: RankedUnit[];
}

/** National figures of one area. */
export interface AreaSummary {
  /** Σ potential (the printed figures); 0 for an indicator-only area. */
  potentialKr: number;
  /** Σ cost over the scored units. */
  kostnadKr: number;
  /** Σ cost over the units with a potential (not those without a comparable municipality): the base of "of cost". */
  kostnadMedPotentialKr: number;
  units: number;
  /**
   * Units on the estimated frontier: θ_DEA = 1 before bias correction. The printed, bias-corrected
   * score is below 1 for every unit, so counting printed scores of 1 would always give 0.
   */
  deaEfficientUnits: number;
  /** Mean of (1 − θ) over the units with the area: the printed (bias-corrected) θ. */
  meanReduction: number;
  /** The same of the DEA θ before bias correction. */
  meanReductionDea: number;
  /** Potential and mean reduction without the structure adjustment (DEA θ of the unadjusted view). */
  potentialOjusteradKr: number;
  meanReductionOjusterad: number;
  /** Units flagged `ojamforbar` (efficient only for want of a comparable municipality). */
  ojamforbaraUnits: number;
  /** True when the cost base is a stand-in (all culture for bibliotek): the area is an indicator with no kronor potential. */
  proxy: boolean;
}

/** A municipality in the summary's top or bottom list. */
export interface RankedUnit {
  kommunkod: string;
  kommun: string;
  effektivitet: number;
  rang: number;
  rangOjusterad?: number | null;
  /**
   * What the analyst must know about the rank: areas counted at the median and why
   * (`gymnasieskola at the median: ej_egen_regi`), and screening flags of the counted areas
   * (`aldreomsorg: litet_underlag`).
   */
  notes: string[];
}

export interface AnalysisResult {
  ar: number;
  table: EfficiencyRow[];
  /** Municipalities of the master data with no scored area: not ranked, reason codes per area. */
  unranked?: UnrankedRow[];
  keyFigures: KeyFigureTable;
  summary: AnalysisSummary;
  /** DEA details per municipality and area (super-efficiency, weak efficiency, targets). */
  details?: Map<string, Partial<Record<Area, AreaDeaDetail>>>;
  /** Notes for the user, e.g. municipalities left out of an area and why. */
  messages?: string[];
  /**
   * The DEA problems per area exactly as solved: `adjusted` (with the structure variables: the
   * published θ) and `unadjusted`. The bootstrap re-solves `adjusted` and forms composites with
   * `compositeWeights` from the same `costs`.
   */
  problems?: Partial<Record<Area, { adjusted: AreaProblem; unadjusted: AreaProblem }>>;
  /** Per area, who the frontier screening kept out of the others' reference sets, per rule (dea-spec §11). */
  screening?: Partial<Record<Area, ScreeningOutcome>>;
}

/** DEA details of one municipality in one area, beyond the efficiency table. */
export interface AreaDeaDetail {
  /** Andersen–Petersen super-efficiency; null when the VRS LP is infeasible. */
  superEfficiency: number | null;
  /** The super-efficiency LP has no solution: nobody else spans this unit (ranked first). */
  superInfeasible: boolean;
  /** θ = 1 but a slack remains: efficient radially, not Pareto-efficient. */
  weaklyEfficient: boolean;
  /**
   * For a unit flagged `ojamforbar`: true when the structure variables alone leave it without an
   * admissible peer (no convex combination of the others is as hard-placed in every one of them),
   * i.e. an extreme in the structure variables; false when it is their combination with its
   * results. Always false for other units and for areas without structure variables.
   */
  structureExtreme?: boolean;
  /** θ under constant returns without structure variables (the self-reference test, analyse-area.ts). */
  crsUnadjusted?: number;
  /** Best-practice targets x̂ = θx − s⁻ per input KPI, original units. */
  inputTargets: Record<string, number>;
  /** Best-practice targets ŷ = y + s⁺ per output KPI, original units. */
  outputTargets: Record<string, number>;
  /** Super-efficiency of the unadjusted model (no structure variables); null when infeasible. */
  unadjustedSuperEfficiency?: number | null;
  unadjustedSuperInfeasible?: boolean;
}

/** Who the frontier screening removed from the others' reference sets, per rule (kommunkod). */
export interface ScreeningOutcome {
  selfReference: string[];
  smallSurvey: string[];
  superOutlier: string[];
  /** Not screened: units whose survey user count is missing (unknown, not small), for the analyst's check. */
  surveyBaseUnknown?: string[];
}
