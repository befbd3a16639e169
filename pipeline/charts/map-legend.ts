import { formatPercent } from '../format/index.ts';
import { r1, text } from './svg-document.ts';
import { theme } from './theme.ts';
import { phrase } from '../model/phrases.ts';

/** Inputs of `mapLegend`. */
export interface MapLegendInput {
  title: string;
  /** Inner class breaks (ascending); n breaks give n + 1 classes. */
  breaks: number[];
  colours: string[];
  lo: number;
  hi: number;
  /** Whether to add the "uppgift saknas" swatch. */
  missing: boolean;
  patternId: string;
}

const SW = 14;
const STEP = 18;

/**
 * Classed legend in the top-left corner, where Norway leaves the frame empty on a map of
 * Sweden. Highest class first, so "up" means "better" as on the rank strip's axis.
 */
export function mapLegend(input: MapLegendInput): string {
  const { breaks, colours, lo, hi } = input;
  const bounds = [lo, ...breaks, hi];
  const labels = colours.map((_, i) => {
    const a = bounds[i]!;
    const b = bounds[i + 1]!;
    if (colours.length === 1)
      return phrase('diagram', 'karta.klass.mellan', { lag: formatPercent(a), hog: formatPercent(b) });
    if (i === 0) return phrase('diagram', 'karta.klass.under', { hog: formatPercent(b) });
    if (i === colours.length - 1) return phrase('diagram', 'karta.klass.minst', { lag: formatPercent(a) });
    return phrase('diagram', 'karta.klass.mellan', { lag: pct(a), hog: formatPercent(b) });
  });
  const x = 6;
  let y = 18;
  let out = text(x, y, input.title, { size: theme.fontSize.base, weight: 'bold' });
  for (let i = colours.length - 1; i >= 0; i--) {
    y += STEP;
    out += swatch(x, y, colours[i]!) + text(x + SW + 6, y, labels[i]!, { size: theme.fontSize.small });
  }
  if (input.missing) {
    y += STEP;
    out +=
      swatch(x, y, `url(#${input.patternId})`) +
      text(x + SW + 6, y, phrase('diagram', 'uppgiftSaknas'), { size: theme.fontSize.small });
  }
  return out;
}

/** "60" of "60–70 %": the unit is said once per range. */
function pct(share: number): string {
  return formatPercent(share).replace(/\u00a0%$/, '');
}

function swatch(x: number, baseline: number, fill: string): string {
  return `<rect x="${x}" y="${r1(baseline - SW + 3)}" width="${SW}" height="${SW}" fill="${fill}" stroke="${theme.color.axis}" stroke-width="0.5"/>`;
}

/** Diagonal hatch on light grey: missing data must not read as "low value" in any palette. */
export function missingPattern(id: string): string {
  return (
    `<pattern id="${id}" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="4" height="4" fill="${theme.color.missing}"/>` +
    `<line x1="0" y1="0" x2="0" y2="4" stroke="${theme.color.missingHatch}" stroke-width="1.2"/></pattern>`
  );
}
