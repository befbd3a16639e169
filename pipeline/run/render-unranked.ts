/**
 * Phase two of a build for a municipality with no comparable area (issue 20 point 1): its
 * short report and short brief, composed from `templates/orankad/` and printed like the others
 * (retries, records, the Markdown twin), so the edition always has one report and one brief per
 * municipality of the master data.
 */
import path from 'node:path';
import { composeUnranked, type UnrankedTemplates } from '../compose/compose-unranked.ts';
import { hashParts, sha256Hex } from '../io/hash.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import type { UnrankedReport } from '../model/build-unranked-report.ts';
import { printReport, type BrowserSession } from '../print/index.ts';
import { attemptPrint } from './print-attempts.ts';
import { compositionMeta, type Edition } from './prepare-edition.ts';
import { briefPdfPath, writeBriefRecord, writeRecord, type BriefRecord, type ReportRecord } from './records.ts';
import type { BriefOutcome, BuildOptions, ReportOutcome } from './types.ts';

/** A short report or brief that needs printing. */
export interface PendingUnranked {
  code: string;
  view: UnrankedReport;
  kind: 'report' | 'brief';
  key: string;
}

/** The cache key of a short report or brief: the run's salt, its templates and its view model. */
export function unrankedKey(
  edition: Pick<Edition, 'salt' | 'brief'>,
  templates: UnrankedTemplates,
  view: UnrankedReport,
  kind: 'report' | 'brief',
): string {
  const salt = kind === 'report' ? edition.salt : edition.brief.salt;
  return hashParts(['unranked-1', kind, salt, ...templates.salt, JSON.stringify(view)]);
}

/** Prints one short report or brief; failures become a `failed` outcome (print-attempts.ts). */
export async function renderUnranked(
  edition: Edition,
  session: BrowserSession,
  templates: UnrankedTemplates,
  { code, view, kind, key }: PendingUnranked,
  options: Pick<BuildOptions, 'beforePrint' | 'beforeBriefPrint' | 'signal'> & {
    beforeWrite?: () => Promise<unknown>;
  },
): Promise<ReportOutcome | BriefOutcome> {
  const started = performance.now();
  const { config } = edition;
  const base = { kommunkod: code, kommun: view.kommun.namn, warnings: [] as string[] };
  const name = `${code}-${view.kommun.slug}`;
  const what = kind === 'report' ? 'the short report' : 'the short brief';
  const result = await attemptPrint(
    { kommunkod: code, what: `${what} for ${view.kommun.namn}`, attempts: config.attempts, signal: options.signal },
    () => composeUnranked(view, templates, kind, compositionMeta(edition)),
    async (composed, attempt) => {
      await (kind === 'report' ? options.beforePrint : options.beforeBriefPrint)?.(code, attempt);
      const printed = await printReport(
        session,
        {
          kommunkod: code,
          htmlFile: path.join(edition.htmlDir, kind === 'report' ? `${name}.html` : `kort-${name}.html`),
          composeHtml: () => composed.html,
          toc: [],
          metadata: {
            title: composed.title,
            author: 'kommunrapport',
            subject: `Ingen verksamhet gick att jämföra för ${view.kommun.namn} med uppgifter för ${view.ar}`,
            keywords: ['kommun', 'effektivitet', view.kommun.namn, view.kommun.kommungrupp],
            creator: `kommunrapport ${edition.version}`,
            date: new Date(),
          },
        },
        config.timeoutMs,
      );
      const common = {
        kommunkod: code,
        kommun: view.kommun.namn,
        slug: view.kommun.slug,
        key,
        pages: printed.pages,
        bytes: printed.pdf.byteLength,
        sha256: sha256Hex(printed.pdf),
        ar: view.ar,
        generatedAt: new Date().toISOString(),
      };
      await options.beforeWrite?.();
      if (kind === 'brief') {
        const record: BriefRecord = { ...common, pdf: briefPdfPath(code, view.kommun.slug) };
        await writeFileAtomic(path.join(config.outputDir, record.pdf), printed.pdf);
        await writeBriefRecord(config.outputDir, record);
        return { record, pdfMs: printed.pdfMs, attempt };
      }
      const record: ReportRecord = {
        ...common,
        pdf: `pdf/${name}.pdf`,
        md: `md/${name}.md`,
        format: 2,
        tocPages: {},
      };
      await writeFileAtomic(path.join(config.outputDir, record.pdf), printed.pdf);
      await writeFileAtomic(path.join(config.outputDir, record.md), composed.markdown);
      // The record goes last: a report counts as done only when its PDF and twin are in place.
      await writeRecord(config.outputDir, record);
      return { record, pdfMs: printed.pdfMs, attempt, passes: printed.passes };
    },
  );
  if (!result.ok)
    return {
      ...base,
      status: 'failed',
      ms: performance.now() - started,
      attempts: result.attempts,
      error: result.error,
    };
  const { record, pdfMs, attempt } = result.value;
  return { ...base, status: 'rendered', ms: performance.now() - started, attempts: attempt, record, pdfMs } as
    ReportOutcome | BriefOutcome;
}
