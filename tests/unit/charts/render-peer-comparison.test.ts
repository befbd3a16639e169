import { describe, expect, it } from 'vitest';
import { renderPeerComparison } from '../../../pipeline/charts/index.ts';
import { expectAccessibleSvg, findAllElements, HOSTILE, visibleText } from './expect-svg.ts';

const figure = (higherIsBetter: boolean) => ({
  title: 'Kostnad per elev',
  unit: 'kr',
  higherIsBetter,
  values: [
    { namn: 'Täby', value: 117_371, self: true },
    { namn: 'Danderyd', value: 98_608, self: false },
    { namn: 'Nacka', value: null, self: false },
    { namn: 'Lidingö', value: 126_425, self: false },
  ],
});

describe('renderPeerComparison', () => {
  it('puts the unit in the panel title and sorts best first', () => {
    const chart = renderPeerComparison({ figures: [figure(false)] });
    const root = expectAccessibleSvg(chart);
    const text = visibleText(root);
    expect(text).toContain('Kostnad per elev (kr)');
    expect(text).toContain('117\u00a0371');
    expect(text).toContain('saknas');
    expect(chart.alt).toContain(
      'Kostnad per elev (kr, lägre är bättre): Danderyd 98\u00a0608, Täby 117\u00a0371, Lidingö 126\u00a0425, Nacka saknas.',
    );
  });

  it('highlights the municipality by weight and outline, not colour alone', () => {
    const root = expectAccessibleSvg(renderPeerComparison({ figures: [figure(true), figure(false)] }));
    const els = findAllElements(root);
    expect(els.filter((e) => e.name === 'rect' && e.attrs.stroke)).toHaveLength(2);
    expect(els.filter((e) => e.name === 'text' && e.text === 'Täby' && e.attrs['font-weight'] === 'bold')).toHaveLength(
      2,
    );
  });

  it('escapes hostile names and titles', () => {
    const f = figure(true);
    f.title = HOSTILE;
    f.values[1]!.namn = HOSTILE;
    const chart = renderPeerComparison({ figures: [f] });
    expectAccessibleSvg(chart);
    expect(chart.svg).not.toContain('<script');
    expect(chart.alt).toContain(HOSTILE);
  });
});
