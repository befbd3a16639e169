import { geoIdentity, geoPath } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { CompactPathContext } from '../../../pipeline/charts/compact-path-context.ts';

describe('CompactPathContext', () => {
  it('writes the first point absolute and the rest as relative one-decimal steps', () => {
    const c = new CompactPathContext(10);
    c.moveTo(10.04, 20);
    c.lineTo(10.34, 19.8);
    c.lineTo(12, 19.8);
    c.lineTo(12, 22);
    c.closePath();
    expect(c.result()).toBe('M10 20l.3-.2 1.7 0 0 2.2z');
  });

  it('drops steps that round to nothing and rings that collapse at this size', () => {
    const c = new CompactPathContext(10);
    c.moveTo(0, 0);
    c.lineTo(0.01, 0.01);
    c.lineTo(0.02, 0);
    c.closePath();
    c.moveTo(5, 5);
    c.lineTo(6, 5);
    c.lineTo(6, 6);
    c.closePath();
    expect(c.result()).toBe('M5 5l1 0 0 1z');
  });

  it('does not accumulate rounding error over many steps', () => {
    const c = new CompactPathContext(10);
    c.moveTo(0, 0);
    for (let i = 1; i <= 100; i++) c.lineTo(i * 0.14, 0);
    const steps = c.result().slice(4).split(/[ l]/).filter(Boolean).map(Number);
    const x = steps.filter((_, i) => i % 2 === 0).reduce((s, v) => s + v, 0);
    expect(x).toBeCloseTo(14, 6);
  });

  it('works as a d3-geo path context', () => {
    const c = new CompactPathContext(10);
    geoPath(
      geoIdentity(),
      c,
    )({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
          [0, 0],
        ],
      ],
    });
    expect(c.result()).toBe('M0 0l10 0 0 10-10 0z');
  });
});
