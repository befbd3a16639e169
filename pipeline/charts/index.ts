/**
 * Charts and map: pure functions from numbers to accessible SVG strings. See each function's
 * JSDoc; all share the visual language in `theme.ts` and format numbers with `pipeline/format`.
 */
export type { Chart } from './types.ts';
export { escapeXml } from './escape-xml.ts';
export { theme } from './theme.ts';
export { renderRankStrip, type RankStripInput } from './render-rank-strip.ts';
export { renderAreaComparison, type AreaComparisonInput } from './render-area-comparison.ts';
export { renderPotentialBars, type PotentialBarsInput } from './render-potential-bars.ts';
export { renderPeerComparison, type PeerComparisonInput, type PeerFigure } from './render-peer-comparison.ts';
export { loadMapGeometry, type MapGeometry, type MapShape, type ProjectedMap } from './load-map-geometry.ts';
export { renderChoroplethMap, type ChoroplethInput } from './render-choropleth-map.ts';
export { renderHistoryChart, type HistoryChartInput, type HistoryPoint } from './render-history-chart.ts';
