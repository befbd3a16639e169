import { scaleLinear } from 'd3-scale';
import { formatNumber } from '../format/index.ts';
import { r1, svgDocument, text } from './svg-document.ts';
import { theme } from './theme.ts';
import type { Chart } from './types.ts';
import { phrase } from '../model/phrases.ts';

/** One key figure: the municipality (`self`) and its peers. */
export interface PeerFigure {
  title: string;
  unit: string;
  higherIsBetter: boolean;
  values: { namn: string; value: number | null; self: boolean }[];
}

/** Input of `renderPeerComparison`. */
export interface PeerComparisonInput {
  figures: PeerFigure[];
}

const W = theme.width;
const GAP = 24;
const ROW = 20;
const HEAD = 40;
const NAME_W = 104;
const VALUE_W = 62;

/**
 * Small multiples, two per row: each key figure as horizontal bars sorted best first, the
 * municipality itself in the accent colour with a bold name and an outline (so the
 * highlight survives greyscale printing), the unit in the panel title.
 */
export function renderPeerComparison(input: PeerComparisonInput): Chart {
  const { figures } = input;
  const cols = figures.length > 1 ? 2 : 1;
  const panelW = (W - GAP * (cols - 1)) / cols;
  const panelH = HEAD + Math.max(1, ...figures.map((f) => f.values.length)) * ROW + 10;
  const rowsOfPanels = Math.ceil(figures.length / cols);
  const H = Math.max(1, rowsOfPanels) * panelH;

  const panels = figures.map((f, i) => panel(f, (i % cols) * (panelW + GAP), Math.floor(i / cols) * panelH, panelW));
  const selfName = figures.flatMap((f) => f.values).find((v) => v.self)?.namn ?? '';
  const alt = phrase('diagram', 'nyckeltal.alt', {
    namn: selfName || phrase('diagram', 'nyckeltal.kommunen'),
    nyckeltal: figures.map(figureSentence).join(' '),
  });
  return svgDocument({
    kind: 'peer-comparison',
    width: W,
    height: H,
    title: phrase('diagram', 'nyckeltal.rubrik', { namn: selfName }),
    alt,
    body: () => panels.join(''),
  });
}

function panel(f: PeerFigure, x0: number, y0: number, w: number): string {
  const sorted = sortBestFirst(f);
  const max = Math.max(0, ...sorted.map((v) => v.value ?? 0));
  const x = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .range([0, w - NAME_W - VALUE_W]);
  const decimals = decimalsFor(sorted.map((v) => v.value));
  const maxTitleChars = Math.floor(w / (theme.fontSize.base * 0.52));
  let out = text(x0, y0 + 16, truncate(`${f.title} (${f.unit})`, maxTitleChars), { weight: 'bold' });
  out += text(x0, y0 + 31, phrase('diagram', f.higherIsBetter ? 'nyckeltal.hogreBattre' : 'nyckeltal.lagreBattre'), {
    size: theme.fontSize.small,
    fill: theme.color.muted,
  });
  sorted.forEach((v, i) => {
    const cy = y0 + HEAD + i * ROW + ROW / 2;
    const fill = v.self ? theme.color.self : theme.color.barMuted;
    out += text(x0 + NAME_W - 6, cy + 4, truncate(v.namn, 18), {
      size: theme.fontSize.small,
      anchor: 'end',
      ...(v.self ? { weight: 'bold' as const } : {}),
    });
    if (v.value === null) {
      out += text(x0 + NAME_W, cy + 4, phrase('diagram', 'saknas'), {
        size: theme.fontSize.small,
        fill: theme.color.muted,
        extra: 'font-style="italic"',
      });
      return;
    }
    const bw = Math.max(1, x(Math.max(0, v.value)));
    const stroke = v.self ? ` stroke="${theme.color.text}" stroke-width="1.5"` : '';
    out += `<rect x="${r1(x0 + NAME_W)}" y="${r1(cy - 7)}" width="${r1(bw)}" height="14" fill="${fill}"${stroke}/>`;
    out += text(x0 + NAME_W + bw + 4, cy + 4, formatNumber(v.value, decimals), {
      size: theme.fontSize.small,
      ...(v.self ? { weight: 'bold' as const } : {}),
    });
  });
  return out;
}

function sortBestFirst(f: PeerFigure): PeerFigure['values'] {
  const sign = f.higherIsBetter ? -1 : 1;
  return [...f.values].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
    return sign * (a.value - b.value);
  });
}

/** One decimal for small magnitudes (ratios, per cent), none for kronor-sized figures. */
function decimalsFor(values: (number | null)[]): number {
  const max = Math.max(0, ...values.map((v) => Math.abs(v ?? 0)));
  return max < 10 ? 1 : 0;
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function figureSentence(f: PeerFigure): string {
  const decimals = decimalsFor(f.values.map((v) => v.value));
  const parts = sortBestFirst(f).map((v) =>
    v.value === null
      ? phrase('diagram', 'nyckeltal.vardeSaknas', { namn: v.namn })
      : phrase('diagram', 'nyckeltal.varde', { namn: v.namn, varde: formatNumber(v.value, decimals) }),
  );
  return phrase('diagram', f.higherIsBetter ? 'nyckeltal.mening.hogreBattre' : 'nyckeltal.mening.lagreBattre', {
    titel: f.title,
    enhet: f.unit,
    varden: parts.join(', '),
  });
}
