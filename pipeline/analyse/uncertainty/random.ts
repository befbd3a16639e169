/**
 * The bootstrap's only source of randomness: xoroshiro128+ from pure-rand, seeded. Each
 * replicate gets its own stream (the seeded generator jumped b times, 2^64 steps apart), so a
 * replicate's draws do not depend on which worker runs it or in what order.
 */
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/** Uniform [0, 1) and standard normal draws. */
export interface RandomSource {
  uniform(): number;
  normal(): number;
}

/** The generator states of replicates 0…count−1 for `seed` (serialisable, for workers). */
export function replicateStates(seed: number, count: number): number[][] {
  const base = xoroshiro128plus(seed);
  const states: number[][] = [];
  for (let b = 0; b < count; b++) {
    states.push([...base.getState()]);
    base.jump();
  }
  return states;
}

/** A random source continuing from a generator state. */
export function randomFromState(state: readonly number[]): RandomSource {
  return new SeededRandom(xoroshiro128plusFromState(state));
}

/** A random source for `seed` (tests, small simulations). */
export function seededRandom(seed: number): RandomSource {
  return new SeededRandom(xoroshiro128plus(seed));
}

class SeededRandom implements RandomSource {
  private spare: number | undefined;

  constructor(private readonly rng: JumpableRandomGenerator) {}

  uniform(): number {
    return uniformFloat64(this.rng);
  }

  /** Box–Muller; the second variate of each pair is kept for the next call. */
  normal(): number {
    if (this.spare !== undefined) {
      const value = this.spare;
      this.spare = undefined;
      return value;
    }
    const u = 1 - this.uniform(); // (0, 1]: log(u) is finite
    const v = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }
}
