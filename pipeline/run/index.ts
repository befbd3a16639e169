/** The orchestrator that runs an edition: prepare it once, then build reports incrementally. */
export { compositionMeta, prepareEdition, type Edition } from './prepare-edition.ts';
export { CompositionMemo, type MemoisedComposition } from './composition-memo.ts';
export { briefKey, buildReports, createSession, reportKey } from './build-reports.ts';
export type { BriefOutcome, BuildEvent, BuildOptions, BuildSummary, ReportOutcome } from './types.ts';
export {
  briefPdfPath,
  readAllBriefRecords,
  readAllRecords,
  readBriefRecord,
  readRecord,
  type BriefRecord,
  type ReportRecord,
} from './records.ts';
export { parseShard, selectMunicipalities, shardCodes } from './select-municipalities.ts';
export { writeManifest } from './write-manifest.ts';
export { lastBuildFile, writeBuildStats, type BuildStats } from './build-stats.ts';
export { BRIEF_PAGES } from './render-brief.ts';
