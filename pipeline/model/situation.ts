/**
 * The municipality's situation in plain figures (issue 21): the values the short theme sections
 * use, the sentences of its own context (extremes, a region, no own upper secondary school),
 * every missing area with its reason, the share of net cost the compared areas cover, the
 * handbook's "enprocentare" for this municipality, and certainty words by interval width.
 * TypeScript picks the sentence and the values; the words are in templates/fraser/sammanfattning.md.
 */
import {
  formatAmount,
  formatAmountRounded,
  formatKr,
  formatNumber,
  formatPercent,
  joinSv,
  roundSignificant,
} from '../format/index.ts';
import { AREA_DEFINITE, AREA_NAMES, AREAS, type Area, type EfficiencyRow, type Municipality } from '../load/types.ts';
import type { ModelContext } from './model-context.ts';
import { hasPhrase, phrase } from './phrases.ts';
import { FORECAST_POINTS, largestGap, MATERIAL_RELATIVE, seriesValue } from './theme-facts.ts';
import { THEME_KPIS } from './theme-kpis.ts';
import type { Fact, FactName, OnePercentView, SituationView } from './types.ts';

/** Municipalities that are a region as well: their net cost includes the region's tasks. */
export const REGION_MUNICIPALITIES = new Set(['0980']);
/** A rank interval at most this share of the country wide is "reasonably certain". */
export const NARROW_RANK_SHARE = 0.1;
/** A rank interval at least this share of the country wide is not a precise rank. */
export const WIDE_RANK_SHARE = 1 / 3;
/** The handbook's yearly efficiency requirement ("enprocentaren"): 1 % of the frame. */
export const ONE_PERCENT = 0.01;
/** Four-year growth of net cost per inhabitant this many procentenheter below the national median is material (as facts.ts GROWTH_POINTS). */
const GROWTH_POINTS = 0.02;

const round = (value: number, step: number) => Math.round(value / step) * step;

/** Values for the short theme sections (`lage.*` in the theme templates). */
export function situation(ctx: ModelContext, m: Municipality, row: EfficiencyRow): SituationView {
  const code = m.kommunkod;
  const groupMedian = (kpi: string) => ctx.shared.groupSeriesMedian(m.kommungruppKod, kpi, ctx.year);
  const nationalMedian = (key: string, of: (c: string) => number | null) => ctx.shared.nationalMedian(key, of);
  const culture = seriesValue(ctx, THEME_KPIS.cultureNetCost, code);
  const forecastYear = [ctx.year, ctx.year - 1, ctx.year - 2].find(
    (y) => seriesValue(ctx, THEME_KPIS.aged80Forecast, code, y) !== null,
  );
  const forecast = forecastYear === undefined ? null : seriesValue(ctx, THEME_KPIS.aged80Forecast, code, forecastYear);
  const forecastMedian =
    forecastYear === undefined
      ? Number.NaN
      : nationalMedian(`forecast:${forecastYear}`, (c) => seriesValue(ctx, THEME_KPIS.aged80Forecast, c, forecastYear));
  const growth = (c: string) => {
    const a = seriesValue(ctx, THEME_KPIS.netCostProper, c, ctx.year - 4);
    const b = seriesValue(ctx, THEME_KPIS.netCostProper, c, ctx.year);
    return a && b ? b / a - 1 : null;
  };
  const ownGrowth = growth(code);
  const home = seriesValue(ctx, THEME_KPIS.homeCareCost, code);
  const homeMedian = groupMedian(THEME_KPIS.homeCareCost);
  const residential = seriesValue(ctx, THEME_KPIS.residentialCareCost, code);
  const residentialMedian = groupMedian(THEME_KPIS.residentialCareCost);
  const gapArea = largestGap(row);
  const homeExcess = home !== null && homeMedian > 0 ? home / homeMedian - 1 : Number.NEGATIVE_INFINITY;
  const residentialExcess =
    residential !== null && residentialMedian > 0 ? residential / residentialMedian - 1 : Number.NEGATIVE_INFINITY;
  const split = gapArea === 'aldreomsorg' && home !== null && residential !== null;
  const cultureMedian = groupMedian(THEME_KPIS.cultureNetCost);
  const growthMedian = nationalMedian('growth-recent', growth);
  return {
    invanareRundText: formatNumber(roundSignificant(m.invanare, 2)),
    harKultur: culture !== null,
    kulturLagre: culture !== null && culture <= cultureMedian * (1 - MATERIAL_RELATIVE),
    framskrivningLagre: forecast !== null && forecast <= forecastMedian - FORECAST_POINTS,
    kostnadsokningLagre: ownGrowth !== null && ownGrowth <= growthMedian - GROWTH_POINTS,
    hemtjanstLagre: home !== null && home <= homeMedian * (1 - MATERIAL_RELATIVE),
    kulturText: culture === null ? '' : formatKr(round(culture, 10)),
    kulturMedianText: formatKr(round(cultureMedian, 10)),
    harFramskrivning: forecast !== null && Number.isFinite(forecastMedian),
    framskrivningText: forecast === null ? '' : `${formatNumber(forecast, 0)}\u00a0%`,
    framskrivningMedianText: Number.isFinite(forecastMedian) ? `${formatNumber(forecastMedian, 0)}\u00a0%` : '',
    harKostnadsokning: ownGrowth !== null,
    kostnadsokningText: ownGrowth === null ? '' : formatPercent(ownGrowth),
    kostnadsokningMedianText: formatPercent(growthMedian),
    harHemtjanst: home !== null && homeMedian > 0,
    hemtjanstText: home === null ? '' : formatKr(round(home, 100)),
    hemtjanstMedianText: formatKr(round(homeMedian, 100)),
    sarskiltBoendeText: residential === null ? '' : formatKr(round(residential, 100)),
    sarskiltBoendeMedianText: formatKr(round(residentialMedian, 100)),
    gapIAldreomsorg: split,
    startHemtjanst: split && homeExcess > residentialExcess && homeExcess > 0,
    startSarskiltBoende: split && residentialExcess >= homeExcess && residentialExcess > 0,
  };
}

/** Net cost of the tax-funded operation (N00096 × population), the frame the committees share. */
export function netCostProper(ctx: ModelContext, m: Municipality): number | null {
  const perInhabitant = seriesValue(ctx, THEME_KPIS.netCostProper, m.kommunkod);
  return perInhabitant === null ? null : perInhabitant * m.invanare;
}

/** Why an area has no result: the analysis' reason code when it gives one, else what the data shows. */
export function missingReason(ctx: ModelContext, m: Municipality, row: EfficiencyRow, area: Area): string {
  const result = row.areas[area] as unknown as Record<string, unknown>;
  const code = result.saknas ?? result.saknasOrsak;
  const values = { namn: m.kommun, omrade: AREA_DEFINITE[area], omradesnamn: AREA_NAMES[area] };
  if (typeof code === 'string' && code !== '' && hasPhrase('sammanfattning', `saknas.${code}`))
    return phrase('sammanfattning', `saknas.${code}`, values);
  if (area === 'gymnasieskola' && seriesValue(ctx, THEME_KPIS.ownUpperSecondary, m.kommunkod) === 0)
    return phrase('sammanfattning', 'saknas.ingenEgenGymnasieskola', values);
  const lacking = (ctx.input.keyFigures.get(m.kommunkod)?.[area] ?? [])
    .filter((f) => f.value === null)
    .map((f) => f.title.toLowerCase());
  if (lacking.length > 0)
    return phrase('sammanfattning', 'saknas.nyckeltal', { ...values, nyckeltal: joinSv(lacking) });
  return phrase('sammanfattning', 'saknas.okand', values);
}

/**
 * Sentences on this municipality's own context, said instead of drawing advice from it (a region;
 * extreme culture or library figures). No own upper secondary school is said where the area is
 * missing (missingReason), once.
 */
export function contextSentences(
  ctx: ModelContext,
  m: Municipality,
  row: EfficiencyRow,
  facts: Record<FactName, Fact>,
): string[] {
  const out: string[] = [];
  if (REGION_MUNICIPALITIES.has(m.kommunkod))
    out.push(phrase('sammanfattning', 'sammanhang.region', { namn: m.kommun }));
  if (facts.kulturExtrem.galler) out.push(facts.kulturExtrem.skal);
  return out;
}

/** The compared areas' cost as a share of the tax-funded net cost; empty when that is unknown. */
export function coverageText(ctx: ModelContext, m: Municipality, row: EfficiencyRow): string {
  const areas = AREAS.filter((area) => row.areas[area].effektivitet !== null && row.areas[area].kostnadKr !== null);
  const cost = areas.reduce((sum, area) => sum + row.areas[area].kostnadKr!, 0);
  const net = netCostProper(ctx, m);
  if (net === null || !(net > 0) || cost <= 0) return '';
  return phrase('sammanfattning', REGION_MUNICIPALITIES.has(m.kommunkod) ? 'tackning.region' : 'tackning', {
    namn: m.kommun,
    kostnad: formatAmountRounded(cost),
    andel: formatPercent(cost / net),
    netto: formatAmountRounded(net),
    ar: ctx.year,
    antal: numberWord(areas.length),
  });
}

/** Number of compared areas as a word: "fyra", "tre". */
export function areaCountText(row: EfficiencyRow): string {
  const count = AREAS.filter((area) => row.areas[area].effektivitet !== null).length;
  return numberWord(count);
}

/**
 * The handbook's "enprocentaren" (3.3, 3.4): a standing requirement of 1 % of the frame a year for
 * every committee. Here: 1 % of the tax-funded net cost in kronor, and how many such years each
 * area's potential corresponds to.
 */
export function onePercent(ctx: ModelContext, m: Municipality, row: EfficiencyRow): OnePercentView {
  const net = netCostProper(ctx, m) ?? (ctx.context.get(m.kommunkod)?.netCostPerInhabitant ?? 0) * m.invanare;
  const perYear = net * ONE_PERCENT;
  const omraden = AREAS.flatMap((area) => {
    const a = row.areas[area];
    if (a.effektivitet === null || a.potentialKr === null || a.kostnadKr === null || perYear <= 0) return [];
    const years = a.potentialKr / perYear;
    // At 1 % of the area's own frame a year, compounded: θ = 0.99^n.
    const ownYears = a.effektivitet >= 1 ? 0 : Math.log(a.effektivitet) / Math.log(1 - ONE_PERCENT);
    return [
      {
        namn: AREA_NAMES[area],
        potentialText: formatAmount(a.potentialKr),
        arText: years < 0.05 ? '0' : formatNumber(years, years < 10 ? 1 : 0),
        egnaArText: ownYears < 0.5 ? '0' : formatNumber(ownYears, 0),
      },
    ];
  });
  return {
    kostnadsbasText: formatAmount(net),
    perArText: formatAmount(perYear),
    efterFyraArText: formatAmount(net * (1 - (1 - ONE_PERCENT) ** 4)),
    ackumuleratText: formatAmount(net * [1, 2, 3, 4].reduce((sum, k) => sum + (1 - (1 - ONE_PERCENT) ** k), 0)),
    ar: ctx.year,
    omraden,
    harOmraden: omraden.length > 0,
    region: REGION_MUNICIPALITIES.has(m.kommunkod),
  };
}

/** The rank interval and what it means, with certainty words by its width; never invented. */
export function certainty(m: Municipality, row: EfficiencyRow, n: number) {
  const lag = row.rangLag ?? null;
  const hog = row.rangHog ?? null;
  if (lag === null || hog === null) {
    return {
      rangIntervallText: phrase('ord', 'intervallSaknas'),
      harIntervall: false,
      bredIntervall: false,
      osakerhetText: phrase('sammanfattning', 'osakerhet.saknas'),
    };
  }
  const width = hog - lag + 1;
  const wide = width >= n * WIDE_RANK_SHARE;
  const narrow = width <= n * NARROW_RANK_SHARE;
  const values = { namn: m.kommun, lag, hog, rang: row.rang, bredd: width };
  const base = phrase('sammanfattning', 'osakerhet.bas', values);
  const verdict = phrase(
    'sammanfattning',
    wide ? 'osakerhet.bred' : narrow ? 'osakerhet.smal' : 'osakerhet.mellan',
    values,
  );
  return {
    rangIntervallText: phrase('sammanfattning', 'rangIntervall', values),
    harIntervall: true,
    bredIntervall: wide,
    osakerhetText: `${base} ${verdict}`,
  };
}

/** A small count in words (`två`), from templates/fraser/sammanfattning.md; digits above five. */
function numberWord(count: number): string {
  return hasPhrase('sammanfattning', `antal.${count}`) ? phrase('sammanfattning', `antal.${count}`) : String(count);
}
