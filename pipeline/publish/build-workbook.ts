/**
 * The open-data workbook (`data/kommunrapport-data.xlsx`): one sheet per published table with
 * Swedish headings, Excel number formats (shown with the reader's decimal comma and thousands
 * space in a Swedish Excel), a frozen header row and a filter, plus a sheet with sources,
 * definitions and the licence. exceljs is loaded only when a workbook is written: it takes a
 * few hundred milliseconds to load, and unchanged workbooks are carried over instead.
 */
import type { Worksheet } from 'exceljs';
import { ATTRIBUTION, LICENCE, type ColumnFormat, type DataColumn } from './open-data-columns.ts';

/** One sheet: its name, columns and rows. */
export interface WorkbookSheet<R = never> {
  namn: string;
  /** Shown in "Om data" for a table that is not available this edition. */
  saknas?: string;
  columns: DataColumn<R>[];
  rows: R[];
}

/** What the workbook is made from. */
export interface WorkbookInput {
  ar: number;
  generator: string;
  /** ISO timestamp of the edition. */
  updatedAt: string;
  sheets: WorkbookSheet<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- rows differ per sheet
}

const NUMBER_FORMATS: Record<ColumnFormat, string | undefined> = {
  text: '@',
  year: '0',
  integer: '0',
  share: '0.0 %',
  kr: '#,##0',
  index: '0.000',
  flag: undefined,
  peers: '@',
};

const WIDTHS: Record<ColumnFormat, number> = {
  text: 14,
  year: 7,
  integer: 10,
  share: 14,
  kr: 16,
  index: 14,
  flag: 11,
  peers: 14,
};

/** Builds the workbook as xlsx bytes. */
export async function buildWorkbook(input: WorkbookInput): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = input.generator;
  workbook.title = `Kommunrapport ${input.ar}: effektivitet per kommun`;
  workbook.subject = ATTRIBUTION;
  workbook.created = new Date(input.updatedAt);
  workbook.modified = workbook.created;

  for (const sheet of input.sheets.filter((s) => !s.saknas)) {
    const ws = workbook.addWorksheet(sheet.namn, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({
      header: c.rubrik,
      key: c.csv,
      width: Math.max(WIDTHS[c.format], Math.min(28, c.rubrik.length + 2)),
      style: NUMBER_FORMATS[c.format] ? { numFmt: NUMBER_FORMATS[c.format] } : {},
    }));
    for (const row of sheet.rows) ws.addRow(sheet.columns.map((c) => cell(c.format, (c.display ?? c.value)(row))));
    styleHeader(ws, sheet.columns.length);
  }

  const about = workbook.addWorksheet('Om data', { views: [{ state: 'frozen', ySplit: 0 }] });
  about.columns = [{ width: 18 }, { width: 34 }, { width: 40 }, { width: 90 }];
  about.addRow([`Kommunrapport ${input.ar}: effektivitet per kommun`]).font = { bold: true, size: 14 };
  about.addRow([]);
  about.addRow(['Källa', 'Kolada (RKA), nyckeltal för ' + input.ar + '; egna beräkningar (DEA) av kommunrapport.']);
  about.addRow(['Ange källa', ATTRIBUTION]);
  about.addRow(['Licens', `${LICENCE.namn}: fri att använda, bearbeta och sprida om källan anges.`, LICENCE.url]);
  about.addRow(['Framställd', input.updatedAt.slice(0, 10), input.generator]);
  about.addRow([
    'Metod',
    'Effektiviteten är våra egna beräkningar med data envelopment analysis (DEA), inte Koladas eller Svenskt Näringslivs siffror. Metoden beskrivs i varje rapports metodkapitel.',
  ]);
  for (const sheet of input.sheets.filter((s) => s.saknas)) about.addRow([sheet.namn, sheet.saknas]);
  about.addRow([]);
  const head = about.addRow(['Blad', 'Kolumn i CSV-filen', 'Rubrik', 'Beskrivning']);
  head.font = { bold: true };
  for (const sheet of input.sheets.filter((s) => !s.saknas)) {
    for (const c of sheet.columns) about.addRow([sheet.namn, c.csv, c.rubrik, c.beskrivning]);
  }
  about.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
  about.getColumn(2).alignment = { wrapText: true, vertical: 'top' };

  // Deflate level 1: the XML still shrinks ~8×, and the pure-JS compressor takes a fraction of
  // the default level's time.
  return Buffer.from(
    await workbook.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as object),
  );
}

function cell(format: ColumnFormat, value: string | number | boolean | null | undefined): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (format === 'flag') return value === true || value === 1 ? 'Ja' : 'Nej';
  return typeof value === 'boolean' ? String(value) : value;
}

function styleHeader(ws: Worksheet, count: number): void {
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'bottom', wrapText: true };
  header.height = 45;
  for (let i = 1; i <= count; i++) header.getCell(i).numFmt = '@';
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: count } };
}
