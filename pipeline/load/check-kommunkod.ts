import type { CsvRecord } from './csv/csv-record.ts';
import type { CsvTable } from './csv/csv-table.ts';

/**
 * Checks a kommunkod cell: a 4-digit string, not seen before in the file. A 1–3 digit code gets
 * its own message because Excel drops the leading zero (`0114` → `114`) when it opens a CSV.
 * Returns the code, or undefined after recording the problem.
 */
export function checkKommunkod(
  table: CsvTable,
  record: CsvRecord,
  column: string,
  seen: Map<string, number>,
): string | undefined {
  const code = table.text(record, column);
  if (/^\d{1,3}$/.test(code)) {
    table.fail(
      record,
      column,
      `kommunkod \`${code}\` has lost its leading zero; expected a 4-digit string such as \`${code.padStart(4, '0')}\` (format the column as text in Excel)`,
    );
    return undefined;
  }
  if (!/^\d{4}$/.test(code)) {
    table.fail(
      record,
      column,
      `expected a 4-digit kommunkod such as \`0114\`, got ${code === '' ? 'an empty cell' : `\`${code}\``}`,
    );
    return undefined;
  }
  const first = seen.get(code);
  if (first !== undefined) {
    table.fail(
      record,
      column,
      `kommunkod \`${code}\` appears twice (first on line ${first}); expected each municipality once`,
    );
    return undefined;
  }
  seen.set(code, record.line);
  return code;
}
