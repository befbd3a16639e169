/** The analyse stage: key figures → efficiency table (DEA per area, ranks, potential, peers). */
export { analyse, type AnalyseInput } from './analyse.ts';
export { runAnalysis } from './run-analysis.ts';
export type { AnalysisProgress, AnalysisProgressEvent } from './progress.ts';
export { resolveDataYear, coverageByYear, isComplete, type DataYear } from './data-year.ts';
export { loadModel } from './load-model.ts';
export { parseModel } from './parse-model.ts';
export {
  modelKpis,
  type DeaModel,
  type AreaModel,
  type ModelVariable,
  type StructureVariable,
  type CostBase,
} from './model-types.ts';
export { runDea, DeaInputError, EFFICIENT_TOLERANCE, PEER_TOLERANCE } from './dea/index.ts';
export type { DeaProblem, DeaResult, DeaPeer, ReturnsToScale } from './dea/index.ts';
export * from './types.ts';
export { buildAreaData, areaProblem, type AreaData, type AreaProblem } from './area-data.ts';
export { compositeWeights, compositeScores, areaMedians, rankDescending, type AreaThetas } from './composite.ts';
export { areaWeights } from './build-table.ts';
