import { describe, expect, it } from 'vitest';
import { areaProblem, buildAreaData, parseModel } from '../../../pipeline/analyse/index.ts';
import type { KoladaSeries, Municipality } from '../../../pipeline/load/index.ts';
import { rng } from '../../helpers/rng.ts';

const MODEL = parseModel(
  `year: 2022
areas:
  gymnasieskola:
    inputs: [{ kpi: N17007, title: Kostnad per elev, unit: kr/elev, higherIsBetter: false }]
    outputs:
      - { kpi: N17467, title: Examen, unit: "%", higherIsBetter: true }
      - { kpi: N17479, title: Behörighet, unit: "%", higherIsBetter: true }
    structure:
      - { kpi: N17831, title: Föräldrar, unit: "%", higherIsBetter: true, favourable: higher }
      - { kpi: N17001, title: Avvikelse, unit: "%", higherIsBetter: false, transform: reference-cost, favourable: lower }
    cost: { title: Kostnad, perUnit: N17007, volume: [N17820], minVolume: 100, proxy: false }
`,
  'modell.yaml',
).areas[0]!;

const KPIS = ['N17007', 'N17467', 'N17479', 'N17831', 'N17001', 'N17820'] as const;

/** n municipalities with random values; each KPI is missing, zero or tiny now and then. */
function world(n: number, seed: number) {
  const r = rng(seed);
  const municipalities: Municipality[] = Array.from({ length: n }, (_, j) => ({
    kommunkod: String(1000 + j), kommun: `K${j}`, lanskod: '10', lan: 'x', kommungruppKod: 'B3', kommungrupp: 'x', invanare: 1e4, ar: 2022,
  }));
  const series: KoladaSeries = new Map(KPIS.map((k) => [k, new Map()]));
  for (const { kommunkod } of municipalities) {
    const values: Record<(typeof KPIS)[number], number> = {
      N17007: r() < 0.05 ? 0 : 8e4 + 2e5 * r(),
      N17467: r() < 0.05 ? 0 : 100 * r(),
      N17479: r() < 0.05 ? 0 : 100 * r(),
      N17831: 10 + 60 * r(),
      N17001: -20 + 40 * r(),
      N17820: r() < 0.2 ? Math.floor(99 * r()) : 100 + Math.floor(3000 * r()),
    };
    for (const kpi of KPIS) if (r() > 0.05) series.get(kpi)!.set(kommunkod, new Map([[2022, values[kpi]]]));
  }
  return { municipalities, series };
}

describe('buildAreaData rules (property, 20 random worlds of 80 municipalities)', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const { municipalities, series } = world(80, seed);
    const data = buildAreaData(MODEL, municipalities, series, 2022);
    const get = (kpi: string, code: string) => series.get(kpi)!.get(code)?.get(2022);

    it(`seed ${seed}: every municipality is either included or left out with a reason, never both`, () => {
      const included = new Set(data.ids);
      expect(included.size).toBe(data.ids.length);
      for (const { kommunkod } of municipalities) expect(included.has(kommunkod) !== data.leftOut.has(kommunkod)).toBe(true);
    });

    it(`seed ${seed}: an included municipality has every KPI, inputs > 0, a positive output, volume ≥ minVolume; nothing is imputed`, () => {
      data.ids.forEach((code, j) => {
        for (const kpi of KPIS) expect(get(kpi, code)).toBeDefined();
        expect(data.inputs[j]).toEqual([get('N17007', code)]);
        expect(data.outputs[j]).toEqual([get('N17467', code), get('N17479', code)]);
        expect(data.inputs[j]![0]).toBeGreaterThan(0);
        expect(Math.max(...data.outputs[j]!)).toBeGreaterThan(0);
        expect(get('N17820', code)!).toBeGreaterThanOrEqual(100);
        expect(data.costs[j]).toBeCloseTo(get('N17007', code)! * get('N17820', code)!, 6);
        // z oriented "larger = more favourable": parents' education as is, the reference cost negated.
        expect(data.nonDiscretionary[j]![0]).toBe(get('N17831', code));
        expect(data.nonDiscretionary[j]![1]).toBeCloseTo(-get('N17007', code)! / (1 + get('N17001', code)! / 100), 6);
      });
    });

    it(`seed ${seed}: a municipality with complete, usable data is left out only for a small volume`, () => {
      for (const [code, reason] of data.leftOut) {
        const complete = KPIS.every((k) => get(k, code) !== undefined);
        const usable = complete && get('N17007', code)! > 0 && (get('N17467', code)! > 0 || get('N17479', code)! > 0);
        if (usable) expect(reason).toBe('volume N17820 below 100');
        if (!complete) expect(reason).toMatch(/^no 2022 value for N1\d{4}/);
      }
    });
  }

  it('the unadjusted problem has the same units, inputs, outputs and costs and no structure variables', () => {
    const { municipalities, series } = world(40, 99);
    const data = buildAreaData(MODEL, municipalities, series, 2022);
    const adjusted = areaProblem(MODEL, data, true);
    const unadjusted = areaProblem(MODEL, data, false);
    expect(adjusted.nonDiscretionary).toHaveLength(data.ids.length);
    expect(unadjusted.nonDiscretionary).toBeUndefined();
    expect({ ...adjusted, nonDiscretionary: undefined }).toEqual({ ...unadjusted, nonDiscretionary: undefined });
  });
});
