/**
 * Each municipality's own figures as published JSON (`kommun/<kod>-<slug>/data.json`): the
 * efficiency row with its intervals (null = not available), group rank, per-area results, and
 * the yearly history and Malmquist indices when those tables exist. The compare page reads
 * these files. Pure.
 */
import { AREA_NAMES, AREAS, type EfficiencyRow, type Municipality } from '../load/types.ts';
import { slugify } from '../model/slugify.ts';
import { competitionRank } from '../stats/index.ts';
import { ATTRIBUTION, LICENCE } from './open-data-columns.ts';
import type { OpenDataSources } from './open-data-sources.ts';
import { pagePath } from './site-paths.ts';

/** Site-relative path of a municipality's data file. */
export function dataJsonPath(kommunkod: string, slug: string): string {
  return `${pagePath(kommunkod, slug)}data.json`;
}

/** File name (in the page's folder) of a municipality's own rows as CSV. */
export function municipalityCsvName(kommunkod: string, slug: string): string {
  return `kommunrapport-${kommunkod}-${slug}.csv`;
}

/**
 * Version of the data.json format, `major.minor`: a new minor adds fields, a new major changes
 * or removes one. The published JSON Schema (`data/kommun-data.schema.json`) describes it.
 */
export const DATA_FORMAT_VERSION = '1.1';
/** Site-relative path of the JSON Schema of data.json. */
export const DATA_SCHEMA_PATH = 'data/kommun-data.schema.json';

/** The JSON of one municipality (see the documentation on the data page). */
export interface MunicipalityData {
  /** The schema, relative to the file (the site's `data/kommun-data.schema.json`). */
  $schema: string;
  formatversion: string;
  kalla: string;
  licens: string;
  licens_url: string;
  kommunkod: string;
  kommun: string;
  /** Part of the page's and this file's path: `kommun/<kod>-<slug>/data.json`. */
  slug: string;
  lan: string;
  kommungrupp: string;
  kommungrupp_kod: string;
  invanare: number;
  ar: number;
  /** Site-relative links; null when no report is published. */
  sida: string | null;
  effektivitet: number;
  effektivitet_lag: number | null;
  effektivitet_hog: number | null;
  rang: number;
  rang_lag: number | null;
  rang_hog: number | null;
  antal: number;
  grupp_rang: number;
  grupp_antal: number;
  grupp_basta: { kommunkod: string; kommun: string; effektivitet: number };
  effektivitet_ojusterad: number | null;
  rang_ojusterad: number | null;
  potential_kr: number;
  potential_per_invanare_kr: number | null;
  omraden: {
    omrade: string;
    namn: string;
    effektivitet: number | null;
    effektivitet_bc: number | null;
    effektivitet_lag: number | null;
    effektivitet_hog: number | null;
    effektivitet_ojusterad: number | null;
    ojamforbar: boolean | null;
    rang: number | null;
    antal: number;
    grupp_basta: { kommunkod: string; kommun: string; effektivitet: number } | null;
    kostnad_kr: number | null;
    potential_kr: number | null;
    jamforelse: { kommunkod: string; kommun: string; vikt: number }[];
  }[];
  /** Null when the history table is not published. */
  historik:
    | {
        ar: number;
        effektivitet: number | null;
        rang: number | null;
        antal: number | null;
        omraden: Record<string, number | null>;
      }[]
    | null;
  malmquist:
    | {
        omrade: string;
        fran_ar: number;
        till_ar: number;
        malmquist: number | null;
        effektivitetsforandring: number | null;
        teknisk_forandring: number | null;
      }[]
    | null;
}

/** The fields of `data.json`, documented on the data page. */
export const MUNICIPALITY_DATA_FIELDS: { namn: string; beskrivning: string }[] = [
  {
    namn: '$schema, formatversion',
    beskrivning: `Filens JSON Schema (relativt filen) och formatets version, nu ${DATA_FORMAT_VERSION}: en ny andra siffra lägger till fält, en ny första siffra ändrar eller tar bort fält.`,
  },
  { namn: 'kalla, licens, licens_url', beskrivning: 'Källan att ange och licensen.' },
  {
    namn: 'kommunkod, kommun, slug, lan, kommungrupp, kommungrupp_kod, invanare',
    beskrivning: 'Kommunen: kod, namn, del av sökvägen, län, SKR:s kommungrupp och invånare.',
  },
  { namn: 'ar', beskrivning: 'Året som nyckeltalen gäller.' },
  {
    namn: 'sida',
    beskrivning: 'Kommunens sida relativt webbplatsens rot, eller null om rapporten inte är publicerad.',
  },
  {
    namn: 'effektivitet, effektivitet_lag, effektivitet_hog',
    beskrivning: 'Sammanvägd effektivitet (0–1) och 95-procentigt intervall; null = intervall saknas.',
  },
  {
    namn: 'rang, rang_lag, rang_hog, antal',
    beskrivning: 'Plats i Sverige, platsintervall (null = saknas) och antal kommuner.',
  },
  {
    namn: 'grupp_rang, grupp_antal, grupp_basta',
    beskrivning: 'Plats i kommungruppen, antal i gruppen och gruppens mest effektiva kommun.',
  },
  {
    namn: 'effektivitet_ojusterad, rang_ojusterad',
    beskrivning: 'Samma modell utan strukturjustering; null = saknas.',
  },
  {
    namn: 'potential_kr, potential_per_invanare_kr',
    beskrivning: 'Effektiviseringspotential i kronor per år, totalt och per invånare.',
  },
  {
    namn: 'omraden[]',
    beskrivning:
      'Per område: effektivitet, effektivitet_bc, effektivitet_lag, effektivitet_hog, effektivitet_ojusterad, ojamforbar, rang och antal i området, grupp_basta, kostnad_kr, potential_kr och jamforelse (referenskommuner med vikt).',
  },
  {
    namn: 'historik[]',
    beskrivning:
      'Per år: effektivitet, rang, antal och omraden (effektivitet per område). null när historiken inte är publicerad.',
  },
  {
    namn: 'malmquist[]',
    beskrivning:
      'Per område och period: fran_ar, till_ar, malmquist, effektivitetsforandring, teknisk_forandring. null när tabellen inte är publicerad.',
  },
];

const nul = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

/** Every municipality of the table with its data file content. `pages` maps kommunkod → published page. */
export function buildMunicipalityData(
  municipalities: Municipality[],
  table: EfficiencyRow[],
  sources: OpenDataSources,
  pages: Map<string, string>,
): MunicipalityData[] {
  const byCode = new Map(municipalities.map((m) => [m.kommunkod, m]));
  const groups = groupBy(table, (row) => byCode.get(row.kommunkod)?.kommungruppKod ?? '');
  for (const rows of groups.values()) rows.sort((a, b) => a.rang - b.rang);
  // An area without a comparable municipality is never ranked nor best in its group (docs/dea-spec.md §11).
  const comparable = (r: EfficiencyRow, area: (typeof AREAS)[number]) =>
    r.areas[area].effektivitet !== null && r.areas[area].ojamforbar !== true;
  const areaValues = Object.fromEntries(
    AREAS.map((area) => [area, table.filter((r) => comparable(r, area)).map((r) => r.areas[area].effektivitet!)]),
  );
  const bestInArea = (group: EfficiencyRow[], area: (typeof AREAS)[number]) => {
    const best = group
      .filter((r) => comparable(r, area))
      .sort((a, b) => b.areas[area].effektivitet! - a.areas[area].effektivitet! || a.rang - b.rang)[0];
    return best
      ? {
          kommunkod: best.kommunkod,
          kommun: byCode.get(best.kommunkod)?.kommun ?? best.kommunkod,
          effektivitet: best.areas[area].effektivitet!,
        }
      : null;
  };
  const history = groupBy(sources.history?.rows ?? [], (r) => r.kommunkod);
  const malmquist = groupBy(sources.malmquist?.rows ?? [], (r) => r.kommunkod);

  return table.flatMap((row): MunicipalityData[] => {
    const m = byCode.get(row.kommunkod);
    if (!m) return [];
    const group = groups.get(m.kommungruppKod) ?? [row];
    const best = group[0]!;
    return [
      {
        $schema: `../../${DATA_SCHEMA_PATH}`,
        formatversion: DATA_FORMAT_VERSION,
        kalla: ATTRIBUTION,
        licens: LICENCE.namn,
        licens_url: LICENCE.url,
        kommunkod: m.kommunkod,
        kommun: m.kommun,
        slug: slugify(m.kommun),
        lan: m.lan,
        kommungrupp: m.kommungrupp,
        kommungrupp_kod: m.kommungruppKod,
        invanare: m.invanare,
        ar: row.ar,
        sida: pages.get(m.kommunkod) ?? null,
        effektivitet: row.effektivitet,
        effektivitet_lag: nul(row.effektivitetLag),
        effektivitet_hog: nul(row.effektivitetHog),
        rang: row.rang,
        rang_lag: nul(row.rangLag),
        rang_hog: nul(row.rangHog),
        antal: table.length,
        grupp_rang: group.indexOf(row) + 1,
        grupp_antal: group.length,
        grupp_basta: {
          kommunkod: best.kommunkod,
          kommun: byCode.get(best.kommunkod)?.kommun ?? best.kommunkod,
          effektivitet: best.effektivitet,
        },
        effektivitet_ojusterad: nul(row.effektivitetOjusterad),
        rang_ojusterad: nul(row.rangOjusterad),
        potential_kr: Math.round(row.potentialKr),
        potential_per_invanare_kr: m.invanare > 0 ? Math.round(row.potentialKr / m.invanare) : null,
        omraden: AREAS.map((area) => {
          const a = row.areas[area];
          return {
            omrade: area,
            namn: AREA_NAMES[area],
            effektivitet: a.effektivitet,
            effektivitet_bc: nul(a.effektivitetBc),
            effektivitet_lag: nul(a.effektivitetLag),
            effektivitet_hog: nul(a.effektivitetHog),
            effektivitet_ojusterad: nul(a.effektivitetOjusterad),
            ojamforbar: nul(a.ojamforbar),
            rang:
              a.effektivitet === null || a.ojamforbar === true
                ? null
                : competitionRank(a.effektivitet, areaValues[area]!),
            antal: areaValues[area]!.length,
            grupp_basta: bestInArea(group, area),
            kostnad_kr: a.kostnadKr === null ? null : Math.round(a.kostnadKr),
            potential_kr: a.potentialKr === null ? null : Math.round(a.potentialKr),
            jamforelse: a.jamforelse
              .filter((p) => p.kommunkod !== m.kommunkod)
              .map((p) => ({
                kommunkod: p.kommunkod,
                kommun: byCode.get(p.kommunkod)?.kommun ?? p.kommunkod,
                vikt: Math.round(p.weight * 1e6) / 1e6,
              })),
          };
        }),
        historik: sources.history
          ? (history.get(m.kommunkod) ?? [])
              .sort((a, b) => a.ar - b.ar)
              .map((h) => ({
                ar: h.ar,
                effektivitet: h.effektivitet,
                rang: h.rang,
                antal: h.antal,
                omraden: h.omraden,
              }))
          : null,
        malmquist: sources.malmquist
          ? (malmquist.get(m.kommunkod) ?? []).map((q) => ({
              omrade: q.omrade,
              fran_ar: q.franAr,
              till_ar: q.tillAr,
              malmquist: q.malmquist,
              effektivitetsforandring: q.effektivitetsforandring,
              teknisk_forandring: q.teknisk_forandring,
            }))
          : null,
      },
    ];
  });
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}
