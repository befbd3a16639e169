/**
 * The optional tables the site publishes beside the efficiency table: the yearly history
 * (`output/data/effektivitet-historik.csv`) and the Malmquist productivity index
 * (`output/data/malmquist.csv`), written by the panel analysis when it has run. Absent files
 * are not an error: the site then says the table is not available.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  HISTORY_COLUMNS as PANEL_HISTORY_COLUMNS,
  HISTORY_POOLED_COLUMNS,
  MALMQUIST_COLUMNS as PANEL_MALMQUIST_COLUMNS,
  MALMQUIST_NOISE_COLUMNS,
  serializeHistory,
  serializeMalmquist,
} from '../analyse/panel/serialize-panel.ts';
import type { PanelResult } from '../analyse/panel/types.ts';
import { CsvTable, parseCsvText, type CsvRecord } from '../load/index.ts';

/** One municipality's composite (and per-area) efficiency in one year. */
export interface HistoryRow {
  kommunkod: string;
  ar: number;
  effektivitet: number | null;
  rang: number | null;
  antal: number | null;
  /** `effektivitet_<omrade>` columns by area id (whatever areas the file has). */
  omraden: Record<string, number | null>;
  /** The pooled-frontier columns (`gemensam_*`, `forandring*`, `utanfor_brus`) the file has, by column name. */
  extra?: Record<string, number | null>;
}

/** One Malmquist index between two years, for one municipality and area (or the composite). */
export interface MalmquistRow {
  kommunkod: string;
  omrade: string;
  franAr: number;
  tillAr: number;
  malmquist: number | null;
  effektivitetsforandring: number | null;
  teknisk_forandring: number | null;
  /** The noise columns (`malmquist_lag`, `malmquist_hog`, `utanfor_brus`) the file has, by column name. */
  extra?: Record<string, number | null>;
}

/** A parsed optional table and the text it was parsed from (published as it is). */
export interface OptionalTable<T> {
  text: string;
  rows: T[];
  /** Column names in file order, for the documentation page. */
  columns: string[];
}

/** What `readOpenDataSources` found; null = the file does not exist. */
export interface OpenDataSources {
  history: OptionalTable<HistoryRow> | null;
  malmquist: OptionalTable<MalmquistRow> | null;
}

export const HISTORY_FILE = 'effektivitet-historik.csv';
export const MALMQUIST_FILE = 'malmquist.csv';
export const HISTORY_COLUMNS = ['kommunkod', 'ar', 'effektivitet', 'rang', 'antal'] as const;
/** The Malmquist columns a file must have: the panel's own, the optional noise columns left out. */
export const MALMQUIST_COLUMNS = PANEL_MALMQUIST_COLUMNS.filter((column) => !MALMQUIST_NOISE_COLUMNS.includes(column));

/**
 * The edition's own panel when it has one (the tables the reports were made from), else both
 * optional tables from `<outputDir>/data/`; throws a located `DataError` for a broken file.
 */
export async function readOpenDataSources(outputDir: string, panel?: PanelResult): Promise<OpenDataSources> {
  if (panel) return fromPanel(panel);
  const dir = path.join(outputDir, 'data');
  const [history, malmquist] = await Promise.all([
    readOptional(path.join(dir, HISTORY_FILE)),
    readOptional(path.join(dir, MALMQUIST_FILE)),
  ]);
  return {
    history: history === null ? null : parseHistoryCsv(history, path.join(dir, HISTORY_FILE)),
    malmquist: malmquist === null ? null : parseMalmquistCsv(malmquist, path.join(dir, MALMQUIST_FILE)),
  };
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const AREA_COLUMN = /^effektivitet_([a-z]+)$/;

/** Parses the history table (pure); every bad cell is reported at once. */
export function parseHistoryCsv(text: string, file: string): OptionalTable<HistoryRow> {
  const [header, ...records] = parseCsvText(text, file);
  const table = CsvTable.fromHeader(file, header, HISTORY_COLUMNS);
  const areas = header!.fields.map((name) => AREA_COLUMN.exec(name)?.[1]).filter((a): a is string => !!a);
  const rows: HistoryRow[] = [];
  for (const record of dataRecords(records)) {
    const kommunkod = code(table, record);
    const ar = table.number(record, 'ar', { integer: true, min: 1990, max: 2100 });
    const effektivitet = table.number(record, 'effektivitet', { min: 0, optional: true });
    const rang = table.number(record, 'rang', { integer: true, min: 1, optional: true });
    const antal = table.number(record, 'antal', { integer: true, min: 1, optional: true });
    const omraden: Record<string, number | null> = {};
    for (const area of areas)
      omraden[area] = table.number(record, `effektivitet_${area}`, { min: 0, optional: true }) ?? null;
    const extra = extraColumns(table, record, header!.fields, HISTORY_POOLED_COLUMNS);
    if (kommunkod && ar != null && effektivitet !== undefined && rang !== undefined && antal !== undefined) {
      rows.push({ kommunkod, ar, effektivitet, rang, antal, omraden, extra });
    }
  }
  table.throwIfAny();
  return { text, rows, columns: header!.fields };
}

/** Parses the Malmquist table (pure). */
export function parseMalmquistCsv(text: string, file: string): OptionalTable<MalmquistRow> {
  const [header, ...records] = parseCsvText(text, file);
  const table = CsvTable.fromHeader(file, header, MALMQUIST_COLUMNS);
  const rows: MalmquistRow[] = [];
  for (const record of dataRecords(records)) {
    const kommunkod = code(table, record);
    const omrade = table.text(record, 'omrade');
    if (!omrade) table.fail(record, 'omrade', 'expected an area name (e.g. `grundskola`), got an empty cell');
    const franAr = table.number(record, 'fran_ar', { integer: true, min: 1990, max: 2100 });
    const tillAr = table.number(record, 'till_ar', { integer: true, min: 1990, max: 2100 });
    const index = (column: string) => table.number(record, column, { min: 0, optional: true });
    const malmquist = index('malmquist');
    const effektivitetsforandring = index('effektivitetsforandring');
    const teknisk = index('teknisk_forandring');
    if (
      kommunkod &&
      omrade &&
      franAr != null &&
      tillAr != null &&
      malmquist !== undefined &&
      effektivitetsforandring !== undefined &&
      teknisk !== undefined
    ) {
      rows.push({
        kommunkod,
        omrade,
        franAr,
        tillAr,
        malmquist,
        effektivitetsforandring,
        teknisk_forandring: teknisk,
        extra: extraColumns(table, record, header!.fields, MALMQUIST_NOISE_COLUMNS),
      });
    }
  }
  table.throwIfAny();
  return { text, rows, columns: header!.fields };
}

/** The optional numeric columns of `known` that the header has (an older file lacks them). */
function extraColumns(
  table: CsvTable,
  record: CsvRecord,
  header: readonly string[],
  known: readonly string[],
): Record<string, number | null> {
  return Object.fromEntries(
    known
      .filter((c) => header.includes(c))
      .map((c) => [c, table.number(record, c, { min: 0, optional: true }) ?? null]),
  );
}

function dataRecords(records: CsvRecord[]): CsvRecord[] {
  return records.filter((r) => r.fields.some((f) => f !== ''));
}

function code(table: CsvTable, record: CsvRecord): string | undefined {
  const value = table.text(record, 'kommunkod');
  if (/^\d{4}$/.test(value)) return value;
  table.fail(record, 'kommunkod', `expected a 4-digit kommunkod such as \`0114\`, got \`${value}\``);
  return undefined;
}

/** The edition's panel in the published form (the same text `analyse` writes to output/data/). */
export function fromPanel(panel: PanelResult): OpenDataSources {
  return {
    history: {
      text: serializeHistory(panel.history),
      columns: [...PANEL_HISTORY_COLUMNS],
      rows: panel.history.map((r) => ({
        kommunkod: r.kommunkod,
        ar: r.ar,
        effektivitet: r.effektivitet,
        rang: r.rang,
        antal: r.antal,
        omraden: { ...r.areas },
        extra: {
          gemensam_effektivitet: r.effektivitetGemensam,
          ...Object.fromEntries(Object.entries(r.gemensam).map(([a, v]) => [`gemensam_${a}`, v])),
          forandring: r.forandring,
          forandring_lag: r.forandringLag,
          forandring_hog: r.forandringHog,
          utanfor_brus: r.utanforBrus === null ? null : Number(r.utanforBrus),
        },
      })),
    },
    malmquist: {
      text: serializeMalmquist(panel.malmquist),
      columns: [...PANEL_MALMQUIST_COLUMNS],
      rows: panel.malmquist.map((r) => ({
        kommunkod: r.kommunkod,
        omrade: r.omrade,
        franAr: r.franAr,
        tillAr: r.tillAr,
        malmquist: r.malmquist,
        effektivitetsforandring: r.effektivitetsforandring,
        teknisk_forandring: r.tekniskForandring,
        extra: { malmquist_lag: r.malmquistLag, malmquist_hog: r.malmquistHog, utanfor_brus: Number(r.utanforBrus) },
      })),
    },
  };
}
