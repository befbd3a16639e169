/**
 * Issue 7: bad input files through the public loaders. Every message names the file, the
 * line, the column (or model key), the value and what was expected. Cases the load and
 * analyse tests already cover (NaN, lost leading zeros, duplicates, renamed columns, empty and
 * binary files, Windows-1252) are not repeated here.
 */
import { describe, expect, it } from 'vitest';
import { loadModel, runAnalysis } from '../../../pipeline/analyse/index.ts';
import { DataError, DataErrors } from '../../../pipeline/errors.ts';
import { loadEfficiencyTable, loadKoladaSeries, loadMunicipalities } from '../../../pipeline/load/index.ts';
import { fixture } from '../load/fixture-path.ts';
import { municipality } from '../../helpers/municipalities.ts';

const MUNICIPALITIES = ['0114', '0115', '0180'].map(municipality);

/** Every message of what `promise` rejects with (one per problem). */
async function problems(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DataErrors) return error.errors.map((e) => e.message);
    expect(error).toBeInstanceOf(DataError);
    return [(error as Error).message];
  }
  throw new Error('expected a rejection');
}

describe('efficiency table (loadEfficiencyTable)', () => {
  it('reports Infinity, -Infinity, 1e400, out-of-range efficiency and potential above cost, each located', async () => {
    const file = fixture('bad-efficiency/effektivitet.csv');
    expect(await problems(loadEfficiencyTable(file, MUNICIPALITIES))).toEqual([
      `${file} line 2, column \`effektivitet\`: expected a number > 0 and ≤ 1, got \`Infinity\``,
      `${file} line 3, column \`potential_kr\`: expected a number ≥ 0, got \`-Infinity\``,
      `${file} line 3, column \`effektivitet_grundskola\`: expected a number > 0 and ≤ 1, got \`1e400\``,
      `${file} line 4, column \`effektivitet_grundskola\`: expected a number > 0 and ≤ 1, got \`1.5\``,
      `${file} line 4, column \`potential_grundskola_kr\`: potential \`250\` exceeds the cost \`100\`; expected 0 ≤ potential ≤ cost`,
    ]);
  });

  it('refuses a file with a header and no rows', async () => {
    const file = fixture('bad-efficiency/header-only.csv');
    expect(await problems(loadEfficiencyTable(file, MUNICIPALITIES))).toEqual([
      `${file} line 1: the file has a header but no rows; expected one row per municipality`,
    ]);
  });
});

describe('master data (loadMunicipalities)', () => {
  it('reports a quoted field that is never closed, with its line', async () => {
    const file = fixture('bad-kommuner-quote/kommuner.csv');
    expect(await problems(loadMunicipalities(file, { expectedCount: null }))).toEqual([
      `${file} line 3: Cannot read the row: a quoted field is never closed; expected a matching \`"\``,
    ]);
  });

  it('reports an empty name, a 1-digit county code, an unknown group code and a year out of range', async () => {
    const file = fixture('bad-kommuner-fields/kommuner.csv');
    const shown = await problems(loadMunicipalities(file, { expectedCount: null }));
    expect(shown).toEqual([
      `${file} line 2, column \`kommun\`: expected a municipality name, got an empty cell`,
      `${file} line 2, column \`lanskod\`: expected a 2-digit county code such as \`01\`, got \`1\``,
      `${file} line 3, column \`kommungrupp_kod\`: expected an SKR 2023 group code A1 … C9, got \`D1\``,
      `${file} line 3, column \`ar\`: expected an integer ≥ 1900 and ≤ 2100, got \`1850\``,
    ]);
  });
});

describe('Kolada files (loadKoladaSeries)', () => {
  it('accepts a file with only a header as a KPI without values', async () => {
    const series = await loadKoladaSeries(fixture('bad-kolada-header-only'), ['N01951']);
    expect(series.get('N01951')?.size).toBe(0);
  });

  it('names a missing `geo` column', async () => {
    const file = `${fixture('bad-kolada-missing-geo')}/ddf--datapoints--n01951--by--geo--year.csv`;
    expect((await problems(loadKoladaSeries(fixture('bad-kolada-missing-geo'), ['N01951'])))[0]).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 1, column \`geo\`: Cannot find the column in the header`,
      ),
    );
  });

  it('reports infinite values and years out of range, and ignores regions', async () => {
    const file = `${fixture('bad-kolada-values')}/ddf--datapoints--n01951--by--geo--year.csv`;
    expect(await problems(loadKoladaSeries(fixture('bad-kolada-values'), ['N01951']))).toEqual([
      `${file} line 2, column \`n01951\`: expected a number, got \`Infinity\``,
      `${file} line 3, column \`year\`: expected an integer ≥ 1900 and ≤ 2100, got \`1850\``,
      `${file} line 4, column \`n01951\`: expected a number, got \`-1e400\``,
    ]);
  });
});

describe('model file (loadModel, runAnalysis)', () => {
  it('reports wrong types and missing keys with the line of the nearest key', async () => {
    const file = fixture('bad-model-types/modell.yaml');
    expect(await problems(loadModel(file))).toEqual([
      `${file} line 1: key \`year\`: expected \`latest\` or a year, got "2022"`,
      `${file} line 5: key \`areas.grundskola.cost.volume\`: expected a list of one or more KPI ids`,
      `${file} line 5: key \`areas.grundskola.cost.title\`: expected a non-empty text, got nothing (the key is missing)`,
      `${file} line 5: key \`areas.grundskola.cost.perUnit\`: expected a Kolada KPI id such as N15027, got nothing (the key is missing)`,
      `${file} line 5: key \`areas.grundskola.cost.proxy\`: expected true or false, got nothing (the key is missing)`,
      `${file} line 6: key \`areas.grundskola.inputs.0.higherIsBetter\`: expected true or false, got "no"`,
      `${file} line 12: key \`areas.bibliotek.cost.volume\`: expected a list of one or more KPI ids`,
      `${file} line 10: key \`areas.bibliotek.inputs\`: expected a list of one or more variables with kpi, title, unit and higherIsBetter`,
    ]);
  });

  it('reports a KPI that has no Kolada file at the model line that names it', async () => {
    const dir = fixture('bad-model-unknown-kpi');
    expect(await problems(runAnalysis(dir))).toEqual([
      `${dir}/modell.yaml line 8: unknown KPI \`N19999\`: the Kolada folder has no file for it; expected ${dir}/kolada/ddf--datapoints--n19999--by--geo--year.csv`,
    ]);
  });
});
