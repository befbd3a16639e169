/** The build: prepare an edition once, then build reports incrementally. */
export { compositionMeta, prepareEdition, type Edition } from './prepare-edition.ts';
export { CompositionMemo, type MemoisedComposition } from './composition-memo.ts';
export { briefKey, buildReports, createSession, reportKey, type BuildEvent, type BuildSummary, type ReportOutcome } from './build-reports.ts';
export { readAllRecords, readRecord, type ReportRecord } from './report-cache.ts';
export { parseShard, selectMunicipalities, shardCodes } from './select-municipalities.ts';
export { writeManifest } from './write-manifest.ts';
export { lastBuildFile, writeBuildStats, type BuildStats } from './build-stats.ts';
export { briefPdfPath, readAllBriefRecords, readBriefRecord, type BriefRecord } from './brief-cache.ts';
export { BRIEF_PAGES, type BriefOutcome } from './render-brief.ts';
