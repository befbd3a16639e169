import { median } from '../stats/index.ts';
import { scaleLinear } from 'd3-scale';
import { formatPercent, formatRank } from '../format/index.ts';
import { beeswarm } from './beeswarm.ts';
import { marker, markerSeries } from './marker.ts';
import { legendRow, textWidth } from './legend-row.ts';
import { r1, svgDocument, text } from './svg-document.ts';
import { theme } from './theme.ts';
import type { Chart } from './types.ts';
import { phrase } from '../model/phrases.ts';

/** Input of `renderRankStrip`. */
export interface RankStripInput {
  /** All municipalities with a composite efficiency (0–1). */
  units: { kommunkod: string; namn: string; value: number; inGroup: boolean }[];
  /** kommunkod of the municipality the report is about. */
  highlight: string;
  /** Name of its kommungrupp, e.g. `Pendlingskommun nära storstad`. */
  groupName: string;
  /** What the value is; default `Sammanvägd effektivitet`. */
  valueLabel?: string;
  /** Official rank (ties broken by super-efficiency); computed from the values when absent. */
  rank?: number;
  /**
   * 95 % interval of the rank (bootstrap). Drawn as a whisker on the strip, from the value of
   * the municipality now at rank `high` to the value of the one at rank `low`. Null: the table
   * has no interval (said in the text alternative); absent: nothing is said.
   */
  rankInterval?: { low: number; high: number } | null;
}

const W = theme.width;
const H = 220;
const M = { left: 24, right: 24 };
const SWARM = { top: 54, bottom: 162 };
const AXIS_Y = 184;

/**
 * The municipality's position among all municipalities: a beeswarm of every unit on a
 * percent axis, its kommungrupp as blue diamonds, itself as a large outlined circle labelled
 * with name and value, and dashed median lines for all and for the group.
 */
export function renderRankStrip(input: RankStripInput): Chart {
  const units = input.units.filter((u) => Number.isFinite(u.value));
  const self = units.find((u) => u.kommunkod === input.highlight);
  if (!self) throw new Error(`Cannot draw the rank strip: kommunkod ${input.highlight} is not among the units`);
  const valueLabel = input.valueLabel ?? phrase('diagram', 'sammanvagdEffektivitet');
  // The municipality always belongs to its own group, even if the caller forgot to flag it.
  const group = units.filter((u) => u.inGroup || u === self);
  const medAll = units.length ? median(units.map((u) => u.value)) : self.value;
  const medGroup = group.length ? median(group.map((u) => u.value)) : self.value;
  const rank = input.rank ?? 1 + units.filter((u) => u.value > self.value).length;
  const groupRank = 1 + group.filter((u) => u.value > self.value).length;

  const lo = Math.min(...units.map((u) => u.value));
  const hi = Math.max(...units.map((u) => u.value));
  const x = scaleLinear()
    .domain([Math.floor(lo * 10) / 10, Math.max(1, Math.ceil(hi * 10) / 10)])
    .range([M.left, W - M.right]);

  const xs = units.map((u) => x(u.value));
  const half = (SWARM.bottom - SWARM.top) / 2;
  const { radius, ys } = swarmLayout(xs, half);
  const cy = SWARM.top + half;
  const yOf = (i: number): number => cy + Math.max(-half + radius, Math.min(half - radius, ys[i] ?? 0));
  const area = Math.PI * radius * radius;

  const dots: [number, number][] = [];
  const groupDots: [number, number][] = [];
  units.forEach((u, i) => {
    if (u !== self) (group.includes(u) ? groupDots : dots).push([xs[i]!, yOf(i)]);
  });

  const sx = x(self.value);
  const sy = yOf(units.indexOf(self));
  const interval = input.rankInterval ? normaliseInterval(input.rankInterval, units.length) : undefined;
  const label = phrase('diagram', interval ? 'rang.etikett.intervall' : 'rang.etikett', {
    namn: self.namn,
    varde: formatPercent(self.value),
    intervall: interval ? phrase('diagram', 'rang.intervall', { lag: interval.low, hog: interval.high }) : '',
  });
  // The label is anchored so that it stays inside the chart, however long the name.
  const labelWidth = textWidth(label, theme.fontSize.label);
  const anchor = sx - labelWidth / 2 < M.left ? 'start' : sx + labelWidth / 2 > W - M.right ? 'end' : 'middle';
  const labelX =
    anchor === 'start'
      ? Math.max(M.left, Math.min(sx, W - M.right - labelWidth))
      : anchor === 'end'
        ? Math.min(W - M.right, Math.max(sx, M.left + labelWidth))
        : sx;
  const whisker = interval
    ? rankWhisker(
        units.map((u) => u.value),
        interval,
        x,
        sy,
      )
    : '';

  const ticks = x.ticks(6);
  const axis =
    `<line x1="${M.left}" x2="${W - M.right}" y1="${AXIS_Y}" y2="${AXIS_Y}" stroke="${theme.color.axis}"/>` +
    ticks
      .map(
        (t) =>
          `<line x1="${r1(x(t))}" x2="${r1(x(t))}" y1="${AXIS_Y}" y2="${AXIS_Y + 4}" stroke="${theme.color.axis}"/>` +
          text(x(t), AXIS_Y + 15, formatPercent(t), {
            size: theme.fontSize.small,
            fill: theme.color.muted,
            anchor: 'middle',
          }),
      )
      .join('');

  // Median captions sit on one row below the swarm; when they would collide, each moves to
  // the outer side of its own line (lower value to the left, higher to the right).
  const clash = Math.abs(x(medAll) - x(medGroup)) < 160;
  const lowerIsAll = medAll <= medGroup;
  const medianLine = (v: number, colour: string, caption: string, isLower: boolean): string => {
    const mx = x(v);
    const side = isLower ? 'end' : 'start';
    const a = clash ? side : mx < W * 0.15 ? 'start' : mx > W * 0.85 ? 'end' : 'middle';
    const tx = clash ? mx + (isLower ? -3 : 3) : mx;
    return (
      `<line x1="${r1(mx)}" x2="${r1(mx)}" y1="${SWARM.top - 4}" y2="${SWARM.bottom + 2}" stroke="${colour}" stroke-width="1.5" stroke-dasharray="4 3"/>` +
      text(tx, SWARM.bottom + 13, caption, { size: theme.fontSize.small, fill: colour, anchor: a })
    );
  };
  const medians =
    medianLine(
      medAll,
      theme.color.text,
      phrase('diagram', 'rang.medianAlla', { median: formatPercent(medAll) }),
      lowerIsAll,
    ) +
    medianLine(
      medGroup,
      theme.color.group,
      phrase('diagram', 'rang.medianGruppen', { median: formatPercent(medGroup) }),
      !lowerIsAll,
    );

  const legend = legendRow(
    [
      { kind: 'all', label: phrase('diagram', 'rang.allaKommuner', { antal: units.length }) },
      { kind: 'group', label: phrase('diagram', 'rang.kommungrupp', { grupp: input.groupName, antal: group.length }) },
      { kind: 'self', label: self.namn },
    ],
    M.left,
    14,
  );

  const labelY = SWARM.top - 12;
  const body = (): string =>
    legend +
    markerSeries('all', dots, area) +
    markerSeries('group', groupDots, area * 1.6) +
    medians +
    whisker +
    `<line x1="${r1(sx)}" x2="${r1(sx)}" y1="${labelY + 4}" y2="${r1(sy - radius - 3)}" stroke="${theme.color.text}"/>` +
    marker('self', sx, sy, Math.PI * 36) +
    text(labelX, labelY, label, { size: theme.fontSize.label, weight: 'bold', anchor }) +
    axis +
    text(W / 2, H - 4, valueLabel, { size: theme.fontSize.small, fill: theme.color.muted, anchor: 'middle' });

  const alt =
    phrase('diagram', 'rang.alt', {
      namn: self.namn,
      varde: valueLabel.toLowerCase(),
      egen: formatPercent(self.value),
      rang: formatRank(rank, units.length),
      gruppRang: formatRank(groupRank, group.length),
      grupp: input.groupName,
      gruppMedian: formatPercent(medGroup),
      median: formatPercent(medAll),
    }) +
    (interval
      ? ` ${phrase('diagram', 'rang.alt.intervall', { lag: interval.low, hog: interval.high, namn: self.namn })}`
      : input.rankInterval === null
        ? ` ${phrase('diagram', 'rang.alt.intervallSaknas')}`
        : '');
  return svgDocument({
    kind: 'rank-strip',
    width: W,
    height: H,
    title: phrase('diagram', 'rang.rubrik', { varde: valueLabel, namn: self.namn }),
    alt,
    body,
  });
}

/** The interval in whole ranks within 1…n, lower rank first. */
function normaliseInterval(
  interval: { low: number; high: number },
  n: number,
): { low: number; high: number } | undefined {
  if (!Number.isFinite(interval.low) || !Number.isFinite(interval.high)) return undefined;
  const clamp = (r: number) => Math.max(1, Math.min(n, Math.round(r)));
  const [low, high] = [clamp(interval.low), clamp(interval.high)].sort((a, b) => a - b) as [number, number];
  return { low, high };
}

/**
 * The rank interval on the value axis: ranks `low`…`high` of today's values (sorted from the
 * best), drawn as a bar with end caps at the municipality's height, on a white halo so that it
 * stands out from the swarm.
 */
function rankWhisker(
  values: number[],
  interval: { low: number; high: number },
  x: (v: number) => number,
  y: number,
): string {
  const sorted = [...values].sort((a, b) => b - a);
  const x1 = x(sorted[interval.high - 1]!);
  const x2 = x(sorted[interval.low - 1]!);
  const cap = (cx: number) => `M${r1(cx)} ${r1(y - 6)}V${r1(y + 6)}`;
  const d = `M${r1(x1)} ${r1(y)}H${r1(x2)}${cap(x1)}${cap(x2)}`;
  return (
    `<path d="${d}" fill="none" stroke="${theme.color.background}" stroke-width="6" stroke-linecap="round"/>` +
    `<path d="${d}" fill="none" stroke="${theme.color.self}" stroke-width="2.5" stroke-linecap="round" data-series="rank-interval"/>`
  );
}

/**
 * Every report of an edition draws the same swarm (only the highlight differs), so the last
 * layout is kept: the beeswarm was ~5 ms of each report's charts.
 */
let lastLayout: { key: string; radius: number; ys: number[] } | undefined;

/** Shrinks the dots until the swarm fits; a column of ties at 100 % would otherwise overflow. */
function swarmLayout(xs: number[], half: number): { radius: number; ys: number[] } {
  const key = `${half}:${xs.join(',')}`;
  if (lastLayout?.key === key) return lastLayout;
  let radius = 4;
  let ys = beeswarm(xs, radius);
  while (radius > 1.5 && Math.max(...ys.map(Math.abs)) + radius > half) {
    radius -= 0.5;
    ys = beeswarm(xs, radius);
  }
  lastLayout = { key, radius, ys };
  return lastLayout;
}
