/**
 * The fetching steps of `data update`: KPI metadata and the figures, side by side (the client
 * keeps it to two requests at once), each page checked against what was asked for.
 */
import type { FetchedValues } from './check-fetched.ts';
import type { KoladaClient } from './kolada-client.ts';
import type { KoladaDataRow, KoladaKpiMeta, KoladaPage } from './kolada-types.ts';
import { isMunicipalityCode, municipalityTotals, parseDataPage, parseKpiPage } from './parse-kolada-page.ts';

/** What the fetching steps need. */
export interface FetchPlan {
  client: KoladaClient;
  kpis: string[];
  years: number[];
  /** The municipality codes of kommuner.csv. */
  known: Set<string>;
  metaUrls: string[];
  urls: string[];
  onMorePages: () => void;
}

/** KPI metadata by id, and the URL each KPI's metadata was asked at. */
export interface FetchedMetas {
  metas: Map<string, KoladaKpiMeta>;
  metaSource: Map<string, string>;
}

/** The figures by KPI, year and municipality, Kolada's status per value, and the problems seen. */
export interface FetchedFigures {
  fetched: FetchedValues;
  statuses: Map<string, Map<number, string[]>>;
  problems: string[];
}

/** A parser that also reports a further page. */
function counted<T>(plan: FetchPlan, parse: (json: unknown, url: string) => KoladaPage<T>) {
  return (json: unknown, url: string) => {
    const page = parse(json, url);
    if (page.nextUrl) plan.onMorePages();
    return page;
  };
}

/** Titles, definitions and publication dates of every KPI. */
export async function fetchMetas(plan: FetchPlan): Promise<FetchedMetas> {
  const metas = new Map<string, KoladaKpiMeta>();
  const metaSource = new Map<string, string>();
  await Promise.all(
    plan.metaUrls.map(async (url) => {
      for (const meta of await plan.client.getAll(url, counted(plan, parseKpiPage)))
        metas.set(meta.id.toUpperCase(), meta);
      for (const kpi of plan.kpis) if (url.includes(kpi)) metaSource.set(kpi, url);
    }),
  );
  return { metas, metaSource };
}

/** The figures, following next_url; see `takePage` for the checks. */
export async function fetchFigures(plan: FetchPlan): Promise<FetchedFigures> {
  const figures: FetchedFigures = {
    fetched: new Map(plan.kpis.map((kpi) => [kpi, new Map(plan.years.map((y) => [y, new Map()]))])),
    statuses: new Map(),
    problems: [],
  };
  await Promise.all(
    plan.urls.map(async (url) => {
      const asked = new Set(/\/data\/kpi\/([^/]+)\//.exec(url)![1]!.split(','));
      await plan.client.getAll(url, counted(plan, parseDataPage), (pageUrl, page) =>
        takePage(plan, figures, asked, pageUrl, page),
      );
    }),
  );
  return figures;
}

/**
 * Records one page's municipality totals. Rows for a KPI or year not asked for, or for an
 * unknown municipality, are problems; so is a municipality sent twice for one KPI and year
 * with different values (which one Kolada means cannot be known).
 */
function takePage(
  plan: FetchPlan,
  figures: FetchedFigures,
  asked: Set<string>,
  pageUrl: string,
  page: KoladaPage<KoladaDataRow>,
): void {
  const { fetched, statuses, problems } = figures;
  const years = new Set(plan.years);
  for (const row of page.values) {
    if (!asked.has(row.kpi))
      problems.push(`unknown KPI \`${row.kpi}\` in the answer (asked for ${[...asked].join(',')}): ${pageUrl}`);
    else if (!years.has(row.period))
      problems.push(`${row.kpi}: year ${row.period} in the answer, which was not asked for: ${pageUrl}`);
    else if (isMunicipalityCode(row.municipality) && !plan.known.has(row.municipality)) {
      problems.push(
        `${row.kpi} ${row.period}: unknown municipality code \`${row.municipality}\` (not in kommuner.csv): ${pageUrl}`,
      );
    }
  }
  for (const point of municipalityTotals(page.values)) {
    const byYear = fetched.get(point.kpi)?.get(point.year);
    if (!byYear || !plan.known.has(point.kommunkod)) continue;
    if (byYear.has(point.kommunkod) && byYear.get(point.kommunkod) !== point.value) {
      problems.push(
        `${point.kpi} ${point.year}: municipality ${point.kommunkod} sent twice with different values (${byYear.get(point.kommunkod)} and ${point.value}): ${pageUrl}`,
      );
      continue;
    }
    byYear.set(point.kommunkod, point.value);
    if (point.status) {
      if (!statuses.has(point.kpi)) statuses.set(point.kpi, new Map());
      const list = statuses.get(point.kpi)!;
      list.set(point.year, [...(list.get(point.year) ?? []), point.status]);
    }
  }
}
