/**
 * The view model one report is rendered from. Everything a template shows is here, already
 * formatted in Swedish (`…Text` fields); templates only print fields and branch on `fakta`.
 */
import type { Area } from '../load/types.ts';
import type { HistoryView } from './build-history-view.ts';

/** Names of the facts templates may branch on (`nar="…"` in an advice block). */
export const FACT_NAMES = [
  'blandDeBasta',
  'underGruppMedian',
  'hogPotentialPerInvanare',
  'grundskolaUnderMedian',
  'gymnasieskolaUnderMedian',
  'aldreomsorgUnderMedian',
  'bibliotekUnderMedian',
  'hogKostnadsavvikelse',
  'snabbKostnadsokning',
  'hogSkattesats',
  'litenKommun',
  'storKommun',
  'aldrandeBefolkning',
  'saknarOmraden',
  'ojamnMellanOmraden',
  'forsamradOverTid',
] as const;
export type FactName = (typeof FACT_NAMES)[number];

/** A named fact about the municipality and the plain-Swedish reason it holds (or not). */
export interface Fact {
  /** Whether the fact holds for this municipality. */
  galler: boolean;
  /** One sentence in Swedish with the figures behind it, e.g. "Er kostnad per elev är 12 % över …". */
  skal: string;
}

/** Another municipality to learn from. */
export interface RoleModel {
  kommunkod: string;
  namn: string;
  kommungrupp: string;
  effektivitetText: string;
  rangText: string;
  /** Why it is named: "Jämförelsekommun i grundskola (vikt 42 %)" or "Bäst i er kommungrupp". */
  varfor: string;
}

export interface AreaView {
  id: Area;
  namn: string;
  harData: boolean;
  effektivitet: number | null;
  effektivitetText: string;
  /** Rank within the area among the municipalities that have it: "12 av 287". */
  rangText: string;
  gruppMedianText: string;
  gruppBastaNamn: string;
  gruppBastaText: string;
  kostnadText: string;
  potentialKr: number | null;
  potentialText: string;
  potentialPerInvanareText: string;
  /** DEA peers with their weights. */
  jamforelse: { kommunkod: string; namn: string; viktText: string }[];
}

export interface ThemeRelevance {
  id: string;
  titel: string;
  /** 0–1, higher = more relevant for this municipality. */
  relevans: number;
  /** Why, in Swedish, with figures. */
  skal: string;
}

export interface MunicipalityReport {
  kommun: {
    kod: string;
    namn: string;
    /** `upplands-vasby` */
    slug: string;
    lan: string;
    kommungrupp: string;
    kommungruppKod: string;
    invanare: number;
    invanareText: string;
  };
  /** Year of the key figures. */
  ar: number;
  /** Kolada calls figures of `ar` preliminary (data/kolada/provenance.json). */
  preliminar: boolean;
  sammanfattning: {
    rang: number;
    antal: number;
    /** "12 av 290" */
    rangText: string;
    gruppRang: number;
    gruppAntal: number;
    /** "4 av 43 i Pendlingskommun nära storstad" */
    gruppRangText: string;
    effektivitet: number;
    effektivitetText: string;
    gruppMedianText: string;
    gruppBastaNamn: string;
    gruppBastaText: string;
    potentialKr: number;
    potentialText: string;
    potentialPerInvanareText: string;
    potentialAndelText: string;
    kostnadText: string;
  };
  omraden: AreaView[];
  /** All seven themes, most relevant first. */
  teman: ThemeRelevance[];
  /** The three most relevant themes. */
  toppteman: ThemeRelevance[];
  fakta: Record<FactName, Fact>;
  /** The handbook's "1 % a year" efficiency requirement applied to this municipality (our own calculation). */
  ettProcent: {
    /** Net cost of the municipality's whole operation that year. */
    kostnadsbasText: string;
    perArText: string;
    /** Level reduction after four years: cost × (1 − 0.99⁴). */
    efterFyraArText: string;
    /** Sum of the four years' reductions. */
    ackumuleratText: string;
    ar: number;
  };
  forebilder: RoleModel[];
  /** The chapter "Utveckling över tid" (issue 13); absent without a yearly panel. */
  utveckling?: HistoryView;
  /** The model's key figures for this municipality, for the method table. */
  nyckeltal: { omradesnamn: string; kpi: string; titel: string; roll: string; vardeText: string }[];
}
