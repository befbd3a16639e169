/**
 * What a printed report and a printed brief share: the PDF's metadata, the head and the printed
 * facts of their records, and the outcome of a document that could not be printed.
 */
import { sha256Hex } from '../io/hash.ts';
import type { MunicipalityReport } from '../model/index.ts';
import type { PdfMetadata, PrintOutcome } from '../print/index.ts';
import type { Attempted } from './print-attempts.ts';
import type { Edition } from './prepare-edition.ts';

/** The start of every outcome: whose document it is, no warnings yet. */
export function outcomeBase(code: string, report: MunicipalityReport) {
  return { kommunkod: code, kommun: report.kommun.namn, warnings: [] as string[] };
}

/** The PDF's metadata: the document's own title, subject and keywords; the rest the edition's. */
export function documentMetadata(
  edition: Pick<Edition, 'version'>,
  document: Pick<PdfMetadata, 'title' | 'subject' | 'keywords'>,
): PdfMetadata {
  const { title, subject, keywords } = document;
  return {
    title,
    author: 'kommunrapport',
    subject,
    keywords,
    creator: `kommunrapport ${edition.version}`,
    date: new Date(),
  };
}

/** The first fields of a document's record: whose it is and the key it was built for. */
export function recordHead(code: string, report: MunicipalityReport, key: string) {
  return { kommunkod: code, kommun: report.kommun.namn, slug: report.kommun.slug, key };
}

/** The record's facts about the printed file. */
export function printedFacts(printed: Pick<PrintOutcome, 'pages' | 'pdf'>) {
  return { pages: printed.pages, bytes: printed.pdf.byteLength, sha256: sha256Hex(printed.pdf) };
}

/** The outcome of a document whose print failed (after its attempts, or interrupted). */
export function failedOutcome(
  base: ReturnType<typeof outcomeBase>,
  started: number,
  result: Extract<Attempted<unknown>, { ok: false }>,
) {
  return {
    ...base,
    status: 'failed' as const,
    ms: performance.now() - started,
    attempts: result.attempts,
    error: result.error,
  };
}
