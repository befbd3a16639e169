import { DataError } from '../../errors.ts';

/** One parsed CSV record; the header is the record on line 1. */
export interface CsvRecord {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

/**
 * csv-parse options shared by the streaming and the in-memory reader. Line numbers are counted
 * by `RecordLines` rather than with csv-parse's `info` option, which triples parse time and
 * miscounts CRLF files; so empty lines are kept (as `['']`) and counted there.
 */
export function csvParseOptions(delimiter: string) {
  return {
    delimiter,
    bom: true,
    trim: true,
    skip_empty_lines: false,
    relax_column_count: true,
    // Without this a stray quote inside an unquoted field ("12"a) aborts the whole file.
    relax_quotes: true,
  } as const;
}

/**
 * Assigns physical line numbers to raw csv-parse records (input has CRLF normalised to LF, so
 * each record spans 1 + its embedded `\n` lines), drops empty lines, and checks that every
 * record has as many fields as the header.
 */
export class RecordLines {
  private line = 1;
  private width?: number;

  constructor(private readonly file: string) {}

  /** The located record, or undefined for an empty line. */
  next(fields: string[]): CsvRecord | undefined {
    const line = this.line;
    for (const field of fields) for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) this.line++;
    this.line++;
    if (fields.length === 1 && fields[0] === '') return undefined;
    this.width ??= fields.length;
    if (fields.length !== this.width) {
      throw new DataError(
        { file: this.file, line },
        `Cannot read the row: it has ${fields.length} fields; expected ${this.width} like the header. Check for an unquoted delimiter inside a value`,
      );
    }
    return { line, fields };
  }
}
