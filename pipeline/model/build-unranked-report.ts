/**
 * The view model of the short report for a municipality with no comparable area in the year
 * (an unranked row of the efficiency table, docs/method.md §3): who it is, why each area could
 * not be compared, what the report therefore cannot say, and the handbook's seven themes in
 * short general form. No figure of the comparison is printed, because there is none. Pure.
 */
import { formatNumber } from '../format/index.ts';
import {
  AREA_NAMES,
  AREAS,
  type Area,
  type AreaEfficiency,
  type EfficiencyRow,
  type UnrankedRow,
} from '../load/types.ts';
import type { ModelContext } from './model-context.ts';
import { phrase } from './phrases.ts';
import { missingReason } from './situation.ts';
import { slugify } from './slugify.ts';

/** The view model of an unranked municipality's short report and brief. */
export interface UnrankedReport {
  kommun: {
    kod: string;
    namn: string;
    slug: string;
    lan: string;
    kommungrupp: string;
    kommungruppKod: string;
    invanare: number;
    invanareText: string;
    /** Year of the population figure. */
    invanareAr: number;
  };
  /** Year of the figures. */
  ar: number;
  preliminar: boolean;
  /** How many municipalities are ranked this year (the others' "av N"). */
  antalRankade: number;
  antalRankadeText: string;
  inledning: string;
  /** Each area and why it could not be compared (the reason phrases of the full report). */
  omraden: { id: Area; namn: string; skal: string }[];
  inteKanSaga: string;
  temanInledning: string;
  /** The handbook's seven themes, each in one or two general sentences (no figures). */
  teman: { id: string; titel: string; text: string }[];
  kortInledning: string;
  kortTeman: string;
  data: string;
}

const FILE = 'orankad';

/** Builds the short report's view model; throws when the municipality is not in the master data. */
export function buildUnrankedReport(ctx: ModelContext, row: UnrankedRow): UnrankedReport {
  const m = ctx.byCode.get(row.kommunkod);
  if (!m) throw new Error(`Internal error: unranked kommunkod ${row.kommunkod} is not in the master data`);
  // missingReason reads only the areas' reason codes, which is all an unranked row has.
  const areas = Object.fromEntries(
    AREAS.map((a): [Area, AreaEfficiency] => [
      a,
      { effektivitet: null, kostnadKr: null, potentialKr: null, jamforelse: [], saknas: row.saknas[a] },
    ]),
  ) as Record<Area, AreaEfficiency>;
  const asRow = { kommunkod: row.kommunkod, ar: row.ar, areas } as EfficiencyRow;
  const antal = ctx.input.table.length;
  const values = { namn: m.kommun, ar: row.ar, antal: formatNumber(antal) };
  return {
    kommun: {
      kod: m.kommunkod,
      namn: m.kommun,
      slug: slugify(m.kommun),
      lan: m.lan,
      kommungrupp: m.kommungrupp,
      kommungruppKod: m.kommungruppKod,
      invanare: m.invanare,
      invanareText: formatNumber(m.invanare),
      invanareAr: m.ar,
    },
    ar: row.ar,
    preliminar: ctx.input.preliminar ?? false,
    antalRankade: antal,
    antalRankadeText: formatNumber(antal),
    inledning: phrase(FILE, 'inledning', values),
    omraden: AREAS.map((a) => ({ id: a, namn: AREA_NAMES[a], skal: missingReason(ctx, m, asRow, a) })),
    inteKanSaga: phrase(FILE, 'inteKanSaga', values),
    temanInledning: phrase(FILE, 'temanInledning', values),
    // Every theme of the edition: a theme without its sentence throws (phrase names the file).
    teman: ctx.input.themes.map((t) => ({ id: t.id, titel: t.titel, text: phrase(FILE, `tema.${t.id}`) })),
    kortInledning: phrase(FILE, 'kortInledning', values),
    kortTeman: phrase(FILE, 'kortTeman', values),
    data: phrase(FILE, 'data', { ...values, invanare: formatNumber(m.invanare), invanareAr: m.ar }),
  };
}
