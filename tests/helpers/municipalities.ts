/** Made-up municipalities for tests that need a master-data row and nothing particular in it. */
import type { Municipality } from '../../pipeline/load/index.ts';

/** A municipality named by its code, in Stockholms län and group A2, 1 000 inhabitants in 2022. */
export function municipality(kommunkod: string): Municipality {
  return {
    kommunkod,
    kommun: kommunkod,
    lanskod: '01',
    lan: 'Stockholms län',
    kommungruppKod: 'A2',
    kommungrupp: 'x',
    invanare: 1000,
    ar: 2022,
  };
}

/** `n` municipalities 1000, 1001, … named K0, K1, …, all in the same county and group (B3), 10 000 inhabitants in 2022. */
export function numberedMunicipalities(n: number): Municipality[] {
  return Array.from({ length: n }, (_, j) => ({
    kommunkod: String(1000 + j),
    kommun: `K${j}`,
    lanskod: '10',
    lan: 'x',
    kommungruppKod: 'B3',
    kommungrupp: 'x',
    invanare: 1e4,
    ar: 2022,
  }));
}
