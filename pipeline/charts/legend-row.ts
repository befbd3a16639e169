import { marker, type MarkerKind } from './marker.ts';
import { text } from './svg-document.ts';
import { theme } from './theme.ts';

/**
 * Approximate rendered width of a text in Source Sans 3: 0.5 em per character is its average
 * for Swedish prose, and a little more keeps estimates on the safe side. Node has no font
 * metrics without a canvas dependency, and layout only needs to avoid collisions.
 */
export function textWidth(content: string, size: number): number {
  return content.length * size * 0.52;
}

/** One legend entry: a marker (or a custom swatch) and its label. */
export interface LegendItem {
  kind?: MarkerKind;
  /** Custom swatch markup drawn at (x, y-centre); used when a marker does not fit. */
  swatch?: (x: number, y: number) => string;
  label: string;
}

/** A horizontal legend starting at (x, y), y being the text baseline. */
export function legendRow(items: LegendItem[], x: number, y: number, size: number = theme.fontSize.small): string {
  let cx = x;
  let out = '';
  for (const item of items) {
    const my = y - size * 0.35;
    if (item.swatch) out += item.swatch(cx + 5, my);
    else if (item.kind) out += marker(item.kind, cx + 5, my, item.kind === 'self' ? 60 : 50);
    out += text(cx + 14, y, item.label, { size, fill: theme.color.text });
    cx += 14 + textWidth(item.label, size) + 18;
  }
  return out;
}
