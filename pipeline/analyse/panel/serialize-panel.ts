/** The panel's two interchange files (DESIGN.md "Over time"): `,`-separated, `.` decimals, empty = missing. */
import { AREAS } from '../../load/types.ts';
import type { HistoryRow, MalmquistRow } from './types.ts';

export const HISTORY_COLUMNS = ['kommunkod', 'ar', 'effektivitet', 'rang', 'antal', ...AREAS.map((a) => `effektivitet_${a}`)];
export const MALMQUIST_COLUMNS = ['kommunkod', 'omrade', 'fran_ar', 'till_ar', 'malmquist', 'effektivitetsforandring', 'teknisk_forandring'];

const score = (v: number | null) => (v === null ? '' : String(Math.round(v * 1e6) / 1e6));

/** `effektivitet-historik.csv`: one row per municipality and year; a missing year or area stays empty. */
export function serializeHistory(rows: readonly HistoryRow[]): string {
  const lines = [HISTORY_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push([r.kommunkod, r.ar, score(r.effektivitet), r.rang ?? '', r.antal, ...AREAS.map((a) => score(r.areas[a]))].join(','));
  }
  return lines.join('\n') + '\n';
}

/** `malmquist.csv`: > 1 = improvement; malmquist = effektivitetsforandring × teknisk_forandring. */
export function serializeMalmquist(rows: readonly MalmquistRow[]): string {
  const lines = [MALMQUIST_COLUMNS.join(',')];
  const sorted = [...rows].sort((a, b) => a.kommunkod.localeCompare(b.kommunkod) || AREAS.indexOf(a.omrade) - AREAS.indexOf(b.omrade) || a.franAr - b.franAr);
  for (const r of sorted) {
    lines.push([r.kommunkod, r.omrade, r.franAr, r.tillAr, score(r.malmquist), score(r.effektivitetsforandring), score(r.tekniskForandring)].join(','));
  }
  return lines.join('\n') + '\n';
}
