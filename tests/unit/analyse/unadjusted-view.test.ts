import { describe, expect, it } from 'vitest';
import { analyse, areaMedians, compositeScores, runDea } from '../../../pipeline/analyse/index.ts';
import { AREAS, scoredUnits, type KoladaSeries } from '../../../pipeline/load/index.ts';
import { numberedMunicipalities } from '../../helpers/municipalities.ts';
import { rng } from '../../helpers/rng.ts';
import { twoAreaModel } from '../../helpers/two-area-model.ts';

const MODEL = twoAreaModel({ structure: true });

const municipalities = numberedMunicipalities;

function seriesOf(values: Record<string, Record<string, number | undefined>>): KoladaSeries {
  const s: KoladaSeries = new Map();
  for (const [code, kpis] of Object.entries(values)) {
    for (const [kpi, v] of Object.entries(kpis)) {
      if (v === undefined) continue;
      if (!s.has(kpi)) s.set(kpi, new Map());
      s.get(kpi)!.set(code, new Map([[2022, v]]));
    }
  }
  return s;
}

/** Merit rises with parents' education; cost is noise; some library data missing. */
function world(n: number, seed: number) {
  const r = rng(seed);
  const ms = municipalities(n);
  const values: Record<string, Record<string, number | undefined>> = {};
  for (const { kommunkod } of ms) {
    const parents = 20 + 60 * r();
    values[kommunkod] = {
      N15027: 9e4 + 6e4 * r(),
      N15507: 150 + parents + 60 * r(),
      N15820: parents,
      N15835: 500 + 3000 * r(),
      N09022: 500 + 1500 * r(),
      N09801: r() < 0.15 ? undefined : 2 + 6 * r(),
      N01951: 1e4 + 5e4 * r(),
    };
  }
  return { municipalities: ms, series: seriesOf(values) };
}

describe('the unadjusted view (property, 8 random worlds of 60 municipalities)', async () => {
  for (let seed = 1; seed <= 8; seed++) {
    const input = world(60, seed);
    const result = await analyse({ ...input, model: MODEL });
    // Every unit with a scored area, ranked or not (an unranked one keeps its areas).
    const scored = scoredUnits(result.table, result.unranked);

    it(`seed ${seed}: θ without structure ≤ θ with it; equal in an area without structure variables`, () => {
      for (const r of scored) {
        const g = r.areas.grundskola;
        expect(g.effektivitetOjusterad!).toBeLessThanOrEqual(g.effektivitet! + 1e-9);
        const b = r.areas.bibliotek;
        if (b.effektivitet !== null) {
          expect(b.effektivitetOjusterad).toBe(b.effektivitet);
          // Without structure variables a unit is its own only reference only by the VRS default.
          const d = result.details!.get(r.kommunkod)!.bibliotek!;
          expect(b.ojamforbar).toBe(b.effektivitet === 1 && d.superInfeasible && d.crsUnadjusted! < 1);
        }
      }
    });

    it(`seed ${seed}: the unadjusted θ is an independent DEA without the structure rows`, async () => {
      const p = result.problems!.grundskola!.unadjusted;
      const direct = await runDea(p);
      const byCode = new Map(scored.map((r) => [r.kommunkod, r]));
      direct.forEach((d) =>
        expect(byCode.get(d.id)!.areas.grundskola.effektivitetOjusterad).toBeCloseTo(d.efficient ? 1 : d.efficiency, 9),
      );
    });

    it(`seed ${seed}: 'ojamforbar' ⇔ efficient with structure, super-efficiency infeasible, inefficient without`, () => {
      for (const r of scored) {
        const g = r.areas.grundskola;
        const d = result.details!.get(r.kommunkod)!.grundskola!;
        // …or, efficient without structure only by the VRS default, inefficient under constant returns.
        expect(g.ojamforbar).toBe(
          g.effektivitet === 1 && d.superInfeasible && (g.effektivitetOjusterad! < 1 || d.crsUnadjusted! < 1),
        );
      }
    });

    it(`seed ${seed}: the unadjusted composite uses the same weights and medians rule, and its ranks run 1…n`, () => {
      // Without the structure variables every unit has comparable municipalities: no area is dropped.
      // The ranked units, with the medians over every scored unit.
      const thetasOf = (r: (typeof scored)[number]) =>
        Object.fromEntries(
          AREAS.flatMap((a) => (r.areas[a].effektivitet === null ? [] : [[a, r.areas[a].effektivitetOjusterad!]])),
        );
      const thetas = scored.map(thetasOf);
      const expected = compositeScores(result.table.map(thetasOf), result.summary.weights, areaMedians(thetas));
      result.table.forEach((r, i) => expect(r.effektivitetOjusterad).toBeCloseTo(expected[i]!, 12));
      expect(result.table.map((r) => r.rangOjusterad).sort((a, b) => a! - b!)).toEqual(
        result.table.map((_, i) => i + 1),
      );
      expect(areaMedians(thetas).bibliotek).toBeGreaterThan(0);
    });
  }

  it('flags the unit with the hardest structure and no peer as ojamforbar, not a genuinely efficient one', async () => {
    // A: cheap and good (efficient anyway). B: favourable structure. C: expensive, mediocre, the
    // lowest parents' education of all, so no one is "no better placed": efficient only by BM.
    const values = {
      '1000': { N15027: 90000, N15507: 240, N15820: 60, N15835: 1000, N09022: 1000, N09801: 5, N01951: 1e4 },
      '1001': { N15027: 100000, N15507: 230, N15820: 70, N15835: 1000, N09022: 1000, N09801: 5, N01951: 1e4 },
      '1002': { N15027: 150000, N15507: 200, N15820: 20, N15835: 1000, N09022: 1000, N09801: 5, N01951: 1e4 },
      '1003': { N15027: 120000, N15507: 210, N15820: 40, N15835: 1000, N09022: 1000, N09801: 5, N01951: 1e4 },
    };
    const result = await analyse({ municipalities: municipalities(4), series: seriesOf(values), model: MODEL });
    const scored = scoredUnits(result.table, result.unranked);
    const g = (code: string) => scored.find((r) => r.kommunkod === code)!.areas.grundskola;
    expect(g('1002')).toMatchObject({ effektivitet: 1, ojamforbar: true });
    expect(g('1002').effektivitetOjusterad).toBeCloseTo(0.6, 9);
    expect(g('1000')).toMatchObject({ effektivitet: 1, effektivitetOjusterad: 1, ojamforbar: false });
    // 1003's only comparable references were mixes with 1002; once 1002 is screened out of the
    // others' reference sets (dea-spec §11), 1003 is its own only reference too.
    expect(g('1003')).toMatchObject({ ojamforbar: true, flagga: 'egen_referens' });
    expect(g('1002').flagga).toBe('egen_referens');
    // 1002 has the lowest parents' education of all: extreme in the structure variable itself.
    expect(result.details!.get('1002')!.grundskola!.structureExtreme).toBe(true);
    // Its only comparable area, bibliotek, carries far less than a third of its weight: not ranked
    // (docs/method.md §3), in either view.
    expect(result.table.map((r) => r.kommunkod)).not.toContain('1002');
    expect(result.unranked!.map((u) => u.kommunkod)).toContain('1002');
  });
});
