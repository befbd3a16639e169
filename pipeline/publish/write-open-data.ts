/**
 * Writes the open data of an edition: `data/` (the efficiency table, the history and the
 * Malmquist table as CSV when present, one workbook, and the page documenting them), each
 * municipality's `data.json`, and the compare page that reads those files.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import type { Edition } from '../run/index.ts';
import { compositionMeta } from '../run/index.ts';
import { hashParts, sha256Hex } from '../io/hash.ts';
import { serializeEfficiencyTable } from '../load/index.ts';
import { buildWorkbook, type WorkbookSheet } from './build-workbook.ts';
import { linkOrCopy } from './link-or-copy.ts';
import { buildMunicipalityData, dataJsonPath, MUNICIPALITY_DATA_FIELDS } from './municipality-data.ts';
import { efficiencyColumns, historyAreas, historyColumns, malmquistColumns, type NamedRow } from './open-data-columns.ts';
import { HISTORY_FILE, MALMQUIST_FILE, readOpenDataSources } from './open-data-sources.ts';
import { renderComparePage, renderDataPage, type DocumentedTable, type DownloadFile } from './render-extra-pages.ts';
import type { SiteTemplates } from './site-templates.ts';

export const EFFICIENCY_FILE = 'effektivitet.csv';
export const WORKBOOK_FILE = 'kommunrapport-data.xlsx';
/** Inputs of the workbook in the previous edition; dot file, so never served. */
const WORKBOOK_KEY_FILE = '.workbook-key';
/** Change when the workbook's layout changes, so carried-over workbooks are rebuilt. */
const WORKBOOK_FORMAT = 'workbook-1';

export interface OpenDataJob {
  edition: Edition;
  templates: SiteTemplates;
  dir: string;
  previousDir?: string;
  /** kommunkod → site-relative page of the published reports. */
  pages: Map<string, string>;
  baseUrl: string | null;
  updatedAt: string;
}

/** One downloadable file of `data/`, as the site's manifest lists it. */
export interface OpenDataFile {
  /** Site-relative path, e.g. `data/effektivitet.csv`. */
  href: string;
  format: 'CSV' | 'Excel';
  bytes: number;
  /** SHA-256 of the file, as `sha256sum` prints it. */
  sha256: string;
}

/** Writes everything; returns the downloadable files of `data/` for the site's manifest. */
export async function writeOpenData(job: OpenDataJob): Promise<OpenDataFile[]> {
  const { edition, dir } = job;
  const { generator } = compositionMeta(edition);
  const { municipalities } = edition;
  const { table, ar } = edition.analysis;
  const sources = await readOpenDataSources(edition.config.outputDir, edition.model.input.history);
  const byCode = new Map(municipalities.map((m) => [m.kommunkod, m]));
  const named = <R extends { kommunkod: string }>(rows: R[]): NamedRow<R>[] => rows.map((row) => ({ row, kommun: byCode.get(row.kommunkod) }));
  const dataDir = path.join(dir, 'data');
  await mkdir(dataDir, { recursive: true });

  const efficiencyCsv = serializeEfficiencyTable(table);
  const sheets: WorkbookSheet<any>[] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    { namn: 'Effektivitet', columns: efficiencyColumns(), rows: named(table) },
    { namn: 'Historik', columns: historyColumns(historyAreas(sources.history?.columns ?? []), sources.history?.columns ?? []), rows: named(sources.history?.rows ?? []), saknas: sources.history ? undefined : NO_HISTORY },
    { namn: 'Malmquist', columns: malmquistColumns(sources.malmquist?.columns ?? []), rows: named(sources.malmquist?.rows ?? []), saknas: sources.malmquist ? undefined : NO_MALMQUIST },
  ];
  const workbookKey = hashParts([WORKBOOK_FORMAT, generator, efficiencyCsv, sources.history?.text ?? '-', sources.malmquist?.text ?? '-', JSON.stringify(municipalities.map((m) => m.kommun))]);

  const files: OpenDataFile[] = [];
  const writeText = async (name: string, text: string): Promise<DownloadFile['bytes']> => {
    const bytes = Buffer.from(text, 'utf8');
    await writeFile(path.join(dataDir, name), bytes);
    files.push({ href: `data/${name}`, format: 'CSV', bytes: bytes.length, sha256: sha256Hex(bytes) });
    return bytes.length;
  };
  const [efficiencyBytes, historyBytes, malmquistBytes, workbookBytes] = await Promise.all([
    writeText(EFFICIENCY_FILE, efficiencyCsv),
    sources.history ? writeText(HISTORY_FILE, sources.history.text) : null,
    sources.malmquist ? writeText(MALMQUIST_FILE, sources.malmquist.text) : null,
    writeWorkbook(path.join(dataDir, WORKBOOK_FILE), workbookKey, job.previousDir, () => buildWorkbook({ ar, generator, updatedAt: job.updatedAt, sheets })),
  ]);

  const data = buildMunicipalityData(municipalities, table, sources, job.pages);
  const limit = pLimit(16);
  await Promise.all(data.map((d) => limit(async () => {
    const file = path.join(dir, dataJsonPath(d.kommunkod, d.slug));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(d, null, 1)}\n`);
  })));

  const meta = { ar, baseUrl: job.baseUrl, generator, updatedAt: job.updatedAt };
  const tables: DocumentedTable[] = [
    {
      id: 'effektivitet', titel: 'Effektivitet per kommun', beskrivning: `Sammanvägd effektivitet, plats, potential och resultat per område ${ar}, med intervall där de finns.`,
      fil: { href: EFFICIENCY_FILE, titel: `Effektivitet per kommun ${ar}`, format: 'CSV', bytes: efficiencyBytes }, saknas: '', columns: sheets[0]!.columns,
    },
    {
      id: 'historik', titel: 'Effektivitet per år', beskrivning: 'Sammanvägd effektivitet, plats och effektivitet per område för varje år.',
      fil: historyBytes === null ? null : { href: HISTORY_FILE, titel: 'Effektivitet per år (historik)', format: 'CSV', bytes: historyBytes }, saknas: NO_HISTORY, columns: sheets[1]!.columns,
    },
    {
      id: 'malmquist', titel: 'Malmquistindex', beskrivning: 'Produktivitetsförändring mellan åren per kommun och område, uppdelad i effektivitetsförändring och teknisk förändring.',
      fil: malmquistBytes === null ? null : { href: MALMQUIST_FILE, titel: 'Malmquistindex', format: 'CSV', bytes: malmquistBytes }, saknas: NO_MALMQUIST, columns: sheets[2]!.columns,
    },
  ];
  await Promise.all([
    writeFile(path.join(dataDir, 'index.html'), renderDataPage(job.templates, {
      ...meta, tables, jsonFields: MUNICIPALITY_DATA_FIELDS,
      workbook: { href: WORKBOOK_FILE, titel: `Alla tabeller i Excel (${WORKBOOK_FILE})`, format: 'Excel', bytes: workbookBytes },
    })),
    mkdir(path.join(dir, 'jamfor'), { recursive: true }).then(() => writeFile(path.join(dir, 'jamfor', 'index.html'), renderComparePage(job.templates, { ...meta, data }))),
  ]);
  const workbook = await readFile(path.join(dataDir, WORKBOOK_FILE));
  files.push({ href: `data/${WORKBOOK_FILE}`, format: 'Excel', bytes: workbook.length, sha256: sha256Hex(workbook) });
  return files.sort((a, b) => a.href.localeCompare(b.href));
}

const NO_HISTORY = 'Historiken är inte beräknad för den här utgåvan; den publiceras här när den finns.';
const NO_MALMQUIST = 'Malmquistindexet är inte beräknat för den här utgåvan; det publiceras här när det finns.';

/** Carries the previous edition's workbook over when its inputs are the same, else builds it. Returns its size. */
async function writeWorkbook(file: string, key: string, previousDir: string | undefined, build: () => Promise<Buffer>): Promise<number> {
  const keyFile = path.join(path.dirname(file), WORKBOOK_KEY_FILE);
  if (previousDir) {
    const previous = path.join(previousDir, 'data', WORKBOOK_FILE);
    const previousKey = await readFile(path.join(previousDir, 'data', WORKBOOK_KEY_FILE), 'utf8').catch(() => '');
    if (previousKey === key) {
      try {
        await linkOrCopy(previous, file);
        await writeFile(keyFile, key);
        return (await stat(file)).size;
      } catch {
        // The previous workbook is gone (pruned meanwhile): build it below.
      }
    }
  }
  const bytes = await build();
  await Promise.all([writeFile(file, bytes), writeFile(keyFile, key)]);
  return bytes.length;
}
