import { readFileSync } from 'node:fs';
import { geoArea } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { loadMapGeometry, renderChoroplethMap } from '../../../pipeline/charts/index.ts';
import { expectAccessibleSvg, findAllElements, HOSTILE, visibleText } from './expect-svg.ts';

// The shipped map is a static project asset (not report data), read once, never written.
const topo: unknown = JSON.parse(
  readFileSync(new URL('../../../data/geo/kommuner.topo.json', import.meta.url), 'utf8'),
);
const geometry = loadMapGeometry(topo);
const codes = geometry.features.map((f) => String(f.id));
const values = new Map<string, number | null>(codes.map((k, i) => [k, i % 50 === 3 ? null : 0.6 + (i % 41) / 100]));
const names = new Map(geometry.features.map((f) => [String(f.id), f.properties.namn]));

describe('loadMapGeometry', () => {
  it('yields 290 municipalities wound for d3-geo (no feature covers the globe)', () => {
    expect(codes).toHaveLength(290);
    expect(new Set(codes).size).toBe(290);
    expect(codes).toContain('0160');
    for (const f of geometry.features) expect(geoArea(f)).toBeLessThan(0.01);
  });

  it('fits every shape inside the frame, Sweden tall and narrow', () => {
    const shapes = geometry.projected(300, 640).shapes;
    const xs = shapes.map((s) => s.centroid[0]);
    const ys = shapes.map((s) => s.centroid[1]);
    expect(Math.min(...xs)).toBeGreaterThan(0);
    expect(Math.max(...xs)).toBeLessThan(300);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(500);
    expect(shapes.every((s) => s.d.startsWith('M'))).toBe(true);
  });

  it('caches the projection per size and outlines the coast', () => {
    expect(geometry.projected(300, 640)).toBe(geometry.projected(300, 640));
    expect(geometry.projected(600, 1280)).not.toBe(geometry.projected(300, 640));
    expect(geometry.projected(300, 640).outline.startsWith('M')).toBe(true);
  });

  it('rejects something that is not the expected topology', () => {
    expect(() => loadMapGeometry({ type: 'FeatureCollection' })).toThrow(/TopoJSON/);
  });
});

describe('renderChoroplethMap', () => {
  const chart = renderChoroplethMap(geometry, { values, names, highlight: '0160' });
  const root = expectAccessibleSvg(chart);
  const els = findAllElements(root);

  it('has one filled path per municipality and marks the highlighted one', () => {
    expect(els.filter((e) => e.name === 'path' && e.attrs['data-k'])).toHaveLength(290);
    const marked = els.filter((e) => e.attrs['data-highlight']);
    expect(marked.map((e) => e.attrs['data-highlight'])).toEqual(['0160']);
    expect(visibleText(root)).toMatch(/Täby \d+\u00a0%/);
    expect(chart.alt).toMatch(/Täby \(markerad\) har \d+\u00a0%\./);
    expect(chart.alt).toContain('290 kommuner');
  });

  it('hatches missing values and says how many are missing', () => {
    const missing = els.filter((e) => e.name === 'path' && e.attrs.fill?.startsWith('url(#'));
    expect(missing).toHaveLength(6);
    expect(els.filter((e) => e.name === 'pattern')).toHaveLength(1);
    expect(chart.alt).toContain('6 kommuner saknar uppgift.');
    expect(visibleText(root)).toContain('uppgift saknas');
  });

  it('has a legend in Swedish percent', () => {
    expect(visibleText(root)).toMatch(/\d+–\d+\u00a0%/);
  });

  it('stays under the 150 KB budget at report size', () => {
    expect(chart.svg.length).toBeLessThan(150 * 1024);
  });

  it('wraps municipalities in escaped links with a title for the website', () => {
    const web = renderChoroplethMap(geometry, {
      values,
      names: new Map([...names, ['0160', HOSTILE]]),
      highlight: '0160',
      width: 600,
      height: 1280,
      link: (k) => `/kommun/${k}.html?a=1&b="2"`,
    });
    const webRoot = expectAccessibleSvg(web, 'group');
    const links = findAllElements(webRoot).filter((e) => e.name === 'a');
    expect(links).toHaveLength(290);
    expect(links[0]!.attrs.href).toMatch(/^\/kommun\/\d{4}\.html\?a=1&b="2"$/);
    expect(links.some((a) => a.children[0]?.name === 'title' && a.children[0].text.startsWith(HOSTILE))).toBe(true);
    expect(web.svg).not.toContain('<script');
  });

  it('renders 290 maps quickly once the geometry is cached', () => {
    const start = performance.now();
    let bytes = 0;
    for (const k of codes) bytes += renderChoroplethMap(geometry, { values, names, highlight: k }).svg.length;
    const ms = performance.now() - start;
    // Printed rather than asserted tightly: CI machines vary. The bound is 10× the local figure.
    process.stdout.write(`290 maps: ${ms.toFixed(0)} ms, ${(bytes / 290 / 1024).toFixed(1)} KB each\n`);
    expect(ms).toBeLessThan(5_000);
  });
});
