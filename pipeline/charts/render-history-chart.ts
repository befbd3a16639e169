import { scaleLinear } from 'd3-scale';
import { formatPercent } from '../format/index.ts';
import { legendRow } from './legend-row.ts';
import { marker } from './marker.ts';
import { r1, svgDocument, text } from './svg-document.ts';
import { theme } from './theme.ts';
import type { Chart } from './types.ts';
import { phrase } from '../model/phrases.ts';

/** One year of the history chart; null = no value that year (the line is broken, never bridged). */
export interface HistoryPoint {
  ar: number;
  own: number | null;
  groupMedian: number | null;
  nationalMedian: number | null;
  /** A short note shown under the year, e.g. `utan äldreomsorg`. */
  note?: string;
}

/** Input of `renderHistoryChart`. */
export interface HistoryChartInput {
  kommunNamn: string;
  groupName: string;
  points: HistoryPoint[];
  /** What the values are; default `Sammanvägd effektivitet`. */
  valueLabel?: string;
}

const W = theme.width;
const H = 250;
const M = { left: 44, right: 24, top: 36, bottom: 196 };
/** A year's sentence in the alt text, by whether it has a note and a group median. */
const YEAR_KEYS: Record<string, string> = {
  'false-false': 'historik.ar',
  'true-false': 'historik.ar.not',
  'false-true': 'historik.ar.median',
  'true-true': 'historik.ar.not.median',
};

/**
 * Efficiency per year: the municipality (orange circles, solid line), its kommungrupp's median
 * (blue diamonds, dashed) and the national median (grey, dotted). Each year is measured against
 * its own frontier; a missing year breaks the line rather than being bridged.
 */
export function renderHistoryChart(input: HistoryChartInput): Chart {
  const valueLabel = input.valueLabel ?? phrase('diagram', 'sammanvagdEffektivitet');
  const points = [...input.points].sort((a, b) => a.ar - b.ar);
  if (points.length === 0) throw new Error(`Cannot draw the history chart for ${input.kommunNamn}: no years`);
  const values = points.flatMap((p) => [p.own, p.groupMedian, p.nationalMedian]).filter((v): v is number => v !== null);
  const lo = values.length ? Math.min(...values) : 0.5;
  const x = scaleLinear()
    .domain([points[0]!.ar - 0.4, points.at(-1)!.ar + 0.4])
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([Math.max(0, Math.floor(lo * 10) / 10 - 0.05), 1])
    .range([M.bottom, M.top]);

  const grid = y
    .ticks(5)
    .map(
      (t) =>
        `<line x1="${M.left}" x2="${W - M.right}" y1="${r1(y(t))}" y2="${r1(y(t))}" stroke="${theme.color.grid}"/>` +
        text(M.left - 6, y(t) + 4, formatPercent(t), {
          size: theme.fontSize.small,
          fill: theme.color.muted,
          anchor: 'end',
        }),
    )
    .join('');
  const years = points
    .map(
      (p) =>
        text(x(p.ar), M.bottom + 16, String(p.ar), {
          size: theme.fontSize.small,
          fill: theme.color.muted,
          anchor: 'middle',
        }) +
        (p.note
          ? text(x(p.ar), M.bottom + 29, p.note, {
              size: theme.fontSize.small - 1,
              fill: theme.color.muted,
              anchor: 'middle',
            })
          : ''),
    )
    .join('');

  const line = (pick: (p: HistoryPoint) => number | null, colour: string, dash: string, width: number): string => {
    // Consecutive years with values form a segment; a gap starts a new one.
    const segments: string[][] = [];
    let current: string[] = [];
    let lastYear: number | undefined;
    for (const p of points) {
      const v = pick(p);
      if (v === null || (lastYear !== undefined && p.ar !== lastYear + 1)) {
        if (current.length) segments.push(current);
        current = [];
      }
      if (v !== null) current.push(`${r1(x(p.ar))},${r1(y(v))}`);
      lastYear = v === null ? undefined : p.ar;
    }
    if (current.length) segments.push(current);
    return segments
      .filter((s) => s.length > 1)
      .map(
        (s) =>
          `<polyline points="${s.join(' ')}" fill="none" stroke="${colour}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      )
      .join('');
  };
  const marks = (pick: (p: HistoryPoint) => number | null, kind: 'all' | 'group' | 'self', size: number) =>
    points.map((p) => (pick(p) === null ? '' : marker(kind, x(p.ar), y(pick(p)!), size))).join('');

  const legend = legendRow(
    [
      { kind: 'self', label: input.kommunNamn },
      { kind: 'group', label: phrase('diagram', 'historik.gruppensMedian', { grupp: input.groupName }) },
      { kind: 'all', label: phrase('diagram', 'historik.riketsMedian') },
    ],
    M.left,
    14,
  );
  const body = (): string =>
    legend +
    grid +
    line((p) => p.nationalMedian, theme.color.neutral, '2 3', 1.5) +
    line((p) => p.groupMedian, theme.color.group, '5 3', 1.5) +
    line((p) => p.own, theme.color.self, '', 2.5) +
    marks((p) => p.nationalMedian, 'all', 30) +
    marks((p) => p.groupMedian, 'group', 45) +
    marks((p) => p.own, 'self', 60) +
    years +
    text(W / 2, H - 4, phrase('diagram', 'historik.axel', { varde: valueLabel }), {
      size: theme.fontSize.small,
      fill: theme.color.muted,
      anchor: 'middle',
    });

  const describe = (p: HistoryPoint) =>
    phrase('diagram', YEAR_KEYS[`${!!p.note}-${p.groupMedian !== null}`]!, {
      ar: p.ar,
      not: p.note ?? '',
      varde: p.own === null ? phrase('diagram', 'uppgiftSaknas') : formatPercent(p.own),
      median: p.groupMedian === null ? '' : formatPercent(p.groupMedian),
    });
  const alt = phrase('diagram', 'historik.alt', {
    varde: valueLabel,
    namn: input.kommunNamn,
    grupp: input.groupName,
    ar: points.map(describe).join('; '),
  });
  return svgDocument({
    kind: 'history',
    width: W,
    height: H,
    title: phrase('diagram', 'historik.rubrik', { varde: valueLabel, namn: input.kommunNamn }),
    alt,
    body,
  });
}
