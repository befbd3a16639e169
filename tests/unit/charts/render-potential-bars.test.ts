import { describe, expect, it } from 'vitest';
import { renderPotentialBars } from '../../../pipeline/charts/index.ts';
import { expectAccessibleSvg, findAllElements, HOSTILE, visibleText } from './expect-svg.ts';

const areas = [
  { namn: 'Grundskola', kr: 123_400_000, perInvanare: 1_234 },
  { namn: 'Äldreomsorg', kr: null, perInvanare: null },
  { namn: 'Bibliotek', kr: 0, perInvanare: 0 },
];

describe('renderPotentialBars', () => {
  it('labels bars in mnkr and kr per inhabitant, Swedish style', () => {
    const chart = renderPotentialBars({ areas });
    const root = expectAccessibleSvg(chart);
    const text = visibleText(root);
    expect(text).toContain('123,4\u00a0mnkr');
    expect(text).toContain('1\u00a0234\u00a0kr/inv');
    expect(text).toContain('saknas');
    expect(chart.alt).toContain('Grundskola: 123,4\u00a0mnkr, 1\u00a0234\u00a0kr per invånare.');
    expect(chart.alt).toContain('Äldreomsorg: uppgift saknas.');
    expect(chart.alt).toContain('Totalt 123,4\u00a0mnkr');
  });

  it('draws one bar per area with a value, the largest the longest', () => {
    const root = expectAccessibleSvg(renderPotentialBars({ areas }));
    const bars = findAllElements(root).filter((e) => e.name === 'rect');
    expect(bars).toHaveLength(2);
    expect(Number(bars[0]!.attrs.width)).toBeGreaterThan(Number(bars[1]!.attrs.width));
  });

  it('handles all areas missing and hostile names', () => {
    const chart = renderPotentialBars({ areas: [{ namn: HOSTILE, kr: null, perInvanare: null }] });
    const root = expectAccessibleSvg(chart);
    expect(visibleText(root)).toContain(HOSTILE);
    expect(chart.alt).not.toContain('Totalt');
  });
});
