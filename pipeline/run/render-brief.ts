/** Phase two of a build for one brief: charts → compose → print (with retries) → write. */
import path from 'node:path';
import { debuglog } from 'node:util';
import { composeBrief } from '../compose/compose-brief.ts';
import { buildAreaChart, buildRankStripChart, type ChartContext } from '../compose/report-charts.ts';
import type { ChartMarkup } from '../compose/index.ts';
import { sha256Hex } from '../io/hash.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import type { MunicipalityReport } from '../model/index.ts';
import type { BriefView } from '../model/build-brief-view.ts';
import { printReport, type BrowserSession } from '../print/index.ts';
import { briefPdfPath, writeBriefRecord, type BriefRecord } from './records.ts';
import { attemptPrint } from './print-attempts.ts';
import { compositionMeta, type Edition } from './prepare-edition.ts';
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

/** Renders one pending brief; failures become a `failed` outcome, except those that end the run (print-attempts.ts). */
export async function renderBrief(
  edition: Edition,
  session: BrowserSession,
  { code, report, view, key }: PendingBrief,
  options: Pick<BuildOptions, 'beforeBriefPrint' | 'signal'> & { beforeWrite?: () => Promise<unknown> },
): Promise<BriefOutcome> {
  const started = performance.now();
  const { config } = edition;
  const base = { kommunkod: code, kommun: report.kommun.namn, warnings: [] as string[] };
  const prepare = () => {
    const charts = buildBriefCharts(edition.charts, report);
    return composeBrief({ view, templates: edition.brief.templates, charts, meta: compositionMeta(edition) });
  };
  const result = await attemptPrint(
    { kommunkod: code, what: `the brief for ${report.kommun.namn}`, attempts: config.attempts, signal: options.signal },
    prepare,
    async (composed, attempt): Promise<BriefOutcome> => {
      await options.beforeBriefPrint?.(code, attempt);
      const printed = await printReport(
        session,
        {
          kommunkod: code,
          htmlFile: briefHtmlFile(edition, code, report.kommun.slug),
          composeHtml: () => composed.html,
          // No table of contents: one pass.
          toc: [],
          metadata: {
            title: composed.title,
            author: 'kommunrapport',
            subject: `Kortversion: effektivitet, placering med osäkerhetsintervall och råd för ${report.kommun.namn}, uppgifter för ${report.ar}`,
            keywords: ['kommun', 'effektivitet', 'DEA', 'kortversion', report.kommun.namn, report.kommun.kommungrupp],
            creator: `kommunrapport ${edition.version}`,
            date: new Date(),
          },
        },
        config.timeoutMs,
      );
      const record: BriefRecord = {
        kommunkod: code,
        kommun: report.kommun.namn,
        slug: report.kommun.slug,
        key,
        pdf: briefPdfPath(code, report.kommun.slug),
        pages: printed.pages,
        bytes: printed.pdf.byteLength,
        sha256: sha256Hex(printed.pdf),
        ar: report.ar,
        generatedAt: new Date().toISOString(),
      };
      await options.beforeWrite?.();
      await writeFileAtomic(path.join(config.outputDir, record.pdf), printed.pdf);
      await writeBriefRecord(config.outputDir, record);
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
  return result.ok
    ? result.value
    : { ...base, status: 'failed', ms: performance.now() - started, attempts: result.attempts, error: result.error };
}
