import { escapeXml } from './escape-xml.ts';
import { theme } from './theme.ts';
import type { Chart } from './types.ts';

/** Inputs of `svgDocument`. */
export interface SvgDocumentInput {
  /** Short name of the kind of chart, e.g. `rank-strip`; part of the element ids. */
  kind: string;
  width: number;
  height: number;
  /** Short visible-to-assistive-tech title. */
  title: string;
  /** Full Swedish text alternative with the numbers; becomes `<desc>` and `Chart.alt`. */
  alt: string;
  /** Inner markup, already escaped, given the chart's unique id prefix (for pattern ids). */
  body: (id: string) => string;
  /** Optional `<defs>` content (patterns), given the same id prefix. */
  defs?: (id: string) => string;
  /**
   * `img` (default) for a picture; `group` when the chart holds links, because role="img"
   * makes its children presentational and would hide the links from assistive technology.
   */
  role?: 'img' | 'group';
}

/**
 * Wraps chart markup in an accessible, scalable `<svg>`. Ids must be unique within a page that
 * holds several charts, yet the functions are pure, so the prefix is a hash of the content.
 */
export function svgDocument(input: SvgDocumentInput): Chart {
  const { kind, width, height, title, alt } = input;
  // The alt text carries the chart's numbers, so it separates charts as well as the body would.
  const id = `${kind}-${hash(`${width}x${height}\n${title}\n${alt}`)}`;
  const defs = input.defs ? `<defs>${input.defs(id)}</defs>` : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" ` +
    `role="${input.role ?? 'img'}" aria-labelledby="${id}-title ${id}-desc" font-family="${theme.font}" ` +
    `preserveAspectRatio="xMidYMid meet">` +
    `<title id="${id}-title">${escapeXml(title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(alt)}</desc>` +
    defs +
    input.body(id) +
    `</svg>`;
  return { svg, alt };
}

/** FNV-1a, 32 bit, base 36: short, deterministic, good enough to keep ids apart. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** Rounds a coordinate to one decimal for compact markup. */
export function r1(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** A `<text>` element with escaped content. */
export function text(
  x: number,
  y: number,
  content: string,
  opts: { size?: number; fill?: string; anchor?: 'start' | 'middle' | 'end'; weight?: 'bold'; extra?: string } = {},
): string {
  const anchor = opts.anchor && opts.anchor !== 'start' ? ` text-anchor="${opts.anchor}"` : '';
  const weight = opts.weight ? ` font-weight="${opts.weight}"` : '';
  const extra = opts.extra ? ` ${opts.extra}` : '';
  return (
    `<text x="${r1(x)}" y="${r1(y)}" font-size="${opts.size ?? theme.fontSize.base}" ` +
    `fill="${opts.fill ?? theme.color.text}"${anchor}${weight}${extra}>${escapeXml(content)}</text>`
  );
}
