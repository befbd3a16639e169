/**
 * The analyst's check names why the top and bottom ten are there (issue 20, docs/method.md §4.1):
 * the area furthest from its median, that area's net cost against the reference cost, the areas
 * counted at the median. Pinned on the shipped data; fails when the section is removed.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runAnalysis } from '../../../pipeline/analyse/run-analysis.ts';
import { costDeviations } from '../../../pipeline/analyse/cost-deviations.ts';
import { EXTREMES, formatValidationCheck, validationCheck } from '../../../pipeline/analyse/validation-table.ts';
import { loadMunicipalities } from '../../../pipeline/load/index.ts';

const DATA = fileURLToPath(new URL('../../../data', import.meta.url));
const result = await runAnalysis(DATA);
const municipalities = await loadMunicipalities(`${DATA}/kommuner.csv`);
const check = validationCheck(
  result.table,
  municipalities,
  new Set(),
  result.screening,
  await costDeviations(DATA, result.ar),
);

describe("the analyst's check: the ends of the ranking and their main driver", () => {
  it('lists the top and bottom ten in rank order, each with a driver', () => {
    expect(check.extremes!.top.map((x) => x.rank)).toEqual([...Array(EXTREMES).keys()].map((i) => i + 1));
    expect(check.extremes!.bottom.map((x) => x.rank)).toEqual(
      [...Array(EXTREMES).keys()].map((i) => result.table.length - EXTREMES + 1 + i),
    );
    for (const x of [...check.extremes!.top, ...check.extremes!.bottom]) expect(x.driver).not.toBe('');
  });

  it("names the mining towns' cost above the reference cost and their gymnasieskola run by others", () => {
    const bottom = new Map(check.extremes!.bottom.map((x) => [x.kommun, x.driver]));
    // Gällivare: äldreomsorg 25.5 % above its reference cost; Kiruna: grundskola 19.4 % above.
    expect(bottom.get('Gällivare')).toMatch(
      /^aldreomsorg [\d.]+ % against a median of [\d.]+ %, net cost \+25\.5 % against the reference cost \(N20900\)/,
    );
    expect(bottom.get('Kiruna')).toMatch(
      /^grundskola [\d.]+ % .*net cost \+19\.4 % against the reference cost \(N15001\)/,
    );
    for (const kommun of ['Gällivare', 'Kiruna'])
      expect(bottom.get(kommun)).toMatch(/gymnasieskola at the median \(ej_egen_regi\)/);
  });

  it('prints the section in the terminal check', () => {
    const text = formatValidationCheck(check, 290);
    expect(text).toMatch(/Top and bottom ten, main driver/);
    expect(text).toMatch(/\n +\d+ {2}Gällivare +aldreomsorg /);
  });
});
