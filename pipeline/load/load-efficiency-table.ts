import type { EfficiencyRow, Municipality, UnrankedRow } from './types.ts';
import { EfficiencyTableReader } from './efficiency-table-reader.ts';
import { parseCsvText } from './csv/parse-csv-text.ts';
import { readCsvFile } from './csv/read-csv-file.ts';

/**
 * Parses an efficiency table (the interchange format, or its Swedish Excel variant) from text
 * and validates it against the master data. Throws `DataError`/`DataErrors` listing every problem.
 */
export function parseEfficiencyTable(text: string, file: string, municipalities: Municipality[]): EfficiencyRow[] {
  const reader = new EfficiencyTableReader(file, municipalities);
  for (const record of parseCsvText(text, file)) reader.push(record);
  return reader.finish();
}

/** Streams and validates an efficiency table file; see `parseEfficiencyTable`. */
export async function loadEfficiencyTable(file: string, municipalities: Municipality[]): Promise<EfficiencyRow[]> {
  const reader = new EfficiencyTableReader(file, municipalities);
  for await (const record of readCsvFile(file)) reader.push(record);
  return reader.finish();
}

/** The ranked rows and the unranked ones (no scored area) of an efficiency table file; see `parseEfficiencyTable`. */
export async function loadEfficiencyTableWithUnranked(
  file: string,
  municipalities: Municipality[],
): Promise<{ rows: EfficiencyRow[]; unranked: UnrankedRow[] }> {
  const reader = new EfficiencyTableReader(file, municipalities);
  for await (const record of readCsvFile(file)) reader.push(record);
  return reader.finishTable();
}

/** `parseEfficiencyTable` with the unranked rows (no scored area) beside the ranked ones. */
export function parseEfficiencyTableWithUnranked(
  text: string,
  file: string,
  municipalities: Municipality[],
): { rows: EfficiencyRow[]; unranked: UnrankedRow[] } {
  const reader = new EfficiencyTableReader(file, municipalities);
  for (const record of parseCsvText(text, file)) reader.push(record);
  return reader.finishTable();
}
