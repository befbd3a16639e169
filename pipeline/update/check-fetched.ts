/**
 * Pure checks of a fetch before anything is written: coverage per KPI and year, plausible
 * ranges, and what would change against the files on disk.
 */

/** Values per KPI → year → kommunkod (null = missing). */
export type FetchedValues = Map<string, Map<number, Map<string, number | null>>>;
/** Municipality values on disk per KPI → year → kommunkod. */
export type DiskValues = Map<string, Map<number, Map<string, number>>>;

export interface KpiYearSummary {
  kpi: string;
  year: number;
  /** Municipalities with a value. */
  municipalities: number;
  /** False when Kolada has no value at all for the year: the year is not published yet. */
  published: boolean;
  /** Values present on disk and fetched, that differ. */
  changed: number;
  /** Fetched values with none on disk. */
  added: number;
  /** Values on disk that Kolada no longer has. */
  removed: number;
}

export interface CheckProblem {
  kpi: string;
  year: number;
  message: string;
}

export interface CheckResult {
  summaries: KpiYearSummary[];
  problems: CheckProblem[];
}

/** The share of known municipalities a KPI must cover in a published year. */
export const MIN_COVERAGE = 0.5;
/** A re-fetched year must keep this share of the municipalities it had on disk. */
export const MIN_KEPT_COVERAGE = 0.9;

/**
 * Checks the fetched values: a published KPI-year covers at least half the municipalities and
 * 90 % of those it had on disk (a cut-off answer must not thin out the data), and every value
 * lies in the KPI's plausible range (`plausibleRange` of its values on disk).
 */
export function checkFetched(
  fetched: FetchedValues,
  disk: DiskValues,
  kpis: string[],
  years: number[],
  knownCount: number,
): CheckResult {
  const summaries: KpiYearSummary[] = [];
  const problems: CheckProblem[] = [];
  for (const kpi of kpis) {
    const onDisk = disk.get(kpi) ?? new Map<number, Map<string, number>>();
    const range = plausibleRange([...onDisk.values()].flatMap((byCode) => [...byCode.values()]));
    for (const year of years) {
      const values = fetched.get(kpi)?.get(year) ?? new Map<string, number | null>();
      const before = onDisk.get(year) ?? new Map<string, number>();
      const present = [...values].filter((entry): entry is [string, number] => entry[1] !== null);
      const summary: KpiYearSummary = {
        kpi,
        year,
        municipalities: present.length,
        published: present.length > 0,
        changed: 0,
        added: 0,
        removed: 0,
      };
      summaries.push(summary);
      if (!summary.published) continue;
      const needed = Math.max(Math.ceil(MIN_COVERAGE * knownCount), Math.floor(MIN_KEPT_COVERAGE * before.size));
      if (present.length < needed) {
        problems.push({
          kpi,
          year,
          message: `${kpi} ${year}: values for ${present.length} municipalities; expected at least ${needed} (${before.size} on disk, ${knownCount} known)`,
        });
      }
      const outside = range ? present.filter(([, v]) => v < range.low || v > range.high) : [];
      if (range && outside.length) {
        const shown = outside
          .slice(0, 5)
          .map(([code, v]) => `${code}: ${v}`)
          .join(', ');
        problems.push({
          kpi,
          year,
          message: `${kpi} ${year}: ${outside.length} value(s) outside the plausible range ${range.low}…${range.high} (from the values on disk): ${shown}${outside.length > 5 ? ', …' : ''}`,
        });
      }
      for (const [code, value] of present) {
        const old = before.get(code);
        if (old === undefined) summary.added += 1;
        else if (!sameValue(old, value)) summary.changed += 1;
      }
      for (const code of before.keys()) if (values.get(code) == null) summary.removed += 1;
    }
  }
  return { summaries, problems };
}

/**
 * A KPI's plausible range from the values it has had: one span beyond the observed extremes,
 * and for a never-negative KPI from a tenth of its minimum (catches kr read as tkr, and a
 * sign or unit slip). `undefined` when nothing is on disk to compare with.
 */
export function plausibleRange(values: number[]): { low: number; high: number } | undefined {
  if (values.length === 0) return undefined;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = Math.max(max - min, Math.abs(max), 1e-9);
  return { low: min >= 0 ? min / 10 : min - span, high: max + span };
}

/** Equal as stored figures: Kolada rounds differently from one export to another. */
function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
