import { describe, expect, it } from 'vitest';
import { renderAreaComparison, theme } from '../../../pipeline/charts/index.ts';
import { expectAccessibleSvg, findAllElements, HOSTILE, visibleText } from './expect-svg.ts';

const areas = [
  { namn: 'Grundskola', own: 0.874, groupMedian: 0.84, groupBest: 0.99, groupBestName: 'Danderyd' },
  { namn: 'Äldreomsorg', own: null, groupMedian: 0.78, groupBest: 0.97, groupBestName: 'Vaxholm' },
  { namn: 'Bibliotek', own: 0.63, groupMedian: null, groupBest: null },
];

describe('renderAreaComparison', () => {
  it('states own value, group median and best per area in Swedish', () => {
    const chart = renderAreaComparison({ areas, kommunNamn: 'Täby' });
    const root = expectAccessibleSvg(chart);
    expect(chart.alt).toContain('Grundskola: Täby 87\u00a0%, median 84\u00a0%, bäst 99\u00a0% (Danderyd).');
    expect(chart.alt).toContain('Äldreomsorg: uppgift saknas för Täby, median 78\u00a0%');
    expect(chart.alt).toContain('Bibliotek: Täby 63\u00a0%, median saknas, bäst saknas.');
    const text = visibleText(root);
    expect(text).toContain('Täby: saknas');
    expect(text).toContain('Median i kommungruppen');
    expect(text).toContain('Bäst: Danderyd');
  });

  it('draws no own marker for a missing area', () => {
    const one = renderAreaComparison({ areas: [areas[1]!], kommunNamn: 'Täby' });
    const both = renderAreaComparison({ areas: [areas[0]!], kommunNamn: 'Täby' });
    // The legend has one "self" marker in both; only the area with a value adds a second.
    const selfMarkers = (svg: typeof one) =>
      findAllElements(expectAccessibleSvg(svg)).filter((e) => e.name === 'path' && e.attrs.fill === theme.color.self);
    expect(selfMarkers(one)).toHaveLength(1);
    expect(selfMarkers(both)).toHaveLength(2);
  });

  it('escapes hostile names', () => {
    const chart = renderAreaComparison({
      areas: [{ ...areas[0]!, namn: HOSTILE, groupBestName: HOSTILE }],
      kommunNamn: HOSTILE,
    });
    const root = expectAccessibleSvg(chart);
    expect(chart.svg).not.toContain('<script');
    expect(visibleText(root)).toContain(HOSTILE);
  });
});
