/**
 * The facts of the fact-to-theme map that come from figures beyond the efficiency table
 * (issue 21): non-statutory cost, cost growth against the municipality's own history, the
 * population forecast, the largest kronor gap to peers and the split of elderly care. Each holds
 * only on a material difference, never on a missing figure, a flagged area or the library
 * figures (culture cost stands in for them). Words: templates/fraser/fakta.md.
 */
import { formatAmountRounded, formatKr, formatNumber, formatPercent, joinSv } from '../format/index.ts';
import { AREA_DEFINITE, AREAS, type Area, type EfficiencyRow, type Municipality } from '../load/types.ts';
import type { ModelContext } from './model-context.ts';
import { phrase } from './phrases.ts';
import { THEME_KPIS } from './theme-kpis.ts';
import type { Fact, ThemeFactName } from './types.ts';

/** A figure this far (relative) above the group median is material (as in facts.ts). */
export const MATERIAL_RELATIVE = 0.1;
/**
 * Culture cost this many times the group median is an extreme: said in a sentence, never advice.
 * In 2022 only two municipalities reach it (Kiruna 1,96, Umeå 1,94); the next is at 1,73.
 */
export const EXTREME_FACTOR = 1.8;
/** Library visits per inhabitant below this share of the national median are an extreme. */
export const EXTREME_LOW_SHARE = 0.3;
/** The 80+ forecast this many procentenheter above the national median is material. */
export const FORECAST_POINTS = 10;
/** Own four-year cost growth this many procentenheter faster than the previous four years, beyond the national median's acceleration. */
export const ACCELERATION_POINTS = 0.03;
/** A kronor gap below this share of the area's cost is not material (as MATERIAL_GAP in the report). */
export const MATERIAL_GAP = 0.02;
/** Areas whose figures are never a reason on their own: bibliotek is measured by culture cost. */
export const PROXY_AREAS = new Set<Area>(['bibliotek']);

const no: Fact = { galler: false, skal: '', etikett: '' };
const yes = (key: string, values: Record<string, string | number>): Fact => ({
  galler: true,
  skal: phrase('fakta', `${key}.skal`, values),
  etikett: phrase('fakta', `${key}.etikett`, values),
});

/** The value of a Kolada series for a municipality and year, null when missing. */
export function seriesValue(ctx: ModelContext, kpi: string, code: string, year = ctx.year): number | null {
  const value = ctx.input.series.get(kpi)?.get(code)?.get(year);
  return value === undefined || !Number.isFinite(value) ? null : value;
}

/** The latest year ≤ the edition's year with a value (forecasts are published a year behind). */
function latest(ctx: ModelContext, kpi: string, code: string): { value: number; year: number } | null {
  for (let year = ctx.year; year >= ctx.year - 2; year -= 1) {
    const value = seriesValue(ctx, kpi, code, year);
    if (value !== null) return { value, year };
  }
  return null;
}

function groupMedian(ctx: ModelContext, m: Municipality, kpi: string, year = ctx.year): number {
  return ctx.shared.groupSeriesMedian(m.kommungruppKod, kpi, year);
}

function nationalMedian<T>(ctx: ModelContext, key: string, of: (code: string) => number | null): number {
  return ctx.shared.nationalMedian(key, of);
}

/** An area's analysis flag or missing-data reason, when the analysis gives one (issue 20). */
export function areaFlag(row: EfficiencyRow, area: Area): string | null {
  const result = row.areas[area] as unknown as Record<string, unknown>;
  const flag = result.flagga ?? result.flag;
  return typeof flag === 'string' && flag !== '' ? flag : null;
}

/** Areas whose kronor gap may be a reason: measured, comparable, unflagged, not a proxy. */
export function usableAreas(row: EfficiencyRow): Area[] {
  return AREAS.filter((area) => {
    const a = row.areas[area];
    return (
      a.effektivitet !== null &&
      a.kostnadKr !== null &&
      a.potentialKr !== null &&
      a.ojamforbar !== true &&
      !PROXY_AREAS.has(area) &&
      areaFlag(row, area) === null
    );
  });
}

/** The usable area with the largest kronor gap to its peers, if that gap is material. */
export function largestGap(row: EfficiencyRow): Area | null {
  const gaps = usableAreas(row)
    .filter((area) => row.areas[area].potentialKr! >= MATERIAL_GAP * row.areas[area].kostnadKr!)
    .sort((a, b) => row.areas[b].potentialKr! - row.areas[a].potentialKr!);
  return gaps[0] ?? null;
}

/** Cost per inhabitant 65+ of a part of elderly care, when materially above the group median. */
function careCost(ctx: ModelContext, m: Municipality, kpi: string, key: string): Fact {
  const own = seriesValue(ctx, kpi, m.kommunkod);
  const med = groupMedian(ctx, m, kpi);
  if (own === null || !(med > 0) || own < med * (1 + MATERIAL_RELATIVE)) return no;
  return yes(key, {
    egen: formatKr(roundTo(own, 100)),
    median: formatKr(roundTo(med, 100)),
    skillnad: formatPercent(own / med - 1),
    ar: ctx.year,
  });
}

const roundTo = (value: number, step: number) => Math.round(value / step) * step;

/** Computes the theme facts of one municipality. */
export function computeThemeFacts(ctx: ModelContext, m: Municipality, row: EfficiencyRow): Record<ThemeFactName, Fact> {
  const code = m.kommunkod;
  const culture = seriesValue(ctx, THEME_KPIS.cultureNetCost, code);
  const cultureMedian = groupMedian(ctx, m, THEME_KPIS.cultureNetCost);
  const visits = seriesValue(ctx, THEME_KPIS.libraryVisits, code);
  const visitsNational = nationalMedian(ctx, 'visits', (c) => seriesValue(ctx, THEME_KPIS.libraryVisits, c));
  const cultureExtreme = culture !== null && cultureMedian > 0 && culture >= cultureMedian * EXTREME_FACTOR;
  const visitsExtreme = visits !== null && visitsNational > 0 && visits <= visitsNational * EXTREME_LOW_SHARE;

  const forecast = latest(ctx, THEME_KPIS.aged80Forecast, code);
  const forecastNational = forecast
    ? nationalMedian(ctx, `forecast:${forecast.year}`, (c) =>
        seriesValue(ctx, THEME_KPIS.aged80Forecast, c, forecast.year),
      )
    : Number.NaN;

  const growth = (c: string, from: number, to: number) => {
    const a = seriesValue(ctx, THEME_KPIS.netCostProper, c, from);
    const b = seriesValue(ctx, THEME_KPIS.netCostProper, c, to);
    return a && b ? b / a - 1 : null;
  };
  const y = ctx.year;
  const recent = growth(code, y - 4, y);
  const before = growth(code, y - 8, y - 4);
  const recentNational = nationalMedian(ctx, 'growth-recent', (c) => growth(c, y - 4, y));
  const beforeNational = nationalMedian(ctx, 'growth-before', (c) => growth(c, y - 8, y - 4));
  const acceleration = recent !== null && before !== null ? recent - before : null;

  const gapArea = largestGap(row);
  const gap = gapArea ? row.areas[gapArea] : null;
  const peers = gap
    ? gap.jamforelse
        .filter((p) => p.kommunkod !== code)
        .sort((a, b) => b.weight - a.weight)
        .slice(0, 3)
        .map((p) => ctx.byCode.get(p.kommunkod)?.kommun ?? p.kommunkod)
    : [];

  return {
    hogKulturkostnad:
      culture !== null &&
      cultureMedian > 0 &&
      culture >= cultureMedian * (1 + MATERIAL_RELATIVE) &&
      !cultureExtreme &&
      !visitsExtreme
        ? yes('hogKulturkostnad', {
            egen: formatKr(roundTo(culture, 10)),
            median: formatKr(roundTo(cultureMedian, 10)),
            skillnad: formatPercent(culture / cultureMedian - 1),
            ar: y,
          })
        : no,
    kulturExtrem:
      cultureExtreme || visitsExtreme
        ? yes(
            cultureExtreme && visitsExtreme
              ? 'kulturExtrem.bada'
              : cultureExtreme
                ? 'kulturExtrem.kostnad'
                : 'kulturExtrem.besok',
            {
              namn: m.kommun,
              egen: culture === null ? '' : formatKr(roundTo(culture, 10)),
              median: formatKr(roundTo(cultureMedian, 10)),
              ganger: culture === null ? '' : formatNumber(culture / cultureMedian, 1),
              besok: visits === null ? '' : formatNumber(visits, 1),
              besokMedian: formatNumber(visitsNational, 1),
            },
          )
        : no,
    fler80Framover:
      forecast && Number.isFinite(forecastNational) && forecast.value >= forecastNational + FORECAST_POINTS
        ? yes('fler80Framover', {
            egen: formatNumber(forecast.value, 0),
            median: formatNumber(forecastNational, 0),
            ar: forecast.year,
            till: forecast.year + 10,
          })
        : no,
    kostnadsokningOverHistorik:
      acceleration !== null &&
      recent! > recentNational &&
      acceleration >= recentNational - beforeNational + ACCELERATION_POINTS
        ? yes('kostnadsokningOverHistorik', {
            nu: formatPercent(recent!),
            fore: formatPercent(before!),
            nuMedian: formatPercent(recentNational),
            foreMedian: formatPercent(beforeNational),
            a0: y - 8,
            a1: y - 4,
            a2: y,
          })
        : no,
    storstaGapIKronor:
      gapArea && gap
        ? yes(peers.length > 0 ? 'storstaGapIKronor' : 'storstaGapIKronor.utanJamforelse', {
            omrade: AREA_DEFINITE[gapArea],
            belopp: formatAmountRounded(gap.potentialKr!),
            andel: formatPercent(gap.potentialKr! / gap.kostnadKr!),
            jamforelse: joinSv(peers),
          })
        : no,
    hogHemtjanstkostnad: careCost(ctx, m, THEME_KPIS.homeCareCost, 'hogHemtjanstkostnad'),
    hogSarskiltBoendekostnad: careCost(ctx, m, THEME_KPIS.residentialCareCost, 'hogSarskiltBoendekostnad'),
  };
}
