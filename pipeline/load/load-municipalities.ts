import type { Municipality } from './types.ts';
import type { CsvRecord } from './csv/csv-record.ts';
import { CsvTable } from './csv/csv-table.ts';
import { readCsvFile } from './csv/read-csv-file.ts';
import { checkKommunkod } from './check-kommunkod.ts';

/** Columns of data/kommuner.csv (DESIGN.md "Municipality master data"). */
export const MUNICIPALITY_COLUMNS = [
  'kommunkod',
  'kommun',
  'lanskod',
  'lan',
  'kommungrupp_kod',
  'kommungrupp',
  'invanare',
  'ar',
] as const;

export interface LoadMunicipalitiesOptions {
  /** Number of municipalities the file must hold (default 290; `null` for test fixtures). */
  expectedCount?: number | null;
}

/**
 * Reads and validates the municipality master data: required columns, unique 4-digit codes
 * (a code that lost its leading zero gets its own message), SKR group codes, population > 0,
 * and 290 rows. Every problem is collected and thrown together as `DataErrors`.
 */
export async function loadMunicipalities(
  file: string,
  options: LoadMunicipalitiesOptions = {},
): Promise<Municipality[]> {
  const expectedCount = options.expectedCount === undefined ? 290 : options.expectedCount;
  let table: CsvTable | undefined;
  const rows: Municipality[] = [];
  const seen = new Map<string, number>();
  for await (const record of readCsvFile(file)) {
    if (!table) {
      table = CsvTable.fromHeader(file, record, MUNICIPALITY_COLUMNS);
      continue;
    }
    const row = readRow(table, record, seen);
    if (row) rows.push(row);
  }
  table = table ?? CsvTable.fromHeader(file, undefined, MUNICIPALITY_COLUMNS);
  if (rows.length === 0 && table.errors.length === 0)
    table.fail(1, undefined, 'the file has a header but no rows; expected one row per municipality');
  else if (expectedCount !== null && seen.size !== expectedCount) {
    table.fail(1, undefined, `the file lists ${seen.size} municipalities; expected ${expectedCount}`);
  }
  table.throwIfAny();
  return rows;
}

function readRow(table: CsvTable, record: CsvRecord, seen: Map<string, number>): Municipality | undefined {
  const errorsBefore = table.errors.length;
  const kommunkod = checkKommunkod(table, record, 'kommunkod', seen);
  const kommun = table.text(record, 'kommun');
  if (!kommun) table.fail(record, 'kommun', 'expected a municipality name, got an empty cell');
  const lanskod = table.text(record, 'lanskod');
  if (!/^\d{2}$/.test(lanskod))
    table.fail(record, 'lanskod', `expected a 2-digit county code such as \`01\`, got \`${lanskod}\``);
  const kommungruppKod = table.text(record, 'kommungrupp_kod');
  if (!/^[ABC][1-9]$/.test(kommungruppKod)) {
    table.fail(record, 'kommungrupp_kod', `expected an SKR 2023 group code A1 … C9, got \`${kommungruppKod}\``);
  }
  const invanare = table.number(record, 'invanare', { min: 0, exclusive: true, integer: true });
  const ar = table.number(record, 'ar', { min: 1900, max: 2100, integer: true });
  if (table.errors.length > errorsBefore || kommunkod === undefined) return undefined;
  return {
    kommunkod,
    kommun,
    lanskod,
    lan: table.text(record, 'lan'),
    kommungruppKod,
    kommungrupp: table.text(record, 'kommungrupp'),
    invanare: invanare!,
    ar: ar!,
  };
}
