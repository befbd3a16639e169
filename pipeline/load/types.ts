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
  /** θ* in (0, 1], null when the area was left out for this municipality. */
  effektivitet: number | null;
  /** Total cost (SEK) the score applies to. */
  kostnadKr: number | null;
  /** (1 − θ*) × cost. */
  potentialKr: number | null;
  /** Reference set; empty for efficient units (they are their own peer). */
  jamforelse: Peer[];
}

/** One row of the efficiency table (the interchange format). */
export interface EfficiencyRow {
  kommunkod: string;
  /** Year of the figures. */
  ar: number;
  /** Cost-weighted composite efficiency 0–1 over the areas it has. */
  effektivitet: number;
  /** 1–n by composite efficiency (1 = most efficient). */
  rang: number;
  /** Sum of the areas' potentials. */
  potentialKr: number;
  areas: Record<Area, AreaEfficiency>;
}

/** Kolada values: kpi → kommunkod → year → value. */
export type KoladaSeries = Map<string, Map<string, Map<number, number>>>;
