/** Phase two of a build for one report: charts → compose → print (with retries) → write. */
import path from 'node:path';
import { debuglog } from 'node:util';
import { composeReport, renderDocument } from '../compose/index.ts';
import { buildReportCharts } from '../compose/report-charts.ts';
import { sha256Hex } from '../io/hash.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { printReport, type BrowserSession } from '../print/index.ts';
import { attemptPrint } from './print-attempts.ts';
import { compositionMeta, type Edition } from './prepare-edition.ts';
import { writeRecord, type ReportRecord } from './records.ts';
import type { BuildOptions, PendingReport, ReportOutcome } from './types.ts';

const MAX_LISTED_URLS = 5;
const debug = debuglog('pipeline:build');

/**
 * Renders one pending report; failures become a `failed` outcome, except those no retry can
 * mend (a disk that refuses writes, a Chromium that cannot start), which throw (print-attempts.ts).
 */
export async function renderOne(
  edition: Edition,
  session: BrowserSession,
  { code, report, key }: PendingReport,
  options: Pick<BuildOptions, 'beforePrint' | 'signal'> & {
    /** Awaited after printing, before anything is written (the build's plan must pass first). */
    beforeWrite?: () => Promise<unknown>;
  },
): Promise<ReportOutcome> {
  const started = performance.now();
  const { config } = edition;
  const base = { kommunkod: code, kommun: report.kommun.namn, warnings: [] as string[] };
  const name = `${code}-${report.kommun.slug}`;
  let chartsMs = 0;
  let composeMs = 0;
  const prepare = async () => {
    const charts = buildReportCharts(edition.charts, report);
    chartsMs = performance.now() - started;
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
    composeMs = performance.now() - started - chartsMs;
    await yieldToEventLoop();
    return { composeInput, composed };
  };
  const result = await attemptPrint(
    {
      kommunkod: code,
      what: `the report for ${report.kommun.namn}`,
      attempts: config.attempts,
      signal: options.signal,
    },
    prepare,
    async ({ composeInput, composed }, attempt): Promise<ReportOutcome> => {
      await options.beforePrint?.(code, attempt);
      const printed = await printReport(
        session,
        {
          kommunkod: code,
          htmlFile: path.join(edition.htmlDir, `${name}.html`),
          composeHtml: (pages) => renderDocument(composeInput, composed, pages),
          toc: composed.toc,
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
      debug(
        '%s charts %d ms, compose %d ms, print %d ms (%d pass(es), page.pdf %d ms)',
        code,
        chartsMs,
        composeMs,
        performance.now() - started - chartsMs - composeMs,
        printed.passes,
        printed.pdfMs,
      );
      const record: ReportRecord = {
        kommunkod: code,
        kommun: report.kommun.namn,
        slug: report.kommun.slug,
        key,
        pdf: `pdf/${name}.pdf`,
        md: `md/${name}.md`,
        pages: printed.pages,
        bytes: printed.pdf.byteLength,
        sha256: sha256Hex(printed.pdf),
        format: 2,
        ar: report.ar,
        generatedAt: new Date().toISOString(),
        tocPages: printed.tocPages,
      };
      await options.beforeWrite?.();
      await writeFileAtomic(path.join(config.outputDir, record.pdf), printed.pdf);
      await writeFileAtomic(path.join(config.outputDir, record.md), composed.markdown);
      // The record goes last: a report counts as done only when its PDF and twin are in place.
      await writeRecord(config.outputDir, record);
      await edition.compositions.persist(code, key, composed);
      const blocked = printed.blocked;
      const warnings =
        blocked.length > 0
          ? [
              `blocked ${blocked.length} request(s) to outside the report: ${blocked.slice(0, MAX_LISTED_URLS).join(', ')}${blocked.length > MAX_LISTED_URLS ? ', …' : ''}`,
            ]
          : [];
      return {
        ...base,
        warnings,
        status: 'rendered',
        ms: performance.now() - started,
        attempts: attempt,
        record,
        passes: printed.passes,
        pdfMs: printed.pdfMs,
      };
    },
  );
  return result.ok
    ? result.value
    : { ...base, status: 'failed', ms: performance.now() - started, attempts: result.attempts, error: result.error };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
