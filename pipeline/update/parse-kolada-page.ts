import type { KoladaDataRow, KoladaKpiMeta, KoladaPage, KoladaValue, KpiPoint } from './kolada-types.ts';
import { KoladaResponseError } from './kolada-errors.ts';

/**
 * Parses a JSON body. A body that ends too early (a connection cut mid-answer) is retryable;
 * anything else that is not JSON (an HTML maintenance page, `NaN`) is named for what it is.
 */
export function parseJsonBody(text: string, url: string, contentType?: string | null): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const start = JSON.stringify(text.trimStart().slice(0, 60));
    if (/^\s*</.test(text) || /html|xml/i.test(contentType ?? '')) {
      return notJson(
        url,
        `the answer is HTML, not JSON (${contentType ?? 'no Content-Type'}; starts ${start}): a maintenance or error page?`,
        true,
        error,
      );
    }
    if (/end of (JSON )?input|Unterminated string/i.test(message) && /^\s*[[{]/.test(text)) {
      return notJson(
        url,
        `the answer is not complete JSON (${text.length} bytes; ${message}); the body was probably cut off`,
        true,
        error,
      );
    }
    return notJson(
      url,
      `the answer is not JSON (${contentType ?? 'no Content-Type'}; starts ${start}; ${message})`,
      false,
      error,
    );
  }
}

function notJson(url: string, message: string, retryable: boolean, cause: unknown): never {
  throw new KoladaResponseError(url, message, { retryable, cause });
}

/** The `values` list and `next_url` of a v3 answer; throws when `values` is missing. */
function pageOf(json: unknown, url: string): { values: unknown[]; nextUrl?: string } {
  if (!json || typeof json !== 'object' || !Array.isArray((json as { values?: unknown }).values)) {
    throw new KoladaResponseError(
      url,
      'the answer has no `values` list; expected {"values": [...], "next_url": ...} (Kolada API v3)',
    );
  }
  const next = (json as { next_url?: unknown }).next_url;
  if (next !== undefined && next !== null && typeof next !== 'string') {
    throw new KoladaResponseError(url, `\`next_url\` is ${JSON.stringify(next)}; expected a URL, null or nothing`);
  }
  return {
    values: (json as { values: unknown[] }).values,
    nextUrl: typeof next === 'string' && next !== '' ? next : undefined,
  };
}

/** Validates a page of `GET {api}/data/kpi/{ids}/year/{years}`. */
export function parseDataPage(json: unknown, url: string): KoladaPage<KoladaDataRow> {
  const { values, nextUrl } = pageOf(json, url);
  const rows = values.map((raw, i): KoladaDataRow => {
    const row = raw as Partial<KoladaDataRow> & { period?: unknown };
    const period = typeof row.period === 'string' && /^\d{4}$/.test(row.period) ? Number(row.period) : row.period;
    if (
      typeof row.kpi !== 'string' ||
      typeof row.municipality !== 'string' ||
      typeof period !== 'number' ||
      !Number.isInteger(period) ||
      !Array.isArray(row.values)
    ) {
      throw new KoladaResponseError(
        url,
        `values[${i}] is ${JSON.stringify(raw).slice(0, 200)}; expected {"kpi", "municipality", "period", "values": [...]}`,
      );
    }
    row.values.forEach((v: Partial<KoladaValue>, j) => {
      if (
        !v ||
        typeof v.gender !== 'string' ||
        (v.value !== null && v.value !== undefined && typeof v.value !== 'number')
      ) {
        throw new KoladaResponseError(
          url,
          `values[${i}].values[${j}] is ${JSON.stringify(v)}; expected {"gender", "status", "value": number or null}`,
        );
      }
    });
    return { kpi: row.kpi, municipality: row.municipality, period, values: row.values as KoladaValue[] };
  });
  return { values: rows, nextUrl };
}

/** Validates a page of `GET {api}/kpi/{ids}`. */
export function parseKpiPage(json: unknown, url: string): KoladaPage<KoladaKpiMeta> {
  const { values, nextUrl } = pageOf(json, url);
  const kpis = values.map((raw, i) => {
    const kpi = raw as Partial<KoladaKpiMeta>;
    if (typeof kpi?.id !== 'string' || typeof kpi.title !== 'string') {
      throw new KoladaResponseError(
        url,
        `values[${i}] is ${JSON.stringify(raw).slice(0, 200)}; expected a KPI with "id" and "title"`,
      );
    }
    return kpi as KoladaKpiMeta;
  });
  return { values: kpis, nextUrl };
}

/** A municipality code: 4 digits, not Riket (`0000`) and not a region (`00LL`). */
export function isMunicipalityCode(code: string): boolean {
  return /^\d{4}$/.test(code) && !code.startsWith('00');
}

/**
 * The municipality totals in data rows: regions, Riket and groups are dropped, and of the
 * gender split only T is kept. A null value or a row without a T entry is a missing value
 * (never 0); withdrawn entries (`isdeleted`) are skipped.
 */
export function municipalityTotals(rows: KoladaDataRow[]): KpiPoint[] {
  const points: KpiPoint[] = [];
  for (const row of rows) {
    if (!isMunicipalityCode(row.municipality)) continue;
    const total = row.values.find((v) => v.gender === 'T' && !v.isdeleted);
    points.push({
      kpi: row.kpi,
      kommunkod: row.municipality,
      year: row.period,
      value: typeof total?.value === 'number' && Number.isFinite(total.value) ? total.value : null,
      status: total?.status ?? '',
    });
  }
  return points;
}
