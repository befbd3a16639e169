/**
 * Builds the selected reports: model → charts → compose → print → write, through a small
 * pool of workers sharing one browser. A report whose inputs did not change is skipped; a
 * failing report is retried, then recorded, and the others go on.
 */
import path from 'node:path';
import { composeReport, renderDocument } from '../compose/index.ts';
import { buildReportCharts } from '../compose/report-charts.ts';
import { PdfError } from '../errors.ts';
import { hashParts } from '../io/hash.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../io/write-atomic.ts';
import { buildMunicipalityReport } from '../model/index.ts';
import { BrowserSession, guardPage, printReport } from '../print/index.ts';
import type { Edition } from './prepare-edition.ts';
import { readRecord, writeRecord, type ReportRecord } from './report-cache.ts';
import { TocGuesser } from './toc-guess.ts';

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
}

export interface BuildSummary {
  outcomes: ReportOutcome[];
  launches: number;
  wallMs: number;
}

/** Creates the browser session a build or the server uses. */
export function createSession(edition: Edition): BrowserSession {
  const { config } = edition;
  return new BrowserSession({
    executablePath: config.chromiumPath,
    recycleAfter: config.recycleAfter,
    timeoutMs: config.timeoutMs,
    preparePage: guardPage(edition.htmlDir),
  });
}

export async function buildReports(edition: Edition, options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const { config } = edition;
  const session = options.session ?? createSession(edition);
  const guesser = new TocGuesser();
  for (const dir of ['pdf', 'md', 'html']) await removeStaleTempFiles(path.join(config.outputDir, dir));
  options.onEvent?.({ type: 'start', total: options.codes.length });
  const outcomes: ReportOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.codes.length && !options.signal?.aborted) {
      const code = options.codes[next++]!;
      const outcome = await buildOne(edition, session, guesser, code);
      outcomes.push(outcome);
      options.onEvent?.({ type: 'report', outcome });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, config.concurrency) }, worker));
  } finally {
    if (!options.session) await session.close();
  }
  return { outcomes, launches: session.launches, wallMs: performance.now() - started };
}

/** The cache key of a report: its view model and the run's salt (templates, fonts, versions). */
export function reportKey(edition: Edition, viewModel: object): string {
  return hashParts([edition.salt, JSON.stringify(viewModel)]);
}

async function buildOne(edition: Edition, session: BrowserSession, guesser: TocGuesser, code: string): Promise<ReportOutcome> {
  const started = performance.now();
  const { config } = edition;
  const report = buildMunicipalityReport(edition.model, code);
  const base = { kommunkod: code, kommun: report.kommun.namn, warnings: [] as string[] };
  const key = reportKey(edition, report);
  const cached = config.force ? undefined : await readRecord(config.outputDir, code);
  if (cached?.key === key) return { ...base, status: 'skipped', ms: performance.now() - started, attempts: 0, record: cached };

  const charts = buildReportCharts(edition.charts, report);
  const meta = { utgava: `${edition.analysis.ar} (kommunrapport ${edition.version})`, generator: `kommunrapport ${edition.version}` };
  const composeInput = { report, templates: edition.templates, charts, meta };
  const composed = composeReport(composeInput);
  const name = `${code}-${report.kommun.slug}`;
  let lastError: Error | undefined;
  for (let attempt = 1; attempt <= config.attempts; attempt += 1) {
    try {
      const printed = await printReport(
        session,
        {
          kommunkod: code,
          htmlFile: path.join(edition.htmlDir, `${name}.html`),
          composeHtml: (pages) => renderDocument(composeInput, composed, pages),
          toc: composed.toc,
          guess: guesser.guess(composed.toc),
          metadata: {
            title: composed.title,
            author: 'kommunrapport',
            subject: `Effektivitet, effektiviseringspotential och råd för ${report.kommun.namn}, uppgifter för ${report.ar}`,
            keywords: ['kommun', 'effektivitet', 'DEA', report.kommun.namn, report.kommun.kommungrupp],
            creator: `kommunrapport ${edition.version}`,
            date: new Date(),
          },
        },
        config.timeoutMs,
      );
      guesser.learn(composed.toc, printed.tocPages, printed.pages);
      const record: ReportRecord = {
        kommunkod: code,
        kommun: report.kommun.namn,
        slug: report.kommun.slug,
        key,
        pdf: `pdf/${name}.pdf`,
        md: `md/${name}.md`,
        pages: printed.pages,
        bytes: printed.pdf.byteLength,
        sha256: hashParts([printed.pdf]),
        ar: report.ar,
        generatedAt: new Date().toISOString(),
        tocPages: printed.tocPages,
      };
      await writeFileAtomic(path.join(config.outputDir, record.pdf), printed.pdf);
      await writeFileAtomic(path.join(config.outputDir, record.md), composed.markdown);
      await writeRecord(config.outputDir, record);
      const warnings = printed.blocked.length > 0 ? [`blocked ${printed.blocked.length} request(s), e.g. ${printed.blocked[0]}`] : [];
      return { ...base, warnings, status: 'rendered', ms: performance.now() - started, attempts: attempt, record, passes: printed.passes, pdfMs: printed.pdfMs };
    } catch (error) {
      lastError = error instanceof Error ? error : new Error(String(error));
      // A hung or crashed renderer is replaced; the next attempt launches a fresh Chromium.
      if (!(error instanceof PdfError)) await session.kill();
    }
  }
  return {
    ...base,
    status: 'failed',
    ms: performance.now() - started,
    attempts: config.attempts,
    error: new PdfError(code, `Cannot print the report for ${report.kommun.namn} after ${config.attempts} attempts`, { cause: lastError }),
  };
}
