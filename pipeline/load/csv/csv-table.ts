import { distance } from 'fastest-levenshtein';
import { DataError, DataErrors } from '../../errors.ts';
import type { CsvRecord } from './csv-record.ts';
import { parseNumber } from './parse-number.ts';

/** Rules for a numeric cell. */
export interface NumberRule {
  /** Allowed minimum; `exclusive` makes it a strict bound. */
  min?: number;
  exclusive?: boolean;
  max?: number;
  integer?: boolean;
  /** Empty cell → `null` instead of an error. */
  optional?: boolean;
}

/**
 * Column lookup and cell checks for one CSV file. Problems are collected, not thrown, so a user
 * sees every bad cell at once (`throwIfAny`).
 */
export class CsvTable {
  readonly errors: DataError[] = [];
  private constructor(
    readonly file: string,
    readonly columns: Map<string, number>,
  ) {}

  /**
   * Reads the header record and checks that every `required` column exists. Throws a
   * `DataError` for an empty file and `DataErrors` listing every missing column.
   */
  static fromHeader(file: string, header: CsvRecord | undefined, required: readonly string[]): CsvTable {
    if (!header || header.fields.every((f) => f === '')) {
      throw new DataError(
        { file },
        `Cannot read the file: it is empty; expected a header line with the columns ${list(required)}`,
      );
    }
    const columns = new Map<string, number>();
    const errors: DataError[] = [];
    header.fields.forEach((name, index) => {
      if (columns.has(name))
        errors.push(
          new DataError(
            { file, line: 1, column: name },
            'the column appears twice in the header; expected unique column names',
          ),
        );
      else columns.set(name, index);
    });
    for (const name of required) {
      if (columns.has(name)) continue;
      const near = header.fields.filter((f) => distance(f.toLowerCase(), name) <= 2);
      const guess = near.length ? ` (did you mean ${list(near)}?)` : '';
      errors.push(
        new DataError(
          { file, line: 1, column: name },
          `Cannot find the column in the header${guess}; expected the columns ${list(required)}, found ${list(header.fields)}`,
        ),
      );
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new DataErrors(file, errors);
    return new CsvTable(file, columns);
  }

  has(column: string): boolean {
    return this.columns.has(column);
  }

  /** The trimmed text of a cell ('' when the column is absent). */
  text(record: CsvRecord, column: string): string {
    const index = this.columns.get(column);
    return index === undefined ? '' : (record.fields[index] ?? '');
  }

  /** Records a problem with a cell. */
  fail(record: CsvRecord | number, column: string | undefined, message: string): void {
    const line = typeof record === 'number' ? record : record.line;
    this.errors.push(new DataError({ file: this.file, line, column }, message));
  }

  /** A numeric cell, or undefined (and a recorded error) when it breaks `rule`. */
  number(record: CsvRecord, column: string, rule: NumberRule = {}): number | null | undefined {
    const raw = this.text(record, column);
    if (raw === '' && rule.optional) return null;
    const value = parseNumber(raw);
    const expected = describe(rule);
    const bad =
      value === undefined ||
      (rule.integer && !Number.isInteger(value)) ||
      (rule.min !== undefined && (rule.exclusive ? value <= rule.min : value < rule.min)) ||
      (rule.max !== undefined && value > rule.max);
    if (bad) {
      this.fail(record, column, `expected ${expected}, got ${raw === '' ? 'an empty cell' : `\`${raw}\``}`);
      return undefined;
    }
    return value;
  }

  /** Throws the collected problems: one `DataError` alone, several as `DataErrors`. */
  throwIfAny(): void {
    if (this.errors.length === 1) throw this.errors[0];
    if (this.errors.length > 1) throw new DataErrors(this.file, this.errors);
  }
}

function describe(rule: NumberRule): string {
  const parts = [rule.integer ? 'an integer' : 'a number'];
  if (rule.min !== undefined && rule.max !== undefined)
    parts.push(`${rule.exclusive ? '>' : '≥'} ${rule.min} and ≤ ${rule.max}`);
  else if (rule.min !== undefined) parts.push(`${rule.exclusive ? '>' : '≥'} ${rule.min}`);
  else if (rule.max !== undefined) parts.push(`≤ ${rule.max}`);
  return parts.join(' ');
}

/** `a`, `b`, `c` */
export function list(names: readonly string[]): string {
  return names.map((n) => `\`${n}\``).join(', ');
}
