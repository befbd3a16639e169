import { describe, expect, it } from 'vitest';
import { areaProblem, buildAreaData, parseModel } from '../../../pipeline/analyse/index.ts';
import type { KoladaSeries } from '../../../pipeline/load/index.ts';
import { numberedMunicipalities } from '../../helpers/municipalities.ts';
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
  const municipalities = numberedMunicipalities(n);
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
      for (const { kommunkod } of municipalities)
        expect(included.has(kommunkod) !== data.leftOut.has(kommunkod)).toBe(true);
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
        if (usable) expect(reason).toBe('liten_volym');
        if (!complete)
          expect(reason).toMatch(/^(kostnad_saknas|volym_saknas|resultat_saknas|struktur_saknas|liten_volym)$/);
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

  for (let seed = 1; seed <= 10; seed++) {
    const { municipalities, series } = world(80, seed);
    const listwise = buildAreaData(MODEL, municipalities, series, 2022);
    const data = buildAreaData(MODEL, municipalities, series, 2022, { partial: true });
    const get = (kpi: string, code: string) => series.get(kpi)!.get(code)?.get(2022);

    it(`seed ${seed}: no listwise deletion (dea-spec §10): a missing output counts 0, a missing structure figure leaves the unit out of the others' reference sets, both labelled`, () => {
      // Every unit the listwise rule keeps is kept, with the same figures.
      for (const code of listwise.ids) expect(data.ids).toContain(code);
      expect(data.ids.length).toBeGreaterThan(listwise.ids.length);
      data.ids.forEach((code, j) => {
        const notes = data.notes.get(code) ?? [];
        // The cost is never filled in: it is the input and the cost base.
        expect(data.inputs[j]).toEqual([get('N17007', code)]);
        ['N17467', 'N17479'].forEach((kpi, k) => {
          const value = get(kpi, code);
          expect(data.outputs[j]![k]).toBe(value ?? 0);
          expect(notes.includes(`${kpi}=utan`)).toBe(value === undefined);
        });
        const missingStructure = get('N17831', code) === undefined || get('N17001', code) === undefined;
        expect(data.incomplete[j]).toBe(missingStructure);
        if (get('N17831', code) === undefined) {
          expect(notes).toContain('N17831=utan');
          // The most favourable value of the area: its own constraint never binds.
          expect(data.nonDiscretionary[j]![0]).toBe(Math.max(...data.nonDiscretionary.map((z) => z[0]!)));
        }
      });
      const problem = areaProblem(MODEL, data, true);
      // The exclusion indicator is the last structure column.
      data.ids.forEach((_, j) => expect(problem.nonDiscretionary![j]![2]).toBe(data.incomplete[j] ? 1 : 0));
    });
  }

  it("takes a missing figure from the unit's own earlier year, labelled, but never the cost", () => {
    const { municipalities, series } = world(30, 7);
    const code = municipalities[0]!.kommunkod;
    for (const kpi of KPIS) series.get(kpi)!.set(code, new Map([[2020, 50]]));
    series.get('N17007')!.get(code)!.set(2022, 9e4);
    series.get('N17820')!.get(code)!.set(2020, 500);
    const data = buildAreaData(MODEL, municipalities, series, 2022, { partial: true, fallbackYears: 2 });
    expect(data.notes.get(code)).toEqual(['N17820=2020', 'N17467=2020', 'N17479=2020', 'N17831=2020', 'N17001=2020']);
    expect(data.outputs[data.ids.indexOf(code)]).toEqual([50, 50]);
    series.get('N17007')!.get(code)!.delete(2022);
    expect(
      buildAreaData(MODEL, municipalities, series, 2022, { partial: true, fallbackYears: 2 }).leftOut.get(code),
    ).toBe('kostnad_saknas');
    // One year back only: 2020 is out of reach.
    series.get('N17007')!.get(code)!.set(2022, 9e4);
    expect(
      buildAreaData(MODEL, municipalities, series, 2022, { partial: true, fallbackYears: 1 }).leftOut.get(code),
    ).toBe('volym_saknas');
  });
});
