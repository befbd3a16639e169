import type { Area, KoladaSeries, Municipality } from '../load/types.ts';
import type { ReturnsToScale } from './dea/types.ts';
import type { AreaModel } from './model-types.ts';

/**
 * How many years back a missing output, structure or volume figure may be taken from the
 * municipality's own earlier value (labelled in `saknas_<omrade>`): two, because Kolada has no
 * user-survey values at all for 2021.
 */
export const FALLBACK_YEARS = 2;

/**
 * Reason codes of `saknas_<omrade>` (docs/method.md §2.8). Area-level codes say why the area has
 * no score; figure-level codes (`KPI=YEAR`, `KPI=utan`) say how a missing figure was treated.
 */
export const MISSING_CODES = {
  /** The municipality does not run the activity itself (U17802 = 0: gymnasieförbund or other municipalities' schools). */
  notRun: 'ej_egen_regi',
  /** No cost per unit for the year (the input and the cost base). */
  noCost: 'kostnad_saknas',
  /** No volume for the year or the two before: no cost base. */
  noVolume: 'volym_saknas',
  /** Volume below the model's `minVolume`. */
  smallVolume: 'liten_volym',
  /** No result figure at all (every output missing, e.g. suppressed for small cohorts, or zero). */
  noOutput: 'resultat_saknas',
  /** A structure figure is missing and the caller asked for listwise deletion (the yearly panel). */
  noStructure: 'struktur_saknas',
  /** A figure-level suffix: the figure was missing and the unit was evaluated without it. */
  without: 'utan',
} as const;

/** The DEA input of one area: every municipality that can be scored, and why the others are not. */
export interface AreaData {
  ids: string[];
  inputs: number[][];
  /** A missing output (no value this year or the two before) is 0: it neither helps the unit nor its peers (Kuosmanen 2009). */
  outputs: number[][];
  /**
   * Structure variables, larger = more favourable. A missing value is the area's most favourable
   * value, so the unit's own constraint does not bind; the unit is then in `incomplete` and stays
   * out of every other unit's reference set (Kuosmanen 2009, dea-spec §10).
   */
  nonDiscretionary: number[][];
  /** Total cost (SEK) per included municipality, aligned with `ids`. */
  costs: number[];
  /** True for a unit evaluated without one of its structure figures: it cannot be anyone's peer. */
  incomplete: boolean[];
  /** Per included unit: the user counts behind the survey outputs (model `surveyBase`), by output KPI. */
  surveyUsers: Partial<Record<string, number>>[];
  /** kommunkod → area-level reason code (the area has no score). */
  leftOut: Map<string, string>;
  /** kommunkod → figure-level codes of a scored unit (`N17467=2021`, `N17831=utan`). */
  notes: Map<string, string[]>;
}

/**
 * One area's DEA problem exactly as the analysis solved it, for callers that re-solve it (the
 * bootstrap resamples it, the sensitivity script varies it). `nonDiscretionary` is absent in the
 * unadjusted view of an area without structure variables and reference exclusions. When some
 * units are kept out of the others' reference sets (incomplete or screened, dea-spec §10–11),
 * its LAST column is the exclusion indicator e (1 for such a unit, 0 otherwise): the row
 * Σλ_j e_j ≤ e_o lets no excluded unit into a complete unit's reference set, while an excluded
 * unit stays its own reference. Every solver of the problem therefore applies the same rules.
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
 * Collects an area's variables for every municipality that runs the activity (dea-spec §10: no
 * listwise deletion). The cost per unit must exist for the year (it is the input and the cost
 * base; an earlier year's cost would flatter the unit by the price change). A missing output,
 * structure or volume figure is first taken from the unit's own value of up to
 * `options.fallbackYears` years before (code `KPI=YEAR`; the analysis passes FALLBACK_YEARS, a
 * yearly panel passes none so that no year borrows another's figures); failing that, with
 * `options.partial` (the analysis; without it: listwise deletion, as the yearly panel does), a missing output counts as 0 and a missing structure
 * value leaves the unit evaluated without that constraint and out of the others' reference sets
 * (code `KPI=utan`). Left out, with a code: the activity indicator says 0, no cost, no volume,
 * no positive output, or a volume below `minVolume`.
 */
export function buildAreaData(
  model: AreaModel,
  municipalities: Municipality[],
  series: KoladaSeries,
  year: number,
  options: { fallbackYears?: number; partial?: boolean } = {},
): AreaData {
  const fallbackYears = options.fallbackYears ?? 0;
  const partial = options.partial ?? false;
  const data: AreaData = {
    ids: [],
    inputs: [],
    outputs: [],
    nonDiscretionary: [],
    costs: [],
    incomplete: [],
    surveyUsers: [],
    leftOut: new Map(),
    notes: new Map(),
  };
  const rows: { z: (number | undefined)[] }[] = [];
  for (const { kommunkod } of municipalities) {
    const get = (kpi: string) => koladaValue(series, kpi, kommunkod, year);
    const notes: string[] = [];
    /** This year's value, else the latest of the FALLBACK_YEARS before (noted), else undefined. */
    const recent = (kpi: string): number | undefined => {
      const now = get(kpi);
      if (now !== undefined) return now;
      for (let back = 1; back <= fallbackYears; back++) {
        const earlier = koladaValue(series, kpi, kommunkod, year - back);
        if (earlier !== undefined) {
          notes.push(`${kpi}=${year - back}`);
          return earlier;
        }
      }
      return undefined;
    };
    const leave = (code: string) => data.leftOut.set(kommunkod, code);
    if (model.activity && recent(model.activity) === 0) {
      leave(MISSING_CODES.notRun);
      continue;
    }
    notes.length = 0;
    const x = model.inputs.map((v) => get(v.kpi));
    const perUnit = get(model.cost.perUnit);
    if (x.some((v) => v === undefined || v <= 0) || perUnit === undefined) {
      leave(MISSING_CODES.noCost);
      continue;
    }
    const volumes = model.cost.volume.map(recent);
    if (volumes.some((v) => v === undefined)) {
      leave(MISSING_CODES.noVolume);
      continue;
    }
    const volume = volumes.reduce((sum: number, v) => sum + v!, 0);
    if (volume < model.cost.minVolume) {
      leave(MISSING_CODES.smallVolume);
      continue;
    }
    const y = model.outputs.map((v) => {
      const value = recent(v.kpi);
      if (value === undefined && !partial) return Number.NaN;
      if (value === undefined) notes.push(`${v.kpi}=${MISSING_CODES.without}`);
      return value ?? 0;
    });
    if (y.some((v) => !(v >= 0)) || y.every((v) => v === 0) || !(perUnit * volume > 0)) {
      leave(MISSING_CODES.noOutput);
      continue;
    }
    const z = model.structure.map((v) => {
      const raw = recent(v.kpi);
      if (raw === undefined) {
        if (!partial) return Number.NaN;
        notes.push(`${v.kpi}=${MISSING_CODES.without}`);
        return undefined;
      }
      const value = v.transform === 'reference-cost' ? x[0]! / (1 + raw / 100) : raw;
      // The engine expects "larger = more favourable".
      return v.favourable === 'lower' ? -value : value;
    });
    if (z.some((v) => Number.isNaN(v))) {
      leave(MISSING_CODES.noStructure);
      continue;
    }
    data.ids.push(kommunkod);
    data.inputs.push(x as number[]);
    data.outputs.push(y);
    rows.push({ z });
    data.costs.push(perUnit * volume);
    data.incomplete.push(z.some((v) => v === undefined));
    data.surveyUsers.push(
      Object.fromEntries(
        model.surveyBases.map((b) => [b.output, get(b.kpi) ?? koladaValue(series, b.kpi, kommunkod, year - 1)]),
      ),
    );
    if (notes.length) data.notes.set(kommunkod, notes);
  }
  // A missing structure value: the most favourable value of the area, so its own row never binds.
  const best = model.structure.map((_, k) => Math.max(...rows.map((r) => r.z[k] ?? Number.NEGATIVE_INFINITY)));
  data.nonDiscretionary = rows.map((r) => r.z.map((v, k) => v ?? (Number.isFinite(best[k]) ? best[k]! : 0)));
  return data;
}

/**
 * The DEA problem of an area: with the structure variables (`adjusted`, the published view) or
 * without them (the unadjusted view: same units, inputs, outputs and costs). `excluded` marks the
 * units kept out of the others' reference sets besides the incomplete ones (screened frontier
 * units, dea-spec §11); with any exclusion the problem gets the indicator column (see AreaProblem).
 */
export function areaProblem(
  model: AreaModel,
  data: AreaData,
  adjusted = true,
  excluded?: readonly boolean[],
): AreaProblem {
  const out = data.ids.map((_, j) => (adjusted && data.incomplete[j]) || excluded?.[j] === true);
  const structure = adjusted && model.structure.length > 0;
  const indicator = out.some(Boolean);
  const nonDiscretionary =
    structure || indicator
      ? data.ids.map((_, j) => [
          ...(structure ? data.nonDiscretionary[j]! : []),
          ...(indicator ? [out[j] ? 1 : 0] : []),
        ])
      : undefined;
  return {
    area: model.area,
    rts: model.rts,
    ids: data.ids,
    inputs: data.inputs,
    outputs: data.outputs,
    ...(nonDiscretionary ? { nonDiscretionary } : {}),
    costs: data.costs,
  };
}

/** The reference-exclusion indicator of a problem built by `areaProblem` (all false without one). */
export function excludedFromReference(problem: AreaProblem, model: AreaModel, adjusted = true): boolean[] {
  const width = problem.nonDiscretionary?.[0]?.length ?? 0;
  const structure = adjusted ? model.structure.length : 0;
  return problem.ids.map((_, j) => width > structure && problem.nonDiscretionary![j]![width - 1] === 1);
}
