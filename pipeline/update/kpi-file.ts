/**
 * The DDF files the loaders read (`data/kolada/ddf--datapoints--<kpi>--by--geo--year.csv`,
 * columns `geo,year,<kpi>`), read as lines and merged so that rows of years not fetched stay
 * byte for byte as they were.
 */
import { DataError } from '../errors.ts';

export interface KpiFileRow {
  geo: string;
  year: number;
  /** The value cell as written ('' = missing). */
  cell: string;
  /** The line as it was in the file (without its line ending), or undefined for a new row. */
  line?: string;
}

export interface KpiFile {
  header: string;
  eol: '\n' | '\r\n';
  rows: KpiFileRow[];
}

/** Parses a DDF file's text; `file` and `kpi` are for messages. */
export function parseKpiFile(text: string, file: string, kpi: string): KpiFile {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const header = lines[0] ?? '';
  const expected = `geo,year,${kpi.toLowerCase()}`;
  if (header.replace(/^\uFEFF/, '') !== expected)
    throw new DataError({ file, line: 1 }, `header is \`${header}\`; expected \`${expected}\``);
  const rows = lines.slice(1).map((line, i) => {
    const [geo = '', year = '', cell = ''] = line.split(',');
    if (!/^\d+$/.test(geo) || !/^\d{4}$/.test(year))
      throw new DataError(
        { file, line: i + 2 },
        `expected \`geo,year,value\` with a numeric geo code and a 4-digit year, got \`${line}\``,
      );
    return { geo, year: Number(year), cell, line };
  });
  return { header, eol, rows };
}

/** A new, empty file for `kpi`. */
export function emptyKpiFile(kpi: string): KpiFile {
  return { header: `geo,year,${kpi.toLowerCase()}`, eol: '\r\n', rows: [] };
}

/** Municipality values per year and code, as the loaders read them (missing cells skipped). */
export function kpiFileValues(file: KpiFile): Map<number, Map<string, number>> {
  const byYear = new Map<number, Map<string, number>>();
  for (const row of file.rows) {
    if (!/^\d{4}$/.test(row.geo) || row.cell === '') continue;
    const value = Number(row.cell);
    if (!Number.isFinite(value)) continue;
    if (!byYear.has(row.year)) byYear.set(row.year, new Map());
    byYear.get(row.year)!.set(row.geo, value);
  }
  return byYear;
}

/**
 * `file` with the municipality values of the `replace` years swapped for the fetched ones, in
 * place: a revised value replaces its line where it stands, an unchanged one keeps its line, a
 * value Kolada no longer has loses its line, and values new to the file follow the last row of
 * their year (by geo code). Rows of other years and region/Riket rows (which the loaders skip
 * and the update does not fetch) are untouched, so re-fetching a year Kolada did not revise
 * leaves the file byte for byte, whatever order the dump wrote it in.
 */
export function mergeKpiFile(file: KpiFile, replace: Map<number, Map<string, number>>): KpiFile {
  const rows: KpiFileRow[] = [];
  const seen = new Set<string>();
  for (const row of file.rows) {
    const fresh = replace.get(row.year);
    if (!fresh || !/^\d{4}$/.test(row.geo)) {
      rows.push(row);
      continue;
    }
    seen.add(`${row.year},${row.geo}`);
    const value = fresh.get(row.geo);
    if (value === undefined) continue;
    rows.push(
      row.cell !== '' && Number(row.cell) === value ? row : { geo: row.geo, year: row.year, cell: formatValue(value) },
    );
  }
  for (const year of [...replace.keys()].sort((a, b) => a - b)) {
    const added = [...replace.get(year)!]
      .filter(([geo]) => !seen.has(`${year},${geo}`))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([geo, value]) => ({ geo, year, cell: formatValue(value) }));
    let at = rows.length;
    while (at > 0 && rows[at - 1]!.year > year) at -= 1;
    rows.splice(at, 0, ...added);
  }
  return { ...file, rows };
}

/** The file's text. */
export function serializeKpiFile(file: KpiFile): string {
  return (
    [file.header, ...file.rows.map((row) => row.line ?? `${row.geo},${row.year},${row.cell}`)].join(file.eol) + file.eol
  );
}

/** Numbers as Kolada sends them, without exponent notation for the sizes Kolada has. */
function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
}
