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
