/**
 * Stability words by the measured year-to-year movement (issue 21): "stabil" only when the
 * municipality's own rank moved little from year to year, with the typical movement of all
 * municipalities beside it. Words: templates/fraser/stabilitet.md.
 */
import { formatNumber } from '../format/index.ts';
import type { PanelResult } from '../analyse/panel/types.ts';
import { phrase } from './phrases.ts';
import { median } from '../stats/index.ts';

/** A median yearly move of at most this many places is "stable". */
export const STABLE_PLACES = 10;
/** Above this many places a year, the rank "moves a lot". */
export const VOLATILE_PLACES = 30;

/**
 * Median absolute rank change between consecutive years with a rank, per municipality, over the
 * pairs of years whose composites are built from the same areas (`omraden`): a rank from a year
 * without one of the areas is not compared with a rank that counts it.
 */
export function yearlyMoves(panel: PanelResult): Map<string, number> {
  const byCode = new Map<string, Map<number, { rang: number; omraden: string }>>();
  for (const row of panel.history) {
    if (row.rang === null || row.rang === undefined) continue;
    const ranks = byCode.get(row.kommunkod) ?? new Map<number, { rang: number; omraden: string }>();
    ranks.set(row.ar, { rang: row.rang, omraden: (row.omraden ?? []).join(',') });
    byCode.set(row.kommunkod, ranks);
  }
  const moves = new Map<string, number>();
  for (const [code, ranks] of byCode) {
    const steps = [...ranks.keys()]
      .filter((ar) => ranks.get(ar - 1)?.omraden === ranks.get(ar)!.omraden)
      .map((ar) => Math.abs(ranks.get(ar)!.rang - ranks.get(ar - 1)!.rang));
    if (steps.length > 0) moves.set(code, median(steps));
  }
  return moves;
}

/** The sentence on how much this municipality's rank moves; empty when it cannot be measured. */
export function stabilityText(
  panel: PanelResult,
  kommunkod: string,
  namn: string,
  rho: number,
  moves = yearlyMoves(panel),
): string {
  const own = moves.get(kommunkod);
  if (own === undefined) return '';
  const typical = median([...moves.values()]);
  const key = own <= STABLE_PLACES ? 'stabil' : own <= VOLATILE_PLACES ? 'viss' : 'stor';
  return phrase('stabilitet', key, {
    namn,
    egen: formatNumber(own, 0),
    typisk: formatNumber(typical, 0),
    rho: formatNumber(rho, 2),
  });
}
