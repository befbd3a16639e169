import { describe, expect, it } from 'vitest';
import type { Area } from '../../../pipeline/load/types.ts';
import { fixturePanel } from '../../helpers/panel-fixture.ts';
import { yearlyMoves } from '../../../pipeline/model/stability-words.ts';

describe('yearlyMoves', () => {
  it('compares a rank only with a rank of the previous year built from the same areas', () => {
    const base = fixturePanel();
    const template = base.history[0]!;
    const all: Area[] = ['grundskola', 'gymnasieskola', 'aldreomsorg'];
    const rows = [
      { ar: 2018, rang: 10, omraden: all },
      { ar: 2019, rang: 12, omraden: all },
      // A year without äldreomsorg ranks the municipality among composites of other areas.
      { ar: 2020, rang: 60, omraden: ['grundskola', 'gymnasieskola'] as Area[] },
      { ar: 2021, rang: 14, omraden: all },
    ].map((r) => ({ ...template, kommunkod: '9999', ...r }));
    const moves = yearlyMoves({ ...base, history: rows });
    // Only 2018 → 2019 is like for like (2 places); with every pair the median would be 46.
    expect(moves.get('9999')).toBe(2);
  });
});
