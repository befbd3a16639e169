/**
 * The published tables' columns: CSV name, Swedish heading, definition and number format. One
 * list drives the documentation page, the workbook's sheets and its "Om data" sheet, so the
 * three cannot disagree. Pure.
 */
import { AREA_NAMES, AREAS, type Area, type EfficiencyRow, type Municipality } from '../load/types.ts';
import type { HistoryRow, MalmquistRow } from './open-data-sources.ts';

/** How a value is written in the CSV files and shown in the workbook. */
export type ColumnFormat = 'text' | 'year' | 'integer' | 'share' | 'kr' | 'index' | 'flag' | 'peers';

/** One documented column. */
export interface DataColumn<R> {
  /** Name in the CSV file (`<omrade>` stands for an area in grouped columns). */
  csv: string;
  /** Swedish heading in the workbook. */
  rubrik: string;
  /** What it means, in Swedish. */
  beskrivning: string;
  format: ColumnFormat;
  /** The value in the CSV files (and the workbook unless `display` is given). */
  value: (row: R) => string | number | boolean | null | undefined;
  /** The value shown in the workbook instead, e.g. an area's Swedish name for its id. */
  display?: (row: R) => string | number | null | undefined;
}

/** A row of the efficiency table with its municipality's names. */
export interface NamedRow<R> {
  row: R;
  kommun: Municipality | undefined;
}

/** Attribution, required next to every download. */
export const ATTRIBUTION = 'Källa: Kolada (RKA); egna beräkningar';
/** The licence of the published tables (our calculations on Kolada's open data). */
export const LICENCE = { namn: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/deed.sv' };

/** A table row that names its municipality and year. */
type Keyed = { kommunkod: string; ar?: number };

/** The municipality's code and name, which every table starts with. */
const identity = <R extends Keyed>(beskrivning: string): DataColumn<NamedRow<R>>[] => [
  { csv: 'kommunkod', rubrik: 'Kommunkod', beskrivning, format: 'text', value: (r) => r.row.kommunkod },
  {
    csv: 'kommun',
    rubrik: 'Kommun',
    beskrivning: 'Kommunens namn enligt SCB (för läsaren; koden identifierar kommunen).',
    format: 'text',
    value: (r) => r.kommun?.kommun,
  },
];

/** The year the key figures are from. */
const year = <R extends Keyed>(): DataColumn<NamedRow<R>> => ({
  csv: 'ar',
  rubrik: 'År',
  beskrivning: 'Året som nyckeltalen gäller.',
  format: 'year',
  value: (r) => r.row.ar,
});

/** A column read from a row's `extra` values (present only when the file has it). */
const extra = <R extends { extra?: Record<string, number | null> }>(
  csv: string,
  rubrik: string,
  format: ColumnFormat,
  beskrivning: string,
): DataColumn<NamedRow<R>> => ({ csv, rubrik, beskrivning, format, value: (r) => r.row.extra?.[csv] ?? null });

const areaName = (area: string): string => AREA_NAMES[area as Area] ?? area;

type EfficiencyColumn = DataColumn<NamedRow<EfficiencyRow>>;

/** Columns of `effektivitet.csv` (in file order) and of the workbook's sheet Effektivitet. */
export function efficiencyColumns(): EfficiencyColumn[] {
  return [
    ...identity<EfficiencyRow>('SCB:s kommunkod, fyra siffror med inledande nolla (0114).'),
    year<EfficiencyRow>(),
    ...overallColumns(),
    ...overallVariantColumns(),
    ...AREAS.flatMap((area) => [...areaResultColumns(area), ...areaVariantColumns(area), ...areaNoteColumns(area)]),
  ];
}

/** The composite efficiency, its rank and potential, and its interval. */
function overallColumns(): EfficiencyColumn[] {
  return [
    {
      csv: 'effektivitet',
      rubrik: 'Sammanvägd effektivitet',
      beskrivning:
        'Områdenas effektivitet (biaskorrigerad när bootstrap körts) vägd med varje områdes andel av landets kostnad (0–1). Ligger inom effektivitet_lag–effektivitet_hog.',
      format: 'share',
      value: (r) => r.row.effektivitet,
    },
    {
      csv: 'rang',
      rubrik: 'Plats i Sverige',
      beskrivning: 'Plats efter sammanvägd effektivitet (1 = mest effektiv).',
      format: 'integer',
      value: (r) => r.row.rang,
    },
    {
      csv: 'potential_kr',
      rubrik: 'Effektiviseringspotential, kr',
      beskrivning: 'Summan av områdenas potential: (1 − effektivitet) × kostnad, kronor per år.',
      format: 'kr',
      value: (r) => r.row.potentialKr,
    },
    {
      csv: 'effektivitet_lag',
      rubrik: 'Sammanvägd effektivitet, nedre gräns',
      beskrivning: 'Nedre gräns för 95-procentigt intervall (bootstrap). Tom = intervall saknas.',
      format: 'share',
      value: (r) => r.row.effektivitetLag,
    },
    {
      csv: 'effektivitet_hog',
      rubrik: 'Sammanvägd effektivitet, övre gräns',
      beskrivning: 'Övre gräns för 95-procentigt intervall (bootstrap). Tom = intervall saknas.',
      format: 'share',
      value: (r) => r.row.effektivitetHog,
    },
    {
      csv: 'rang_lag',
      rubrik: 'Plats, bästa i intervallet',
      beskrivning: 'Bästa platsen inom 95-procentigt intervall. Tom = intervall saknas.',
      format: 'integer',
      value: (r) => r.row.rangLag,
    },
    {
      csv: 'rang_hog',
      rubrik: 'Plats, sämsta i intervallet',
      beskrivning: 'Sämsta platsen inom 95-procentigt intervall. Tom = intervall saknas.',
      format: 'integer',
      value: (r) => r.row.rangHog,
    },
  ];
}

/** The composite efficiency without structure adjustment and before bias correction. */
function overallVariantColumns(): EfficiencyColumn[] {
  return [
    {
      csv: 'effektivitet_ojusterad',
      rubrik: 'Sammanvägd effektivitet utan strukturjustering',
      beskrivning: 'Samma modell utan strukturvariabler. Tom = saknas.',
      format: 'share',
      value: (r) => r.row.effektivitetOjusterad,
    },
    {
      csv: 'rang_ojusterad',
      rubrik: 'Plats utan strukturjustering',
      beskrivning: 'Plats efter den ojusterade sammanvägda effektiviteten. Tom = saknas.',
      format: 'integer',
      value: (r) => r.row.rangOjusterad,
    },
    {
      csv: 'effektivitet_dea',
      rubrik: 'Sammanvägd DEA-effektivitet före biaskorrigering',
      beskrivning:
        'Samma sammanvägning av områdenas DEA-värden före korrigeringen för metodens överskattning (1 = på den skattade fronten). Tom = ingen bootstrap.',
      format: 'share',
      value: (r) => r.row.effektivitetDea,
    },
    {
      csv: 'rang_dea',
      rubrik: 'Plats före biaskorrigering',
      beskrivning: 'Plats efter effektivitet_dea. Tom = ingen bootstrap.',
      format: 'integer',
      value: (r) => r.row.rangDea,
    },
  ];
}

/** An area's efficiency, cost, potential and peers. */
function areaResultColumns(area: Area): EfficiencyColumn[] {
  const n = AREA_NAMES[area];
  const a = (r: NamedRow<EfficiencyRow>) => r.row.areas[area];
  return [
    {
      csv: `effektivitet_${area}`,
      rubrik: `${n}: effektivitet`,
      beskrivning:
        'Effektivitet i området (0–1): DEA-värdet korrigerat för metodens överskattning (Simar–Wilson) när bootstrap körts, annars DEA-värdet. Tom = området saknar uppgifter för kommunen.',
      format: 'share',
      value: (r) => a(r).effektivitet,
    },
    {
      csv: `kostnad_${area}_kr`,
      rubrik: `${n}: kostnad, kr`,
      beskrivning: 'Kostnaden som effektiviteten avser, kronor.',
      format: 'kr',
      value: (r) => a(r).kostnadKr,
    },
    {
      csv: `potential_${area}_kr`,
      rubrik: `${n}: potential, kr`,
      beskrivning: '(1 − effektivitet) × kostnad, kronor per år.',
      format: 'kr',
      value: (r) => a(r).potentialKr,
    },
    {
      csv: `jamforelse_${area}`,
      rubrik: `${n}: jämförelsekommuner`,
      beskrivning: 'DEA-referenskommuner med vikt, `kommunkod:vikt` åtskilda av `;`. Tom för effektiva kommuner.',
      format: 'peers',
      value: (r) =>
        a(r)
          .jamforelse.map((p) => `${p.kommunkod}:${Math.round(p.weight * 1e6) / 1e6}`)
          .join(';'),
    },
  ];
}

/** An area's bias-corrected value, its interval and its value without structure adjustment. */
function areaVariantColumns(area: Area): EfficiencyColumn[] {
  const n = AREA_NAMES[area];
  const a = (r: NamedRow<EfficiencyRow>) => r.row.areas[area];
  return [
    {
      csv: `effektivitet_${area}_bc`,
      rubrik: `${n}: biaskorrigerad effektivitet`,
      beskrivning: 'Biaskorrigerad effektivitet (Simar–Wilsons bootstrap). Tom = saknas.',
      format: 'share',
      value: (r) => a(r).effektivitetBc,
    },
    {
      csv: `effektivitet_${area}_lag`,
      rubrik: `${n}: nedre gräns`,
      beskrivning: 'Nedre gräns för 95-procentigt intervall. Tom = intervall saknas.',
      format: 'share',
      value: (r) => a(r).effektivitetLag,
    },
    {
      csv: `effektivitet_${area}_hog`,
      rubrik: `${n}: övre gräns`,
      beskrivning: 'Övre gräns för 95-procentigt intervall. Tom = intervall saknas.',
      format: 'share',
      value: (r) => a(r).effektivitetHog,
    },
    {
      csv: `effektivitet_${area}_ojusterad`,
      rubrik: `${n}: utan strukturjustering`,
      beskrivning: 'Effektivitet i samma modell utan strukturvariabler. Tom = saknas.',
      format: 'share',
      value: (r) => a(r).effektivitetOjusterad,
    },
  ];
}

/** An area's comparability flag, its DEA value before bias correction, and its notes. */
function areaNoteColumns(area: Area): EfficiencyColumn[] {
  const n = AREA_NAMES[area];
  const a = (r: NamedRow<EfficiencyRow>) => r.row.areas[area];
  return [
    {
      csv: `ojamforbar_${area}`,
      rubrik: `${n}: ojämförbar`,
      beskrivning:
        '1 = effektiv bara för att ingen jämförbar kommun finns (extremvärde i strukturvariabeln); 0 = nej; tom = okänt.',
      format: 'flag',
      value: (r) => a(r).ojamforbar,
    },
    {
      csv: `effektivitet_${area}_dea`,
      rubrik: `${n}: DEA före biaskorrigering`,
      beskrivning:
        'DEA-effektivitet före korrigeringen för metodens överskattning (1 = på den skattade fronten). Tom = ingen bootstrap eller uppgift saknas.',
      format: 'share',
      value: (r) => a(r).effektivitetDea,
    },
    {
      csv: `saknas_${area}`,
      rubrik: `${n}: orsakskod`,
      beskrivning:
        'Varför området saknas för kommunen eller vilka uppgifter som saknades och hur de behandlades (koder, docs/method.md). Tom = inget att anmärka.',
      format: 'text',
      value: (r) => a(r).saknas ?? null,
    },
    {
      csv: `flagga_${area}`,
      rubrik: `${n}: flagga`,
      beskrivning: 'Flaggor för resultatet i området (koder, docs/method.md). Tom = ingen flagga.',
      format: 'text',
      value: (r) => a(r).flagga ?? null,
    },
  ];
}

type HistoryColumn = DataColumn<NamedRow<HistoryRow>>;

/** Columns of the history table; `areas` are the area ids the file has. */
export function historyColumns(areas: string[], extras: readonly string[] = []): HistoryColumn[] {
  const has = (csv: string) => extras.includes(csv);
  return [
    ...identity<HistoryRow>('SCB:s kommunkod, fyra siffror.'),
    year<HistoryRow>(),
    {
      csv: 'effektivitet',
      rubrik: 'Sammanvägd effektivitet',
      beskrivning: 'Sammanvägd effektivitet det året (0–1), beräknad mot samma års kommuner.',
      format: 'share',
      value: (r) => r.row.effektivitet,
    },
    {
      csv: 'rang',
      rubrik: 'Plats i Sverige',
      beskrivning: 'Plats det året (1 = mest effektiv).',
      format: 'integer',
      value: (r) => r.row.rang,
    },
    {
      csv: 'antal',
      rubrik: 'Antal kommuner',
      beskrivning: 'Antal kommuner med resultat det året.',
      format: 'integer',
      value: (r) => r.row.antal,
    },
    ...areas.map((area): HistoryColumn => ({
      csv: `effektivitet_${area}`,
      rubrik: `${areaName(area)}: effektivitet`,
      beskrivning: `Effektivitet i ${areaName(area).toLowerCase()} det året (0–1). Tom = uppgift saknas.`,
      format: 'share',
      value: (r) => r.row.omraden[area],
    })),
    ...commonFrontColumns(areas).filter((column) => has(column.csv)),
    ...(has('forandring') ? changeColumns() : []),
  ];
}

/** The history's efficiency against the common frontier of all years, overall and per area. */
function commonFrontColumns(areas: string[]): HistoryColumn[] {
  return [
    extra(
      'gemensam_effektivitet',
      'Sammanvägd effektivitet, gemensam front',
      'share',
      'Sammanvägd biaskorrigerad effektivitet mot en gemensam front för alla år (samma modell som rangordningen, kostnader i senaste årets nivå), över de områden kommunen har det senaste året. Jämförbar mellan år. Tom = ett av de områdena saknas det året.',
    ),
    ...areas.map((area) =>
      extra<HistoryRow>(
        `gemensam_${area}`,
        `${areaName(area)}: gemensam front`,
        'share',
        `Biaskorrigerad effektivitet i ${areaName(area).toLowerCase()} mot den gemensamma fronten för alla år (0–1). Tom = uppgift saknas.`,
      ),
    ),
  ];
}

/** The history's change to the latest year, its interval and whether it exceeds the noise. */
function changeColumns(): HistoryColumn[] {
  return [
    extra(
      'forandring',
      'Förändring till senaste året',
      'index',
      'Kvoten senaste årets / detta års värde i gemensam_effektivitet (över 1 = bättre). Tom = inte jämförbart eller senaste året.',
    ),
    extra(
      'forandring_lag',
      'Förändring, nedre gräns',
      'index',
      'Nedre gräns för förändringens 95-procentiga intervall (frontens bootstrap och den tillfälliga variationen mellan år).',
    ),
    extra('forandring_hog', 'Förändring, övre gräns', 'index', 'Övre gräns för förändringens 95-procentiga intervall.'),
    extra(
      'utanfor_brus',
      'Förändring utöver bruset',
      'integer',
      '1 = intervallet utesluter 1, förändringen är större än osäkerheten; 0 = inom osäkerheten; tom = inte jämförbart.',
    ),
  ];
}

type MalmquistColumn = DataColumn<NamedRow<MalmquistRow>>;

/** Columns of the Malmquist table. */
export function malmquistColumns(extras: readonly string[] = []): MalmquistColumn[] {
  return [
    ...identity<MalmquistRow>('SCB:s kommunkod, fyra siffror.'),
    {
      csv: 'omrade',
      rubrik: 'Område',
      beskrivning:
        'Verksamhetsområdet indexet gäller (`grundskola`, `gymnasieskola`, `aldreomsorg`, `bibliotek`; arbetsboken har namnet).',
      format: 'text',
      value: (r) => r.row.omrade,
      display: (r) => areaName(r.row.omrade),
    },
    {
      csv: 'fran_ar',
      rubrik: 'Från år',
      beskrivning: 'Första året i jämförelsen.',
      format: 'year',
      value: (r) => r.row.franAr,
    },
    {
      csv: 'till_ar',
      rubrik: 'Till år',
      beskrivning: 'Sista året i jämförelsen.',
      format: 'year',
      value: (r) => r.row.tillAr,
    },
    ...malmquistIndexColumns(),
    ...(extras.includes('malmquist_lag') ? malmquistIntervalColumns() : []),
  ];
}

/** The Malmquist index and its two factors. */
function malmquistIndexColumns(): MalmquistColumn[] {
  return [
    {
      csv: 'malmquist',
      rubrik: 'Malmquistindex',
      beskrivning:
        'Produktivitetsförändring mellan åren mot en gemensam front för alla år (samma modell som rangordningen, biaskorrigerad); över 1 = högre produktivitet.',
      format: 'index',
      value: (r) => r.row.malmquist,
    },
    {
      csv: 'effektivitetsforandring',
      rubrik: 'Effektivitetsförändring',
      beskrivning:
        'Den del av förändringen som beror på att kommunen närmat sig (över 1) eller fjärmat sig (under 1) från de bästa.',
      format: 'index',
      value: (r) => r.row.effektivitetsforandring,
    },
    {
      csv: 'teknisk_forandring',
      rubrik: 'Teknisk förändring',
      beskrivning:
        'Resten, malmquist / effektivitetsforandring: hur årets egen front flyttat sig mot den gemensamma fronten för alla år (över 1 = framåt).',
      format: 'index',
      value: (r) => r.row.teknisk_forandring,
    },
  ];
}

/** The Malmquist index's interval and whether it exceeds the noise. */
function malmquistIntervalColumns(): MalmquistColumn[] {
  return [
    extra(
      'malmquist_lag',
      'Malmquistindex, nedre gräns',
      'index',
      'Nedre gräns för indexets 95-procentiga intervall (frontens bootstrap med samma omräkningar för båda åren och den tillfälliga variationen mellan år).',
    ),
    extra('malmquist_hog', 'Malmquistindex, övre gräns', 'index', 'Övre gräns för indexets 95-procentiga intervall.'),
    extra(
      'utanfor_brus',
      'Förändring utöver bruset',
      'integer',
      '1 = intervallet utesluter 1, förändringen är större än osäkerheten; 0 = inom osäkerheten.',
    ),
  ];
}

/** Area ids that appear as `effektivitet_<omrade>` columns of a history file. */
export function historyAreas(columns: string[]): string[] {
  return columns.map((c) => /^effektivitet_([a-z]+)$/.exec(c)?.[1]).filter((a): a is string => !!a);
}
