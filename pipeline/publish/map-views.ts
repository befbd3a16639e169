/**
 * The index map coloured by any area. The page holds one map (the composite); the other views
 * travel as compact data (a palette index and a value text per municipality, the legend and
 * the text alternative), and the site script recolours the same paths. Four more inline maps
 * would add ~400 kB to the page; this adds a few. Each view is drawn by the same
 * `renderChoroplethMap` as the composite, so its classes and legend are the chart module's.
 * Pure.
 */
import { renderChoroplethMap, type MapGeometry } from '../charts/index.ts';
import { AREA_NAMES, AREAS, type EfficiencyRow } from '../load/types.ts';

/** One way of colouring the map. */
export interface MapView {
  id: string;
  namn: string;
  /** The text alternative (`<desc>`) of this view. */
  desc: string;
  /** Legend markup (SVG), pattern references pointing at the page's map. */
  legend: string;
  palette: string[];
  /** Per municipality in path order: index into `palette`. */
  fill: number[];
  /** Per municipality in path order: the tooltip (`Täby: 93 %`). */
  title: string[];
}

/** The composite map with its legend wrapped for replacement, and every view's data. */
export interface IndexMap {
  svg: string;
  views: MapView[];
}

interface MapOptions {
  names: Map<string, string>;
  link: (kommunkod: string) => string;
  linksInTabOrder?: boolean;
  width: number;
  height: number;
}

const SHAPE =
  /<a href="[^"]*"(?: tabindex="-1")?><title>([^<]*)<\/title><path d="[^"]*" fill="([^"]*)" data-k="(\d{4})"\/><\/a>/g;

/** Renders the composite map and the data of the four area views. */
export function buildIndexMap(geometry: MapGeometry, table: EfficiencyRow[], options: MapOptions): IndexMap {
  const variables: { id: string; namn: string; legendTitle: string; value: (row: EfficiencyRow) => number | null }[] = [
    {
      id: 'sammanvagd',
      namn: 'Sammanvägd effektivitet',
      legendTitle: 'Sammanvägd effektivitet',
      value: (row) => row.effektivitet,
    },
    ...AREAS.map((area) => ({
      id: area,
      namn: AREA_NAMES[area],
      legendTitle: `${AREA_NAMES[area]}, effektivitet`,
      value: (row: EfficiencyRow) => row.areas[area].effektivitet,
    })),
  ];
  const rendered = variables.map((v) => ({
    variable: v,
    chart: renderChoroplethMap(geometry, {
      ...options,
      values: new Map(table.map((row) => [row.kommunkod, v.value(row)])),
      legendTitle: v.legendTitle,
    }),
  }));
  const composite = parts(rendered[0]!.chart.svg);
  const views = rendered.map(({ variable, chart }): MapView => {
    const p = parts(chart.svg);
    const retarget = (text: string) => text.split(`url(#${p.id}-na)`).join(`url(#${composite.id}-na)`);
    const palette: string[] = [];
    const fill: number[] = [];
    const title: string[] = [];
    p.shapes.forEach((shape, i) => {
      if (shape.kod !== composite.shapes[i]?.kod)
        throw new Error(`Internal error: map views disagree on the order of municipalities at ${i}`);
      const colour = retarget(shape.fill);
      let index = palette.indexOf(colour);
      if (index < 0) index = palette.push(colour) - 1;
      fill.push(index);
      title.push(shape.title);
    });
    return { id: variable.id, namn: variable.namn, desc: chart.alt, legend: retarget(p.legend), palette, fill, title };
  });
  const svg = composite.before + `<g data-legend="">${composite.legend}</g></svg>`;
  return { svg, views };
}

/** Splits a rendered choropleth into its pattern id, shapes and legend (everything after the outline). */
function parts(svg: string) {
  const id = /<pattern id="([^"]+)-na"/.exec(svg)?.[1];
  const groupEnd = svg.indexOf('</g>') + 4;
  const outline = /^<path [^>]*\/>/.exec(svg.slice(groupEnd))?.[0];
  if (!id || groupEnd < 4 || !outline || !svg.endsWith('</svg>'))
    throw new Error('Internal error: the choropleth map has an unexpected structure');
  const shapes = [...svg.slice(0, groupEnd).matchAll(SHAPE)].map((m) => ({
    title: unescape(m[1]!),
    fill: m[2]!,
    kod: m[3]!,
  }));
  const legendStart = groupEnd + outline.length;
  return { id, shapes, before: svg.slice(0, legendStart), legend: svg.slice(legendStart, -'</svg>'.length) };
}

/** The tooltips are escaped XML; the script sets them as text. */
function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
