/** Typed rows produced by the load stage. Contracts: ../shared/DESIGN.md "Data contracts". */

/** The four areas of the DEA study, in report order. */
export const AREAS = ['grundskola', 'gymnasieskola', 'aldreomsorg', 'bibliotek'] as const;
export type Area = (typeof AREAS)[number];

/** Swedish display names of the areas. */
export const AREA_NAMES: Record<Area, string> = {
  grundskola: 'Grundskola',
  gymnasieskola: 'Gymnasieskola',
  aldreomsorg: 'Äldreomsorg',
  bibliotek: 'Bibliotek',
};

/** The areas in the definite form for running text: "i grundskolan", "produktiviteten i biblioteken". */
export const AREA_DEFINITE: Record<Area, string> = {
  grundskola: 'grundskolan',
  gymnasieskola: 'gymnasieskolan',
  aldreomsorg: 'äldreomsorgen',
  bibliotek: 'biblioteken',
};

/** One row of `data/kommuner.csv`. */
export interface Municipality {
  /** 4-digit string with leading zero: `0114`. */
  kommunkod: string;
  /** Short name: `Upplands Väsby`. */
  kommun: string;
  /** 2-digit county code: `01`. */
  lanskod: string;
  /** County name: `Stockholms län`. */
  lan: string;
  /** SKR 2023 kommungrupp code: `A1` … `C9`. */
  kommungruppKod: string;
  /** SKR 2023 kommungrupp name: `Pendlingskommun nära storstad`. */
  kommungrupp: string;
  /** Population on 31 December of `ar`. */
  invanare: number;
  /** Year of `invanare`. */
  ar: number;
}

/** A DEA peer with its λ weight, normalised so a unit's weights sum to 1. */
export interface Peer {
  kommunkod: string;
  weight: number;
}

/** One area's result for one municipality; all null when the area has no data. */
export interface AreaEfficiency {
  /**
   * The printed efficiency in (0, 1], null when the area was left out for this municipality:
   * the bias-corrected θ_bc when the bootstrap ran (then inside `effektivitetLag`–`effektivitetHog`),
   * else the DEA θ*.
   */
  effektivitet: number | null;
  /** Total cost (SEK) the score applies to. */
  kostnadKr: number | null;
  /** (1 − effektivitet) × cost. */
  potentialKr: number | null;
  /** Reference set; empty for efficient units (they are their own peer). */
  jamforelse: Peer[];
  /** Bias-corrected θ (Simar–Wilson bootstrap); equals `effektivitet` when set; null or absent when no bootstrap was run. */
  effektivitetBc?: number | null;
  /** The DEA θ* before bias correction (1 on the estimated frontier); null or absent when no bootstrap was run. */
  effektivitetDea?: number | null;
  /** 95 % interval of θ from the bootstrap; null or absent when not available. */
  effektivitetLag?: number | null;
  effektivitetHog?: number | null;
  /** θ of the same area model without the structure variables (the unadjusted view). */
  effektivitetOjusterad?: number | null;
  /**
   * True when the unit is efficient only because no comparable municipality exists: efficient
   * with the structure adjustment and its super-efficiency LP infeasible (an extreme in the
   * structure variable). Reports label it instead of presenting it as the country's best.
   */
  ojamforbar?: boolean | null;
  /**
   * Why the area has no score, or how missing figures were treated (`saknas_<omrade>`, codes in
   * docs/method.md §2.8); null or absent when nothing was missing.
   */
  saknas?: string | null;
  /**
   * Why the score must be read with care (`flagga_<omrade>`, docs/method.md §2.7): `egen_referens`
   * (no comparable municipality: the area counts as missing in the composite and is never ranked),
   * `litet_underlag` (survey base too small), `extrem` (super-efficiency above the screening
   * threshold); `;`-separated; null or absent when none.
   */
  flagga?: string | null;
}

/** One row of the efficiency table (the interchange format). */
export interface EfficiencyRow {
  kommunkod: string;
  /** Year of the figures. */
  ar: number;
  /**
   * Composite efficiency 0–1: fixed national cost-share weights, a missing area at the area median
   * (analyse/composite.ts), formed from the areas' printed (bias-corrected) values.
   */
  effektivitet: number;
  /** 1–n by composite efficiency (1 = most efficient). */
  rang: number;
  /** Composite and rank of the DEA θ* before bias correction; null or absent when no bootstrap was run. */
  effektivitetDea?: number | null;
  rangDea?: number | null;
  /** Sum of the areas' potentials. */
  potentialKr: number;
  areas: Record<Area, AreaEfficiency>;
  /** 95 % interval of the composite from the bootstrap replicates; null or absent when not available. */
  effektivitetLag?: number | null;
  effektivitetHog?: number | null;
  /** 95 % interval of the rank (2.5 % and 97.5 % quantiles of the replicate ranks; contains `rang`, never widened). */
  rangLag?: number | null;
  rangHog?: number | null;
  /** Composite and rank of the same model without structure variables (the unadjusted view). */
  effektivitetOjusterad?: number | null;
  rangOjusterad?: number | null;
}

/**
 * A municipality of the master data with no scored area in the year: it has no composite, rank
 * or potential, but keeps its row in the table (empty cells) with each area's reason code, and
 * gets a short report of its own (docs/method.md §3).
 */
export interface UnrankedRow {
  kommunkod: string;
  /** Year of the figures. */
  ar: number;
  /** Why each area has no score (`saknas_<omrade>`, docs/method.md §2.8); null when no code was given. */
  saknas: Record<Area, string | null>;
  /**
   * The areas of a municipality that has scored areas, but whose own comparable scores carry too
   * little of the composite weight to rank it (docs/method.md §3); absent when no area is scored.
   */
  areas?: Record<Area, AreaEfficiency>;
}

/** Kolada values: kpi → kommunkod → year → value. */
export type KoladaSeries = Map<string, Map<string, Map<number, number>>>;
