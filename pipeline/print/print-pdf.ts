/** One HTML file → PDF bytes on a prepared page, in the fixed order of STYLE.md §5. */
import type { Page } from 'puppeteer-core';
import { loadDocument } from './load-document.ts';
import { takeBlockedRequests } from './page-guard.ts';

export interface PrintedPdf {
  pdf: Uint8Array;
  /** Requests the page tried to make and that were blocked. */
  blocked: string[];
  /** Time spent inside `page.pdf`, ms (the print floor of the benchmark). */
  pdfMs: number;
}

/**
 * Loads `html` (the content of `htmlFile`) and prints it with the page size from the CSS `@page`
 * rule; `beforePdf` may adjust the loaded document first (fill in the table of contents).
 */
export async function printPdf(
  page: Page,
  htmlFile: string,
  html: string,
  timeoutMs: number,
  beforePdf?: (page: Page) => Promise<void>,
): Promise<PrintedPdf> {
  takeBlockedRequests(page);
  await loadDocument(page, htmlFile, html, timeoutMs);
  await beforePdf?.(page);
  const started = performance.now();
  const pdf = await page.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    outline: true,
    tagged: true,
    timeout: timeoutMs,
  });
  const pdfMs = performance.now() - started;
  return { pdf, blocked: takeBlockedRequests(page), pdfMs };
}
