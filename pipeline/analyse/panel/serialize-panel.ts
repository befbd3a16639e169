/** The panel's two interchange files (DESIGN.md "Over time"): `,`-separated, `.` decimals, empty = missing. */
import { AREAS } from '../../load/types.ts';
import type { HistoryRow, MalmquistRow } from './types.ts';

/** Columns added by issue 20 (pooled frontier, change and its noise); the first ones are the original contract. */
export const HISTORY_POOLED_COLUMNS = [
  'gemensam_effektivitet',
  ...AREAS.map((a) => `gemensam_${a}`),
  'forandring',
  'forandring_lag',
  'forandring_hog',
  'utanfor_brus',
];
export const HISTORY_COLUMNS = [
  'kommunkod',
  'ar',
  'effektivitet',
  'rang',
  'antal',
  ...AREAS.map((a) => `effektivitet_${a}`),
  ...HISTORY_POOLED_COLUMNS,
];
export const MALMQUIST_NOISE_COLUMNS = ['malmquist_lag', 'malmquist_hog', 'utanfor_brus'];
export const MALMQUIST_COLUMNS = [
  'kommunkod',
  'omrade',
  'fran_ar',
  'till_ar',
  'malmquist',
  'effektivitetsforandring',
  'teknisk_forandring',
  ...MALMQUIST_NOISE_COLUMNS,
];

const score = (v: number | null) => (v === null ? '' : String(Math.round(v * 1e6) / 1e6));
const flag = (v: boolean | null) => (v === null ? '' : v ? '1' : '0');

/** `effektivitet-historik.csv`: one row per municipality and year; a missing year or area stays empty. */
export function serializeHistory(rows: readonly HistoryRow[]): string {
  const lines = [HISTORY_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.kommunkod,
        r.ar,
        score(r.effektivitet),
        r.rang ?? '',
        r.antal,
        ...AREAS.map((a) => score(r.areas[a])),
        score(r.effektivitetGemensam),
        ...AREAS.map((a) => score(r.gemensam[a])),
        score(r.forandring),
        score(r.forandringLag),
        score(r.forandringHog),
        flag(r.utanforBrus),
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** `malmquist.csv`: > 1 = improvement; malmquist = effektivitetsforandring × teknisk_forandring. */
export function serializeMalmquist(rows: readonly MalmquistRow[]): string {
  const lines = [MALMQUIST_COLUMNS.join(',')];
  const sorted = [...rows].sort(
    (a, b) =>
      a.kommunkod.localeCompare(b.kommunkod) ||
      AREAS.indexOf(a.omrade) - AREAS.indexOf(b.omrade) ||
      a.franAr - b.franAr,
  );
  for (const r of sorted) {
    lines.push(
      [
        r.kommunkod,
        r.omrade,
        r.franAr,
        r.tillAr,
        score(r.malmquist),
        score(r.effektivitetsforandring),
        score(r.tekniskForandring),
        score(r.malmquistLag),
        score(r.malmquistHog),
        flag(r.utanforBrus),
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}
