import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../../pipeline/cli/commands/analyse.ts';
import { summarise } from '../../../pipeline/analyse/summarise.ts';
import { formatValidationCheck, validationCheck } from '../../../pipeline/analyse/validation-table.ts';
import type { AreaEfficiency, EfficiencyRow, Municipality } from '../../../pipeline/load/index.ts';

/**
 * An area as the bootstrap prints it: the bias-corrected θ (always below 1) beside the DEA θ,
 * which is 1 on the estimated frontier. `proxy`: an indicator-only area without a kronor potential.
 */
const area = (
  theta: number | null,
  cost: number,
  options: { dea?: number; unadjusted?: number; ojamforbar?: boolean; proxy?: boolean; flagga?: string } = {},
): AreaEfficiency =>
  theta === null
    ? { effektivitet: null, kostnadKr: null, potentialKr: null, jamforelse: [], saknas: 'ej_egen_regi' }
    : {
        effektivitet: theta,
        kostnadKr: cost,
        potentialKr: options.proxy || options.ojamforbar ? null : (1 - theta) * cost,
        jamforelse: [],
        effektivitetDea: options.dea ?? theta,
        effektivitetOjusterad: options.unadjusted ?? options.dea ?? theta,
        ojamforbar: options.ojamforbar ?? false,
        flagga: options.flagga ?? (options.ojamforbar ? 'egen_referens' : null),
      };

const rows: EfficiencyRow[] = [
  {
    kommunkod: '0114',
    ar: 2022,
    effektivitet: 0.9,
    rang: 1,
    potentialKr: 0,
    rangOjusterad: 2,
    areas: {
      grundskola: area(0.96, 1e9, { dea: 1, unadjusted: 0.8, ojamforbar: true }),
      gymnasieskola: area(null, 0),
      aldreomsorg: area(0.8, 1e9, { dea: 0.85, flagga: 'litet_underlag' }),
      bibliotek: area(0.5, 1e8, { proxy: true }),
    },
  },
  {
    kommunkod: '0115',
    ar: 2022,
    effektivitet: 0.8,
    rang: 2,
    potentialKr: 0,
    rangOjusterad: 1,
    areas: {
      grundskola: area(0.9, 2e9, { dea: 0.95, unadjusted: 0.9 }),
      gymnasieskola: area(0.7, 5e8, { dea: 0.75 }),
      aldreomsorg: area(0.97, 1e9, { dea: 1 }),
      bibliotek: area(null, 0),
    },
  },
];
for (const r of rows) r.potentialKr = Object.values(r.areas).reduce((s, a) => s + (a.potentialKr ?? 0), 0);
const municipalities = [
  { kommunkod: '0114', kommun: 'Upplands Väsby', invanare: 50_000 },
  { kommunkod: '0115', kommun: 'Vallentuna', invanare: 30_000 },
] as Municipality[];

describe('national summary', () => {
  const s = summarise(rows, municipalities, 2022, { proxyAreas: new Set(['bibliotek']) });

  it('counts units on the DEA frontier (θ_DEA = 1), not printed scores of 1, and keeps the indicator area apart', () => {
    // Potential: grundskola 0.2e9 (0114 has none: no comparable municipality), gymnasieskola 1.5e8, äldreomsorg 2e8 + 0.3e8.
    expect(s.potentialKr).toBeCloseTo(2e8 + 1.5e8 + 2e8 + 0.3e8, 0);
    expect(s.potentialUtanProxyKr).toBeCloseTo(s.potentialKr, 0);
    expect(s.perArea.grundskola).toMatchObject({ units: 2, deaEfficientUnits: 1, ojamforbaraUnits: 1, proxy: false });
    expect(s.perArea.aldreomsorg.deaEfficientUnits).toBe(1);
    expect(s.perArea.grundskola.kostnadMedPotentialKr).toBe(2e9);
    expect(s.perArea.grundskola.meanReduction).toBeCloseTo(0.07, 12);
    expect(s.perArea.grundskola.meanReductionDea).toBeCloseTo(0.025, 12);
    expect(s.perArea.grundskola.meanReductionOjusterad).toBeCloseTo(0.15, 12);
    expect(s.perArea.bibliotek).toMatchObject({ proxy: true, potentialKr: 0 });
    expect(s.bottom.map((u) => u.kommun)).toEqual(['Upplands Väsby', 'Vallentuna']);
  });

  it('prints what the figures are: no upper bound for an area without a potential, the DEA frontier count, the notes of each rank', () => {
    const text = formatSummary(s, 'out.csv');
    expect(text).toMatch(
      /Potential \(bias-corrected, as printed\): 0\.6 bn SEK of 5\.5 bn SEK cost in grundskola, gymnasieskola, aldreomsorg \(10\.5 %\)\s+\[2025 study: 85\.0–91\.0 bn SEK\]/,
    );
    expect(text).toContain(
      '  bibliotek: an indicator only, no kronor potential (its cost base, 0.1 bn SEK, is all culture',
    );
    // units 2, DEA=1 1 (the printed 96 % is bias-corrected), no comp 1, potential 0.2 bn of the 2 bn with a potential (10 %).
    expect(text).toMatch(/^grundskola\s+2\s+1\s+1\s+0\.2 bn SEK\s+10\.0 %\s+7\.0 %\s+2\.5 %\s+15\.0 %\s+24\.0 %/m);
    expect(text).toMatch(/^bibliotek\*\s+1\s+0\s+0\s+–\s+–\s+50\.0 %/m);
    expect(text).toContain('DEA=1: on the estimated frontier before bias correction (θ_DEA = 1');
    expect(text).toContain('* indicator only: no kronor potential');
    expect(text).toContain(
      '  1  0114  Upplands Väsby        90.0 %   unadjusted rank   2   grundskola at the median: egen_referens; gymnasieskola at the median: ej_egen_regi; aldreomsorg: litet_underlag',
    );
    // The stale wording of before the merges is gone.
    expect(text).not.toMatch(/upper bound|efficient\s+no peer|proxy cost base, upper bound|about 91\.0 bn SEK/);
  });
});

describe("analyst's check", () => {
  const check = validationCheck(rows, municipalities, new Set());

  it('sets the printed potential beside the DEA and the unadjusted potential of the same areas, and the study', () => {
    expect(check.potentialKr).toBeCloseTo(5.8e8, 0);
    expect(check.potentialByArea.bibliotek).toBeNull();
    // DEA: grundskola 0.05 × 2e9, gymnasieskola 0.25 × 5e8, äldreomsorg 0.15 × 1e9 (0114's grundskola has none).
    expect(check.potentialDeaKr).toBeCloseTo(1e8 + 1.25e8 + 1.5e8, 0);
    // Unadjusted: every scored unit of the areas with a potential, 0114's grundskola included.
    expect(check.potentialOjusteradKr).toBeCloseTo(0.2e9 + 0.1 * 2e9 + 0.25 * 5e8 + 0.15 * 1e9, 0);
    const text = formatValidationCheck(check, 2);
    expect(text).toContain("Analyst's check (docs/method.md §6b)");
    expect(text).toContain('before bias correction 0.4 bn SEK, without the structure adjustment 0.7 bn SEK');
    expect(text).toContain('the structure adjustment accounts for 0.3 bn SEK');
    expect(text).toContain('bibliotek none (indicator only)');
    expect(text).toMatch(
      /Median-filled: 2 of the 2 ranked municipalities have an area counted at the area's national median/,
    );
    // Cost-share weights (of 5.6 bn SEK): 0114 has grundskola (no comparable municipality) and gymnasieskola
    // at the median, 3.5 / 5.6 = 62.5 %; 0115 bibliotek, 0.1 / 5.6 = 1.8 %; their mean 32.1 %.
    expect(text).toContain('it fills 32.1 % of their composite weight on average, at most 62.5 % (Upplands Väsby)');
    expect(text).toContain(
      '  of them with 50 000 inhabitants or more (bibliotek not listed):\n  Upplands Väsby: grundskola: egen_referens, gymnasieskola: ej_egen_regi',
    );
    expect(text).not.toContain('no library potential explain the gap');
  });
});
