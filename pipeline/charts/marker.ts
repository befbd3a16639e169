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
 * Many markers of one kind as a single `<g>` carrying the paint, with short children: circles
 * as `<circle>`, other shapes as relative paths. A beeswarm of 290 `marker()` calls costs
 * ≈ 40 KB; this form costs about a third of it.
 */
export function markerSeries(kind: MarkerKind, points: readonly [number, number][], size: number): string {
  const shape = SHAPES[kind];
  const paint = `fill="${shape.fill}" stroke="${shape.stroke}" stroke-width="${shape.strokeWidth}" data-series="${kind}"`;
  if (shape.type === symbolCircle) {
    const r = r1(Math.sqrt(size / Math.PI));
    return `<g ${paint}>${points.map(([x, y]) => `<circle cx="${r1(x)}" cy="${r1(y)}" r="${r}"/>`).join('')}</g>`;
  }
  const outline = relativeOutline(shape.type, size);
  return `<g ${paint}>${points.map(([x, y]) => `<path d="M${r1(x)} ${r1(y)}${outline}"/>`).join('')}</g>`;
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
