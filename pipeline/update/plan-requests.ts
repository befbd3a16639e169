/** Kolada v3 refuses more than 25 ids in one path segment (rKolada `chunk_vector`). */
export const MAX_IDS_PER_REQUEST = 25;

/** `items` in consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size = MAX_IDS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The years `from`…`to`, inclusive. */
export function yearRange(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** `{api}/data/kpi/{ids}/year/{years}` for every chunk of ≤ 25 KPIs × ≤ 25 years. */
export function dataUrls(apiUrl: string, kpis: readonly string[], years: readonly number[]): string[] {
  const base = apiUrl.replace(/\/+$/, '');
  return chunk(kpis).flatMap((k) => chunk(years).map((y) => `${base}/data/kpi/${k.join(',')}/year/${y.join(',')}`));
}

/** `{api}/kpi/{ids}` for every chunk of ≤ 25 KPIs. */
export function kpiMetaUrls(apiUrl: string, kpis: readonly string[]): string[] {
  const base = apiUrl.replace(/\/+$/, '');
  return chunk(kpis).map((k) => `${base}/kpi/${k.join(',')}`);
}
