import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../../pipeline/cli/commands/analyse.ts';
import { summarise } from '../../../pipeline/analyse/summarise.ts';
import type { AreaEfficiency, EfficiencyRow, Municipality } from '../../../pipeline/load/index.ts';

const area = (theta: number | null, cost: number, unadjusted = theta, ojamforbar = false): AreaEfficiency =>
  theta === null
    ? { effektivitet: null, kostnadKr: null, potentialKr: null, jamforelse: [] }
    : {
        effektivitet: theta,
        kostnadKr: cost,
        potentialKr: (1 - theta) * cost,
        jamforelse: [],
        effektivitetOjusterad: unadjusted,
        ojamforbar,
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
      grundskola: area(1, 1e9, 0.8, true),
      gymnasieskola: area(null, 0),
      aldreomsorg: area(0.8, 1e9),
      bibliotek: area(0.5, 1e8),
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
      grundskola: area(0.9, 2e9),
      gymnasieskola: area(0.7, 5e8),
      aldreomsorg: area(0.9, 1e9),
      bibliotek: area(null, 0),
    },
  },
];
for (const r of rows) r.potentialKr = Object.values(r.areas).reduce((s, a) => s + (a.potentialKr ?? 0), 0);
const municipalities = [
  { kommunkod: '0114', kommun: 'Upplands Väsby' },
  { kommunkod: '0115', kommun: 'Vallentuna' },
] as Municipality[];

describe('national summary', () => {
  const s = summarise(rows, municipalities, 2022, { proxyAreas: new Set(['bibliotek']) });

  it('keeps the proxy area apart and reports adjusted and unadjusted reductions', () => {
    expect(s.potentialKr).toBeCloseTo(1e8 * 0.5 + 2e8 + 1.5e8 + 2e8 + 1e8, 0);
    expect(s.potentialUtanProxyKr).toBeCloseTo(s.potentialKr - 0.5e8, 0);
    expect(s.perArea.grundskola).toMatchObject({ units: 2, efficientUnits: 1, ojamforbaraUnits: 1, proxy: false });
    expect(s.perArea.grundskola.meanReduction).toBeCloseTo(0.05, 12);
    expect(s.perArea.grundskola.meanReductionOjusterad).toBeCloseTo(0.15, 12);
    expect(s.perArea.bibliotek.proxy).toBe(true);
    expect(s.bottom.map((u) => u.kommun)).toEqual(['Upplands Väsby', 'Vallentuna']);
  });

  it('prints the national figures beside the 2025 study', () => {
    const text = formatSummary(s, 'out.csv');
    expect(text).toMatch(/Potential, all areas: 0\.7 bn SEK of 5\.6 bn SEK cost .*\[2025 study: about 91\.0 bn SEK\]/);
    expect(text).toMatch(/without bibliotek \(proxy cost base, upper bound\): 0\.7 bn SEK/);
    expect(text).toMatch(/^grundskola\s+2\s+1\s+1\s+0\.2 bn SEK\s+6\.7 %\s+5\.0 %\s+15\.0 %\s+24\.0 %/m);
    expect(text).toMatch(/^bibliotek\*/m);
    expect(text).toContain('  1  0114  Upplands Väsby        90.0 %   unadjusted rank 2');
  });
});
