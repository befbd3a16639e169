/** Model stage: efficiency table + master data → one view model per municipality. */
export { buildModelContext, CONTEXT_KPI_IDS, type ModelContext, type ModelInput } from './model-context.ts';
export { buildMunicipalityReport } from './build-municipality-report.ts';
export { slugify } from './slugify.ts';
export { THEME_DRIVERS } from './theme-relevance.ts';
export * from './types.ts';
export { buildUnrankedReport, type UnrankedReport } from './build-unranked-report.ts';
