import { describe, expect, it } from 'vitest';
import { loadMunicipalities } from '../../../pipeline/load/index.ts';
import { DataError, DataErrors } from '../../../pipeline/errors.ts';
import { fixture, rejection } from './fixture-path.ts';

const load = (scenario: string) => loadMunicipalities(fixture(`${scenario}/kommuner.csv`), { expectedCount: null });

describe('loadMunicipalities', () => {
  it('reads the master data with 4-digit codes as strings', async () => {
    const rows = await load('three-municipalities');
    expect(rows[0]).toEqual({
      kommunkod: '0114',
      kommun: 'Upplands Väsby',
      lanskod: '01',
      lan: 'Stockholms län',
      kommungruppKod: 'A2',
      kommungrupp: 'Pendlingskommun nära storstad',
      invanare: 49262,
      ar: 2022,
    });
    expect(rows.map((r) => r.kommunkod)).toEqual(['0114', '0180', '2584']);
  });

  it('accepts the Swedish Excel form: BOM, `;`, CRLF, decimal comma, quoted newline', async () => {
    const rows = await load('csv-swedish-excel');
    expect(rows.map((r) => [r.kommunkod, r.kommun, r.invanare])).toEqual([
      ['0114', 'Upplands Väsby', 49262],
      ['0180', 'Stock\nholm', 984748],
      ['2584', 'Kiruna', 22423],
    ]);
  });

  it('decodes a Windows-1252 file', async () => {
    const rows = await load('csv-windows-1252');
    expect(rows.map((r) => r.kommun)).toEqual(['Upplands Väsby', 'Stockholm', 'Kiruna']);
    expect(rows[0]!.lan).toBe('Stockholms län');
  });

  it('requires 290 municipalities by default', async () => {
    const file = fixture('three-municipalities/kommuner.csv');
    expect(await rejection(loadMunicipalities(file))).toBe(
      `${file} line 1: the file lists 3 municipalities; expected 290`,
    );
  });

  it('names a renamed column and suggests the right one', async () => {
    const file = fixture('csv-missing-column/kommuner.csv');
    const error = await load('csv-missing-column').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toBe(
      `${file} line 1, column \`kommunkod\`: Cannot find the column in the header (did you mean \`kommun_kod\`?); expected the columns \`kommunkod\`, \`kommun\`, \`lanskod\`, \`lan\`, \`kommungrupp_kod\`, \`kommungrupp\`, \`invanare\`, \`ar\`, found \`kommun_kod\`, \`kommun\`, \`lanskod\`, \`lan\`, \`kommungrupp_kod\`, \`kommungrupp\`, \`invanare\`, \`ar\``,
    );
  });

  it('reports a duplicate kommunkod with both lines', async () => {
    const file = fixture('csv-duplicate-kommunkod/kommuner.csv');
    expect(await rejection(load('csv-duplicate-kommunkod'))).toBe(
      `${file} line 4, column \`kommunkod\`: kommunkod \`0114\` appears twice (first on line 2); expected each municipality once`,
    );
  });

  it('explains a kommunkod that lost its leading zero', async () => {
    const file = fixture('csv-lost-leading-zero/kommuner.csv');
    expect(await rejection(load('csv-lost-leading-zero'))).toBe(
      `${file} line 2, column \`kommunkod\`: kommunkod \`114\` has lost its leading zero; expected a 4-digit string such as \`0114\` (format the column as text in Excel)`,
    );
  });

  it('lists every non-numeric, NaN, negative and infinite population at once', async () => {
    const file = fixture('csv-bad-numbers/kommuner.csv');
    const error = await load('csv-bad-numbers').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataErrors);
    expect((error as DataErrors).errors.map((e) => e.message)).toEqual([
      `${file} line 2, column \`invanare\`: expected an integer > 0, got \`n/a\``,
      `${file} line 3, column \`invanare\`: expected an integer > 0, got \`NaN\``,
      `${file} line 4, column \`invanare\`: expected an integer > 0, got \`-5\``,
      `${file} line 5, column \`invanare\`: expected an integer > 0, got \`Infinity\``,
    ]);
    expect((error as Error).message.split('\n')[0]).toBe(`${file}: 4 problem(s)`);
  });

  it('refuses an empty file', async () => {
    const file = fixture('csv-empty/kommuner.csv');
    expect(await rejection(load('csv-empty'))).toBe(
      `${file}: Cannot read the file: it is empty; expected a header line with the columns \`kommunkod\`, \`kommun\`, \`lanskod\`, \`lan\`, \`kommungrupp_kod\`, \`kommungrupp\`, \`invanare\`, \`ar\``,
    );
  });

  it('refuses a header without rows', async () => {
    const file = fixture('csv-header-only/kommuner.csv');
    expect(await rejection(load('csv-header-only'))).toBe(
      `${file} line 1: the file has a header but no rows; expected one row per municipality`,
    );
  });

  it('refuses binary garbage', async () => {
    const file = fixture('csv-binary/kommuner.csv');
    expect(await rejection(load('csv-binary'))).toBe(
      `${file}: Cannot read the file: found a NUL byte at byte 5; expected CSV text`,
    );
  });

  it('refuses a file that does not exist', async () => {
    expect(await rejection(loadMunicipalities('nowhere/kommuner.csv'))).toBe(
      'nowhere/kommuner.csv: Cannot read the file: it does not exist or is not readable; expected a CSV file',
    );
  });
});
