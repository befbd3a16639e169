import { describe, expect, it } from 'vitest';
import { municipality } from '../../helpers/municipalities.ts';
import { analyse, areaMedians } from '../../../pipeline/analyse/index.ts';
import { AREAS, scoredUnits } from '../../../pipeline/load/index.ts';
import type { KoladaSeries, Municipality } from '../../../pipeline/load/index.ts';
import { twoAreaModel } from '../../helpers/two-area-model.ts';

const MODEL = twoAreaModel();

const CODES = ['0114', '0115', '0117', '0120'];
const municipalities: Municipality[] = CODES.map((kommunkod) => ({
  ...municipality(kommunkod),
  kommun: `K${kommunkod}`,
  invanare: 10000,
}));

/** cost per pupil, merit, pupils, culture kr/inv, loans/inv (undefined = missing). */
const DATA: Record<string, [number, number, number, number, number | undefined]> = {
  '0114': [100000, 220, 1000, 1000, 5],
  '0115': [120000, 230, 2000, 1200, 5],
  '0117': [150000, 220, 1000, 800, 4],
  '0120': [110000, 200, 500, 900, undefined],
};

function series(): KoladaSeries {
  const s: KoladaSeries = new Map();
  const put = (kpi: string, code: string, value: number | undefined) => {
    if (value === undefined) return;
    if (!s.has(kpi)) s.set(kpi, new Map());
    s.get(kpi)!.set(code, new Map([[2022, value]]));
  };
  for (const [code, [cost, merit, pupils, culture, loans]] of Object.entries(DATA)) {
    put('N15027', code, cost);
    put('N15507', code, merit);
    put('N15835', code, pupils);
    put('N09022', code, culture);
    put('N09801', code, loans);
    put('N01951', code, 10000);
  }
  return s;
}

describe('analyse', async () => {
  const result = await analyse({ municipalities, series: series(), model: MODEL });
  const row = (code: string) => result.table.find((r) => r.kommunkod === code)!;

  it('scores each area, with potential = (1 − θ) × cost and peers summing to 1', () => {
    // 0117 spends 150 000 for merit 220; 0114 gets 220 for 100 000 → θ = 2/3 under VRS.
    const g = row('0117').areas.grundskola;
    expect(g.effektivitet).toBeCloseTo(2 / 3, 9);
    expect(g.kostnadKr).toBe(150000 * 1000);
    expect(g.potentialKr).toBeCloseTo(50000 * 1000, 3);
    expect(g.jamforelse).toEqual([{ kommunkod: '0114', weight: expect.closeTo(1, 9) }]);
    expect(row('0114').areas.grundskola).toMatchObject({ effektivitet: 1, potentialKr: 0, jamforelse: [] });
  });

  it('leaves a municipality out of an area without data and reports it', () => {
    // Its only output is missing: no score, with the reason code (docs/method.md §2.8).
    expect(row('0120').areas.bibliotek).toEqual({
      effektivitet: null,
      kostnadKr: null,
      potentialKr: null,
      jamforelse: [],
      saknas: 'resultat_saknas',
    });
    expect(result.messages).toEqual([
      'bibliotek: 1 municipalities left out (resultat_saknas): 0120',
      "1 municipalities have too little comparable weight to be ranked (own comparable scores < 33 % of their areas' weight; their areas are kept, a short report): 0115",
    ]);
  });

  it('leaves a municipality unranked, with its areas, when too little of its weight is comparable', () => {
    // 0115 has the highest merit: no one reaches it, so grundskola has no comparable municipality,
    // and bibliotek alone carries far less than a third of the weight.
    expect(result.table.map((r) => r.kommunkod)).not.toContain('0115');
    const thin = result.unranked!.find((u) => u.kommunkod === '0115')!;
    expect(thin.areas!.grundskola).toMatchObject({ ojamforbar: true });
    expect(thin.areas!.bibliotek.effektivitet).not.toBeNull();
  });

  it('forms the composite with fixed national cost-share weights, a missing area at its median, and ranks 1…n', () => {
    const w = result.summary.weights;
    const cost = (area: 'grundskola' | 'bibliotek') =>
      scoredUnits(result.table, result.unranked).reduce((s, u) => s + (u.areas[area].kostnadKr ?? 0), 0);
    expect(w.grundskola).toBeCloseTo(cost('grundskola') / (cost('grundskola') + cost('bibliotek')), 12);
    expect(w.gymnasieskola).toBe(0);
    // An area without a comparable municipality counts like a missing one (dea-spec §11).
    const has = (r: Pick<(typeof result.table)[number], 'areas'>, a: (typeof AREAS)[number]) =>
      r.areas[a].effektivitet !== null && !r.areas[a].ojamforbar;
    // The medians over every scored unit, the unranked one too.
    const scored = scoredUnits(result.table, result.unranked);
    const medians = areaMedians(
      scored.map((r) => Object.fromEntries(AREAS.flatMap((a) => (has(r, a) ? [[a, r.areas[a].effektivitet!]] : [])))),
    );
    for (const r of result.table) {
      const expected = AREAS.reduce(
        (s, a) => s + w[a] * (has(r, a) ? r.areas[a].effektivitet! : w[a] > 0 ? medians[a] : 0),
        0,
      );
      expect(r.effektivitet).toBeCloseTo(expected, 12);
      // The potential counts only areas the municipality has (never an imputed one).
      expect(r.potentialKr).toBeCloseTo(
        AREAS.reduce((s, a) => s + (r.areas[a].potentialKr ?? 0), 0),
        3,
      );
    }
    expect(row('0120').potentialKr).toBeCloseTo(row('0120').areas.grundskola.potentialKr!, 3);
    expect(result.table.map((r) => r.rang)).toEqual([1, 2, 3]);
    const sorted = [...result.table].sort((a, b) => b.effektivitet - a.effektivitet);
    expect(sorted.map((r) => r.kommunkod)).toEqual(result.table.map((r) => r.kommunkod));
  });

  it('exposes the DEA problems it solved, for the bootstrap', () => {
    const g = result.problems!.grundskola!;
    expect({ ...g.adjusted, nonDiscretionary: undefined }).toEqual({
      area: 'grundskola',
      rts: 'vrs',
      ids: CODES,
      inputs: CODES.map((c) => [DATA[c]![0]]),
      outputs: CODES.map((c) => [DATA[c]![1]]),
      costs: CODES.map((c) => DATA[c]![0] * DATA[c]![2]),
      nonDiscretionary: undefined,
    });
    // No structure variables: the only structure column is the screening's exclusion indicator (area-data.ts).
    const out = new Set(Object.values(result.screening!.grundskola!).flat());
    if (g.adjusted.nonDiscretionary)
      expect(g.adjusted.nonDiscretionary).toEqual(CODES.map((c) => [out.has(c) ? 1 : 0]));
    else expect(out.size).toBe(0);
    expect(g.unadjusted).toEqual(g.adjusted);
    expect(result.problems!.bibliotek!.adjusted.ids).toEqual(['0114', '0115', '0117']);
  });

  it('summarises the nation and lists key figures per area', () => {
    expect(result.summary.perArea.grundskola.units).toBe(4);
    expect(result.summary.perArea.bibliotek.units).toBe(3);
    expect(result.summary.potentialKr).toBeCloseTo(
      result.table.reduce((s, r) => s + r.potentialKr, 0),
      3,
    );
    expect(result.summary.top[0]).toMatchObject({ rang: 1, kommun: `K${result.table[0]!.kommunkod}` });
    expect(result.keyFigures.get('0120')!.bibliotek).toEqual([
      { kpi: 'N09022', title: 'Kultur', unit: 'kr/inv', role: 'input', higherIsBetter: false, value: 900, year: 2022 },
      { kpi: 'N09801', title: 'Lån', unit: 'lån/inv', role: 'output', higherIsBetter: true, value: null, year: 2022 },
    ]);
  });
});
