/**
 * The compare page (`jamfor/`) and the open-data page (`data/`). Pure: everything they show
 * comes in as arguments and goes through Handlebars' HTML escaping.
 */
import { formatNumber, formatPercent } from '../format/index.ts';
import { formatDate, formatFileSize } from './format-file-info.ts';
import { dataJsonPath, type MunicipalityData } from './municipality-data.ts';
import { ATTRIBUTION, LICENCE, type DataColumn } from './open-data-columns.ts';
import { absoluteUrl } from './site-paths.ts';
import type { SiteTemplates } from './site-templates.ts';

/** Pages one folder below the root link back with this prefix. */
const ROOT = '../';

interface PageMeta {
  ar: number;
  baseUrl: string | null;
  generator: string;
  updatedAt: string;
}

const collator = new Intl.Collator('sv');

function head(meta: PageMeta, section: string, rel: string, title: string, description: string) {
  return {
    title,
    description,
    generator: meta.generator,
    canonical: absoluteUrl(meta.baseUrl, rel),
    section,
    ogType: 'website',
    root: ROOT,
    ar: meta.ar,
    updated: formatDate(meta.updatedAt),
  };
}

/**
 * `jamfor/index.html`: two pickers filled from the published data files by `jamfor.js`, and,
 * for readers without JavaScript, every municipality against the best of its kommungrupp.
 */
export function renderComparePage(templates: SiteTemplates, input: PageMeta & { data: MunicipalityData[] }): string {
  const byName = [...input.data].sort((a, b) => collator.compare(a.kommun, b.kommun));
  const pct = (v: number) => formatPercent(v);
  const rows = [...input.data]
    .sort((a, b) => a.kommungrupp_kod.localeCompare(b.kommungrupp_kod) || a.grupp_rang - b.grupp_rang)
    .map((d) => {
      const gap = d.grupp_basta.effektivitet - d.effektivitet;
      return {
        kod: d.kommunkod,
        namn: d.kommun,
        href: d.sida ? ROOT + d.sida : null,
        grupp: `${d.kommungrupp_kod} ${d.kommungrupp}`,
        effektivitetText: pct(d.effektivitet),
        gruppRangText: `${d.grupp_rang} av ${d.grupp_antal}`,
        bastaNamn: d.grupp_basta.kommun,
        bastaText: pct(d.grupp_basta.effektivitet),
        skillnadText: gap > 0.00005 ? points(gap) : 'bäst i gruppen',
        jamfor: d.grupp_basta.kommunkod === d.kommunkod ? null : `?a=${d.kommunkod}&b=${d.grupp_basta.kommunkod}`,
      };
    });
  return templates.jamfor({
    head: head(
      input,
      'jamfor',
      'jamfor/',
      `Jämför kommuner ${input.ar} – Kommunrapport`,
      `Jämför två kommuners effektivitet, plats och potential per område och över tid, uppgifter för ${input.ar}.`,
    ),
    ar: input.ar,
    options: byName.map((d) => ({ kod: d.kommunkod, namn: d.kommun, json: ROOT + dataJsonPath(d.kommunkod, d.slug) })),
    rows,
    attribution: ATTRIBUTION,
    licence: LICENCE,
  });
}

/** `−3 procentenheter` below the best; `1 procentenhet`. */
function points(gap: number): string {
  const text = formatNumber(gap * 100);
  if (text === '0') return 'under 1\u00a0procentenhet lägre';
  return `${text}\u00a0${text === '1' ? 'procentenhet' : 'procentenheter'} lägre`;
}

/** A published file on the data page. */
export interface DownloadFile {
  href: string;
  titel: string;
  format: string;
  bytes: number;
}

/** A documented table on the data page. */
export interface DocumentedTable {
  id: string;
  titel: string;
  beskrivning: string;
  /** Null when the table is not published in this edition. */
  fil: DownloadFile | null;
  /** The same table in the Swedish Excel form. */
  excel: DownloadFile | null;
  saknas: string;
  columns: Pick<DataColumn<unknown>, 'csv' | 'rubrik' | 'beskrivning'>[];
}

/** `data/index.html`: every download with size, attribution and licence, and each table's columns. */
export function renderDataPage(
  templates: SiteTemplates,
  input: PageMeta & {
    tables: DocumentedTable[];
    workbook: DownloadFile;
    jsonFields: { namn: string; beskrivning: string }[];
    schema: string;
  },
): string {
  const file = (f: DownloadFile) => ({ ...f, storlek: formatFileSize(f.bytes, f.format) });
  return templates.data({
    head: head(
      input,
      'data',
      'data/',
      `Öppna data ${input.ar} – Kommunrapport`,
      `Effektivitet per kommun, historik och Malmquistindex som CSV och Excel, fria att använda med angiven källa. Uppgifter för ${input.ar}.`,
    ),
    ar: input.ar,
    tables: input.tables.map((t) => ({
      ...t,
      fil: t.fil ? file(t.fil) : null,
      excel: t.excel ? file(t.excel) : null,
      columns: t.columns.map(({ csv, rubrik, beskrivning }) => ({ csv, rubrik, beskrivning })),
    })),
    workbook: file(input.workbook),
    jsonFields: input.jsonFields,
    schema: input.schema,
    attribution: ATTRIBUTION,
    licence: LICENCE,
  });
}
