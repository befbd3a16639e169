/** Phase two of a build for one brief: charts → compose → print (with retries) → write. */
import path from 'node:path';
import { debuglog } from 'node:util';
import { composeBrief } from '../compose/compose-brief.ts';
import { buildAreaChart, buildRankStripChart, type ChartContext } from '../compose/report-charts.ts';
import type { ChartMarkup } from '../compose/index.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import type { MunicipalityReport } from '../model/index.ts';
import type { BriefView } from '../model/build-brief-view.ts';
import { printReport, type BrowserSession, type PrintOutcome } from '../print/index.ts';
import { briefPdfPath, writeBriefRecord, type BriefRecord } from './records.ts';
import { attemptPrint } from './print-attempts.ts';
import { compositionMeta, type Edition } from './prepare-edition.ts';
import { documentMetadata, failedOutcome, outcomeBase, printedFacts, recordHead } from './printed-document.ts';
import type { BriefOutcome, BuildOptions, PendingBrief } from './types.ts';

const debug = debuglog('pipeline:build');

/** The page count every brief must have. */
export const BRIEF_PAGES = 2;

/** The brief's charts: the rank strip and the areas, each with its intervals when the table has them. */
export function buildBriefCharts(chart: ChartContext, report: MunicipalityReport): Record<string, ChartMarkup> {
  return { rangordning: buildRankStripChart(chart, report), omraden: buildAreaChart(chart, report) };
}

/** The HTML file Chromium loads for a brief (beside the reports', so it shares their assets). */
export function briefHtmlFile(edition: Pick<Edition, 'htmlDir'>, kommunkod: string, slug: string): string {
  return path.join(edition.htmlDir, `kort-${kommunkod}-${slug}.html`);
}

type BriefOptions = Pick<BuildOptions, 'beforeBriefPrint' | 'signal'> & { beforeWrite?: () => Promise<unknown> };

/** Renders one pending brief; failures become a `failed` outcome, except those that end the run (print-attempts.ts). */
export async function renderBrief(
  edition: Edition,
  session: BrowserSession,
  pending: PendingBrief,
  options: BriefOptions,
): Promise<BriefOutcome> {
  const started = performance.now();
  const { code, report, view } = pending;
  const base = outcomeBase(code, report);
  const prepare = () => {
    const charts = buildBriefCharts(edition.charts, report);
    return composeBrief({ view, templates: edition.brief.templates, charts, meta: compositionMeta(edition) });
  };
  const result = await attemptPrint(
    {
      kommunkod: code,
      what: `the brief for ${report.kommun.namn}`,
      attempts: edition.config.attempts,
      signal: options.signal,
    },
    prepare,
    async (composed, attempt): Promise<BriefOutcome> => {
      await options.beforeBriefPrint?.(code, attempt);
      const printed = await printBrief(edition, session, pending, composed);
      const record = await writeBrief(edition, pending, printed, options.beforeWrite);
      debug('%s brief: %d ms (page.pdf %d ms)', code, performance.now() - started, printed.pdfMs);
      const warnings =
        printed.pages === BRIEF_PAGES ? [] : [`the brief has ${printed.pages} pages instead of ${BRIEF_PAGES}`];
      return {
        ...base,
        warnings,
        status: 'rendered',
        ms: performance.now() - started,
        attempts: attempt,
        record,
        pdfMs: printed.pdfMs,
      };
    },
  );
  return result.ok ? result.value : failedOutcome(base, started, result);
}

/** Prints the composed brief in one pass (it has no table of contents). */
function printBrief(
  edition: Edition,
  session: BrowserSession,
  { code, report }: PendingBrief,
  composed: ReturnType<typeof composeBrief>,
): Promise<PrintOutcome> {
  return printReport(
    session,
    {
      kommunkod: code,
      htmlFile: briefHtmlFile(edition, code, report.kommun.slug),
      composeHtml: () => composed.html,
      toc: [],
      metadata: documentMetadata(edition, {
        title: composed.title,
        subject: `Kortversion: effektivitet, placering med osäkerhetsintervall och råd för ${report.kommun.namn}, uppgifter för ${report.ar}`,
        keywords: ['kommun', 'effektivitet', 'DEA', 'kortversion', report.kommun.namn, report.kommun.kommungrupp],
      }),
    },
    edition.config.timeoutMs,
  );
}

/** Writes the brief's PDF and then its record. */
async function writeBrief(
  edition: Edition,
  { code, report, key }: PendingBrief,
  printed: PrintOutcome,
  beforeWrite: BriefOptions['beforeWrite'],
): Promise<BriefRecord> {
  const { outputDir } = edition.config;
  const record: BriefRecord = {
    ...recordHead(code, report, key),
    pdf: briefPdfPath(code, report.kommun.slug),
    ...printedFacts(printed),
    ar: report.ar,
    generatedAt: new Date().toISOString(),
  };
  await beforeWrite?.();
  await writeFileAtomic(path.join(outputDir, record.pdf), printed.pdf);
  await writeBriefRecord(outputDir, record);
  return record;
}
