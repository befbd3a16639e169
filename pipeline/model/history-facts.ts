/**
 * Trend facts from the yearly panel (issue 13). A municipality's direction is read from its
 * composite rank between the first comparable panel year and the latest year: each year is
 * measured against its own frontier, so the rank (share of the field ahead of it) is the
 * like-for-like measure; efficiency levels against different frontiers are not.
 */
import { formatPercent } from '../format/index.ts';
import type { PanelResult } from '../analyse/panel/types.ts';
import type { Fact, TrendDirection } from './types.ts';

/** A move of at least this share of the field (10 % of 290 ≈ 29 places) counts as a trend. */
export const TREND_SHARE = 0.1;
/** Below this year-to-year rank correlation the yearly ranks are mostly noise (issue 13). */
export const NOISE_CORRELATION = 0.5;

/** One end of the comparison. */
export interface TrendPoint {
  ar: number;
  rang: number;
  antal: number;
  effektivitet: number;
}

export interface HistoryTrend {
  direction: TrendDirection;
  from: TrendPoint | null;
  to: TrendPoint | null;
  /** Mean year-to-year Spearman correlation of the composite over like-for-like year pairs. */
  rho: number | null;
  /** True when `rho` < NOISE_CORRELATION: the chapter then does not rank year by year. */
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

/** The municipality's trend between the first comparable panel year and the latest year. */
export function historyTrend(panel: PanelResult, kommunkod: string): HistoryTrend {
  const rho = panelRankCorrelation(panel);
  const noise = rho !== null && rho < NOISE_CORRELATION;
  const incomplete = new Set(panel.missingAreas.map((m) => m.ar));
  const rows = panel.history.filter((r) => r.kommunkod === kommunkod && r.effektivitet !== null && r.rang !== null);
  const point = (r: (typeof rows)[number]): TrendPoint => ({ ar: r.ar, rang: r.rang!, antal: r.antal, effektivitet: r.effektivitet! });
  const latest = rows.find((r) => r.ar === panel.latest);
  const first = rows.find((r) => !incomplete.has(r.ar) && r.ar < panel.latest);
  if (!latest || !first) {
    return { direction: 'okand', from: first ? point(first) : null, to: latest ? point(latest) : null, rho, noise, skal: 'Det finns inte två jämförbara år med uppgifter för er, så någon utveckling över tid kan inte anges.' };
  }
  const from = point(first);
  const to = point(latest);
  // Share of the field ahead of the municipality: lower is better.
  const shift = (to.rang - 1) / to.antal - (from.rang - 1) / from.antal;
  const direction: TrendDirection = shift <= -TREND_SHARE ? 'battre' : shift >= TREND_SHARE ? 'samre' : 'oforandrad';
  const ranks = `från plats ${from.rang} av ${from.antal} år ${from.ar} till plats ${to.rang} av ${to.antal} år ${to.ar}`;
  const levels = `(sammanvägd effektivitet ${formatPercent(from.effektivitet)} respektive ${formatPercent(to.effektivitet)}, varje år mot det årets bästa)`;
  // When the yearly ranks are mostly noise, the chapter states levels, not places.
  const skal = noise
    ? `Er sammanvägda effektivitet var ${formatPercent(from.effektivitet)} år ${from.ar} och ${formatPercent(to.effektivitet)} år ${to.ar}, varje år mot det årets bästa.`
    : direction === 'battre'
      ? `Er placering har förbättrats ${ranks} ${levels}.`
      : direction === 'samre'
        ? `Er placering har försämrats ${ranks} ${levels}.`
        : `Er placering har inte förändrats tydligt: ${ranks} ${levels}, en förflyttning på mindre än en tiondel av kommunerna.`;
  return { direction, from, to, rho, noise, skal };
}

/**
 * The trend facts the themes use. A worsening trend makes long-termism and the budget process
 * more relevant: the gap to the best grows year by year, and only a plan over several budget
 * years (the handbook's 1 % a year) turns it around.
 */
export function historyFacts(panel: PanelResult | undefined, kommunkod: string): { forsamradOverTid: Fact } {
  if (!panel) return { forsamradOverTid: { galler: false, skal: '', etikett: '' } };
  const trend = historyTrend(panel, kommunkod);
  // A trend read from ranks that are mostly noise is no reason to reorder the themes.
  if (trend.direction !== 'samre' || trend.noise) return { forsamradOverTid: { galler: false, skal: '', etikett: '' } };
  return {
    forsamradOverTid: {
      galler: true,
      skal: `${trend.skal} När avståndet till de bästa växer år för år krävs en plan över flera budgetår, inte enstaka besparingar.`,
      etikett: 'placeringen har försämrats över tid',
    },
  };
}
