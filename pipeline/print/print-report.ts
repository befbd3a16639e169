/**
 * Prints one report with a table of contents that shows real page numbers. Chromium has no
 * `target-counter()`, so the first print fills the TOC from a measurement of the loaded page
 * (measure-pages.ts), the PDF's outline tells where each chapter landed, and the report is
 * printed again with the outline's numbers only if the measurement was wrong (page numbers have
 * tabular width, so filling them in does not move the chapters).
 */
import { writeFile } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import { PdfError } from '../errors.ts';
import type { BrowserSession } from './browser-session.ts';
import { finishPdf, loadPdf, readOutline, type OutlineEntry, type PdfMetadata } from './pdf-document.ts';
import { fillTocPages, measureChapterPages } from './measure-pages.ts';
import { linkTexts } from './pdf-accessibility.ts';
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
  /** The chapters listed in the table of contents; empty for a document without one. */
  toc: TocHeading[];
  metadata: PdfMetadata;
}

export interface PrintOutcome {
  pdf: Uint8Array;
  pages: number;
  tocPages: Record<string, number>;
  outline: OutlineEntry[];
  passes: number;
  /** Whether the first print's measured page numbers matched the outline. */
  measuredRight: boolean;
  pdfMs: number;
  blocked: string[];
  /** The HTML of the final pass. */
  html: string;
}

/** Prints `job` until the TOC page numbers match the outline (at most three passes). */
export async function printReport(session: BrowserSession, job: PrintJob, timeoutMs: number): Promise<PrintOutcome> {
  let pages: Record<string, number> | undefined;
  let measuredRight = false;
  let pdfMs = 0;
  const blocked = new Set<string>();
  const ids = job.toc.map((heading) => heading.id);
  for (let pass = 1; ; pass += 1) {
    let html = job.composeHtml(pages);
    await writeFile(job.htmlFile, html);
    // The first pass measures where the chapters fall in the loaded page and prints with that.
    const measure =
      pass === 1 && ids.length > 0
        ? async (page: Page) => {
            pages = await measureChapterPages(page, ids);
            if (pages) await fillTocPages(page, pages);
          }
        : undefined;
    const printed = await session.withPage((page) => printPdf(page, job.htmlFile, html, timeoutMs, measure));
    pdfMs += printed.pdfMs;
    printed.blocked.forEach((url) => blocked.add(url));
    const doc = loadPdf(printed.pdf, job.kommunkod);
    const outline = readOutline(doc);
    const actual = chapterPages(job.toc, outline, job.kommunkod);
    const right = samePages(pages, actual);
    if (pass === 1) measuredRight = right;
    if (right || pass >= MAX_PASSES) {
      if (measure && right) {
        // The file on disk is the HTML as composed, without numbers: keep the printed version.
        html = job.composeHtml(actual);
        await writeFile(job.htmlFile, html);
      }
      return {
        pdf: finishPdf(doc, job.metadata, linkTexts(html)),
        pages: doc.pageCount,
        tocPages: actual,
        outline,
        passes: pass,
        measuredRight,
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
    if (!page)
      throw new PdfError(
        kommunkod,
        `The PDF outline has no bookmark for the chapter “${heading.title}”; is the heading tagged?`,
      );
    pages[heading.id] = page;
  }
  return pages;
}

function samePages(a: Record<string, number> | undefined, b: Record<string, number>): boolean {
  if (Object.keys(b).length === 0) return true;
  return !!a && Object.keys(b).every((key) => a[key] === b[key]);
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
