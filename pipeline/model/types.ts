/**
 * The view model one report is rendered from. Everything a template shows is here, already
 * formatted in Swedish (`…Text` fields); templates only print fields and branch on `fakta`.
 */
import type { Area } from '../load/types.ts';

/** Issue 21: the fact-to-theme map's own figures (computed in pipeline/model/theme-facts.ts). */
export const THEME_FACT_NAMES = [
  'hogKulturkostnad',
  'kulturExtrem',
  'fler80Framover',
  'kostnadsokningOverHistorik',
  'storstaGapIKronor',
  'hogHemtjanstkostnad',
  'hogSarskiltBoendekostnad',
] as const;
export type ThemeFactName = (typeof THEME_FACT_NAMES)[number];

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
  'langtNer',
  ...THEME_FACT_NAMES,
] as const;
export type FactName = (typeof FACT_NAMES)[number];

/** A named fact about the municipality and the plain-Swedish reason it holds (or not). */
export interface Fact {
  /** Whether the fact holds for this municipality. */
  galler: boolean;
  /**
   * One sentence in Swedish with the figures behind it, phrased as a finding about the
   * municipality and naming its base ("gruppens median", "landets median"). Printed once per report.
   */
  skal: string;
  /** A short phrase for later mentions of the same reason: "kostnaden per invånare har ökat snabbt". */
  etikett: string;
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
  invanareText: string;
  /** Why the reader can compare with it: group and size, "samma kommungrupp, 68 000 invånare". */
  jamforbarText: string;
  /** Interviewed for the handbook. */
  iHandboken: boolean;
}

/** A DEA peer in one area with its weight, cost per unit and results (for the area page). */
export interface AreaPeerRow {
  kommunkod: string;
  namn: string;
  viktText: string;
  kostnadText: string;
  /** The area's results in the order of `AreaView.resultat`. */
  resultat: string[];
}

/** One key figure of an area beside the group median. */
export interface AreaFigure {
  titel: string;
  egenText: string;
  gruppMedianText: string;
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
  /** Cost per unit (the area's first input) in kronor, against the group median; null when unknown. */
  kostnad: (AreaFigure & { enhetText: string; skillnadText: string; volymText: string }) | null;
  /** The area's results (outputs) beside the group median. */
  resultat: AreaFigure[];
  /** Up to eight DEA peers with their weights, costs and results; never the municipality itself. */
  jamforelseRader: AreaPeerRow[];
  /** "Samma resultat för omkring 98 000 kr per elev i stället för 112 000 kr" (θ × cost per unit); empty when efficient or unknown. */
  malText: string;
  /** The potential as a range from the 95 % interval of θ, or "intervall saknas". */
  potentialIntervallText: string;
  /** "95 % säkerhet: 78–88 %" or "intervall saknas". */
  effektivitetIntervallText: string;
  /** Efficiency without the structure adjustment, or "uppgift saknas". */
  ojusteradText: string;
  /** Efficient only because no comparable municipality exists: no rank, never "best in group". */
  ojamforbar: boolean;
  /** Scored against a stand-in cost base (bibliotek: all culture): an indicator without kronor. */
  kostnadsbasProxy: boolean;
  /** The area page's opening finding, one or two sentences. */
  inledning: string;
  /** Who the comparison rests on, in a sentence. */
  jamforelseText: string;
}

export interface ThemeRelevance {
  id: string;
  titel: string;
  /** 0–1, higher = more relevant for this municipality. */
  relevans: number;
  /** Why, in Swedish, with figures: only from facts that hold; empty when none does. */
  skal: string;
  /** The facts behind the theme that hold for this municipality. */
  fakta: FactName[];
  /** Something material points to the theme (at least one fact holds). */
  aktuell: boolean;
  /** Short reasons for the summary: "kostnaden har ökat snabbt och skattesatsen är hög". */
  kortSkal: string;
}

/** Who the report is about: the head of every report, brief and page. */
export interface MunicipalityHeader {
  kod: string;
  namn: string;
  /** `upplands-vasby` */
  slug: string;
  lan: string;
  kommungrupp: string;
  kommungruppKod: string;
  invanare: number;
  invanareText: string;
}

export interface MunicipalityReport {
  kommun: MunicipalityHeader;
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
    /** "4 av 43 i kommungruppen Pendlingskommun nära storstad" */
    gruppRangText: string;
    /** "med 95 % säkerhet mellan plats 2 och 11", or "intervall saknas". */
    rangIntervallText: string;
    harIntervall: boolean;
    /** The rank interval spans at least a third of the country: the rank is not precise. */
    bredIntervall: boolean;
    /** A plain paragraph on what the interval means for this municipality. */
    osakerhetText: string;
    /** The potential as a range ("mellan 40 och 65 mnkr") or "intervall saknas". */
    potentialIntervallText: string;
    harPotentialIntervall: boolean;
    /** Rounded potential for prose: "omkring 52 mnkr". */
    potentialRundText: string;
    harOjusterad: boolean;
    /** The adjusted composite and rank before bias correction (the unadjusted view is uncorrected too). */
    justeradDeaText: string;
    justeradDeaRangText: string;
    ojusteradEffektivitetText: string;
    ojusteradRangText: string;
    /** The composite's 95 % interval ("78–84 %") or "intervall saknas". */
    effektivitetIntervallText: string;
    /** One sentence on why the adjusted and unadjusted results differ for this municipality. */
    ojusteradSkal: string;
    /** Areas the composite covers: "grundskola, gymnasieskola och äldreomsorg". */
    omradenText: string;
    /** Number of compared areas as a word: "fyra", "tre". */
    antalOmradenText: string;
    /** The compared areas' share of the tax-funded net cost, one paragraph; empty when unknown. */
    tackningText: string;
    /** Sentences on the municipality's own context (extremes, a region, no own upper secondary school). */
    sammanhang: string[];
    /** Every area without a result, with its reason. */
    saknadeOmraden: { namn: string; text: string }[];
    /** Areas labelled as efficient only for lack of comparable municipalities. */
    ojamforbaraText: string;
    effektivitet: number;
    effektivitetText: string;
    gruppMedianText: string;
    gruppBastaNamn: string;
    gruppBastaText: string;
    /** The municipality is the best of its group (it must not be told to learn from itself). */
    arGruppensBasta: boolean;
    potentialKr: number;
    potentialText: string;
    potentialPerInvanareText: string;
    potentialAndelText: string;
    kostnadText: string;
  };
  omraden: AreaView[];
  /** All seven themes, most relevant first. */
  teman: ThemeRelevance[];
  /** The themes something material points to, at most three (fewer is fine). */
  toppteman: ThemeRelevance[];
  /** Theme id → who to learn from for that theme (a sentence; empty when no municipality fits). */
  larAv: Record<string, string>;
  fakta: Record<FactName, Fact>;
  /** The handbook's "enprocentare" for this municipality (our own calculation, pipeline/model/situation.ts). */
  ettProcent: OnePercentView;
  /** Values of the short theme sections (pipeline/model/situation.ts). */
  lage: SituationView;
  forebilder: RoleModel[];
  /** The chapter "Utveckling över tid" (issue 13); absent without a yearly panel. */
  utveckling?: HistoryView;
  /** The method chapter's paragraph on the history's productivity index; empty without one. */
  metodUtvecklingText: string;
  /** The role models' names as a Swedish list. */
  forebilderText: string;
  /** The handbook's interviewed municipalities in the reader's group. */
  handboken: {
    /** The reader was interviewed for the handbook. */
    intervjuad: boolean;
    /** The interviewed municipalities of the reader's group other than the reader, as a list; empty when none. */
    gruppensText: string;
  };
  /** Genitive of the name: "Västerås", "Täbys". */
  kommunGenitiv: string;
  /** The model's key figures per area as one Swedish phrase each, for the method page. */
  metodNyckeltal: { omradesnamn: string; text: string }[];
  /** Who is ranked: how many of the country's municipalities, and the rule that leaves the others out. */
  metodRangordningText: string;
  /** The model's key figures for this municipality, for the method table. */
  nyckeltal: { omradesnamn: string; kpi: string; titel: string; roll: string; vardeText: string }[];
}

/** The handbook's "enprocentare" (1 % of the frame a year) for one municipality. */
export interface OnePercentView {
  /** Net cost of the tax-funded operation (N00096 × population). */
  kostnadsbasText: string;
  /** 1 % of it: the yearly requirement in kronor. */
  perArText: string;
  /** Level reduction after four years: cost × (1 − 0.99⁴). */
  efterFyraArText: string;
  /** Sum of the four years' reductions. */
  ackumuleratText: string;
  ar: number;
  /** Per compared area: its potential, in years of the whole municipality's 1 % and at 1 % of its own cost. */
  omraden: { namn: string; potentialText: string; arText: string; egnaArText: string }[];
  harOmraden: boolean;
  /** A region as well (Gotland): the net cost includes the region's health care. */
  region: boolean;
}

/** Figures of the short theme sections; booleans say which way a figure lies (material = 10 % or the fact's threshold). */
export interface SituationView {
  invanareRundText: string;
  harKultur: boolean;
  kulturLagre: boolean;
  framskrivningLagre: boolean;
  kostnadsokningLagre: boolean;
  hemtjanstLagre: boolean;
  kulturText: string;
  kulturMedianText: string;
  harFramskrivning: boolean;
  framskrivningText: string;
  framskrivningMedianText: string;
  harKostnadsokning: boolean;
  kostnadsokningText: string;
  kostnadsokningMedianText: string;
  harHemtjanst: boolean;
  hemtjanstText: string;
  hemtjanstMedianText: string;
  sarskiltBoendeText: string;
  sarskiltBoendeMedianText: string;
  /** The largest kronor gap is in elderly care: the split into home care and residential care is shown. */
  gapIAldreomsorg: boolean;
  startHemtjanst: boolean;
  startSarskiltBoende: boolean;
}

// The chapter "Utveckling över tid" (issue 13), built by build-history-view.ts ----------------

/** A municipality's direction over the panel's years (history-facts.ts). */
export type TrendDirection = 'battre' | 'samre' | 'oforandrad' | 'okand';

export interface HistoryYearView {
  ar: number;
  effektivitet: number | null;
  effektivitetText: string;
  rang: number | null;
  /** Units ranked that year. */
  antal: number | null;
  rangText: string;
  /** The rank alone ("6"), for the year table whose heading says among how many. */
  rangKortText: string;
  gruppMedian: number | null;
  gruppMedianText: string;
  rikeMedian: number | null;
  /** Why a value is missing or not like for like, or empty. */
  anmarkning: string;
  /** The chart's note under the year: the areas left out that year ("utan äldreomsorg"), or empty. */
  diagramNot: string;
}

export interface MalmquistView {
  omrade: Area;
  namn: string;
  /** "Produktiviteten i grundskolan ökade med 6 % mellan 2015 och 2022: …" */
  text: string;
  langsiktigText: string;
  senasteText: string;
  /** The long change split: catching up with the best, and the best's own change, in points. */
  narmatText: string;
  bastaText: string;
  /** Whether the long and the latest change exceed their noise (95 % interval excludes 1). */
  langsiktigUtanforBrus: boolean;
  senasteUtanforBrus: boolean;
}

export interface UnitCostView {
  omrade: Area;
  namn: string;
  titel: string;
  forstaAr: number;
  sistaAr: number;
  /** Nominal cost per unit in the first and latest year. */
  forstaText: string;
  sistaText: string;
  /** Mean yearly nominal change: own, group median, national median. */
  egenForandringText: string;
  gruppForandringText: string;
  rikeForandringText: string;
  /** Own cost relative to the national median, first and latest year, and on the 1 % path. */
  relativForstaText: string;
  relativSistaText: string;
  bana: string;
  /** Latest cost against the 1 % path, relative to the country ("+6 %" above it). */
  banaAvvikelseText: string;
  /** One sentence: did the unit cost follow the 1 % path relative to the country? */
  text: string;
}

export interface HistoryView {
  forstaAr: number;
  sistaAr: number;
  ar: HistoryYearView[];
  riktning: TrendDirection;
  trendText: string;
  /** The yearly ranks are mostly noise (rank correlation below 0.5): the chapter does not rank by year. */
  brus: boolean;
  visaRang: boolean;
  rangkorrelationText: string;
  /** Years or areas left out, in one sentence; empty when none. */
  luckorText: string;
  harMalmquist: boolean;
  malmquist: MalmquistView[];
  malmquistMetodText: string;
  harEnhetskostnader: boolean;
  enhetskostnader: UnitCostView[];
}
