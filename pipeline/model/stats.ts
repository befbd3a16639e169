/** Small statistics helpers used by the model stage (d3-array does the arithmetic). */
import { median as d3median } from 'd3-array';

/** Median of the finite values; NaN when there are none. */
export function median(values: Iterable<number | null | undefined>): number {
  return d3median(Array.from(values).filter((v): v is number => typeof v === 'number' && Number.isFinite(v))) ?? Number.NaN;
}

/** Competition rank (1 = highest) of `value` among `values`: ties share the better rank. */
export function rankDescending(value: number, values: number[]): number {
  return values.filter((v) => v > value + 1e-9).length + 1;
}

/** `Upplands Väsby` → `upplands-vasby`; stable file and URL names. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'kommun';
}
