import { AREAS, type Area, type EfficiencyRow, type Municipality, type UnrankedRow } from '../load/types.ts';
import { scoredUnits } from '../load/unranked-areas.ts';
import type { AnalysisSummary, AreaSummary, RankedUnit } from './types.ts';

export interface SummariseOptions {
  /** Composite weights per area (composite.ts); equal weights when absent. */
  weights?: Record<Area, number>;
  /** Areas whose cost base is a proxy: their potential is an upper bound, kept apart in the totals. */
  proxyAreas?: ReadonlySet<Area>;
  /** Unranked municipalities: their scored areas count in the per-area and national figures. */
  unranked?: readonly UnrankedRow[];
}

/**
 * National figures for the sanity check beside the 2025 study: potential and cost in total and
 * over the areas with a kronor potential, per area the units, the units on the DEA frontier
 * (θ_DEA = 1), those without a comparable municipality, the mean input reduction (1 − θ) of the
 * average municipality (printed = bias-corrected, DEA, and DEA without the structure adjustment),
 * and the top and bottom 10 with what the analyst must know about each rank.
 */
export function summarise(
  table: EfficiencyRow[],
  municipalities: Municipality[],
  year: number,
  options: SummariseOptions = {},
): AnalysisSummary {
  const names = new Map(municipalities.map((m) => [m.kommunkod, m.kommun]));
  const proxyAreas = options.proxyAreas ?? new Set<Area>();
  const perArea = {} as Record<Area, AreaSummary>;
  const areaRows = scoredUnits(table, options.unranked).map((u) => u.areas);
  for (const area of AREAS) {
    const scored = areaRows.map((r) => r[area]).filter((a) => a.effektivitet !== null);
    const unadjusted = scored.map((a) => a.effektivitetOjusterad ?? a.effektivitet!);
    // The DEA θ before bias correction (the same as the printed θ when no bootstrap ran).
    const dea = scored.map((a) => a.effektivitetDea ?? a.effektivitet!);
    perArea[area] = {
      potentialKr: sum(scored.map((a) => a.potentialKr ?? 0)),
      kostnadKr: sum(scored.map((a) => a.kostnadKr!)),
      kostnadMedPotentialKr: sum(scored.filter((a) => a.potentialKr != null).map((a) => a.kostnadKr!)),
      units: scored.length,
      deaEfficientUnits: dea.filter((t) => t === 1).length,
      meanReduction: mean(scored.map((a) => 1 - a.effektivitet!)),
      meanReductionDea: mean(dea.map((t) => 1 - t)),
      potentialOjusteradKr: sum(scored.map((a, i) => (1 - unadjusted[i]!) * a.kostnadKr!)),
      meanReductionOjusterad: mean(unadjusted.map((t) => 1 - t)),
      ojamforbaraUnits: scored.filter((a) => a.ojamforbar === true).length,
      proxy: proxyAreas.has(area),
    };
  }
  const real = AREAS.filter((a) => !perArea[a].proxy);
  const ranked = [...table].sort((a, b) => a.rang - b.rang);
  const unit = (r: EfficiencyRow): RankedUnit => ({
    kommunkod: r.kommunkod,
    kommun: names.get(r.kommunkod) ?? r.kommunkod,
    effektivitet: r.effektivitet,
    rang: r.rang,
    rangOjusterad: r.rangOjusterad ?? null,
    notes: rankNotes(r),
  });
  return {
    ar: year,
    potentialKr: sum(areaRows.map((r) => sum(AREAS.map((a) => r[a].potentialKr ?? 0)))),
    kostnadKr: sum(AREAS.map((a) => perArea[a].kostnadKr)),
    potentialUtanProxyKr: sum(real.map((a) => perArea[a].potentialKr)),
    kostnadUtanProxyKr: sum(real.map((a) => perArea[a].kostnadKr)),
    perArea,
    weights: options.weights ?? (Object.fromEntries(AREAS.map((a) => [a, 1 / AREAS.length])) as Record<Area, number>),
    top: ranked.slice(0, 10).map(unit),
    bottom: ranked.slice(-10).map(unit),
  };
}

/** Areas counted at the median (with the reason code) and screening flags of the counted areas. */
export function rankNotes(r: EfficiencyRow): string[] {
  return AREAS.flatMap((area) => {
    const a = r.areas[area];
    const flags = (a.flagga ?? '').split(';').filter(Boolean);
    if (a.effektivitet === null) return [`${area} at the median: ${a.saknas || 'no data'}`];
    if (a.ojamforbar) return [`${area} at the median: egen_referens`];
    return flags.length ? [`${area}: ${flags.join(', ')}`] : [];
  });
}

function sum(values: number[]): number {
  return values.reduce((acc, v) => acc + v, 0);
}

function mean(values: number[]): number {
  return values.length ? sum(values) / values.length : 0;
}
