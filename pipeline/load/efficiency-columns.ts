import { AREAS, type Area } from './types.ts';

/** Columns every efficiency table must have. */
export const EFFICIENCY_BASE_COLUMNS = ['kommunkod', 'ar', 'effektivitet', 'rang', 'potential_kr'] as const;

/**
 * Optional row-level columns: the bootstrap intervals of the composite and the rank, and the
 * unadjusted view (the same model without structure variables). An external table may omit them;
 * a report then says that no interval is available.
 */
export const EFFICIENCY_OPTIONAL_COLUMNS = {
  effektivitetLag: 'effektivitet_lag',
  effektivitetHog: 'effektivitet_hog',
  rangLag: 'rang_lag',
  rangHog: 'rang_hog',
  effektivitetOjusterad: 'effektivitet_ojusterad',
  rangOjusterad: 'rang_ojusterad',
  effektivitetDea: 'effektivitet_dea',
  rangDea: 'rang_dea',
} as const;

/** The columns of one area, in file order: the four of the original contract, then the optional ones. */
export function areaColumns(area: Area) {
  return {
    effektivitet: `effektivitet_${area}`,
    kostnad: `kostnad_${area}_kr`,
    potential: `potential_${area}_kr`,
    jamforelse: `jamforelse_${area}`,
    effektivitetBc: `effektivitet_${area}_bc`,
    effektivitetLag: `effektivitet_${area}_lag`,
    effektivitetHog: `effektivitet_${area}_hog`,
    effektivitetOjusterad: `effektivitet_${area}_ojusterad`,
    ojamforbar: `ojamforbar_${area}`,
    effektivitetDea: `effektivitet_${area}_dea`,
    saknas: `saknas_${area}`,
    flagga: `flagga_${area}`,
  } as const;
}

/** All columns in the order `serializeEfficiencyTable` writes them. */
export const EFFICIENCY_COLUMNS: string[] = [
  ...EFFICIENCY_BASE_COLUMNS,
  ...Object.values(EFFICIENCY_OPTIONAL_COLUMNS),
  ...AREAS.flatMap((area) => Object.values(areaColumns(area))),
];

/**
 * Columns a reader accepts and ignores: the published tables carry the municipality's name
 * beside its code for people (issue 22); the code alone identifies the row.
 */
export const EFFICIENCY_NAME_COLUMNS: readonly string[] = ['kommun'];
