/**
 * The view model of the two-page brief (issue 16): the key figures with their 95 % intervals,
 * the trend when a yearly history exists, the three most relevant themes in a line each, the
 * areas at a glance, the peers and where the full report is. Built from the full report's view
 * model (so both documents always agree) and the efficiency table's interval columns. Pure.
 *
 * Intervals come only from the table (`effektivitetLag/Hog`, `rangLag/Hog`, per area
 * `effektivitetLag/Hog`); when they are null or absent the brief says "intervall saknas" and
 * never derives one.
 */
import { formatPercent, joinSv } from '../format/index.ts';
import { AREAS, type EfficiencyRow } from '../load/types.ts';
import type { ModelContext } from './model-context.ts';
import { MAX_PEERS } from './role-models.ts';
import type { MunicipalityReport } from './types.ts';
import { phrase } from './phrases.ts';

/** What the brief prints where an interval is not available. */
export const NO_INTERVAL = phrase('ord', 'intervallSaknas');
const MISSING = phrase('ord', 'saknas');

/** How many trend years fit on the brief's two pages (its peers: as many as MAX_PEERS). */
const MAX_YEARS = 6;

/** One year of the municipality's history (the panel's yearly efficiency table). */
export interface BriefHistoryPoint {
  ar: number;
  effektivitet: number | null;
  rang?: number | null;
  antal?: number | null;
}

export interface BriefView {
  kommun: MunicipalityReport['kommun'];
  ar: number;
  /** The PDF's title (metadata and `<title>`). */
  titel: string;
  nyckeltal: {
    rangText: string;
    /** "plats 8–20 med 95 % säkerhet" or "intervall saknas". */
    rangIntervallText: string;
    effektivitetText: string;
    /** "95 % intervall 88–96 %" or "intervall saknas". */
    effektivitetIntervallText: string;
    /** "4 av 43" (the group's name is in `kommun.kommungrupp`). */
    gruppRangText: string;
    potentialText: string;
    potentialPerInvanareText: string;
  };
  /** Whether the rank has an interval (the template explains it only then). */
  harIntervall: boolean;
  /** What the interval means for this municipality, in plain Swedish (or why it is missing). */
  osakerhetText: string;
  /** The trend slot: rows when the view model has a yearly history, else a sentence. */
  trend: { finns: boolean; rader: { ar: number; effektivitetText: string; rangText: string }[]; text: string };
  /** The three most relevant themes, one line each: title and the first sentence of the reason. */
  teman: { titel: string; mening: string }[];
  /** Per area; `not` is set when the result is efficient only for want of comparable municipalities. */
  omraden: {
    namn: string;
    effektivitetText: string;
    intervallText: string;
    rangText: string;
    potentialText: string;
    not: string;
  }[];
  /** Which areas the composite covers. */
  omfattningText: string;
  forebilder: { namn: string; kommungrupp: string; effektivitetText: string; varfor: string }[];
  /** Where the full report is: its file name and the site page it is published on. */
  rapport: { fil: string; sida: string };
}

/**
 * The yearly history of the full report's chapter "Utveckling över tid" (the panel, issue 13):
 * its years with a value. Without a panel (an external efficiency table) the list is empty and
 * the brief says so. A plain `historik` list on the view model is accepted too (tests).
 */
export function historyOf(report: MunicipalityReport): BriefHistoryPoint[] {
  if (report.utveckling) {
    return report.utveckling.ar.map(({ ar, effektivitet, rang, antal }) => ({ ar, effektivitet, rang, antal }));
  }
  const history = (report as MunicipalityReport & { historik?: unknown }).historik;
  if (!Array.isArray(history)) return [];
  return history.filter(
    (point): point is BriefHistoryPoint =>
      !!point &&
      typeof point === 'object' &&
      Number.isInteger((point as BriefHistoryPoint).ar) &&
      (typeof (point as BriefHistoryPoint).effektivitet === 'number' ||
        (point as BriefHistoryPoint).effektivitet === null),
  );
}

/** Builds the brief's view model for the municipality of `report`. */
export function buildBriefView(
  ctx: ModelContext,
  report: MunicipalityReport,
  history: BriefHistoryPoint[] = historyOf(report),
  baseUrl: string | null = null,
): BriefView {
  const { kommun } = report;
  const row = ctx.rowByCode.get(kommun.kod);
  if (!row) throw new Error(`Internal error: no efficiency row for kommunkod ${kommun.kod}`);
  const s = report.sammanfattning;
  const n = s.antal;
  const rankInterval = intervalOf(row.rangLag, row.rangHog);
  const valueInterval = intervalOf(row.effektivitetLag, row.effektivitetHog);
  const name = `${kommun.kod}-${kommun.slug}`;
  return {
    kommun,
    ar: report.ar,
    titel: phrase('kort', 'titel', { namn: kommun.namn, ar: report.ar }),
    nyckeltal: {
      rangText: s.rangText,
      rangIntervallText: rankInterval
        ? phrase('kort', 'rangIntervall', { lag: Math.round(rankInterval[0]), hog: Math.round(rankInterval[1]) })
        : NO_INTERVAL,
      effektivitetText: s.effektivitetText,
      effektivitetIntervallText: valueInterval
        ? phrase('kort', 'effektivitetIntervall', { intervall: percentRange(valueInterval) })
        : NO_INTERVAL,
      gruppRangText: phrase('ord', 'avAntal', { rang: s.gruppRang, antal: s.gruppAntal }),
      potentialText: s.potentialText,
      potentialPerInvanareText: s.potentialPerInvanareText,
    },
    harIntervall: rankInterval !== undefined,
    osakerhetText: uncertaintyText(kommun.namn, s.rang, n, rankInterval),
    trend: trendOf(history),
    teman: report.toppteman.map((theme) => ({ titel: theme.titel, mening: firstSentence(theme.skal) })),
    omraden: AREAS.map((area) => {
      const view = report.omraden.find((item) => item.id === area);
      const result = row.areas[area];
      const interval = intervalOf(result.effektivitetLag, result.effektivitetHog);
      return {
        namn: view?.namn ?? area,
        effektivitetText: view?.effektivitetText ?? MISSING,
        intervallText: view?.harData ? (interval ? percentRange(interval) : NO_INTERVAL) : '–',
        rangText: view?.rangText ?? MISSING,
        potentialText: view?.potentialText ?? MISSING,
        // Efficient only because no comparable municipality exists: said, not shown as the best.
        not: view?.harData && result.ojamforbar ? phrase('ord', 'ingenJamforbar') : '',
      };
    }),
    omfattningText: coverageText(row, report),
    forebilder: report.forebilder.slice(0, MAX_PEERS).map((peer) => ({
      namn: peer.namn,
      kommungrupp: peer.kommungrupp,
      effektivitetText: peer.effektivitetText,
      varfor: peer.varfor,
    })),
    // The page's absolute address when the site's base URL is known (the PDF names its HTML version).
    rapport: { fil: `${name}.pdf`, sida: baseUrl ? new URL(`kommun/${name}/`, baseUrl).href : `kommun/${name}/` },
  };
}

/** [low, high] when both ends are finite numbers (ordered), else undefined: never invented. */
function intervalOf(low: number | null | undefined, high: number | null | undefined): [number, number] | undefined {
  if (typeof low !== 'number' || typeof high !== 'number' || !Number.isFinite(low) || !Number.isFinite(high))
    return undefined;
  return low <= high ? [low, high] : [high, low];
}

function percentRange([low, high]: [number, number]): string {
  return `${formatPercent(low).replace('\u00a0%', '')}–${formatPercent(high)}`;
}

/**
 * One or two sentences on how sure the rank is. An interval spanning a third of the country
 * or more is called out, so the rank is not read as precise.
 */
function uncertaintyText(namn: string, rank: number, n: number, interval: [number, number] | undefined): string {
  if (!interval) {
    return phrase('kort', 'osakerhet.saknas', { rang: rank, antal: n, ingetIntervall: NO_INTERVAL });
  }
  const [low, high] = interval.map(Math.round) as [number, number];
  const base = phrase('kort', 'osakerhet', { namn, lag: low, hog: high, antal: n });
  return high - low + 1 >= n / 3 ? `${base} ${phrase('kort', 'osakerhet.bred')}` : base;
}

function trendOf(history: BriefHistoryPoint[]): BriefView['trend'] {
  const rows = [...history]
    .filter((point) => point.effektivitet !== null)
    .sort((a, b) => a.ar - b.ar)
    .slice(-MAX_YEARS)
    .map((point) => ({
      ar: point.ar,
      effektivitetText: formatPercent(point.effektivitet!),
      rangText:
        typeof point.rang === 'number'
          ? typeof point.antal === 'number'
            ? phrase('ord', 'avAntal', { rang: point.rang, antal: point.antal })
            : String(point.rang)
          : '–',
    }));
  if (rows.length >= 2) {
    return {
      finns: true,
      rader: rows,
      text: phrase('kort', 'trend', { fran: rows[0]!.ar, till: rows.at(-1)!.ar }),
    };
  }
  return {
    finns: false,
    rader: [],
    text: phrase('kort', 'trend.ettAr'),
  };
}

/** The first sentence of a reason (the brief has a line per theme, the report the rest). */
function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s+[A-ZÅÄÖ0-9]|$)/s.exec(text.trim());
  return (match?.[0] ?? text).trim();
}

function coverageText(row: EfficiencyRow, report: MunicipalityReport): string {
  const present = report.omraden.filter((area) => area.harData).map((area) => area.namn.toLowerCase());
  const missing = report.omraden.filter((area) => !area.harData).map((area) => area.namn.toLowerCase());
  if (missing.length === 0) return phrase('kort', 'omfattning.alla', { ar: row.ar });
  return phrase('kort', 'omfattning', { omraden: joinSv(present), saknade: joinSv(missing) });
}
