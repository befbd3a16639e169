/**
 * mdast → HTML through remark-rehype and rehype-stringify. Chart placeholders
 * (`![alt](diagram:id)`) become a figure with the chart's SVG, which is our own markup.
 */
import type { Element, ElementContent, Root as HastRoot, Text } from 'hast';
import hyphen from 'hyphen/sv/index.js';
import { LRUCache } from 'lru-cache';
import type { Root } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** A rendered chart: SVG markup and its text alternative. */
export interface ChartMarkup {
  svg: string;
  alt: string;
}

const processor = unified().use(remarkRehype).use(rehypeStringify, { allowDangerousHtml: true }).freeze();

/** Converts checked mdast to an HTML fragment, inlining the charts named in it. */
export function toHtml(tree: Root, charts: Record<string, ChartMarkup>): string {
  // mdast-util-to-hast does not mutate the tree, so no copy is needed.
  const hast = processor.runSync(tree) as HastRoot;
  inlineCharts(hast, charts);
  hyphenateTableCells(hast);
  return processor.stringify(hast);
}

/** Long Swedish compounds in narrow table columns ("Pendlingskommun") may break, with a hyphen. */
const MIN_WORD_LENGTH = 10;

/**
 * Soft hyphens (Swedish patterns) in table cells only: body text is ragged-right and wide
 * enough, and Chromium has no Swedish dictionary offline for `hyphens: auto`.
 */
function hyphenateTableCells(tree: HastRoot): void {
  visit(tree, 'element', (cell: Element) => {
    // Body cells only: a hyphenated column heading ("Effektivi-tet") reads badly.
    if (cell.tagName !== 'td') return;
    visit(cell, 'text', (text: Text) => {
      text.value = hyphenate(text.value);
    });
  });
}

/** Cell texts repeat from report to report (names, groups, units): hyphenated once per run. */
const hyphenated = new LRUCache<string, string>({ max: 20_000 });

function hyphenate(text: string): string {
  let result = hyphenated.get(text);
  if (result === undefined) {
    result = hyphen.hyphenateSync(text, { hyphenChar: '\u00ad', minWordLength: MIN_WORD_LENGTH });
    hyphenated.set(text, result);
  }
  return result;
}

function inlineCharts(tree: HastRoot, charts: Record<string, ChartMarkup>): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    const src = node.tagName === 'img' ? String(node.properties.src ?? '') : '';
    if (!src.startsWith('diagram:') || !parent || index === undefined) return;
    const chart = charts[src.slice('diagram:'.length)];
    if (!chart) return;
    const figure: Element = {
      type: 'element',
      tagName: 'figure',
      // No role of its own: the SVG inside is the figure (role="img" with its text alternative).
      // A plain <figure> became an outer /Figure tag without /Alt in Chromium's tagged PDF,
      // which PDF/UA checkers reject; with role="none" the SVG's tag is the only figure.
      properties: { className: ['chart'], role: 'none' },
      children: [{ type: 'raw', value: chart.svg } as unknown as ElementContent],
    };
    // A paragraph holding only the chart becomes the figure itself (no <p><figure>).
    if (
      parent.type === 'element' &&
      parent.tagName === 'p' &&
      parent.children.filter((c) => c.type !== 'text' || c.value.trim()).length === 1
    ) {
      Object.assign(parent, figure);
    } else {
      parent.children[index] = figure;
    }
  });
}
