/**
 * Prints one report with a table of contents that shows real page numbers. Chromium has no
 * `target-counter()`, so the TOC is filled from a guess, the PDF's outline tells where each
 * chapter landed, and the report is printed again only if the guess was wrong (page numbers
 * have tabular width, so filling them in does not move the chapters).
 */
import { writeFile } from 'node:fs/promises';
import { PdfError } from '../errors.ts';
import type { BrowserSession } from './browser-session.ts';
import { finishPdf, loadPdf, readOutline, type OutlineEntry, type PdfMetadata } from './pdf-document.ts';
import { printPdf } from './print-pdf.ts';

const MAX_PASSES = 3;

export interface TocHeading {
  id: string;
  title: string;
}

export interface PrintJob {
  kommunkod: string;
  /** Where the HTML is written for Chromium to load (inside the allowed folder). */
  htmlFile: string;
  /** Composes the HTML with the given chapter page numbers (id → page). */
  composeHtml: (tocPages: Record<string, number> | undefined) => string;
  toc: TocHeading[];
  /** First guess of the chapter pages; undefined prints without numbers first. */
  guess?: Record<string, number>;
  metadata: PdfMetadata;
}

export interface PrintOutcome {
  pdf: Uint8Array;
  pages: number;
  tocPages: Record<string, number>;
  outline: OutlineEntry[];
  passes: number;
  pdfMs: number;
  blocked: string[];
  /** The HTML of the final pass. */
  html: string;
}

/** Prints `job` until the TOC page numbers match the outline (at most three passes). */
export async function printReport(session: BrowserSession, job: PrintJob, timeoutMs: number): Promise<PrintOutcome> {
  let pages = job.guess;
  let pdfMs = 0;
  const blocked = new Set<string>();
  for (let pass = 1; ; pass += 1) {
    const html = job.composeHtml(pages);
    await writeFile(job.htmlFile, html);
    const printed = await session.withPage((page) => printPdf(page, job.htmlFile, html, timeoutMs));
    pdfMs += printed.pdfMs;
    printed.blocked.forEach((url) => blocked.add(url));
    const doc = loadPdf(printed.pdf, job.kommunkod);
    const outline = readOutline(doc);
    const actual = chapterPages(job.toc, outline, job.kommunkod);
    if (samePages(pages, actual) || pass >= MAX_PASSES) {
      return {
        pdf: finishPdf(doc, job.metadata),
        pages: doc.pageCount,
        tocPages: actual,
        outline,
        passes: pass,
        pdfMs,
        blocked: [...blocked],
        html,
      };
    }
    pages = actual;
  }
}

/** Page of each TOC heading, looked up by title in the outline. */
function chapterPages(toc: TocHeading[], outline: OutlineEntry[], kommunkod: string): Record<string, number> {
  const byTitle = new Map<string, number>();
  for (const entry of outline) {
    const key = normalise(entry.title);
    if (!byTitle.has(key)) byTitle.set(key, entry.page);
  }
  const pages: Record<string, number> = {};
  for (const heading of toc) {
    const page = byTitle.get(normalise(heading.title));
    if (!page) throw new PdfError(kommunkod, `The PDF outline has no bookmark for the chapter “${heading.title}”; is the heading tagged?`);
    pages[heading.id] = page;
  }
  return pages;
}

function samePages(a: Record<string, number> | undefined, b: Record<string, number>): boolean {
  return !!a && Object.keys(b).every((key) => a[key] === b[key]);
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
