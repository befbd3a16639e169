/**
 * The view model of the short report for an unranked municipality (docs/method.md §3): one with
 * no comparable area in the year, or one whose comparable areas carry too little of the composite
 * weight to rank it. Who it is, why it has no place, each area (why it could not be compared, or
 * its own score where it could), what the report therefore cannot say, and the handbook's seven
 * themes in short general form. No composite, rank or potential is printed, because there is none.
 */
import { formatNumber, formatPercent, genitive, joinSv } from '../format/index.ts';
import {
  AREA_DEFINITE,
  AREA_NAMES,
  AREAS,
  type Area,
  type EfficiencyRow,
  type Municipality,
  type UnrankedRow,
} from '../load/types.ts';
import { unrankedAreas } from '../load/unranked-areas.ts';
import type { ModelContext } from './model-context.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.ts';
import { parsePhrases, phrase as reportPhrase } from './phrases.ts';
import { missingReason } from './situation.ts';
import { municipalityHeader } from './municipality-header.ts';
import type { MunicipalityHeader } from './types.ts';

/** The view model of an unranked municipality's short report and brief. */
export interface UnrankedReport {
  kommun: MunicipalityHeader & {
    /** Year of the population figure. */
    invanareAr: number;
  };
  /** Year of the figures. */
  ar: number;
  preliminar: boolean;
  /** The heading of the first section: no comparison at all, or too little of it to rank. */
  rubrik: string;
  /** The page's description and the note under "Sammanvägd effektivitet: Saknas". */
  beskrivning: string;
  effektivitetSkal: string;
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

/** The short report's sentences (`## key` and the sentence below, as in templates/fraser/). */
export const UNRANKED_PHRASES_FILE = path.join(PROJECT_ROOT, 'templates', 'orankad', 'fraser.md');
let phrases: Map<string, string> | undefined;
/** Key suffixes in templates/orankad/fraser.md: too little comparable to rank, and nothing comparable at all. */
const THIN = 'tunn';
const THIN_NONE_COMPARABLE = 'tunn.ingen';

/** The sentences of templates/orankad/fraser.md, read once. */
function unrankedPhrases(): Map<string, string> {
  return (phrases ??= parsePhrases(readFileSync(UNRANKED_PHRASES_FILE, 'utf8')));
}

/** The sentence `key` of templates/orankad/fraser.md with its `{placeholders}` filled in; throws naming what is missing. */
function phrase(key: string, values: Record<string, string | number> = {}): string {
  const text = unrankedPhrases().get(key);
  if (text === undefined) throw new Error(`templates/orankad/fraser.md: no sentence "## ${key}"; expected one`);
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`templates/orankad/fraser.md, "## ${key}": no value for {${name}}`);
    return String(value);
  });
}

/** Builds the short report's view model; throws when the municipality is not in the master data. */
export function buildUnrankedReport(ctx: ModelContext, row: UnrankedRow): UnrankedReport {
  const m = ctx.byCode.get(row.kommunkod);
  if (!m) throw new Error(`Internal error: unranked kommunkod ${row.kommunkod} is not in the master data`);
  // Without scored areas, missingReason reads only the areas' reason codes, which is all the row has.
  const areas = unrankedAreas(row);
  const asRow = { kommunkod: row.kommunkod, ar: row.ar, areas } as EfficiencyRow;
  const antal = ctx.input.table.length;
  // Too little comparable to rank (.tunn): the sentences name the areas without a comparable municipality.
  const thin = row.areas !== undefined;
  // …and where none of its scored areas is comparable either (.tunn.ingen), they say so.
  const noneComparable = thin && AREAS.every((a) => areas[a].effektivitet == null || areas[a].ojamforbar);
  const variant = (key: string) => {
    if (!thin) return key;
    const none = [key, THIN_NONE_COMPARABLE].join('.');
    return noneComparable && unrankedPhrases().has(none) ? none : [key, THIN].join('.');
  };
  const incomparable = AREAS.filter((a) => areas[a].effektivitet != null && areas[a].ojamforbar);
  const values = {
    namn: m.kommun,
    ar: row.ar,
    antal: formatNumber(antal),
    ojamforbara: joinSv(incomparable.map((a) => AREA_DEFINITE[a])),
  };
  return {
    kommun: { ...municipalityHeader(m), invanareAr: m.ar },
    ar: row.ar,
    preliminar: ctx.input.preliminar ?? false,
    rubrik: phrase(variant('rubrik')),
    beskrivning: phrase(variant('beskrivning')),
    effektivitetSkal: phrase(variant('effektivitetSkal')),
    antalRankade: antal,
    antalRankadeText: formatNumber(antal),
    inledning: phrase(variant('inledning'), values),
    omraden: AREAS.map((a) => ({ id: a, namn: AREA_NAMES[a], skal: areaSentence(ctx, m, asRow, a) })),
    inteKanSaga: phrase(variant('inteKanSaga'), values),
    temanInledning: phrase(variant('temanInledning'), values),
    // Every theme of the edition: a theme without its sentence throws (phrase names the file).
    teman: ctx.input.themes.map((t) => ({ id: t.id, titel: t.titel, text: phrase(`tema.${t.id}`) })),
    kortInledning: phrase(variant('kortInledning'), values),
    kortTeman: phrase('kortTeman', values),
    data: phrase('data', { ...values, invanare: formatNumber(m.invanare), invanareAr: m.ar }),
  };
}

/** One area of the short report: its own score where it could be compared, otherwise why not. */
function areaSentence(ctx: ModelContext, m: Municipality, row: EfficiencyRow, a: Area): string {
  const x = row.areas[a];
  if (x.effektivitet == null) return missingReason(ctx, m, row, a);
  if (x.ojamforbar)
    return phrase('omrade.ojamforbar', { namn: m.kommun, namnGenitiv: genitive(m.kommun), omrade: AREA_DEFINITE[a] });
  const interval =
    x.effektivitetLag != null && x.effektivitetHog != null
      ? phrase('intervall', {
          intervall: reportPhrase('ord', 'procentIntervall', {
            lag: formatNumber(x.effektivitetLag * 100),
            hog: formatNumber(x.effektivitetHog * 100),
          }),
        })
      : phrase('utanIntervall');
  const values = { egen: formatPercent(x.effektivitet), intervall: interval };
  return phrase(x.potentialKr == null ? 'omrade.jamforbar.indikator' : 'omrade.jamforbar', values);
}
