/**
 * The analyst's check before publishing (issue 20 point 7, docs/method.md §6): a short table that
 * `analyse` prints last. Pure: it reads the efficiency table (so a cached analysis gives the same
 * check) and the master data.
 */
import { AREAS, type Area, type EfficiencyRow, type Municipality, type UnrankedRow } from '../load/types.ts';
import { scoredUnits, type ScoredUnit } from '../load/unranked-areas.ts';
import { median } from '../stats/index.ts';
import { comparableShare, MIN_COMPARABLE_SHARE } from './build-table.ts';
import { compositeWeightsOf } from './composite.ts';
import type { ScreeningOutcome } from './types.ts';

/** The 2025 study's top five (Vaxholms stad, 2025-01-22; raw/PROVENANCE.md) and its national potential range. */
export const STUDY_TOP_FIVE: readonly { kommunkod: string; rank: number }[] = [
  { kommunkod: '0160', rank: 1 },
  { kommunkod: '0162', rank: 2 },
  { kommunkod: '0187', rank: 3 },
  { kommunkod: '0182', rank: 4 },
  { kommunkod: '0115', rank: 5 },
];
export const STUDY_POTENTIAL_KR: readonly [number, number] = [85e9, 91e9];
/** A difference in rank larger than this is explained in the check. */
export const LARGE_RANK_GAP = 50;
/** Municipalities at least this large are named when an area is filled with the median. */
export const LARGE_MUNICIPALITY = 50_000;

export interface ValidationCheck {
  /** Per area: scored units, and the others by reason code. */
  units: Record<Area, { scored: number; partial: number; out: Record<string, number> }>;
  /** Ranked municipalities with at least one area counted at the median (missing or without a comparable municipality). */
  medianFilled: number;
  /** How many are ranked (the others: `thin`, and those with no scored area). */
  ranked: number;
  /** Mean share of a municipality's composite weight filled with the median: over all, and over those with one. */
  medianWeightMean: number;
  medianWeightMeanFilled: number;
  /** The largest share, and whose it is. */
  medianWeightMax: number;
  medianWeightMaxKommun: string | null;
  /** Large municipalities with a median-filled area, with the area and its reason. */
  largeFilled: { kommun: string; reasons: string[] }[];
  /** Per area and flag code: the flagged municipalities. */
  flags: Record<Area, Record<string, string[]>>;
  /** Per area: units whose survey user count is missing, so its size is unknown (not screened). */
  surveyBaseUnknown: Partial<Record<Area, string[]>>;
  /** The study's top five and the handbook's municipalities: our rank and the main reason for a large difference. */
  comparisons: { kommun: string; studyRank: number | null; rank: number | null; reason: string }[];
  /** The printed (bias-corrected) national potential and its parts (null: an area with no kronor potential). */
  potentialKr: number;
  potentialByArea: Record<Area, number | null>;
  /** Over the same areas: the potential of the DEA θ before bias correction, and of the unadjusted view (DEA, no structure variables). */
  potentialDeaKr: number;
  potentialOjusteradKr: number;
  /** Municipalities with scored areas left unranked: too little of their weight comparable (docs/method.md §3). */
  thin: { kommun: string; share: number; reasons: string[] }[];
  /** The top and bottom ten with the main driver of each (docs/method.md §4.1). */
  extremes?: { top: ExtremeDriver[]; bottom: ExtremeDriver[] };
}

/** A municipality at either end of the ranking and why it is there. */
export interface ExtremeDriver {
  kommun: string;
  rank: number;
  /** The area that moves the composite furthest from the medians, its cost against the reference cost, the flags. */
  driver: string;
}

/** Kolada's nettokostnadsavvikelse (net cost against the cost equalisation's reference cost, %) per area. */
export const COST_DEVIATION_KPIS: Partial<Record<Area, string>> = {
  grundskola: 'N15001',
  gymnasieskola: 'N17001',
  aldreomsorg: 'N20900',
};
/** How many municipalities at each end of the ranking the check explains. */
export const EXTREMES = 10;

export function validationCheck(
  table: EfficiencyRow[],
  municipalities: Municipality[],
  handbook: ReadonlySet<string>,
  screening: Partial<Record<Area, ScreeningOutcome>> = {},
  costDeviation?: (kommunkod: string, area: Area) => number | undefined,
  unranked: readonly UnrankedRow[] = [],
): ValidationCheck {
  const names = new Map(municipalities.map((m) => [m.kommunkod, m]));
  const name = (code: string) => names.get(code)?.kommun ?? code;
  // Units per area, weights and potentials over every scored unit, ranked or not.
  const scoredTable = scoredUnits(table, unranked);
  const thinRows = scoredTable.slice(table.length);
  const weights = compositeWeightsOf(scoredTable);
  const filled = (r: EfficiencyRow, a: Area) => r.areas[a].effektivitet === null || r.areas[a].ojamforbar === true;
  const units = {} as ValidationCheck['units'];
  const flags = {} as ValidationCheck['flags'];
  const potentialByArea = {} as ValidationCheck['potentialByArea'];
  for (const a of AREAS) {
    const out: Record<string, number> = {};
    let scored = 0;
    let partial = 0;
    const byFlag: Record<string, string[]> = {};
    for (const r of scoredTable) {
      const x = r.areas[a];
      if (x.effektivitet === null) out[x.saknas || 'okänd'] = (out[x.saknas || 'okänd'] ?? 0) + 1;
      else {
        scored += 1;
        if (x.saknas) partial += 1;
      }
      for (const f of (x.flagga ?? '').split(';').filter(Boolean)) (byFlag[f] ??= []).push(name(r.kommunkod));
    }
    units[a] = { scored, partial, out };
    flags[a] = byFlag;
    const potentials = scoredTable.flatMap((r) => (r.areas[a].potentialKr == null ? [] : [r.areas[a].potentialKr!]));
    potentialByArea[a] = potentials.length ? potentials.reduce((s, v) => s + v, 0) : null;
  }
  const shares = table.map((r) => AREAS.reduce((s, a) => s + (filled(r, a) ? weights[a] : 0), 0));
  const medians = Object.fromEntries(
    AREAS.map((a) => [a, median(table.flatMap((r) => (filled(r, a) ? [] : [r.areas[a].effektivitet!])))]),
  ) as Record<Area, number>;
  const reasonOf = (r: EfficiencyRow): string => {
    // The area that pulls the composite furthest below the national medians, and the median-filled ones.
    const gaps = AREAS.filter((a) => !filled(r, a)).map((a) => ({
      a,
      gap: weights[a] * (medians[a] - r.areas[a].effektivitet!),
    }));
    const worst = gaps.sort((x, y) => y.gap - x.gap)[0];
    const missing = AREAS.filter((a) => filled(r, a)).map(
      (a) => `${a} at the median (${r.areas[a].ojamforbar ? 'no comparable municipality' : r.areas[a].saknas})`,
    );
    const parts = [
      ...(worst && worst.gap > 0
        ? [`${worst.a} ${pct(r.areas[worst.a].effektivitet!)} against a median of ${pct(medians[worst.a])}`]
        : []),
      ...missing,
    ];
    return parts.join('; ') || 'no area below the median';
  };
  const byCode = new Map(table.map((r) => [r.kommunkod, r]));
  const thinReason = (r: ScoredUnit) =>
    `not ranked: own comparable scores carry ${pct(comparableShare(r.areas, weights))} of its areas' weight (< ${pct(MIN_COMPARABLE_SHARE)}; ${AREAS.filter(
      (a) => r.areas[a].ojamforbar,
    ).join(', ')} without a comparable municipality)`;
  const thinByCode = new Map(thinRows.map((r) => [r.kommunkod, r]));
  const study = new Map(STUDY_TOP_FIVE.map((s) => [s.kommunkod, s.rank]));
  const codes = [...new Set([...STUDY_TOP_FIVE.map((s) => s.kommunkod), ...handbook])];
  const comparisons = codes.map((code) => {
    const r = byCode.get(code);
    const studyRank = study.get(code) ?? null;
    const rank = r?.rang ?? null;
    // The handbook's municipalities were interviewed as efficient: a rank in our bottom half needs a reason too.
    const large =
      rank === null || (studyRank !== null ? Math.abs(rank - studyRank) > LARGE_RANK_GAP : rank > table.length / 2);
    const thin = thinByCode.get(code);
    return { kommun: name(code), studyRank, rank, reason: thin ? thinReason(thin) : r && large ? reasonOf(r) : '' };
  });
  const largeFilled = table
    .filter(
      (r) =>
        (names.get(r.kommunkod)?.invanare ?? 0) >= LARGE_MUNICIPALITY &&
        AREAS.some((a) => a !== 'bibliotek' && filled(r, a)),
    )
    .map((r) => ({
      kommun: name(r.kommunkod),
      reasons: AREAS.filter((a) => a !== 'bibliotek' && filled(r, a)).map(
        (a) => `${a}: ${r.areas[a].ojamforbar ? 'egen_referens' : (r.areas[a].saknas ?? 'okänd')}`,
      ),
    }));
  // The same areas (those with a kronor potential), before bias correction and without the structure adjustment.
  const withPotential = AREAS.filter((a) => potentialByArea[a] !== null);
  const over = (value: (x: EfficiencyRow['areas'][Area]) => number | null) =>
    scoredTable.reduce((s, r) => s + withPotential.reduce((t, a) => t + (value(r.areas[a]) ?? 0), 0), 0);
  const potentialDeaKr = over((x) =>
    x.potentialKr == null ? null : (1 - (x.effektivitetDea ?? x.effektivitet!)) * x.kostnadKr!,
  );
  const potentialOjusteradKr = over((x) =>
    x.effektivitet === null || x.kostnadKr == null
      ? null
      : (1 - (x.effektivitetOjusterad ?? x.effektivitet)) * x.kostnadKr,
  );
  return {
    units,
    medianFilled: shares.filter((s) => s > 0).length,
    ranked: table.length,
    medianWeightMean: shares.reduce((s, v) => s + v, 0) / (shares.length || 1),
    medianWeightMeanFilled: shares.reduce((s, v) => s + v, 0) / (shares.filter((v) => v > 0).length || 1),
    medianWeightMax: Math.max(0, ...shares),
    medianWeightMaxKommun: shares.some((v) => v > 0)
      ? name(table[shares.indexOf(Math.max(...shares))]!.kommunkod)
      : null,
    largeFilled,
    flags,
    surveyBaseUnknown: Object.fromEntries(
      AREAS.flatMap((a) =>
        screening[a]?.surveyBaseUnknown?.length ? [[a, screening[a]!.surveyBaseUnknown!.map(name)]] : [],
      ),
    ),
    comparisons,
    potentialKr: over((x) => x.potentialKr),
    thin: thinRows.map((r) => ({
      kommun: name(r.kommunkod),
      share: comparableShare(r.areas, weights),
      reasons: AREAS.filter((a) => r.areas[a].ojamforbar),
    })),
    potentialByArea,
    potentialDeaKr,
    potentialOjusteradKr,
    extremes: extremeDrivers(table, name, weights, medians, filled, costDeviation),
  };
}

/**
 * The top and bottom ten: for each, the area whose weighted distance from the area median moves
 * the composite furthest in the direction of its place (up for the top, down for the bottom),
 * that area's net cost against the reference cost when known, the areas counted at the median
 * and the `extrem` flags, and the unadjusted rank when it is more than LARGE_RANK_GAP away.
 */
function extremeDrivers(
  table: EfficiencyRow[],
  name: (code: string) => string,
  weights: Record<Area, number>,
  medians: Record<Area, number>,
  filled: (r: EfficiencyRow, a: Area) => boolean,
  costDeviation?: (kommunkod: string, area: Area) => number | undefined,
): { top: ExtremeDriver[]; bottom: ExtremeDriver[] } {
  const ranked = [...table].sort((a, b) => a.rang - b.rang);
  const driverOf = (r: EfficiencyRow, direction: 1 | -1): string => {
    const main = AREAS.filter((a) => !filled(r, a))
      .map((a) => ({ a, pull: direction * weights[a] * (r.areas[a].effektivitet! - medians[a]) }))
      .sort((x, y) => y.pull - x.pull)[0];
    const parts: string[] = [];
    if (main && main.pull > 0) {
      const deviation = costDeviation?.(r.kommunkod, main.a);
      parts.push(
        `${main.a} ${pct(r.areas[main.a].effektivitet!)} against a median of ${pct(medians[main.a])}` +
          (deviation === undefined
            ? ''
            : `, net cost ${deviation > 0 ? '+' : ''}${deviation.toFixed(1)} % against the reference cost (${COST_DEVIATION_KPIS[main.a]})`),
      );
    }
    for (const a of AREAS) {
      if (filled(r, a) && a !== 'bibliotek')
        parts.push(`${a} at the median (${r.areas[a].ojamforbar ? 'no comparable municipality' : r.areas[a].saknas})`);
      if ((r.areas[a].flagga ?? '').split(';').includes('extrem')) parts.push(`${a} flagged extrem`);
    }
    if (r.rangOjusterad != null && Math.abs(r.rangOjusterad - r.rang) > LARGE_RANK_GAP)
      parts.push(`unadjusted rank ${r.rangOjusterad}`);
    return parts.join('; ') || 'no area away from the median';
  };
  const row = (r: EfficiencyRow, direction: 1 | -1): ExtremeDriver => ({
    kommun: name(r.kommunkod),
    rank: r.rang,
    driver: driverOf(r, direction),
  });
  return {
    top: ranked.slice(0, EXTREMES).map((r) => row(r, 1)),
    bottom: ranked.slice(-EXTREMES).map((r) => row(r, -1)),
  };
}

/** The check as plain text for the terminal. */
export function formatValidationCheck(c: ValidationCheck, total: number): string {
  const lines = [
    '',
    `Analyst's check (docs/method.md §6b)`,
    '',
    'Units per area (out: reason codes, docs/method.md §2.8):',
  ];
  for (const a of AREAS) {
    const u = c.units[a];
    const out = Object.entries(c.units[a].out)
      .sort((x, y) => y[1] - x[1])
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    lines.push(
      `  ${a.padEnd(14)} ${String(u.scored).padStart(3)} of ${total} scored (${u.partial} with a figure from an earlier year or without one)${out ? `; out: ${out}` : ''}`,
    );
  }
  lines.push(
    `Median-filled: ${c.medianFilled} of the ${c.ranked} ranked municipalities have an area counted at the area's national median (missing, or no comparable municipality); it fills ${pct(c.medianWeightMeanFilled)} of their composite weight on average, at most ${pct(c.medianWeightMax)}${c.medianWeightMaxKommun ? ` (${c.medianWeightMaxKommun})` : ''}`,
  );
  if (c.largeFilled.length)
    lines.push(
      `  of them with ${String(LARGE_MUNICIPALITY).replace(/\B(?=(\d{3})+$)/g, ' ')} inhabitants or more (bibliotek not listed):`,
    );
  for (const l of c.largeFilled) lines.push(`  ${l.kommun}: ${l.reasons.join(', ')}`);
  lines.push(
    `Not ranked, too little comparable (own comparable scores < ${pct(MIN_COMPARABLE_SHARE)} of the areas' weight; a short report): ${c.thin.length}`,
  );
  for (const t of c.thin)
    lines.push(`  ${t.kommun}: ${pct(t.share)} comparable; no comparable municipality in ${t.reasons.join(', ')}`);
  lines.push(
    "Frontier screening (flagga_<omrade>; each unit keeps its own score; units screened out set no other unit's target):",
  );
  for (const a of AREAS) {
    const f = Object.entries(c.flags[a]);
    lines.push(
      `  ${a.padEnd(14)} ${f.length ? f.map(([code, list]) => `${code} ${list.length} (${list.join(', ')})`).join('; ') : 'none'}`,
    );
  }
  for (const [a, list] of Object.entries(c.surveyBaseUnknown)) {
    lines.push(
      `  ${a.padEnd(14)} survey base unknown (user count missing, not screened): ${list.length} (${list.join(', ')})`,
    );
  }
  lines.push("The 2025 study's top five and the handbook's municipalities against our ranks:");
  for (const x of c.comparisons) {
    lines.push(
      `  ${x.kommun.padEnd(14)} study ${x.studyRank === null ? '–' : String(x.studyRank).padStart(2)}  ours ${x.rank === null ? '–' : String(x.rank).padStart(3)}${x.reason ? `  ${x.reason}` : ''}`,
    );
  }
  if (c.extremes) {
    lines.push('Top and bottom ten, main driver (the area furthest from its median, docs/method.md §4.1):');
    for (const x of [...c.extremes.top, ...c.extremes.bottom])
      lines.push(`  ${String(x.rank).padStart(3)}  ${x.kommun.padEnd(14)} ${x.driver}`);
  }
  const parts = AREAS.map(
    (a) => `${a} ${c.potentialByArea[a] === null ? 'none (indicator only)' : bn(c.potentialByArea[a]!)}`,
  ).join(', ');
  const adjustment = c.potentialOjusteradKr - c.potentialDeaKr;
  lines.push(
    `National potential ${bn(c.potentialKr)}, bias-corrected as printed (${parts}); before bias correction ${bn(c.potentialDeaKr)}, without the structure adjustment ${bn(c.potentialOjusteradKr)} (DEA, the same areas and units)`,
    `  against the study's ${(STUDY_POTENTIAL_KR[0] / 1e9).toFixed(1)}–${bn(STUDY_POTENTIAL_KR[1])}: the structure adjustment accounts for ${bn(adjustment)}; the remaining ${bn(Math.max(0, STUDY_POTENTIAL_KR[0] - c.potentialOjusteradKr))} or more is not explained by figures here (the study's model is not published; no library potential here, docs/method.md §4)`,
    '',
  );
  return lines.join('\n');
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const bn = (kr: number) => `${(kr / 1e9).toFixed(1)} bn SEK`;
