/** A small, made-up edition (five municipalities in two groups) for model and compose tests. */
import type { KeyFigure, KeyFigureTable } from '../../pipeline/analyse/types.ts';
import {
  AREAS,
  type Area,
  type AreaEfficiency,
  type EfficiencyRow,
  type KoladaSeries,
  type Municipality,
} from '../../pipeline/load/types.ts';
import { buildModelContext, type ModelInput } from '../../pipeline/model/index.ts';

const THEMES = [
  { id: 'karnuppdraget', titel: 'Fokus på kärnuppdraget' },
  { id: 'kultur', titel: 'Kultur' },
  { id: 'langsiktighet', titel: 'Långsiktighet' },
  { id: 'budgetprocessen', titel: 'Budgetprocessen' },
  { id: 'jamforelser-och-samverkan', titel: 'Jämförelser' },
  { id: 'digitalisering', titel: 'Digitalisering' },
  { id: 'upphandling', titel: 'Upphandling' },
];

type Spec = [code: string, name: string, group: string, population: number, efficiency: number[], rank: number];

const SPECS: Spec[] = [
  ['0001', 'Alfa', 'A2', 40_000, [1, 0.95, 1, 0.9], 1],
  ['0002', 'Beta', 'A2', 12_000, [0.8, 0.7, 0.85, 0.6], 4],
  ['0003', 'Gamma', 'A2', 60_000, [0.9, 0.9, 0.95, 0.8], 2],
  ['0004', 'Delta', 'C8', 5_000, [0.7, 0.6, 0.75, 0.5], 5],
  ['0005', 'Epsilon', 'C8', 8_000, [0.85, 0.8, 0.9, 0.7], 3],
];

const GROUP_NAMES: Record<string, string> = { A2: 'Pendlingskommun nära storstad', C8: 'Landsbygdskommun' };

/**
 * Overrides for hostile-content tests, e.g. a municipality name with markup. `intervals` fills
 * the bootstrap and unadjusted fields of the efficiency-table contract as the bootstrap would:
 * rank interval the rank itself (Delta: 1–5, the whole country), θ interval θ − 0.05 … min(θ + 0.02, 1),
 * unadjusted θ − 0.04 (Beta: θ), and Alfa's äldreomsorg "ojämförbar".
 */
export function fixtureInput(overrides: { name?: Record<string, string>; intervals?: boolean } = {}): ModelInput {
  const municipalities: Municipality[] = SPECS.map(([kommunkod, name, group, invanare]) => ({
    kommunkod,
    kommun: overrides.name?.[kommunkod] ?? name,
    lanskod: '01',
    lan: 'Testlän',
    kommungruppKod: group,
    kommungrupp: GROUP_NAMES[group]!,
    invanare,
    ar: 2022,
  }));
  const table: EfficiencyRow[] = SPECS.map(([kommunkod, , , population, effs, rang]) => {
    const areas = {} as Record<Area, AreaEfficiency>;
    AREAS.forEach((area, i) => {
      const cost = population * 10_000 * (i + 1);
      const eff = kommunkod === '0004' && area === 'gymnasieskola' ? null : effs[i]!;
      areas[area] = {
        effektivitet: eff,
        kostnadKr: eff === null ? null : cost,
        potentialKr: eff === null ? null : (1 - eff) * cost,
        jamforelse:
          eff !== null && eff < 1
            ? [
                { kommunkod: '0001', weight: 0.7 },
                { kommunkod: '0003', weight: 0.3 },
              ]
            : [],
      };
    });
    const cost = AREAS.reduce((s, a) => s + (areas[a].kostnadKr ?? 0), 0);
    const potentialKr = AREAS.reduce((s, a) => s + (areas[a].potentialKr ?? 0), 0);
    const row: EfficiencyRow = { kommunkod, ar: 2022, effektivitet: 1 - potentialKr / cost, rang, potentialKr, areas };
    if (overrides.intervals) withIntervals(row, SPECS.length);
    return row;
  });
  const keyFigures: KeyFigureTable = new Map(
    SPECS.map(([code, , , population]) => [
      code,
      Object.fromEntries(
        AREAS.map((area) => [
          area,
          [figure('N15027', 'Kostnad per elev', 'kr/elev', 'input', false, 90_000 + population / 10)],
        ]),
      ),
    ]),
  );
  const series: KoladaSeries = new Map([
    ['N00901', new Map(SPECS.map(([code], i) => [code, new Map([[2022, 19 + i * 0.5]])]))],
    [
      'N03067',
      new Map(
        SPECS.map(([code], i) => [
          code,
          new Map([
            [2022, 60_000 + i * 2_000],
            [2018, 50_000 + i * 500],
          ]),
        ]),
      ),
    ],
    ['N01951', new Map(SPECS.map(([code, , , pop]) => [code, new Map([[2022, pop]])]))],
    ['N01957', new Map(SPECS.map(([code, , , pop], i) => [code, new Map([[2022, pop * (0.04 + i * 0.01)]])]))],
    ['N15001', new Map(SPECS.map(([code], i) => [code, new Map([[2022, -4 + i * 3]])]))],
  ]);
  return { municipalities, table, keyFigures, series, themes: THEMES };
}

function withIntervals(row: EfficiencyRow, n: number): void {
  const wide = row.kommunkod === '0004';
  row.rangLag = wide ? 1 : row.rang;
  row.rangHog = wide ? n : row.rang;
  row.effektivitetLag = row.effektivitet - 0.05;
  row.effektivitetHog = Math.min(1, row.effektivitet + 0.02);
  row.effektivitetOjusterad = row.kommunkod === '0002' ? row.effektivitet : row.effektivitet - 0.04;
  row.rangOjusterad = row.rang;
  for (const area of AREAS) {
    const a = row.areas[area];
    if (a.effektivitet === null) continue;
    a.effektivitetLag = a.effektivitet - 0.05;
    a.effektivitetHog = Math.min(1, a.effektivitet + 0.02);
    a.effektivitetBc = a.effektivitet - 0.01;
    a.effektivitetOjusterad = a.effektivitet - 0.04;
    a.ojamforbar = row.kommunkod === '0001' && area === 'aldreomsorg';
  }
}

function figure(
  kpi: string,
  title: string,
  unit: string,
  role: KeyFigure['role'],
  higherIsBetter: boolean,
  value: number,
): KeyFigure {
  return { kpi, title, unit, role, higherIsBetter, value, year: 2022 };
}

export function fixtureContext(overrides?: Parameters<typeof fixtureInput>[0]) {
  return buildModelContext(fixtureInput(overrides));
}
