import { symbol, symbolCircle, symbolDiamond, symbolTriangle, type SymbolType } from 'd3-shape';
import { r1 } from './svg-document.ts';
import { theme } from './theme.ts';

/**
 * The marker vocabulary shared by every chart, so that shape carries the same meaning as
 * colour everywhere: circle = the municipality or all municipalities, diamond = its
 * kommungrupp (median), triangle = the best in the group.
 */
export type MarkerKind = 'all' | 'group' | 'self' | 'best';

const SHAPES: Record<MarkerKind, { type: SymbolType; fill: string; stroke: string; strokeWidth: number }> = {
  all: { type: symbolCircle, fill: theme.color.neutral, stroke: theme.color.background, strokeWidth: 0.5 },
  group: { type: symbolDiamond, fill: theme.color.group, stroke: theme.color.background, strokeWidth: 0.5 },
  self: { type: symbolCircle, fill: theme.color.self, stroke: theme.color.text, strokeWidth: 1.5 },
  best: { type: symbolTriangle, fill: theme.color.best, stroke: theme.color.background, strokeWidth: 0.5 },
};

const pathCache = new Map<string, string>();

/** A marker of the given kind centred on (x, y); `size` is the symbol's area in square units. */
export function marker(kind: MarkerKind, x: number, y: number, size: number): string {
  const shape = SHAPES[kind];
  const key = `${kind}:${size}`;
  let d = pathCache.get(key);
  if (d === undefined) {
    d = symbol(shape.type, size).digits(1)() ?? '';
    pathCache.set(key, d);
  }
  return (
    `<path transform="translate(${r1(x)},${r1(y)})" d="${d}" fill="${shape.fill}" ` +
    `stroke="${shape.stroke}" stroke-width="${shape.strokeWidth}"/>`
  );
}

/**
 * Many markers of one kind as one `<path>`, a subpath per marker (circles as two arcs, other
 * shapes as relative outlines). A beeswarm of 290 `marker()` calls costs ≈ 40 KB; this form
 * about a quarter of it, and Chromium prints one path much faster than 290 elements (−25 ms
 * per report, docs/performance.md). Each subpath starts with an absolute move to the marker's
 * centre, so the centres can be read back from the path data.
 */
export function markerSeries(kind: MarkerKind, points: readonly [number, number][], size: number): string {
  const shape = SHAPES[kind];
  const paint = `fill="${shape.fill}" stroke="${shape.stroke}" stroke-width="${shape.strokeWidth}" data-series="${kind}"`;
  if (points.length === 0) return '';
  const outline =
    shape.type === symbolCircle ? circleOutline(Math.sqrt(size / Math.PI)) : relativeOutline(shape.type, size);
  return `<path ${paint} d="${points.map(([x, y]) => `M${r1(x)} ${r1(y)}${outline}`).join('')}"/>`;
}

/** A circle of radius `r` as relative steps from its centre: an invisible move, two half arcs. */
function circleOutline(r: number): string {
  const d = r1(2 * r);
  return `m${r1(-r)} 0a${r1(r)} ${r1(r)} 0 1 0 ${d} 0a${r1(r)} ${r1(r)} 0 1 0 ${r1(-d)} 0z`;
}

/** The symbol's outline as relative steps starting from its centre (an invisible first move). */
function relativeOutline(type: SymbolType, size: number): string {
  const d = symbol(type, size).digits(1)() ?? '';
  const pts = [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
  let [px, py] = [0, 0];
  const steps = pts.map(([x, y], i) => {
    const s = `${i === 0 ? 'm' : 'l'}${r1(x - px)} ${r1(y - py)}`;
    [px, py] = [x, y];
    return s;
  });
  return `${steps.join('')}z`;
}
