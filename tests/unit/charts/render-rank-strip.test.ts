import { describe, expect, it } from 'vitest';
import { renderRankStrip } from '../../../pipeline/charts/index.ts';
import { expectAccessibleSvg, HOSTILE, markerCentres, visibleText } from './expect-svg.ts';
import { makeUnits } from './fixtures.ts';

describe('renderRankStrip', () => {
  const units = makeUnits();
  units[20] = { kommunkod: '0160', namn: 'Täby', value: 0.934, inGroup: true };

  it('draws every municipality and states rank, value and medians in Swedish in the alt text', () => {
    const chart = renderRankStrip({ units, highlight: '0160', groupName: 'Pendlingskommun nära storstad' });
    const root = expectAccessibleSvg(chart);
    expect(chart.alt).toContain('Täby har sammanvägd effektivitet 93\u00a0%');
    expect(chart.alt).toMatch(/plats \d+ av 290 bland Sveriges kommuner/);
    expect(chart.alt).toMatch(/plats \d+ av 43 i kommungruppen Pendlingskommun nära storstad/);
    expect(chart.alt).toMatch(/Mediankommunen i kommungruppen har \d+\u00a0%/);
    expect(markerCentres(root, 'all').length + markerCentres(root, 'group').length).toBe(289);
    expect(markerCentres(root, 'group')).toHaveLength(42);
    expect(visibleText(root)).toContain('Täby 93\u00a0%');
    expect(visibleText(root)).toContain('Median alla');
  });

  it('uses the official rank when given', () => {
    const chart = renderRankStrip({ units, highlight: '0160', groupName: 'G', rank: 4 });
    expect(chart.alt).toContain('plats 4 av 290');
  });

  it('escapes a hostile municipality and group name', () => {
    const hostile = units.map((u) => (u.kommunkod === '0160' ? { ...u, namn: HOSTILE } : u));
    const chart = renderRankStrip({ units: hostile, highlight: '0160', groupName: HOSTILE });
    const root = expectAccessibleSvg(chart);
    expect(chart.svg).not.toContain('<script');
    expect(visibleText(root)).toContain(HOSTILE);
  });

  it('keeps a large block of ties at 100 % inside the swarm band', () => {
    const ties = makeUnits().map((u, i) => ({ ...u, value: i < 80 ? 1 : u.value }));
    const root = expectAccessibleSvg(renderRankStrip({ units: ties, highlight: ties[0]!.kommunkod, groupName: 'G' }));
    const ys = markerCentres(root, 'all').map(([, y]) => y);
    expect(ys.length).toBeGreaterThan(200);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...ys)).toBeLessThanOrEqual(166);
  });

  it('throws when the highlighted municipality is missing', () => {
    expect(() => renderRankStrip({ units, highlight: '9999', groupName: 'G' })).toThrow(/9999/);
  });
});
