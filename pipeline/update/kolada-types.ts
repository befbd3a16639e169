/**
 * The parts of Kolada's open API v3 (https://api.kolada.se/v3, Swagger at /v3/docs) that the
 * updater reads. Shapes as documented by RKA (github.com/Hypergene/kolada, v2 fields kept in
 * v3) and as v3 clients read them (LCHansson/rKolada R/data.R: `values`, `next_url`, ≤ 25 ids
 * per path segment); tests/fixtures/kolada-api/README.md cites each one.
 */

/** One gender's figure in a data row: `gender` T (total), K (women) or M (men). */
export interface KoladaValue {
  gender: string;
  /** Free text Kolada may fill (e.g. a preliminary mark); usually empty or null. */
  status?: string | null;
  /** `null` when the figure is missing or withheld. */
  value: number | null;
  count?: number;
  /** Present on rows Kolada has withdrawn (rKolada drops them; so do we). */
  isdeleted?: boolean;
}

/** One row of `GET {api}/data/kpi/{ids}/year/{years}`. */
export interface KoladaDataRow {
  kpi: string;
  /** `0000` Riket, `00LL` a region, a 4-digit kommunkod, or a group id `G…`. */
  municipality: string;
  period: number;
  values: KoladaValue[];
}

/** One KPI of `GET {api}/kpi/{ids}`. Dates are `YYYY-MM-DD` or null. */
export interface KoladaKpiMeta {
  id: string;
  title: string;
  description?: string | null;
  operating_area?: string | null;
  auspice?: string | null;
  publication_date?: string | null;
  prel_publication_date?: string | null;
  /** The period (year) the next or latest publication covers, as text (`"2025"`). */
  publ_period?: string | number | null;
  is_divided_by_gender?: boolean | number | null;
  municipality_type?: string | null;
}

/** A page of any v3 list answer. */
export interface KoladaPage<T> {
  values: T[];
  /** Full URL of the next page; absent, null or empty on the last page. */
  nextUrl?: string;
}

/** A municipality's total (gender T) for one KPI and year, as the updater keeps it. */
export interface KpiPoint {
  kpi: string;
  kommunkod: string;
  year: number;
  /** null = missing (never 0). */
  value: number | null;
  status: string;
}
