import { describe, expect, it } from 'vitest';
import { structureExtremes } from '../../../pipeline/analyse/structure-extremes.ts';

describe('structureExtremes', () => {
  it('with one variable: only the strictly hardest-placed unit (smallest z) has no admissible peer', async () => {
    const z = [[5], [3], [1], [4], [1.5]];
    expect([...(await structureExtremes(z, [0, 1, 2, 3, 4]))]).toEqual([2]);
    // A tie for the hardest place gives each the other as peer.
    expect([...(await structureExtremes([[1], [1], [3]], [0, 1, 2]))]).toEqual([]);
  });

  it('with two variables: a unit is extreme unless a convex combination of the others is ≤ it in both', async () => {
    // (0,10) and (10,0) average to (5,5): the unit at (6,6) has a peer, the one at (4,4) has none,
    // (10,0) and (0,10) have none either (each is the smallest in one variable).
    const z = [
      [0, 10],
      [10, 0],
      [6, 6],
      [4, 4],
      [12, 12],
    ];
    expect([...(await structureExtremes(z, [0, 1, 2, 3, 4]))].sort()).toEqual([0, 1, 3]);
  });

  it('is invariant to the scale of the variables and only looks at the candidates', async () => {
    const z = [
      [0, 1e5],
      [10, 0],
      [6, 6e4],
      [4, 4e4],
      [12, 1.2e5],
    ];
    expect([...(await structureExtremes(z, [2, 3]))]).toEqual([3]);
  });
});
