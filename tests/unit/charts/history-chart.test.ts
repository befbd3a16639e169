import { describe, expect, it } from 'vitest';
import { renderHistoryChart } from '../../../pipeline/charts/index.ts';
import { expectAccessibleSvg, HOSTILE, visibleText } from './expect-svg.ts';

const points = [
  { ar: 2019, own: 0.8, groupMedian: 0.82, nationalMedian: 0.8 },
  { ar: 2020, own: 0.85, groupMedian: 0.83, nationalMedian: 0.81 },
  { ar: 2021, own: 0.9, groupMedian: null, nationalMedian: 0.8, note: 'utan äldreomsorg' },
  { ar: 2022, own: 0.92, groupMedian: 0.84, nationalMedian: 0.82 },
];

describe('renderHistoryChart', () => {
  it('is an accessible SVG whose text alternative states every year', () => {
    const chart = renderHistoryChart({ kommunNamn: 'Alfa', groupName: 'Storstäder', points });
    expect(chart.svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="history-\w+-title history-\w+-desc"/);
    expect(chart.svg).toContain('<title id=');
    for (const year of ['2019: 80\u00a0%', '2020: 85\u00a0%', '2021 (utan äldreomsorg): 90\u00a0%', '2022: 92\u00a0%'])
      expect(chart.alt).toContain(year);
    expect(chart.alt).toContain('gruppens median 84\u00a0%');
    expect(chart.svg).toContain('utan äldreomsorg');
    expectAccessibleSvg(chart);
  });

  it('escapes names', () => {
    const chart = renderHistoryChart({ kommunNamn: HOSTILE, groupName: HOSTILE, points });
    const root = expectAccessibleSvg(chart);
    expect(visibleText(root)).toContain(HOSTILE);
  });

  it('breaks the group median line where a year is missing instead of bridging it', () => {
    const chart = renderHistoryChart({ kommunNamn: 'Alfa', groupName: 'Storstäder', points });
    const group = [...chart.svg.matchAll(/<polyline points="([^"]+)"[^>]*stroke="#1f5fa8"/g)].map(
      (m) => m[1]!.split(' ').length,
    );
    expect(group).toEqual([2]);
    const own = [...chart.svg.matchAll(/<polyline points="([^"]+)"[^>]*stroke="#c2410c"/g)].map(
      (m) => m[1]!.split(' ').length,
    );
    expect(own).toEqual([4]);
  });
});
