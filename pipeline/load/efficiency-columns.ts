import { AREAS, type Area } from './types.ts';

/** Columns every efficiency table must have. */
export const EFFICIENCY_BASE_COLUMNS = ['kommunkod', 'ar', 'effektivitet', 'rang', 'potential_kr'] as const;

/** The four optional columns of one area, in file order. */
export function areaColumns(area: Area) {
  return {
    effektivitet: `effektivitet_${area}`,
    kostnad: `kostnad_${area}_kr`,
    potential: `potential_${area}_kr`,
    jamforelse: `jamforelse_${area}`,
  } as const;
}

/** All columns in the order `serializeEfficiencyTable` writes them. */
export const EFFICIENCY_COLUMNS: string[] = [
  ...EFFICIENCY_BASE_COLUMNS,
  ...AREAS.flatMap((area) => Object.values(areaColumns(area))),
];
