/**
 * The published CSV files, written from the column declarations of open-data-columns.ts in two
 * dialects: the standard form (`,`, decimal point, LF; the interchange format of DESIGN.md) and
 * the Swedish Excel form (`;`, decimal comma, UTF-8 with BOM, CRLF), which a Swedish Excel
 * opens in columns with a double-click. csv-stringify does the quoting. Pure.
 */
import { stringify } from 'csv-stringify/sync';
import type { ColumnFormat, DataColumn } from './open-data-columns.ts';

/** `standard`: `,` and `.`; `excel`: `;`, `,` as decimal mark, BOM and CRLF. */
export type CsvDialect = 'standard' | 'excel';

/** The file name of a table's Excel form: `effektivitet.csv` → `effektivitet-excel.csv`. */
export function excelFileName(file: string): string {
  return file.replace(/\.csv$/, '-excel.csv');
}

/**
 * One cell as text: shares and indices with at most six decimals, kronor and integers whole,
 * flags `1`/`0`, empty for a missing value (never a made-up one).
 */
export function csvCell(
  format: ColumnFormat,
  value: string | number | boolean | null | undefined,
  dialect: CsvDialect,
): string {
  if (value === null || value === undefined || value === '') return '';
  let text: string;
  if (format === 'flag') text = value === true || value === 1 || value === '1' ? '1' : '0';
  else if (typeof value === 'number')
    text = String(format === 'share' || format === 'index' ? Math.round(value * 1e6) / 1e6 : Math.round(value));
  else text = String(value);
  if (dialect === 'excel' && (typeof value === 'number' || format === 'peers'))
    text = text.replace(/(\d)\.(\d)/g, '$1,$2');
  return text;
}

/** A table as CSV text in `dialect`: a header of the columns' CSV names, then one record per row. */
export function tableCsv<R>(columns: DataColumn<R>[], rows: R[], dialect: CsvDialect): string {
  const records = rows.map((row) => columns.map((c) => csvCell(c.format, c.value(row), dialect)));
  return stringify([columns.map((c) => c.csv), ...records], options(dialect));
}

/** One of the tables a municipality's own file is made of. */
export interface PartTable<R = any> {
  // eslint-disable-line @typescript-eslint/no-explicit-any -- rows differ per table
  /** Its name in the `tabell` column: `effektivitet`, `historik`, `malmquist`. */
  tabell: string;
  columns: DataColumn<R>[];
  rows: R[];
}

/**
 * Several tables in one file: the union of their columns (in order of first appearance) with
 * `tabell` after the first two, each row filled in the columns its own table has and empty in
 * the others. A column added to a table's declaration appears here too.
 */
export function combinedCsv(parts: PartTable[], dialect: CsvDialect): string {
  const union: string[] = [];
  for (const part of parts) for (const c of part.columns) if (!union.includes(c.csv)) union.push(c.csv);
  const header = [...union.slice(0, 2), 'tabell', ...union.slice(2)];
  const records = parts.flatMap((part) => {
    const byName = new Map(part.columns.map((c) => [c.csv, c]));
    return part.rows.map((row) =>
      header.map((name) => {
        if (name === 'tabell') return part.tabell;
        const c = byName.get(name);
        return c ? csvCell(c.format, c.value(row), dialect) : '';
      }),
    );
  });
  return stringify([header, ...records], options(dialect));
}

function options(dialect: CsvDialect) {
  return dialect === 'excel'
    ? { delimiter: ';', record_delimiter: 'windows' as const, bom: true }
    : { delimiter: ',', record_delimiter: 'unix' as const };
}
