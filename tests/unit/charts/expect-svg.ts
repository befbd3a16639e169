import { expect } from 'vitest';
import type { Chart } from '../../../pipeline/charts/index.ts';
import { allText, findAll, parseXml, type XmlElement } from './parse-xml.ts';

/**
 * Checks what every chart promises: well-formed XML, an `<svg>` root with role, viewBox and
 * width 100 %, aria-labelledby pointing at its own `<title>` and `<desc>`, the desc equal to
 * the alt text, and no CSS classes or scripts. Returns the parsed tree for further checks.
 */
export function expectAccessibleSvg(chart: Chart, role = 'img'): XmlElement {
  const root = parseXml(chart.svg);
  expect(root.name).toBe('svg');
  expect(root.attrs.role).toBe(role);
  expect(root.attrs.width).toBe('100%');
  expect(root.attrs.viewBox).toMatch(/^0 0 \d+ \d+$/);
  const ids = (root.attrs['aria-labelledby'] ?? '').split(' ');
  expect(ids).toHaveLength(2);
  const byId = (id: string): XmlElement | undefined => [root, ...findAllElements(root)].find((e) => e.attrs.id === id);
  expect(byId(ids[0]!)?.name).toBe('title');
  expect(byId(ids[1]!)?.name).toBe('desc');
  expect(byId(ids[1]!)?.text).toBe(chart.alt);
  expect(byId(ids[0]!)?.text.length).toBeGreaterThan(5);
  for (const e of findAllElements(root)) expect(e.attrs.class, `class on <${e.name}>`).toBeUndefined();
  expect(findAll(root, 'script')).toHaveLength(0);
  expect(findAll(root, 'style')).toHaveLength(0);
  return root;
}

/** Every element below `root`. */
export function findAllElements(root: XmlElement): XmlElement[] {
  return root.children.flatMap((c) => [c, ...findAllElements(c)]);
}

/** Visible text of the chart, excluding `<title>` and `<desc>`. */
export function visibleText(root: XmlElement): string {
  return root.children
    .filter((c) => c.name !== 'title' && c.name !== 'desc')
    .map(allText)
    .join('\n');
}

/** A name designed to break unescaped markup. */
export const HOSTILE = `<script>alert(1)</script> & "Co" 'x'`;

/** Centres of the markers of one series (`markerSeries`: one path, a subpath per marker). */
export function markerCentres(root: XmlElement, kind: string): [number, number][] {
  const path = findAllElements(root).find((e) => e.attrs['data-series'] === kind);
  return [...(path?.attrs.d ?? '').matchAll(/M(-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}
