import { parse } from 'csv-parse/sync';
import type { CsvRecord } from './csv-record.ts';
import { RecordLines, csvParseOptions } from './csv-record.ts';
import { detectDelimiter } from './sniff-text.ts';
import { toCsvDataError } from './csv-error.ts';
import { DataError } from '../../errors.ts';

/**
 * Parses CSV text already in memory (the pure twin of `readCsvFile`): `;`/`,`/tab detected from
 * the header, BOM stripped, CRLF accepted, quoted newlines kept. The first record is the header.
 */
export function parseCsvText(text: string, file: string): CsvRecord[] {
  if (text.includes('\u0000')) {
    throw new DataError(
      { file },
      `Cannot read the file: it contains a NUL byte at character ${text.indexOf('\u0000')}; expected CSV text`,
    );
  }
  const normalised = text.replace(/\r\n?/g, '\n');
  let rows: string[][];
  try {
    rows = parse(normalised, csvParseOptions(detectDelimiter(normalised.replace(/^\ufeff/, '')))) as string[][];
  } catch (error) {
    throw toCsvDataError(file, error);
  }
  const lines = new RecordLines(file);
  return rows.map((fields) => lines.next(fields)).filter((r): r is CsvRecord => r !== undefined);
}
