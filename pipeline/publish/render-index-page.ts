/** The site's start page: all municipalities in a table, filters and a linked map. Pure. */
import { renderChoroplethMap, type MapGeometry } from '../charts/index.ts';
import { formatAmount, formatNumber, formatPercent } from '../format/index.ts';
import { median } from '../model/stats.ts';
import { filterOptions } from './build-index-rows.ts';
import { formatDate } from './format-file-info.ts';
import { absoluteUrl } from './site-paths.ts';
import type { SiteTemplates } from './site-templates.ts';
import type { IndexRow } from './types.ts';

/** Everything the start page shows. */
export interface IndexPageInput {
  rows: IndexRow[];
  /** Year of the figures. */
  ar: number;
  map: MapGeometry;
  baseUrl: string | null;
  generator: string;
  /** ISO timestamp of this edition. */
  updatedAt: string;
}

/** Renders `index.html`. Every value goes through Handlebars' HTML escaping. */
export function renderIndexPage(templates: SiteTemplates, input: IndexPageInput): string {
  const { rows } = input;
  const withResult = rows.filter((row) => row.effektivitet !== null);
  const published = rows.filter((row) => row.href !== null).length;
  const names = new Map(rows.map((row) => [row.kod, row.namn]));
  const hrefs = new Map(rows.map((row) => [row.kod, row.href ?? `#k${row.kod}`]));
  // Drawn a little larger than in the PDF (300×640 units at 62 mm); the slightly bigger viewBox
  // keeps outlines fine while the legend stays readable at the site's ~300 px.
  const map = renderChoroplethMap(input.map, {
    values: new Map(rows.map((row) => [row.kod, row.effektivitet])),
    names,
    width: 320,
    height: 690,
    legendTitle: 'Sammanvägd effektivitet',
    link: (kod) => hrefs.get(kod) ?? `#k${kod}`,
  });
  const potential = withResult.reduce((sum, row) => sum + (row.potentialKr ?? 0), 0);
  const title = `Kommunrapport ${input.ar}: effektivitet och råd för Sveriges ${rows.length} kommuner`;
  return templates.index({
    head: {
      title,
      description: `Hur effektivt använder din kommun sina resurser? Rapporter med jämförelser, effektiviseringspotential och anpassade råd för alla ${rows.length} kommuner, uppgifter för ${input.ar}.`,
      generator: input.generator,
      canonical: absoluteUrl(input.baseUrl, './'),
      ogType: 'website',
      root: '',
      ar: input.ar,
      updated: formatDate(input.updatedAt),
    },
    count: rows.length,
    ar: input.ar,
    national: {
      medianText: withResult.length ? formatPercent(median(withResult.map((row) => row.effektivitet))) : '–',
      potentialText: formatAmount(potential),
      reportsText: `${formatNumber(published)} av ${formatNumber(rows.length)}`,
    },
    groups: filterOptions(rows, (row) => [row.gruppKod, `${row.gruppKod} ${row.grupp}`]),
    lans: filterOptions(rows, (row) => [row.lanskod, row.lan]),
    rows,
    mapSvg: map.svg,
  });
}
