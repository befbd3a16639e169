/** One parsed CSV record; the header is the record on line 1. */
export interface CsvRecord {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

/** How a file was read. */
export interface CsvFormat {
  encoding: 'utf-8' | 'windows-1252';
  delimiter: string;
}

/** csv-parse options shared by the streaming and the in-memory reader. */
export function csvParseOptions(delimiter: string) {
  return {
    delimiter,
    bom: true,
    info: true,
    skip_empty_lines: true,
    trim: true,
    // Without this a stray quote inside an unquoted field ("12"a) aborts the whole file.
    relax_quotes: true,
  } as const;
}

/**
 * csv-parse reports the line where a record ENDS; a record with quoted newlines started earlier.
 * Input has CRLF normalised to LF, so counting `\n` in the fields is exact.
 */
export function recordStartLine(endLine: number, fields: string[]): number {
  let newlines = 0;
  for (const field of fields) for (const ch of field) if (ch === '\n') newlines++;
  return endLine - newlines;
}
