/** The yearly panel (issue 13): history table, Malmquist indices and unit costs. */
import type { Area } from '../../load/types.ts';
import type { Deflator } from './pooled.ts';

/** One municipality in one year, each year against its own frontier. null = no data (never filled in). */
export interface HistoryRow {
  kommunkod: string;
  ar: number;
  /** Composite efficiency as the single-year analysis computes it; null when not ranked that year. */
  effektivitet: number | null;
  rang: number | null;
  /** Units ranked that year. */
  antal: number;
  areas: Record<Area, number | null>;
  /**
   * The areas that year's composite is built from (scored, with a comparable municipality), in
   * model order; empty when not ranked. Two years are compared only when built from the same areas.
   */
  omraden: Area[];
  /**
   * Bias-corrected score per area against the common (pooled) frontier of all panel years, under
   * the ranking's model (dea-spec §12 a): comparable between years. null = no data that year.
   */
  gemensam: Record<Area, number | null>;
  /**
   * The composite of `gemensam` over the areas the municipality has in the latest year (fixed
   * weights); null when it lacks one of them this year, so every non-null value is like for like.
   */
  effektivitetGemensam: number | null;
  /** Change of `effektivitetGemensam` from this year to the latest (ratio, > 1 = better) and its 95 % interval; null when not comparable. */
  forandring: number | null;
  forandringLag: number | null;
  forandringHog: number | null;
  /** True when the change's interval excludes 1 (a change beyond the noise), null when not comparable. */
  utanforBrus: boolean | null;
}

/**
 * One municipality's productivity change in one area between two years (> 1 = improvement), as a
 * global Malmquist index (Pastor & Lovell 2005) on the pooled frontier of the ranking's model:
 * malmquist = pooled score later / earlier; effektivitetsforandring = the same ratio of the scores
 * against each year's own frontier (catching up); teknisk_forandring = malmquist / effektivitetsforandring
 * (how each year's own frontier moved against the common one).
 */
export interface MalmquistRow {
  kommunkod: string;
  omrade: Area;
  franAr: number;
  tillAr: number;
  malmquist: number;
  effektivitetsforandring: number;
  tekniskForandring: number;
  /** 95 % interval of `malmquist` from the pooled frontier's bootstrap (same replicates for both years). */
  malmquistLag: number;
  malmquistHog: number;
  /** True when the interval excludes 1: the change is beyond the noise. */
  utanforBrus: boolean;
}

/** Cost per unit (nominal kr, Kolada) of one municipality, area and year, beside the medians. */
export interface UnitCostRow {
  kommunkod: string;
  omrade: Area;
  ar: number;
  /** The KPI's title and unit from the model, e.g. `Kostnad per elev, grundskola F-9`, `kr/elev`. */
  titel: string;
  enhet: string;
  /** Nominal cost per unit (kr per pupil, per inhabitant 65+, …). */
  kostnad: number;
  /** Nominal change since the previous year (share), null in the first year or after a gap. */
  forandring: number | null;
  gruppMedian: number;
  gruppMedianForandring: number | null;
  rikeMedian: number;
  rikeMedianForandring: number | null;
  /** Own cost / national median that year: inflation cancels. */
  relativ: number;
  /** The relative cost had the municipality gained 1 % a year from the first year with data, at unchanged results. */
  ettProcentBana: number;
}

/** Spearman rank correlation of the like-for-like composite on the common frontier between two consecutive years. */
export interface RankCorrelation {
  franAr: number;
  tillAr: number;
  rho: number;
  /** Municipalities ranked in both years. */
  antal: number;
  /** False when an area had no data in one of the years (the composites are not like for like). */
  jamforbar: boolean;
}

export interface PanelResult {
  /** Years analysed, ascending. */
  years: number[];
  /** The latest year (the single-year analysis' year). */
  latest: number;
  /** Years (from the first panel year on) without any data, with the reason. */
  leftOutYears: { ar: number; skal: string }[];
  /** Areas without data in a year: ar → areas. */
  missingAreas: { ar: number; omrade: Area; skal: string }[];
  history: HistoryRow[];
  malmquist: MalmquistRow[];
  unitCosts: UnitCostRow[];
  rankCorrelations: RankCorrelation[];
  /** How nominal cost inputs were made comparable between years. */
  deflator: Deflator;
  /** Replicates and seed of the pooled frontier's bootstrap (the noise of a change). */
  noise: { replicates: number; seed: number };
  messages: string[];
}
