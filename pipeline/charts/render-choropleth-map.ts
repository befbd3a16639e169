import { ticks } from 'd3-array';
import { median } from '../stats/index.ts';
import { scaleThreshold } from 'd3-scale';
import { formatPercent } from '../format/index.ts';
import { escapeXml } from './escape-xml.ts';
import type { MapGeometry } from './load-map-geometry.ts';
import { mapLegend, missingPattern } from './map-legend.ts';
import { r1, svgDocument, text } from './svg-document.ts';
import { theme } from './theme.ts';
import type { Chart } from './types.ts';
import { phrase } from '../model/phrases.ts';

/** Input of `renderChoroplethMap`. */
export interface ChoroplethInput {
  /** kommunkod → efficiency 0–1, null (or absent) when missing. */
  values: Map<string, number | null>;
  /** kommunkod of the municipality to outline and label. */
  highlight?: string;
  /** kommunkod → display name (names in the map file are the fallback). */
  names: Map<string, string>;
  /** viewBox size; default 300×640 (an A4 column beside text). */
  width?: number;
  height?: number;
  /** Website version: wrap each municipality in `<a href>`; the SVG then has role="group". */
  link?: (kommunkod: string) => string;
  /**
   * With `link`: false keeps the 290 links out of the tab order (`tabindex="-1"`); the page then
   * offers the same links as a list for the keyboard (issue 22). Default true.
   */
  linksInTabOrder?: boolean;
  /** Legend heading; default `Effektivitet`. */
  legendTitle?: string;
}

/**
 * Choropleth of Sweden's municipalities in classes of efficiency. Missing values get a hatch
 * pattern, the highlighted municipality a thick outline, a ring (small municipalities are a
 * pixel wide at report size) and a haloed label with its value.
 */
export function renderChoroplethMap(geometry: MapGeometry, input: ChoroplethInput): Chart {
  const width = input.width ?? 300;
  const height = input.height ?? 640;
  const legendTitle = input.legendTitle ?? phrase('diagram', 'karta.varde');
  const { shapes, outline } = geometry.projected(width, height);
  const valueOf = (k: string): number | null => {
    const v = input.values.get(k);
    return v === undefined || v === null || !Number.isFinite(v) ? null : v;
  };
  const known = shapes.map((s) => valueOf(s.kommunkod)).filter((v): v is number => v !== null);
  const lo = known.length ? Math.min(...known) : 0;
  const hi = known.length ? Math.max(...known) : 1;
  // Round class breaks (every 5 or 10 %) read better in a legend than quantiles.
  const breaks = ticks(lo, hi, 5).filter((t) => t > lo && t < hi);
  const colours = pickColours(breaks.length + 1);
  const colour = scaleThreshold<number, string>().domain(breaks).range(colours);
  const nameOf = (k: string, fallback: string): string => input.names.get(k) ?? fallback;

  const paths = (id: string): string[] =>
    shapes.map((s) => {
      const v = valueOf(s.kommunkod);
      const fill = v === null ? `url(#${id}-na)` : colour(v);
      const p = `<path d="${s.d}" fill="${fill}" data-k="${s.kommunkod}"/>`;
      if (!input.link) return p;
      const label = phrase('diagram', 'karta.kommun', {
        namn: nameOf(s.kommunkod, s.namn),
        varde: v === null ? phrase('diagram', 'uppgiftSaknas') : formatPercent(v),
      });
      return `<a href="${escapeXml(input.link(s.kommunkod))}"${input.linksInTabOrder === false ? ' tabindex="-1"' : ''}><title>${escapeXml(label)}</title>${p}</a>`;
    });

  const self = input.highlight ? shapes.find((s) => s.kommunkod === input.highlight) : undefined;
  let highlight = '';
  let selfSentence = '';
  if (self) {
    const v = valueOf(self.kommunkod);
    const name = nameOf(self.kommunkod, self.namn);
    const label = phrase('diagram', 'karta.markerad', {
      namn: name,
      varde: v === null ? phrase('diagram', 'saknas') : formatPercent(v),
    });
    const [cx, cy] = self.centroid;
    // Label on the side with more room, nudged to stay inside the frame.
    const right = cx < width * 0.55;
    const lx = right ? cx + 12 : cx - 12;
    const ly = Math.min(height - 6, Math.max(16, cy + 4));
    highlight =
      `<path d="${self.d}" fill="none" stroke="${theme.color.background}" stroke-width="4" stroke-linejoin="round"/>` +
      `<path d="${self.d}" fill="none" stroke="${theme.color.text}" stroke-width="2" stroke-linejoin="round" data-highlight="${self.kommunkod}"/>` +
      `<circle cx="${r1(cx)}" cy="${r1(cy)}" r="6" fill="none" stroke="${theme.color.background}" stroke-width="4"/>` +
      `<circle cx="${r1(cx)}" cy="${r1(cy)}" r="6" fill="none" stroke="${theme.color.text}" stroke-width="2"/>` +
      text(lx, ly, label, {
        size: theme.fontSize.label,
        weight: 'bold',
        anchor: right ? 'start' : 'end',
        extra: `stroke="${theme.color.background}" stroke-width="3" paint-order="stroke" stroke-linejoin="round"`,
      });
    selfSentence = ` ${phrase('diagram', 'karta.alt.markerad', {
      namn: name,
      varde: v === null ? phrase('diagram', 'karta.ingenUppgift') : formatPercent(v),
    })}`;
  }

  const med = median(known);
  const missing = shapes.length - known.length;
  const alt =
    phrase('diagram', 'karta.alt', {
      antal: shapes.length,
      varde: legendTitle.toLowerCase(),
      klasser: colours.length,
    }) +
    selfSentence +
    (known.length
      ? ` ${phrase('diagram', 'karta.alt.spann', { lag: formatPercent(lo), hog: formatPercent(hi), median: formatPercent(med) })}`
      : '') +
    (missing ? ` ${phrase('diagram', 'karta.alt.saknas', { antal: missing })}` : '');

  const body = (id: string): string =>
    `<g stroke="${theme.color.background}" stroke-width="0.3" stroke-linejoin="round">${paths(id).join('')}</g>` +
    `<path d="${outline}" fill="none" stroke="${theme.color.axis}" stroke-width="0.4" stroke-linejoin="round"/>` +
    highlight +
    mapLegend({ title: legendTitle, breaks, colours, lo, hi, missing: missing > 0, patternId: `${id}-na` });

  return svgDocument({
    kind: 'map',
    width,
    height,
    title: phrase('diagram', 'karta.rubrik', { varde: legendTitle.toLowerCase() }),
    alt,
    body,
    defs: (id) => missingPattern(`${id}-na`),
    ...(input.link ? { role: 'group' as const } : {}),
  });
}

/** `n` colours spread evenly over the sequential ramp, so few classes still span light to dark. */
function pickColours(n: number): string[] {
  const ramp = theme.sequential;
  if (n <= 1) return [ramp[4]];
  return Array.from({ length: n }, (_, i) => ramp[Math.round((i * (ramp.length - 1)) / (n - 1))]!);
}
