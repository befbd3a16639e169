import { describe, expect, it } from 'vitest';
import { analyse } from '../../../pipeline/analyse/index.ts';
import { FALLBACK_YEARS } from '../../../pipeline/analyse/area-data.ts';
import {
  runPanel,
  serializeHistory,
  serializeMalmquist,
  type PanelCache,
} from '../../../pipeline/analyse/panel/index.ts';
import type { KoladaSeries, Municipality } from '../../../pipeline/load/index.ts';
import { AREAS } from '../../../pipeline/load/index.ts';
import { twoAreaModel } from '../../helpers/two-area-model.ts';

const MODEL = twoAreaModel({ rts: 'vrs' });

const CODES = ['0114', '0115', '0117', '0120', '0123', '0125'];
const municipalities: Municipality[] = CODES.map((kommunkod, i) => ({
  kommunkod,
  kommun: `K${kommunkod}`,
  lanskod: '01',
  lan: 'Stockholms län',
  kommungruppKod: i < 3 ? 'A2' : 'B3',
  kommungrupp: 'x',
  invanare: 10000,
  ar: 2022,
}));
const YEARS = [2020, 2021, 2022];

/**
 * Cost per pupil grows 3 % a year (inflation); merit and loans vary by unit and year.
 * `improvement` is 0114's real cost factor a year: at 0.98 it stays an ordinary frontier unit,
 * at 0.93 it becomes a super-efficient outlier in 2022 that the screening keeps out of the
 * others' reference sets.
 */
function makeSeries(improvement = 0.98): KoladaSeries {
  const s: KoladaSeries = new Map();
  const put = (kpi: string, code: string, year: number, value: number) => {
    if (!s.has(kpi)) s.set(kpi, new Map());
    if (!s.get(kpi)!.has(code)) s.get(kpi)!.set(code, new Map());
    s.get(kpi)!.get(code)!.set(year, value);
  };
  CODES.forEach((code, i) => {
    YEARS.forEach((year, t) => {
      // 0125 has no data at all in 2020: it must stay missing, not be filled from 2021.
      if (code === '0125' && year === 2020) return;
      const inflation = 1.03 ** t;
      // 0114 improves (cost falls in real terms), 0115 declines (cost rises), the others are flat.
      const trend = code === '0114' ? improvement ** t : code === '0115' ? 1.08 ** t : 1;
      put('N15027', code, year, (100000 + 9000 * i) * inflation * trend);
      put('N15507', code, year, 220 + ((i * 7 + t * 3) % 11));
      put('N15835', code, year, 1000 + 100 * i);
      put('N09022', code, year, (900 + 50 * ((i + t) % 4)) * inflation);
      // No library statistics anywhere in 2021: the area is missing that year.
      if (year !== 2021) put('N09801', code, year, 4 + ((i + 2 * t) % 3));
      put('N01951', code, year, 10000);
    });
  });
  return s;
}

class CountingCache implements PanelCache {
  readonly entries = new Map<string, unknown>();
  sets: string[] = [];
  get(key: string) {
    return this.entries.get(key);
  }
  set(key: string, value: unknown) {
    this.sets.push(key);
    this.entries.set(key, structuredClone(value));
  }
}

describe('runPanel', () => {
  it('gives the latest year exactly the single-year efficiency table, built as the ranking builds it', async () => {
    const series = makeSeries();
    // 0123 has no merit rating for 2022: the ranking takes its own 2021 value (FALLBACK_YEARS);
    // a panel built otherwise would leave 0123 out of grundskola or score it differently.
    series.get('N15507')!.get('0123')!.delete(2022);
    const panel = await runPanel({ municipalities, series, model: MODEL, firstYear: 2020 });
    const single = await analyse({ municipalities, series, model: MODEL, fallbackYears: FALLBACK_YEARS });
    expect(single.table.find((r) => r.kommunkod === '0123')!.areas.grundskola.saknas).toBe('N15507=2021');
    const latest = panel.history.filter((r) => r.ar === 2022);
    expect(latest).toHaveLength(CODES.length);
    for (const row of single.table) {
      const h = latest.find((r) => r.kommunkod === row.kommunkod)!;
      expect(h.effektivitet).toBe(row.effektivitet);
      expect(h.rang).toBe(row.rang);
      expect(h.antal).toBe(single.table.length);
      expect(h.areas.grundskola).toBe(row.areas.grundskola.effektivitet);
      expect(h.areas.bibliotek).toBe(row.areas.bibliotek.effektivitet);
    }
  });

  it("keeps a unit-year the year's screening kept out of the reference sets out of the pooled frontier's too", async () => {
    // 0114 cuts its real cost 7 % a year: in 2022 it is a super-efficient outlier (screened), so it
    // sets no target in the pool, not even for its own 2020, which stays on the pooled frontier.
    const panel = await runPanel({ municipalities, series: makeSeries(0.93), model: MODEL, firstYear: 2020 });
    const single = await analyse({
      municipalities,
      series: makeSeries(0.93),
      model: MODEL,
      fallbackYears: FALLBACK_YEARS,
    });
    expect(single.screening?.grundskola?.superOutlier).toContain('0114');
    const pooled = (ar: number) =>
      panel.history.find((r) => r.kommunkod === '0114' && r.ar === ar)!.gemensam.grundskola;
    expect(pooled(2020)).toBe(1);
    expect(pooled(2022)).toBe(1);
  });

  it('compares only years built from the same areas: an area without a comparable municipality counts in no composite', async () => {
    const panel = await runPanel({ municipalities, series: makeSeries(), model: MODEL, firstYear: 2020 });
    for (const row of panel.history.filter((r) => r.effektivitetGemensam !== null)) {
      const latest = panel.history.find((r) => r.kommunkod === row.kommunkod && r.ar === 2022)!;
      expect(
        latest.omraden.every((a) => row.omraden.includes(a)),
        `${row.kommunkod} ${row.ar}`,
      ).toBe(true);
    }
    // Some unit has an area without a comparable municipality in some year, and that year is not compared.
    const dropped = panel.history.filter((r) => r.omraden.length < AREAS.filter((a) => r.areas[a] !== null).length);
    expect(dropped.length).toBeGreaterThan(0);
  });

  it('leaves a missing year and a missing area missing and says so', async () => {
    const panel = await runPanel({ municipalities, series: makeSeries(), model: MODEL, firstYear: 2020 });
    expect(panel.years).toEqual(YEARS);
    const gap = panel.history.find((r) => r.kommunkod === '0125' && r.ar === 2020)!;
    expect(gap).toMatchObject({ effektivitet: null, rang: null, areas: { grundskola: null, bibliotek: null } });
    expect(panel.history.filter((r) => r.ar === 2021).every((r) => r.areas.bibliotek === null)).toBe(true);
    expect(panel.history.filter((r) => r.ar === 2021).every((r) => r.areas.grundskola !== null)).toBe(true);
    expect(panel.missingAreas).toEqual([
      { ar: 2021, omrade: 'bibliotek', skal: 'Kolada has no 2021 values for N09801' },
    ]);
    expect(
      panel.messages.some((m) => m.includes('2021') && m.includes('bibliotek') && m.includes('not interpolated')),
    ).toBe(true);
    // The CSV writes the gap as empty fields, not as a number.
    const ranked2020 = panel.history.filter((r) => r.ar === 2020 && r.rang !== null).length;
    expect(serializeHistory(panel.history)).toContain(`\n0125,2020,,,${ranked2020},,,,,,,,,,,,,\n`);
    // Correlations that involve 2021 are flagged as not like for like.
    expect(panel.rankCorrelations.map((r) => r.jamforbar)).toEqual([false, false]);
  });

  it('compares the latest year with the first and the previous available year, M = EC × TC on every row', async () => {
    const panel = await runPanel({ municipalities, series: makeSeries(), model: MODEL, firstYear: 2020 });
    for (const r of panel.malmquist) {
      expect(Math.abs(r.malmquist - r.effektivitetsforandring * r.tekniskForandring)).toBeLessThan(1e-12);
      expect(r.tillAr).toBe(2022);
    }
    const pairs = (area: string, code: string) =>
      panel.malmquist
        .filter((r) => r.omrade === area && r.kommunkod === code)
        .map((r) => r.franAr)
        .sort();
    expect(pairs('grundskola', '0114')).toEqual([2020, 2021]);
    // Bibliotek has no 2021: the previous available year is 2020, which is also the first.
    expect(pairs('bibliotek', '0114')).toEqual([2020]);
    // 0125 has no 2020 data: only the previous year, never a comparison with a filled-in 2020.
    expect(pairs('grundskola', '0125')).toEqual([2021]);
    expect(pairs('bibliotek', '0125')).toEqual([]);
    // Inflation is deflated away: the real improver gains, the real decliner loses.
    const m = (code: string) =>
      panel.malmquist.find((r) => r.omrade === 'grundskola' && r.kommunkod === code && r.franAr === 2020)!.malmquist;
    expect(m('0114')).toBeGreaterThan(1);
    expect(m('0115')).toBeLessThan(1);
    // The original columns first; the noise columns added by issue 20 after them.
    expect(serializeMalmquist(panel.malmquist).split('\n')[0]).toBe(
      'kommunkod,omrade,fran_ar,till_ar,malmquist,effektivitetsforandring,teknisk_forandring,malmquist_lag,malmquist_hog,utanfor_brus',
    );
  });

  it('re-runs only the changed year, the years that may borrow a figure from it, and the comparisons that use them', async () => {
    const cache = new CountingCache();
    const first = await runPanel({ municipalities, series: makeSeries(), model: MODEL, firstYear: 2020, cache });
    expect(cache.sets.filter((k) => k.startsWith('year-'))).toHaveLength(3);
    cache.sets = [];
    const again = await runPanel({ municipalities, series: makeSeries(), model: MODEL, firstYear: 2020, cache });
    expect(cache.sets).toEqual([]);
    expect(again.history).toEqual(first.history);
    expect(again.malmquist).toEqual(first.malmquist);
    const changed = makeSeries();
    changed.get('N15507')!.get('0117')!.set(2021, 250);
    await runPanel({ municipalities, series: changed, model: MODEL, firstYear: 2020, cache });
    // 2021 itself and 2022, which may take a missing 2022 figure from 2021 (FALLBACK_YEARS); not 2020.
    expect(cache.sets.filter((k) => k.startsWith('year-'))).toHaveLength(2);
  });

  it('puts unit costs beside the medians and the 1 % path in relative terms', async () => {
    const panel = await runPanel({ municipalities, series: makeSeries(), model: MODEL, firstYear: 2020 });
    const rows = panel.unitCosts.filter((r) => r.kommunkod === '0114' && r.omrade === 'grundskola');
    expect(rows.map((r) => r.ar)).toEqual(YEARS);
    expect(rows[0]!.forandring).toBeNull();
    expect(rows[1]!.forandring).toBeCloseTo(1.03 * 0.98 - 1, 9);
    expect(rows[2]!.ettProcentBana).toBeCloseTo(rows[0]!.relativ * 0.99 ** 2, 12);
    for (const r of rows) expect(r.relativ).toBeCloseTo(r.kostnad / r.rikeMedian, 12);
  });

  it('gives the same panel whether its years run in this thread or in two worker threads', async () => {
    const here = await runPanel({ municipalities, series: makeSeries(), model: MODEL, firstYear: 2020, workers: 1 });
    const threads = await runPanel({ municipalities, series: makeSeries(), model: MODEL, firstYear: 2020, workers: 2 });
    expect(threads).toEqual(here);
  }, 60_000);
});
