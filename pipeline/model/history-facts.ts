/**
 * Trend facts from the yearly panel (issues 13 and 20). A municipality's direction is read from
 * its composite on the common (pooled) frontier of all panel years, which uses the same model as
 * the ranking and is comparable between years: the first year built from the same areas as the
 * latest year against the latest year. It is called better or worse only when the change exceeds
 * its noise (its 95 % interval excludes 1, `utanforBrus`); otherwise it has not changed clearly.
 */
import { formatPercent } from '../format/index.ts';
import type { HistoryRow, PanelResult } from '../analyse/panel/types.ts';
import type { Fact, TrendDirection } from './types.ts';
import { phrase } from './phrases.ts';

/** Below this year-to-year rank correlation the yearly levels are mostly noise (issue 13). */
export const NOISE_CORRELATION = 0.5;

/** One end of the comparison: the like-for-like composite on the common frontier. */
export interface TrendPoint {
  ar: number;
  effektivitet: number;
}

export interface HistoryTrend {
  direction: TrendDirection;
  from: TrendPoint | null;
  to: TrendPoint | null;
  /** The change (ratio, > 1 = better) and its 95 % interval; null without two comparable years. */
  change: { ratio: number; low: number; high: number } | null;
  /** Mean year-to-year Spearman correlation of the composite over like-for-like year pairs. */
  rho: number | null;
  /** True when `rho` < NOISE_CORRELATION. */
  noise: boolean;
  /** The plain-Swedish statement of the trend, true for the municipality. */
  skal: string;
}

/** Mean year-to-year rank correlation over the year pairs where every area has data (all pairs when none does). */
export function panelRankCorrelation(panel: PanelResult): number | null {
  const usable = panel.rankCorrelations.filter((r) => r.jamforbar && Number.isFinite(r.rho));
  const pairs = usable.length ? usable : panel.rankCorrelations.filter((r) => Number.isFinite(r.rho));
  return pairs.length ? pairs.reduce((sum, r) => sum + r.rho, 0) / pairs.length : null;
}

/** Signed whole percent with a real minus sign: `+6 %`, `−2 %`, `0 %`. */
export function signedChange(ratio: number): string {
  const share = ratio - 1;
  const text = formatPercent(Math.abs(share));
  return Math.round(Math.abs(share) * 100) === 0 ? text : `${share < 0 ? '−' : '+'}${text}`;
}

/**
 * The municipality's trend: the first year whose composite is built from the same areas as the
 * latest year's (`forandring` set) against the latest year, called a change only beyond the noise.
 */
export function historyTrend(panel: PanelResult, kommunkod: string): HistoryTrend {
  const rho = panelRankCorrelation(panel);
  const noise = rho !== null && rho < NOISE_CORRELATION;
  const rows = panel.history.filter((r) => r.kommunkod === kommunkod).sort((a, b) => a.ar - b.ar);
  const latest = rows.find((r) => r.ar === panel.latest && r.effektivitetGemensam !== null);
  const first: HistoryRow | undefined = rows.find(
    (r) => r.ar < panel.latest && r.forandring !== null && r.effektivitetGemensam !== null,
  );
  if (!latest || !first) {
    return {
      direction: 'okand',
      from: null,
      to: latest ? { ar: latest.ar, effektivitet: latest.effektivitetGemensam! } : null,
      change: null,
      rho,
      noise,
      skal: phrase('historik', 'trend.okand'),
    };
  }
  const from: TrendPoint = { ar: first.ar, effektivitet: first.effektivitetGemensam! };
  const to: TrendPoint = { ar: latest.ar, effektivitet: latest.effektivitetGemensam! };
  const change = { ratio: first.forandring!, low: first.forandringLag!, high: first.forandringHog! };
  const direction: TrendDirection = !first.utanforBrus ? 'oforandrad' : change.ratio > 1 ? 'battre' : 'samre';
  const skal = phrase('historik', `trend.${direction}`, {
    nivaer: phrase('historik', 'trend.nivaer', {
      fran: formatPercent(from.effektivitet),
      franAr: from.ar,
      till: formatPercent(to.effektivitet),
      tillAr: to.ar,
    }),
    forandring: signedChange(change.ratio),
    intervall: phrase('historik', 'trend.intervall', { lag: signedChange(change.low), hog: signedChange(change.high) }),
  });
  return { direction, from, to, change, rho, noise, skal };
}

/**
 * The trend facts the themes use. A worsening trend makes long-termism and the budget process
 * more relevant: the gap to the best grows year by year, and only a plan over several budget
 * years (the handbook's 1 % a year) turns it around.
 */
export function historyFacts(panel: PanelResult | undefined, kommunkod: string): { forsamradOverTid: Fact } {
  if (!panel) return { forsamradOverTid: { galler: false, skal: '', etikett: '' } };
  const trend = historyTrend(panel, kommunkod);
  // Only a worsening beyond the noise reorders the themes.
  if (trend.direction !== 'samre' || trend.noise) return { forsamradOverTid: { galler: false, skal: '', etikett: '' } };
  return {
    forsamradOverTid: {
      galler: true,
      skal: phrase('historik', 'forsamradOverTid.skal', { trend: trend.skal }),
      etikett: phrase('historik', 'forsamradOverTid.etikett'),
    },
  };
}
