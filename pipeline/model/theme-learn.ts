/**
 * Who to learn from for a theme (issue 21): municipalities of the same kommungrupp that rank
 * above this one and whose figures show what the theme is about (lower non-statutory cost,
 * slower cost growth, cheaper home care). Words: templates/fraser/teman.md.
 */
import { joinSv } from '../format/index.ts';
import type { EfficiencyRow, Municipality } from '../load/types.ts';
import type { ModelContext } from './model-context.ts';
import { phrase } from './phrases.ts';
import { largestGap, seriesValue } from './theme-facts.ts';
import { THEME_KPIS } from './theme-kpis.ts';

/** At most this many names per theme. */
const MAX_NAMES = 2;

type Criterion = (code: string) => boolean;

/** Theme id → the sentence "who to learn from", empty when no municipality fits. */
export function learnFrom(ctx: ModelContext, m: Municipality, row: EfficiencyRow): Record<string, string> {
  const group = ctx.groupMembers.get(m.kommungruppKod) ?? [];
  const above = [...group]
    .filter((r) => r.kommunkod !== m.kommunkod && r.rang < row.rang)
    .sort((a, b) => a.rang - b.rang);
  const name = (code: string) => ctx.byCode.get(code)?.kommun ?? code;
  const below = (kpi: string): Criterion => {
    const med = ctx.shared.groupSeriesMedian(m.kommungruppKod, kpi, ctx.year);
    return (code) => {
      const v = seriesValue(ctx, kpi, code);
      return v !== null && Number.isFinite(med) && v < med;
    };
  };
  const growth = (code: string) => {
    const a = seriesValue(ctx, THEME_KPIS.netCostProper, code, ctx.year - 4);
    const b = seriesValue(ctx, THEME_KPIS.netCostProper, code, ctx.year);
    return a && b ? b / a - 1 : null;
  };
  const growthMedian = ctx.shared.nationalMedian('growth-recent', growth);
  const slowGrowth: Criterion = (code) => {
    const g = growth(code);
    return g !== null && g < growthMedian;
  };
  const sentence = (themeId: string, criterion: Criterion | null) => {
    const names = above
      .filter((r) => !criterion || criterion(r.kommunkod))
      .slice(0, MAX_NAMES)
      .map((r) => name(r.kommunkod));
    return names.length === 0 ? '' : phrase('teman', `larAv.${themeId}`, { namn: joinSv(names), grupp: m.kommungrupp });
  };
  const gapArea = largestGap(row);
  const peers = gapArea
    ? row.areas[gapArea].jamforelse
        .filter((p) => p.kommunkod !== m.kommunkod)
        .sort((a, b) => b.weight - a.weight)
        .slice(0, MAX_NAMES)
        .map((p) => name(p.kommunkod))
    : [];
  return {
    karnuppdraget: sentence('karnuppdraget', below(THEME_KPIS.cultureNetCost)),
    kultur: sentence('kultur', null),
    langsiktighet: sentence('langsiktighet', slowGrowth),
    budgetprocessen: sentence('budgetprocessen', slowGrowth),
    'jamforelser-och-samverkan':
      peers.length > 0
        ? phrase('teman', 'larAv.jamforelser-och-samverkan', { namn: joinSv(peers) })
        : sentence('jamforelser-och-samverkan', null),
    digitalisering: sentence('digitalisering', below(THEME_KPIS.homeCareCost)),
    upphandling: '',
  };
}
