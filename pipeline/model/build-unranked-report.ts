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
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.ts';
import { parsePhrases } from './phrases.ts';
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

/** The sentence `key` of templates/orankad/fraser.md with its `{placeholders}` filled in; throws naming what is missing. */
function phrase(key: string, values: Record<string, string | number> = {}): string {
  phrases ??= parsePhrases(readFileSync(UNRANKED_PHRASES_FILE, 'utf8'));
  const text = phrases.get(key);
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
    kommun: { ...municipalityHeader(m), invanareAr: m.ar },
    ar: row.ar,
    preliminar: ctx.input.preliminar ?? false,
    antalRankade: antal,
    antalRankadeText: formatNumber(antal),
    inledning: phrase('inledning', values),
    omraden: AREAS.map((a) => ({ id: a, namn: AREA_NAMES[a], skal: missingReason(ctx, m, asRow, a) })),
    inteKanSaga: phrase('inteKanSaga', values),
    temanInledning: phrase('temanInledning', values),
    // Every theme of the edition: a theme without its sentence throws (phrase names the file).
    teman: ctx.input.themes.map((t) => ({ id: t.id, titel: t.titel, text: phrase(`tema.${t.id}`) })),
    kortInledning: phrase('kortInledning', values),
    kortTeman: phrase('kortTeman', values),
    data: phrase('data', { ...values, invanare: formatNumber(m.invanare), invanareAr: m.ar }),
  };
}
