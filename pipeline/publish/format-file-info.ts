/** Swedish labels for a download link: size and date. Pure. */
import { formatNumber } from '../format/index.ts';

const NBSP = '\u00a0';

/**
 * `PDF, 312 kB` / `PDF, 1,4 MB`. Decimal units (1 kB = 1000 bytes), as Swedish public
 * websites and the Språkrådet recommendation use them.
 */
export function formatFileSize(bytes: number, kind = 'PDF'): string {
  if (bytes < 1000) return `${kind}, ${formatNumber(bytes)}${NBSP}byte`;
  if (bytes < 999_500) return `${kind}, ${formatNumber(Math.round(bytes / 1000))}${NBSP}kB`;
  return `${kind}, ${formatNumber(bytes / 1e6, 1)}${NBSP}MB`;
}

const dateFormat = new Intl.DateTimeFormat('sv-SE', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Stockholm',
});
const isoDate = new Intl.DateTimeFormat('sv-SE', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: 'Europe/Stockholm',
});

/** `12 mars 2025` and `2025-03-12` (Swedish time) for an ISO timestamp. */
export function formatDate(iso: string): { text: string; iso: string } {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { text: iso, iso };
  return { text: dateFormat.format(date), iso: isoDate.format(date) };
}
