/** The load stage: CSV files → typed, validated rows. */
export { loadMunicipalities, MUNICIPALITY_COLUMNS, type LoadMunicipalitiesOptions } from './load-municipalities.ts';
export { loadKoladaSeries, koladaFileName } from './load-kolada-series.ts';
export {
  loadEfficiencyTable,
  loadEfficiencyTableWithUnranked,
  parseEfficiencyTable,
  parseEfficiencyTableWithUnranked,
} from './load-efficiency-table.ts';
export { serializeEfficiencyTable } from './serialize-efficiency-table.ts';
export { scoredUnits, unrankedAreas, type ScoredUnit } from './unranked-areas.ts';
export { EFFICIENCY_COLUMNS, EFFICIENCY_BASE_COLUMNS, areaColumns } from './efficiency-columns.ts';
export { readCsvFile, DEFAULT_MAX_BYTES, type ReadCsvOptions } from './csv/read-csv-file.ts';
export { parseCsvText } from './csv/parse-csv-text.ts';
export { parseNumber } from './csv/parse-number.ts';
export { CsvTable, type NumberRule } from './csv/csv-table.ts';
export type { CsvRecord } from './csv/csv-record.ts';
export * from './types.ts';
