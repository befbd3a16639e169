/**
 * `Range: bytes=…` for one file (RFC 9110 §14). Only a single range is served: a multi-range
 * answer (multipart/byteranges) buys PDF viewers nothing, and the RFC lets a server ignore
 * Range and send the whole file, which is what a multi-range or malformed header gets.
 */

/** The byte range to send, `'unsatisfiable'` (416), or undefined (send the whole file). */
export type RangeAnswer = { start: number; end: number } | 'unsatisfiable' | undefined;

/** Parses `header` for a file of `size` bytes; `end` is inclusive. Pure. */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (!header) return undefined;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return undefined; // other units, several ranges, garbage: the whole file
  const [, first, last] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return undefined; // invalid: ignored, per the RFC
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/**
 * Whether `If-Range` allows a partial answer: it must name the current representation (a
 * strong ETag match, or the exact Last-Modified date). Absent: yes.
 */
export function ifRangeAllows(ifRange: string | undefined, etag: string, lastModified: Date): boolean {
  if (ifRange === undefined) return true;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith('W/')) return value === etag;
  const date = Date.parse(value);
  return Number.isFinite(date) && Math.floor(date / 1000) === Math.floor(lastModified.getTime() / 1000);
}
