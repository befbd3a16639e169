import { describe, expect, it } from 'vitest';
import { loadKoladaSeries, parseNumber, readCsvFile } from '../../../pipeline/load/index.ts';
import { fixture, rejection } from './fixture-path.ts';

describe('loadKoladaSeries', () => {
  it('keeps only municipalities and skips empty values', async () => {
    const series = await loadKoladaSeries(fixture('kolada-small'), ['N01951']);
    const n = series.get('N01951')!;
    expect([...n.keys()]).toEqual(['0114', '0180']);
    expect(n.get('0114')).toEqual(
      new Map([
        [2021, 48000],
        [2022, 49262],
      ]),
    );
  });

  it('names the file, line and column of a bad value', async () => {
    const file = `${fixture('kolada-bad-value')}/ddf--datapoints--n01951--by--geo--year.csv`;
    expect(await rejection(loadKoladaSeries(fixture('kolada-bad-value'), ['N01951']))).toBe(
      `${file} line 3, column \`n01951\`: expected a number, got \`abc\``,
    );
  });

  it('says which KPI file is missing', async () => {
    const file = `${fixture('kolada-small')}/ddf--datapoints--n99999--by--geo--year.csv`;
    expect(await rejection(loadKoladaSeries(fixture('kolada-small'), ['N99999']))).toBe(
      `${file}: Cannot find Kolada KPI N99999: the file does not exist; expected ddf--datapoints--n99999--by--geo--year.csv in the Kolada folder`,
    );
  });
});

describe('readCsvFile', () => {
  it('refuses a file over the size limit before reading it', async () => {
    const file = fixture('three-municipalities/kommuner.csv');
    const read = async () => {
      for await (const _ of readCsvFile(file, { maxBytes: 100 })) void _;
    };
    expect(await rejection(read())).toBe(`${file}: Cannot read the file: it is 0 MB; expected at most 0 MB`);
  });
});

describe('parseNumber', () => {
  it.each([
    ['12', 12],
    ['-3.5', -3.5],
    ['3,5', 3.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234\u00a0567', 1234567],
    ['\u22122', -2],
    ['1e3', 1000],
  ])('reads %j', (raw, value) => expect(parseNumber(raw)).toBe(value));

  it.each(['', 'NaN', 'Infinity', '-Infinity', '1e400', 'abc', '1,234.5', '12 34', '0x10', '1.2.3'])(
    'rejects %j',
    (raw) => expect(parseNumber(raw)).toBeUndefined(),
  );
});
