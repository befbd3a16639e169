import { describe, expect, it } from 'vitest';
import { ifRangeAllows, parseRange } from '../../../pipeline/serve/parse-range.ts';

describe('parseRange', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-50', { start: 950, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    ['BYTES = 1 - 2', { start: 1, end: 2 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=0-9,20-29', undefined],
    ['bytes=9-1', undefined],
    ['pages=1-2', undefined],
    ['bytes=-', undefined],
    ['bytes=abc', undefined],
    [undefined, undefined],
  ])('%s of 1000 bytes → %j', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe('ifRangeAllows', () => {
  const mtime = new Date('2026-11-30T12:00:00Z');
  it('accepts the current strong ETag or the exact date, nothing else', () => {
    expect(ifRangeAllows(undefined, '"a"', mtime)).toBe(true);
    expect(ifRangeAllows('"a"', '"a"', mtime)).toBe(true);
    expect(ifRangeAllows('"b"', '"a"', mtime)).toBe(false);
    expect(ifRangeAllows('W/"a"', '"a"', mtime)).toBe(false);
    expect(ifRangeAllows(mtime.toUTCString(), '"a"', mtime)).toBe(true);
    expect(ifRangeAllows(new Date(mtime.getTime() - 5000).toUTCString(), '"a"', mtime)).toBe(false);
  });
});
