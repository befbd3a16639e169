import { DataError } from '../../errors.ts';

/** Turns a csv-parse `CsvError` into a located `DataError`; other errors pass through. */
export function toCsvDataError(file: string, error: unknown): unknown {
  if (
    !(error instanceof Error) ||
    !('code' in error) ||
    typeof error.code !== 'string' ||
    !error.code.startsWith('CSV_')
  ) {
    return error;
  }
  const e = error as Error & { code: string; lines?: number };
  const location = { file, line: e.lines };
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new DataError(location, 'Cannot read the row: a quoted field is never closed; expected a matching `"`', {
        cause: error,
      });
    default:
      return new DataError(location, `Cannot parse the CSV: ${e.message}`, { cause: error });
  }
}
