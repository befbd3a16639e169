/** The update stage: Kolada's open API v3 → checked, staged files in data/ (all or nothing). */
export {
  updateKoladaData,
  kpisToFetch,
  stagingDirOf,
  updatedPopulation,
  DEFAULT_API_URL,
  POPULATION_KPI,
} from './update-kolada-data.ts';
export type { UpdateOptions, UpdateResult, UpdateEvent, FileChange } from './update-kolada-data.ts';
export { completeInterruptedUpdate, STAGING_NAME } from './commit-update.ts';
export { UpdateInterruptedError } from './update-kolada-data.ts';
export { KoladaClient, parseRetryAfter, type ClientEvent, type KoladaClientOptions } from './kolada-client.ts';
export { KoladaResponseError, UpdateValidationError } from './kolada-errors.ts';
export { PageCache } from './page-cache.ts';
export { parseDataPage, parseKpiPage, municipalityTotals, isMunicipalityCode } from './parse-kolada-page.ts';
export { chunk, yearRange, dataUrls, kpiMetaUrls, MAX_IDS_PER_REQUEST } from './plan-requests.ts';
export { checkFetched, plausibleRange, type KpiYearSummary, type CheckProblem } from './check-fetched.ts';
export { parseKpiFile, mergeKpiFile, serializeKpiFile, kpiFileValues } from './kpi-file.ts';
export {
  readProvenance,
  yearStatus,
  mergeProvenance,
  definitionChanges,
  isPreliminary,
  PROVENANCE_FILE,
} from './provenance.ts';
export type { Provenance, KpiProvenance, DefinitionChange, YearStatus } from './provenance.ts';
export type * from './kolada-types.ts';
