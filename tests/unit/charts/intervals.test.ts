/** The 95 % intervals of issue 12 in the rank strip and the per-area chart. */
import { describe, expect, it } from 'vitest';
import { renderAreaComparison, renderRankStrip } from '../../../pipeline/charts/index.ts';
import { expectAccessibleSvg, findAllElements, visibleText } from './expect-svg.ts';
import { makeUnits } from './fixtures.ts';

/** The x positions of a whisker path `M x1 y H x2 M …` (bar ends), in drawing order. */
function whiskerEnds(d: string): [number, number] {
  const m = /^M([\d.]+) ([\d.]+)H([\d.]+)/.exec(d);
  if (!m) throw new Error(`not a whisker: ${d}`);
  return [Number(m[1]), Number(m[3])];
}

describe('renderRankStrip with a rank interval', () => {
  const units = makeUnits();
  units[20] = { kommunkod: '0160', namn: 'Täby', value: 0.934, inGroup: true };
  const sortedValues = units.map((u) => u.value).sort((a, b) => b - a);

  it('draws a whisker from the value at the interval’s worst rank to the value at its best rank, around the municipality', () => {
    const rank = 1 + units.filter((u) => u.value > 0.934).length;
    const chart = renderRankStrip({
      units,
      highlight: '0160',
      groupName: 'G',
      rank,
      rankInterval: { low: rank - 5, high: rank + 20 },
    });
    const root = expectAccessibleSvg(chart);
    const whiskers = findAllElements(root).filter((e) => e.attrs['data-series'] === 'rank-interval');
    expect(whiskers).toHaveLength(1);
    const [x1, x2] = whiskerEnds(whiskers[0]!.attrs.d!);
    // The strip's axis is linear in the value; the self marker lies between the ends.
    // The last self-coloured marker is the municipality's (the first is the legend's).
    const self = findAllElements(root)
      .filter((e) => e.name === 'path' && /translate\(/.test(e.attrs.transform ?? '') && e.attrs.fill === '#c2410c')
      .at(-1);
    const sx = Number(/translate\(([\d.]+),/.exec(self!.attrs.transform!)![1]);
    expect(x1).toBeLessThan(sx);
    expect(x2).toBeGreaterThan(sx);
    // The worse end (rank + 20) has a lower value, so it lies further left than the better end.
    expect(sortedValues[rank + 19]!).toBeLessThan(sortedValues[rank - 6]!);
    expect(chart.alt).toContain(`Med 95\u00a0% säkerhet ligger platsen mellan ${rank - 5} och ${rank + 20}`);
    expect(visibleText(root)).toContain(`plats ${rank - 5}–${rank + 20} med 95\u00a0% säkerhet`);
  });

  it('clamps the interval to 1…n and orders its ends', () => {
    const chart = renderRankStrip({ units, highlight: '0160', groupName: 'G', rankInterval: { low: 400, high: -3 } });
    expect(chart.alt).toContain('mellan 1 och 290');
  });

  it('draws nothing and says so when the interval is missing (null), says nothing when not given', () => {
    const missing = renderRankStrip({ units, highlight: '0160', groupName: 'G', rankInterval: null });
    const root = expectAccessibleSvg(missing);
    expect(findAllElements(root).filter((e) => e.attrs['data-series'] === 'rank-interval')).toHaveLength(0);
    expect(missing.alt).toContain('Intervall för platsen saknas.');
    expect(renderRankStrip({ units, highlight: '0160', groupName: 'G' }).alt).not.toContain('ntervall');
  });

  it('keeps a long label inside the chart at either end of the axis', () => {
    for (const value of [0.6, 1]) {
      const edge = units.map((u) =>
        u.kommunkod === '0160' ? { ...u, value, namn: 'Upplands Väsby och Sollentuna' } : u,
      );
      const root = expectAccessibleSvg(
        renderRankStrip({ units: edge, highlight: '0160', groupName: 'G', rankInterval: { low: 100, high: 200 } }),
      );
      const label = findAllElements(root).find((e) => e.name === 'text' && e.text.includes('Upplands Väsby'))!;
      const x = Number(label.attrs.x);
      const width = label.text.length * 14 * 0.52;
      const left =
        label.attrs['text-anchor'] === 'end' ? x - width : label.attrs['text-anchor'] === 'middle' ? x - width / 2 : x;
      expect(left).toBeGreaterThanOrEqual(0);
      expect(left + width).toBeLessThanOrEqual(680);
    }
  });
});

describe('renderAreaComparison with per-area intervals', () => {
  const areas = [
    { namn: 'Grundskola', own: 0.874, groupMedian: 0.84, groupBest: 0.99, ownLow: 0.82, ownHigh: 0.91 },
    { namn: 'Gymnasieskola', own: 0.7, groupMedian: 0.8, groupBest: 0.95, ownLow: null, ownHigh: null },
    { namn: 'Bibliotek', own: null, groupMedian: 0.7, groupBest: 0.9, ownLow: null, ownHigh: null },
  ];

  it('draws one whisker per area with an interval, around the own value, and states it in the alt text', () => {
    const chart = renderAreaComparison({ areas, kommunNamn: 'Täby' });
    const root = expectAccessibleSvg(chart);
    const whiskers = findAllElements(root).filter((e) => e.attrs['data-series'] === 'interval');
    // One in the first row and one as the legend swatch.
    expect(whiskers).toHaveLength(2);
    const [x1, x2] = whiskerEnds(whiskers[1]!.attrs.d!);
    expect(x2 - x1).toBeGreaterThan(10);
    expect(chart.alt).toContain('Grundskola: Täby 87\u00a0% (95\u00a0% intervall 82\u00a0%–91\u00a0%)');
    expect(chart.alt).toContain('Gymnasieskola: Täby 70\u00a0% (intervall saknas)');
    expect(chart.alt).toContain('Bibliotek: uppgift saknas för Täby');
    expect(visibleText(root)).toContain('95\u00a0%-intervall');
  });

  it('widens the axis to show an interval below every value', () => {
    const low = renderAreaComparison({ areas: [{ ...areas[0]!, ownLow: 0.31, ownHigh: 0.95 }], kommunNamn: 'Täby' });
    expect(visibleText(expectAccessibleSvg(low))).toContain('30\u00a0%');
  });

  it('draws no whisker and no legend entry without intervals', () => {
    const chart = renderAreaComparison({
      areas: areas.map(({ ownLow: _l, ownHigh: _h, ...a }) => a),
      kommunNamn: 'Täby',
    });
    const root = expectAccessibleSvg(chart);
    expect(findAllElements(root).filter((e) => e.attrs['data-series'] === 'interval')).toHaveLength(0);
    expect(chart.alt).not.toContain('ntervall');
  });
});
