/** Phase two of a build for one report: charts → compose → print (with retries) → write. */
import path from 'node:path';
import { debuglog } from 'node:util';
import { composeReport, renderDocument } from '../compose/index.ts';
import { buildReportCharts } from '../compose/report-charts.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { printReport, type BrowserSession, type PrintOutcome } from '../print/index.ts';
import { attemptPrint } from './print-attempts.ts';
import { compositionMeta, type Edition } from './prepare-edition.ts';
import { documentMetadata, failedOutcome, outcomeBase, printedFacts, recordHead } from './printed-document.ts';
import { writeRecord, type ReportRecord } from './records.ts';
import type { BuildOptions, PendingReport, ReportOutcome } from './types.ts';

const MAX_LISTED_URLS = 5;
const debug = debuglog('pipeline:build');

type RenderOptions = Pick<BuildOptions, 'beforePrint' | 'signal'> & {
  /** Awaited after printing, before anything is written (the build's plan must pass first). */
  beforeWrite?: () => Promise<unknown>;
};

/** When the report's steps ended, in ms since it started. */
interface Timing {
  started: number;
  chartsMs: number;
  composeMs: number;
}

/**
 * Renders one pending report; failures become a `failed` outcome, except those no retry can
 * mend (a disk that refuses writes, a Chromium that cannot start), which throw (print-attempts.ts).
 */
export async function renderOne(
  edition: Edition,
  session: BrowserSession,
  pending: PendingReport,
  options: RenderOptions,
): Promise<ReportOutcome> {
  const { code, report } = pending;
  const timing: Timing = { started: performance.now(), chartsMs: 0, composeMs: 0 };
  const base = outcomeBase(code, report);
  const result = await attemptPrint(
    {
      kommunkod: code,
      what: `the report for ${report.kommun.namn}`,
      attempts: edition.config.attempts,
      signal: options.signal,
    },
    () => composeOne(edition, pending, timing),
    async (composition, attempt): Promise<ReportOutcome> => {
      await options.beforePrint?.(code, attempt);
      const printed = await printOne(edition, session, pending, composition);
      debug(
        '%s charts %d ms, compose %d ms, print %d ms (%d pass(es), page.pdf %d ms)',
        code,
        timing.chartsMs,
        timing.composeMs,
        performance.now() - timing.started - timing.chartsMs - timing.composeMs,
        printed.passes,
        printed.pdfMs,
      );
      const record = await writeOne(edition, pending, printed, composition.composed, options.beforeWrite);
      return {
        ...base,
        warnings: blockedWarnings(printed.blocked),
        status: 'rendered',
        ms: performance.now() - timing.started,
        attempts: attempt,
        record,
        passes: printed.passes,
        pdfMs: printed.pdfMs,
      };
    },
  );
  return result.ok ? result.value : failedOutcome(base, timing.started, result);
}

type Composition = Awaited<ReturnType<typeof composeOne>>;

/** Charts and composition (kept in the edition's cache), timed into `timing`. */
async function composeOne(edition: Edition, { code, report, key }: PendingReport, timing: Timing) {
  const charts = buildReportCharts(edition.charts, report);
  timing.chartsMs = performance.now() - timing.started;
  // Composing is ~100 ms of synchronous work: let the other worker's CDP traffic (its PDF
  // streaming in) through before and after it, so Chromium does not wait on us.
  await yieldToEventLoop();
  const composeInput = {
    report,
    templates: edition.templates,
    charts,
    meta: compositionMeta(edition),
    blocks: edition.markdownBlocks,
  };
  const composed = composeReport(composeInput);
  edition.compositions.set(code, key, { charts, composed });
  timing.composeMs = performance.now() - timing.started - timing.chartsMs;
  await yieldToEventLoop();
  return { composeInput, composed };
}

/** Prints the composed report (two passes when the table of contents' guess was wrong). */
function printOne(
  edition: Edition,
  session: BrowserSession,
  { code, report }: PendingReport,
  { composeInput, composed }: Composition,
): Promise<PrintOutcome> {
  return printReport(
    session,
    {
      kommunkod: code,
      htmlFile: path.join(edition.htmlDir, `${code}-${report.kommun.slug}.html`),
      composeHtml: (pages) => renderDocument(composeInput, composed, pages),
      toc: composed.toc,
      metadata: documentMetadata(edition, {
        title: composed.title,
        subject: `Effektivitet, effektiviseringspotential och råd för ${report.kommun.namn}, uppgifter för ${report.ar}`,
        keywords: ['kommun', 'effektivitet', 'DEA', report.kommun.namn, report.kommun.kommungrupp],
      }),
    },
    edition.config.timeoutMs,
  );
}

/** Writes the PDF, the Markdown twin and, last, the record: a report is done only when all three are in place. */
async function writeOne(
  edition: Edition,
  { code, report, key }: PendingReport,
  printed: PrintOutcome,
  composed: Composition['composed'],
  beforeWrite: RenderOptions['beforeWrite'],
): Promise<ReportRecord> {
  const { outputDir } = edition.config;
  const name = `${code}-${report.kommun.slug}`;
  const record: ReportRecord = {
    ...recordHead(code, report, key),
    pdf: `pdf/${name}.pdf`,
    md: `md/${name}.md`,
    ...printedFacts(printed),
    format: 2,
    ar: report.ar,
    generatedAt: new Date().toISOString(),
    tocPages: printed.tocPages,
  };
  await beforeWrite?.();
  await writeFileAtomic(path.join(outputDir, record.pdf), printed.pdf);
  await writeFileAtomic(path.join(outputDir, record.md), composed.markdown);
  await writeRecord(outputDir, record);
  await edition.compositions.persist(code, key, composed);
  return record;
}

/** A warning naming the first requests the page made to outside the report, if any. */
function blockedWarnings(blocked: string[]): string[] {
  if (blocked.length === 0) return [];
  const listed = blocked.slice(0, MAX_LISTED_URLS).join(', ');
  return [
    `blocked ${blocked.length} request(s) to outside the report: ${listed}${blocked.length > MAX_LISTED_URLS ? ', …' : ''}`,
  ];
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
