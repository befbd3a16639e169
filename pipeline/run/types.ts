/**
 * The types the orchestrator's files share: what a build is asked to do, what it reports back,
 * and what waits for the printer. Kept apart from the code so that no file imports a type from
 * the file that imports it.
 */
import type { MunicipalityReport } from '../model/index.ts';
import type { BriefView } from '../model/build-brief-view.ts';
import type { BrowserSession } from '../print/index.ts';
import type { BriefRecord, ReportRecord } from './records.ts';

export type ReportStatus = 'rendered' | 'skipped' | 'failed';

export interface ReportOutcome {
  kommunkod: string;
  kommun: string;
  status: ReportStatus;
  ms: number;
  attempts: number;
  record?: ReportRecord;
  error?: Error;
  /** Print passes (2 when the TOC guess was wrong). */
  passes?: number;
  pdfMs?: number;
  warnings: string[];
}

export type BuildEvent = { type: 'start'; total: number } | { type: 'report'; outcome: ReportOutcome };

export interface BuildOptions {
  /** kommunkoder to build, in order. */
  codes: string[];
  onEvent?: (event: BuildEvent) => void;
  signal?: AbortSignal;
  /** A running session to reuse (the server keeps one warm); otherwise one is made and closed. */
  session?: BrowserSession;
  /** Called before each print attempt; a throw counts as a failed attempt (fault injection in tests). */
  beforePrint?: (kommunkod: string, attempt: number) => void | Promise<void>;
  /** Also build each municipality's two-page brief (issue 16); default true. */
  briefs?: boolean;
  /** As `beforePrint`, for the briefs' print attempts. */
  beforeBriefPrint?: (kommunkod: string, attempt: number) => void | Promise<void>;
  /**
   * View models the caller already built from this edition's model, by kommunkod (the server
   * builds one to see whether a report is stale); the others are built here.
   */
  reports?: ReadonlyMap<string, MunicipalityReport>;
}

export interface BuildSummary {
  outcomes: ReportOutcome[];
  /** The briefs' outcomes (empty when `briefs: false`), in the order they finished. */
  briefs: BriefOutcome[];
  launches: number;
  wallMs: number;
}

/** A report that needs printing. */
export interface PendingReport {
  code: string;
  report: MunicipalityReport;
  key: string;
}

/** A brief that needs printing. */
export interface PendingBrief {
  code: string;
  report: MunicipalityReport;
  view: BriefView;
  key: string;
}

export interface BriefOutcome {
  kommunkod: string;
  kommun: string;
  status: 'rendered' | 'skipped' | 'failed';
  ms: number;
  attempts: number;
  record?: BriefRecord;
  error?: Error;
  pdfMs?: number;
  warnings: string[];
}
