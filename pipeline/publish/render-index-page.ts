/** The site's start page: all municipalities in a table, filters and a linked map. Pure. */
import { renderChoroplethMap, type MapGeometry } from '../charts/index.ts';
import type { EfficiencyRow } from '../load/types.ts';
import { formatAmount, formatNumber, formatPercent } from '../format/index.ts';
import { median } from '../stats/index.ts';
import { filterOptions } from './build-index-rows.ts';
import { formatDate } from './format-file-info.ts';
import { buildIndexMap, type MapView } from './map-views.ts';
import { absoluteUrl } from './site-paths.ts';
import type { SiteTemplates } from './site-templates.ts';
import type { IndexRow } from './types.ts';

/** Everything the start page shows. */
export interface IndexPageInput {
  rows: IndexRow[];
  /** Year of the figures. */
  ar: number;
  map: MapGeometry;
  /** The efficiency table: with it, the map can be coloured by each area too. */
  table?: EfficiencyRow[];
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
  // The map's 290 links stay out of the tab order: the table beside it holds the same links
  // for the keyboard (and meets the 24 × 24 px target size the smallest shapes cannot).
  const mapOptions = {
    names,
    width: 320,
    height: 690,
    link: (kod: string) => hrefs.get(kod) ?? `#k${kod}`,
    linksInTabOrder: false,
  };
  let views: MapView[] = [];
  let mapSvg: string;
  if (input.table) {
    ({ svg: mapSvg, views } = buildIndexMap(input.map, input.table, mapOptions));
  } else {
    mapSvg = renderChoroplethMap(input.map, {
      ...mapOptions,
      values: new Map(rows.map((row) => [row.kod, row.effektivitet])),
      legendTitle: 'Sammanvägd effektivitet',
    }).svg;
  }
  const potential = withResult.reduce((sum, row) => sum + (row.potentialKr ?? 0), 0);
  const title = `Kommunrapport ${input.ar}: effektivitet och råd för Sveriges ${rows.length} kommuner`;
  return templates.index({
    head: {
      title,
      description: `Hur effektivt använder din kommun sina resurser? Rapporter med jämförelser, effektiviseringspotential och anpassade råd för alla ${rows.length} kommuner, uppgifter för ${input.ar}.`,
      generator: input.generator,
      canonical: absoluteUrl(input.baseUrl, './'),
      section: 'index',
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
    mapSvg,
    mapViews: views.map(({ id, namn }) => ({ id, namn })),
    // In a <script type="application/json">: `<` is escaped so no value can close the element.
    mapData: views.length > 1 ? JSON.stringify(views).replace(/</g, '\\u003c') : '',
  });
}
