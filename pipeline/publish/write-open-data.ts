/**
 * Writes the open data of an edition: `data/` (the efficiency table, the history and the
 * Malmquist table, each as standard CSV and in the Swedish Excel form, one workbook, the JSON
 * Schema of data.json and the page documenting them), each municipality's `data.json` and its
 * own rows as CSV, and the compare page that reads those files.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import type { Edition } from '../run/index.ts';
import { compositionMeta } from '../run/index.ts';
import { hashParts, sha256Hex } from '../io/hash.ts';
import { AREAS } from '../load/types.ts';
import { buildWorkbook, type WorkbookSheet } from './build-workbook.ts';
import { dataJsonSchema } from './data-json-schema.ts';
import { linkOrCopy } from './link-or-copy.ts';
import {
  buildMunicipalityData,
  DATA_SCHEMA_PATH,
  dataJsonPath,
  MUNICIPALITY_DATA_FIELDS,
  municipalityCsvName,
  type MunicipalityData,
} from './municipality-data.ts';
import { combinedCsv, excelFileName, tableCsv, type CsvDialect, type PartTable } from './open-data-csv.ts';
import {
  efficiencyColumns,
  historyAreas,
  historyColumns,
  malmquistColumns,
  type DataColumn,
  type NamedRow,
} from './open-data-columns.ts';
import { HISTORY_FILE, MALMQUIST_FILE, readOpenDataSources, type OpenDataSources } from './open-data-sources.ts';
import { renderComparePage, renderDataPage, type DocumentedTable, type DownloadFile } from './render-extra-pages.ts';
import { absoluteUrl, pagePath } from './site-paths.ts';
import type { SiteTemplates } from './site-templates.ts';

export const EFFICIENCY_FILE = 'effektivitet.csv';
export const WORKBOOK_FILE = 'kommunrapport-data.xlsx';
/** Change when the workbook's layout changes, so carried-over workbooks are rebuilt. */
const WORKBOOK_FORMAT = 'workbook-2';

export interface OpenDataJob {
  edition: Edition;
  templates: SiteTemplates;
  dir: string;
  previousDir?: string;
  /** The previous edition's workbook key (from its state); equal keys carry the workbook over. */
  previousWorkbookKey?: string;
  /** kommunkod → site-relative page of the published reports. */
  pages: Map<string, string>;
  baseUrl: string | null;
  updatedAt: string;
}

/** One downloadable file of `data/`, as the site's manifest lists it. */
export interface OpenDataFile {
  /** Site-relative path, e.g. `data/effektivitet.csv`. */
  href: string;
  /** `CSV` (standard), `CSV för Excel` (`;`, decimal comma, BOM), `Excel`, `JSON Schema`. */
  format: 'CSV' | 'CSV för Excel' | 'Excel' | 'JSON Schema';
  bytes: number;
  /** SHA-256 of the file, as `sha256sum` prints it. */
  sha256: string;
}

/** One published table: where it goes and what it is made of (null rows: not available). */
interface PublishedTable {
  id: string;
  sheet: string;
  file: string;
  titel: string;
  beskrivning: string;
  saknas: string;
  columns: DataColumn<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- rows differ per table
  rows: NamedRow<any>[] | null; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Writes everything; returns the downloadable files of `data/` for the site's manifest and the workbook's key. */
export async function writeOpenData(job: OpenDataJob): Promise<{ files: OpenDataFile[]; workbookKey: string }> {
  const { edition, dir } = job;
  const sources = await readOpenDataSources(edition.config.outputDir, edition.model.input.history);
  const tables = publishedTables(edition, sources);
  const dataDir = path.join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
  const { files, sizes, workbookKey } = await writeTableFiles(job, dataDir, tables);
  const data = buildMunicipalityData(edition.municipalities, edition.analysis.table, sources, job.pages);
  await writeMunicipalityFiles(dir, data, tables);
  await writeDataPages(job, dataDir, tables, sizes, data);
  const workbook = await readFile(path.join(dataDir, WORKBOOK_FILE));
  files.push({ href: `data/${WORKBOOK_FILE}`, format: 'Excel', bytes: workbook.length, sha256: sha256Hex(workbook) });
  return { files: files.sort((a, b) => a.href.localeCompare(b.href)), workbookKey };
}

/** The three published tables, each row with its municipality's names (Malmquist by code, area, year). */
function publishedTables(edition: Edition, sources: OpenDataSources): PublishedTable[] {
  const { table, ar } = edition.analysis;
  const byCode = new Map(edition.municipalities.map((m) => [m.kommunkod, m]));
  const named = <R extends { kommunkod: string }>(rows: R[]): NamedRow<R>[] =>
    rows.map((row) => ({ row, kommun: byCode.get(row.kommunkod) }));
  const areaOrder = (area: string) => {
    const i = AREAS.indexOf(area as never);
    return i < 0 ? AREAS.length : i;
  };
  const malmquistRows = sources.malmquist
    ? [...sources.malmquist.rows].sort(
        (a, b) =>
          a.kommunkod.localeCompare(b.kommunkod) || areaOrder(a.omrade) - areaOrder(b.omrade) || a.franAr - b.franAr,
      )
    : null;
  return [
    {
      id: 'effektivitet',
      sheet: 'Effektivitet',
      file: EFFICIENCY_FILE,
      titel: `Effektivitet per kommun ${ar}`,
      saknas: '',
      beskrivning: `Sammanvägd effektivitet, plats, potential och resultat per område ${ar}, med intervall där de finns.`,
      columns: efficiencyColumns(),
      rows: named(table),
    },
    {
      id: 'historik',
      sheet: 'Historik',
      file: HISTORY_FILE,
      titel: 'Effektivitet per år (historik)',
      saknas: NO_HISTORY,
      beskrivning: 'Sammanvägd effektivitet, plats och effektivitet per område för varje år.',
      columns: historyColumns(historyAreas(sources.history?.columns ?? []), sources.history?.columns ?? []),
      rows: sources.history ? named(sources.history.rows) : null,
    },
    {
      id: 'malmquist',
      sheet: 'Malmquist',
      file: MALMQUIST_FILE,
      titel: 'Malmquistindex',
      saknas: NO_MALMQUIST,
      beskrivning:
        'Produktivitetsförändring mellan åren per kommun och område, uppdelad i effektivitetsförändring och teknisk förändring.',
      columns: malmquistColumns(sources.malmquist?.columns ?? []),
      rows: malmquistRows ? named(malmquistRows) : null,
    },
  ];
}

/**
 * Writes each available table as CSV in both dialects, the JSON Schema and the workbook (carried
 * over when its key is the previous edition's); returns the files written (the workbook apart),
 * every file's size by name, and the workbook's key.
 */
async function writeTableFiles(job: OpenDataJob, dataDir: string, tables: PublishedTable[]) {
  const { generator } = compositionMeta(job.edition);
  const csv = new Map(
    tables
      .filter((t) => t.rows)
      .flatMap((t) =>
        (['standard', 'excel'] as const).map(
          (dialect) => [csvName(t.file, dialect), tableCsv(t.columns, t.rows!, dialect)] as const,
        ),
      ),
  );
  const sheets: WorkbookSheet<any>[] = tables.map((t) => ({
    namn: t.sheet,
    columns: t.columns,
    rows: t.rows ?? [],
    saknas: t.rows ? undefined : t.saknas,
  })); // eslint-disable-line @typescript-eslint/no-explicit-any
  const workbookKey = hashParts([WORKBOOK_FORMAT, generator, ...csv.values()]);
  const schema = `${JSON.stringify(dataJsonSchema(absoluteUrl(job.baseUrl, DATA_SCHEMA_PATH)), null, 1)}\n`;
  const files: OpenDataFile[] = [];
  const write = async (name: string, text: string, format: OpenDataFile['format']): Promise<number> => {
    const bytes = Buffer.from(text, 'utf8');
    await writeFile(path.join(dataDir, name), bytes);
    files.push({ href: `data/${name}`, format, bytes: bytes.length, sha256: sha256Hex(bytes) });
    return bytes.length;
  };
  const sizes = new Map<string, number>();
  await Promise.all([
    ...[...csv].map(async ([name, text]) =>
      sizes.set(name, await write(name, text, name.endsWith('-excel.csv') ? 'CSV för Excel' : 'CSV')),
    ),
    write(path.basename(DATA_SCHEMA_PATH), schema, 'JSON Schema'),
    writeWorkbook(
      path.join(dataDir, WORKBOOK_FILE),
      job.previousWorkbookKey === workbookKey ? job.previousDir : undefined,
      () => buildWorkbook({ ar: job.edition.analysis.ar, generator, updatedAt: job.updatedAt, sheets }),
    ).then((bytes) => sizes.set(WORKBOOK_FILE, bytes)),
  ]);
  return { files, sizes, workbookKey };
}

/** Each municipality's `data.json` and its own rows of every table as CSV, in both dialects. */
async function writeMunicipalityFiles(dir: string, data: MunicipalityData[], tables: PublishedTable[]): Promise<void> {
  const own = groupRows(tables);
  const limit = pLimit(16);
  await Promise.all(
    data.map((d) =>
      limit(async () => {
        const folder = path.join(dir, pagePath(d.kommunkod, d.slug));
        await mkdir(folder, { recursive: true });
        const parts = own(d.kommunkod);
        const name = municipalityCsvName(d.kommunkod, d.slug);
        await Promise.all([
          writeFile(path.join(dir, dataJsonPath(d.kommunkod, d.slug)), `${JSON.stringify(d, null, 1)}\n`),
          writeFile(path.join(folder, name), combinedCsv(parts, 'standard')),
          writeFile(path.join(folder, excelFileName(name)), combinedCsv(parts, 'excel')),
        ]);
      }),
    ),
  );
}

/** The page documenting `data/` and the compare page that reads the municipalities' files. */
async function writeDataPages(
  job: OpenDataJob,
  dataDir: string,
  tables: PublishedTable[],
  sizes: Map<string, number>,
  data: MunicipalityData[],
): Promise<void> {
  const { dir } = job;
  const meta = {
    ar: job.edition.analysis.ar,
    baseUrl: job.baseUrl,
    generator: compositionMeta(job.edition).generator,
    updatedAt: job.updatedAt,
  };
  const download = (t: PublishedTable, dialect: CsvDialect): DownloadFile => ({
    href: csvName(t.file, dialect),
    titel: dialect === 'excel' ? `${t.titel}, för Excel` : t.titel,
    format: dialect === 'excel' ? 'CSV för Excel' : 'CSV',
    bytes: sizes.get(csvName(t.file, dialect))!,
  });
  const documented: DocumentedTable[] = tables.map((t) => ({
    id: t.id,
    titel: t.titel,
    beskrivning: t.beskrivning,
    saknas: t.saknas,
    columns: t.columns,
    fil: t.rows ? download(t, 'standard') : null,
    excel: t.rows ? download(t, 'excel') : null,
  }));
  const workbook: DownloadFile = {
    href: WORKBOOK_FILE,
    titel: `Alla tabeller i Excel (${WORKBOOK_FILE})`,
    format: 'Excel',
    bytes: sizes.get(WORKBOOK_FILE)!,
  };
  await Promise.all([
    writeFile(
      path.join(dataDir, 'index.html'),
      renderDataPage(job.templates, {
        ...meta,
        tables: documented,
        jsonFields: MUNICIPALITY_DATA_FIELDS,
        schema: path.basename(DATA_SCHEMA_PATH),
        workbook,
      }),
    ),
    mkdir(path.join(dir, 'jamfor'), { recursive: true }).then(() =>
      writeFile(path.join(dir, 'jamfor', 'index.html'), renderComparePage(job.templates, { ...meta, data })),
    ),
  ]);
}

const NO_HISTORY = 'Historiken är inte beräknad för den här utgåvan; den publiceras här när den finns.';
const NO_MALMQUIST = 'Malmquistindexet är inte beräknat för den här utgåvan; det publiceras här när det finns.';

const csvName = (file: string, dialect: CsvDialect) => (dialect === 'excel' ? excelFileName(file) : file);

/** kommunkod → that municipality's rows of each published table, as parts of its own file. */
function groupRows(tables: PublishedTable[]): (kommunkod: string) => PartTable[] {
  const grouped = tables
    .filter((t) => t.rows)
    .map((t) => {
      const byCode = new Map<string, NamedRow<unknown>[]>();
      for (const r of t.rows!) {
        const code = (r.row as { kommunkod: string }).kommunkod;
        const list = byCode.get(code);
        if (list) list.push(r);
        else byCode.set(code, [r]);
      }
      return { t, byCode };
    });
  return (kommunkod) =>
    grouped.map(({ t, byCode }) => ({ tabell: t.id, columns: t.columns, rows: byCode.get(kommunkod) ?? [] }));
}

/** Carries the previous edition's workbook over (`previousDir` given: same inputs), else builds it. Returns its size. */
async function writeWorkbook(
  file: string,
  previousDir: string | undefined,
  build: () => Promise<Buffer>,
): Promise<number> {
  if (previousDir) {
    try {
      await linkOrCopy(path.join(previousDir, 'data', WORKBOOK_FILE), file);
      return (await stat(file)).size;
    } catch {
      // The previous workbook is gone (pruned meanwhile): build it below.
    }
  }
  const bytes = await build();
  await writeFile(file, bytes);
  return bytes.length;
}
