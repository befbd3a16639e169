import { scaleLinear } from 'd3-scale';
import { formatPercent } from '../format/index.ts';
import { legendRow } from './legend-row.ts';
import { marker } from './marker.ts';
import { r1, svgDocument, text } from './svg-document.ts';
import { theme } from './theme.ts';
import type { Chart } from './types.ts';
import { phrase } from '../model/phrases.ts';

/** Input of `renderAreaComparison`. Values are efficiencies 0–1, null when missing. */
export interface AreaComparisonInput {
  areas: {
    namn: string;
    own: number | null;
    groupMedian: number | null;
    groupBest: number | null;
    groupBestName?: string;
    /**
     * 95 % interval of the own efficiency (bootstrap), drawn as a whisker around the own
     * marker. Null: not available (said in the text alternative); absent: nothing is said.
     */
    ownLow?: number | null;
    ownHigh?: number | null;
  }[];
  kommunNamn: string;
}

const W = theme.width;
const ROW = 40;
const TOP = 44;
const PLOT = { left: 130, right: 470 };
const NOTE_X = 490;

/**
 * Per area, the municipality's efficiency (large circle) against its kommungrupp's median
 * (diamond) and best (triangle) on a shared percent axis, with the numbers in a side column
 * so that neither colour nor position alone carries them.
 */
export function renderAreaComparison(input: AreaComparisonInput): Chart {
  const { areas, kommunNamn } = input;
  const all = areas
    .flatMap((a) => [a.own, a.groupMedian, a.groupBest, ...(intervalOf(a) ?? [])])
    .filter((v): v is number => v !== null);
  const anyInterval = areas.some((a) => intervalOf(a));
  const lo = all.length ? Math.min(...all) : 0.5;
  const x = scaleLinear()
    .domain([Math.min(0.5, Math.floor(lo * 10) / 10), 1])
    .range([PLOT.left, PLOT.right]);
  const H = TOP + areas.length * ROW + 34;
  const axisY = TOP + areas.length * ROW + 4;

  const grid = x
    .ticks(5)
    .map(
      (t) =>
        `<line x1="${r1(x(t))}" x2="${r1(x(t))}" y1="${TOP - 6}" y2="${axisY}" stroke="${theme.color.grid}"/>` +
        text(x(t), axisY + 15, formatPercent(t), {
          size: theme.fontSize.small,
          fill: theme.color.muted,
          anchor: 'middle',
        }),
    )
    .join('');

  const rows = areas.map((a, i) => {
    const cy = TOP + i * ROW + ROW / 2;
    const present = [a.own, a.groupMedian, a.groupBest].filter((v): v is number => v !== null);
    let row = text(PLOT.left - 10, cy + 5, a.namn, { anchor: 'end', weight: 'bold' });
    if (present.length > 1) {
      const x1 = x(Math.min(...present));
      const x2 = x(Math.max(...present));
      row += `<line x1="${r1(x1)}" x2="${r1(x2)}" y1="${cy}" y2="${cy}" stroke="${theme.color.grid}" stroke-width="4" stroke-linecap="round"/>`;
    }
    // The interval goes under the group's markers, so that a median or best inside it stays visible.
    const interval = intervalOf(a);
    if (a.own !== null && interval) row += whisker(x(interval[0]), x(interval[1]), cy);
    if (a.groupMedian !== null) row += marker('group', x(a.groupMedian), cy, 90);
    if (a.groupBest !== null) row += marker('best', x(a.groupBest), cy, 80);
    if (a.own !== null) {
      row += marker('self', x(a.own), cy, 110);
      row += text(x(a.own), cy - 9, formatPercent(a.own), {
        size: theme.fontSize.small,
        weight: 'bold',
        anchor: 'middle',
      });
    } else {
      row += text(PLOT.left + 4, cy + 4, phrase('diagram', 'omraden.egenSaknas', { namn: kommunNamn }), {
        size: theme.fontSize.small,
        fill: theme.color.muted,
        extra: 'font-style="italic"',
      });
    }
    const median = a.groupMedian === null ? phrase('diagram', 'saknas') : formatPercent(a.groupMedian);
    const best = a.groupBest === null ? phrase('diagram', 'saknas') : formatPercent(a.groupBest);
    row += text(NOTE_X, cy - 2, phrase('diagram', 'omraden.medianOchBast', { median, bast: best }), {
      size: theme.fontSize.small,
    });
    if (a.groupBestName)
      row += text(NOTE_X, cy + 12, phrase('diagram', 'omraden.bast', { namn: a.groupBestName }), {
        size: theme.fontSize.small,
        fill: theme.color.muted,
      });
    return row;
  });

  const legend = legendRow(
    [
      { kind: 'self', label: kommunNamn },
      { kind: 'group', label: phrase('diagram', 'omraden.gruppensMedian') },
      { kind: 'best', label: phrase('diagram', 'omraden.gruppensBasta') },
      ...(anyInterval
        ? [
            {
              swatch: (sx: number, sy: number) => whisker(sx - 7, sx + 3, sy),
              label: phrase('diagram', 'omraden.intervall'),
            },
          ]
        : []),
    ],
    PLOT.left - 10,
    16,
  );

  const alt = phrase('diagram', 'omraden.alt', {
    namn: kommunNamn,
    omraden: areas.map((a) => areaSentence(a, kommunNamn)).join(' '),
  });
  return svgDocument({
    kind: 'area-comparison',
    width: W,
    height: H,
    title: phrase('diagram', 'omraden.rubrik', { namn: kommunNamn }),
    alt,
    body: () => legend + grid + rows.join(''),
  });
}

type AreaRow = AreaComparisonInput['areas'][number];

/** The interval [low, high] when both ends are numbers. */
function intervalOf(a: AreaRow): [number, number] | undefined {
  const { ownLow: low, ownHigh: high } = a;
  if (typeof low !== 'number' || typeof high !== 'number' || !Number.isFinite(low) || !Number.isFinite(high))
    return undefined;
  return low <= high ? [low, high] : [high, low];
}

/** A horizontal whisker with end caps (the interval), on a white halo. */
function whisker(x1: number, x2: number, y: number): string {
  const cap = (cx: number) => `M${r1(cx)} ${r1(y - 6)}V${r1(y + 6)}`;
  const d = `M${r1(x1)} ${r1(y)}H${r1(x2)}${cap(x1)}${cap(x2)}`;
  return (
    `<path d="${d}" fill="none" stroke="${theme.color.background}" stroke-width="5" stroke-linecap="round"/>` +
    `<path d="${d}" fill="none" stroke="${theme.color.self}" stroke-width="2" stroke-linecap="round" data-series="interval"/>`
  );
}

function areaSentence(a: AreaRow, kommunNamn: string): string {
  const interval = intervalOf(a);
  const own =
    a.own === null
      ? phrase('diagram', 'omraden.omrade.egenSaknas', { namn: kommunNamn })
      : phrase(
          'diagram',
          interval
            ? 'omraden.omrade.egen.intervall'
            : a.ownLow === null || a.ownHigh === null
              ? 'omraden.omrade.egen.intervallSaknas'
              : 'omraden.omrade.egen',
          {
            namn: kommunNamn,
            egen: formatPercent(a.own),
            lag: interval ? formatPercent(interval[0]) : '',
            hog: interval ? formatPercent(interval[1]) : '',
          },
        );
  const median =
    a.groupMedian === null
      ? phrase('diagram', 'omraden.omrade.medianSaknas')
      : phrase('diagram', 'omraden.omrade.median', { median: formatPercent(a.groupMedian) });
  const best =
    a.groupBest === null
      ? phrase('diagram', 'omraden.omrade.bastSaknas')
      : phrase('diagram', a.groupBestName ? 'omraden.omrade.bast.namn' : 'omraden.omrade.bast', {
          bast: formatPercent(a.groupBest),
          namn: a.groupBestName ?? '',
        });
  return phrase('diagram', 'omraden.omrade', { omrade: a.namn, egen: own, median, bast: best });
}
