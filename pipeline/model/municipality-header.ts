import { formatNumber } from '../format/index.ts';
import type { Municipality } from '../load/types.ts';
import { slugify } from './slugify.ts';
import type { MunicipalityHeader } from './types.ts';

/** The head of a municipality's report (ranked or not): its names, group and population. */
export function municipalityHeader(m: Municipality): MunicipalityHeader {
  return {
    kod: m.kommunkod,
    namn: m.kommun,
    slug: slugify(m.kommun),
    lan: m.lan,
    kommungrupp: m.kommungrupp,
    kommungruppKod: m.kommungruppKod,
    invanare: m.invanare,
    invanareText: formatNumber(m.invanare),
  };
}
