/** The yearly panel (issue 13): history, Malmquist, unit costs. */
export { runPanel, PANEL_FIRST_YEAR, type PanelCache, type PanelInput } from './run-panel.ts';
export {
  malmquistBetween,
  malmquistFromDistances,
  type MalmquistIndex,
  type MalmquistDistances,
  type PeriodData,
} from './malmquist.ts';
export { buildUnitCosts, ONE_PERCENT } from './unit-costs.ts';
export { serializeHistory, serializeMalmquist, HISTORY_COLUMNS, MALMQUIST_COLUMNS } from './serialize-panel.ts';
export type * from './types.ts';
