/**
 * Chromium's own limit for our documents: load (as the pipeline does) and `page.pdf` every
 * report's and every brief's final HTML (`kort-*.html`, issue 16) in one browser with the
 * build's page pool and print fonts, and nothing else (no model, compose, charts or writing).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer';
import { loadDocument } from '../pipeline/print/load-document.ts';

export interface PrintFloor {
  /** Wall time for load + print of every document with `pages` in parallel. */
  wallMs: number;
  /** Documents printed: reports and briefs. */
  reports: number;
  briefs: number;
  /** Wall time per report for load + print with `pages` in parallel (all documents' wall time / reports). */
  wallMsPerReport: number;
  /** Time inside `page.pdf` alone, per report (summed over pages, divided by reports). */
  pdfMsPerReport: number;
  /** Time inside `page.pdf` alone, per brief. */
  pdfMsPerBrief: number;
}

/** Briefs' HTML files are named `kort-<kod>-<slug>.html`. */
const isBrief = (name: string) => name.startsWith('kort-');

export async function benchPrintFloor(
  chromium: string,
  env: Record<string, string>,
  htmlDir: string,
  pages = 2,
): Promise<PrintFloor> {
  const files = (await readdir(htmlDir)).filter((name) => name.endsWith('.html')).sort();
  const browser = await puppeteer.launch({
    executablePath: chromium,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
    env: { ...process.env, ...env },
  });
  let pdfMs = 0;
  let briefPdfMs = 0;
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: pages }, async () => {
        const page = await browser.newPage();
        await page.setJavaScriptEnabled(false);
        while (next < files.length) {
          const file = files[next++]!;
          const html = path.join(htmlDir, file);
          await loadDocument(page, html, await readFile(html, 'utf8'), 60_000);
          const t = performance.now();
          await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
          if (isBrief(file)) briefPdfMs += performance.now() - t;
          else pdfMs += performance.now() - t;
        }
      }),
    );
  } finally {
    await browser.close();
  }
  const wallMs = performance.now() - started;
  const briefs = files.filter(isBrief).length;
  const reports = files.length - briefs;
  return {
    wallMs,
    reports,
    briefs,
    wallMsPerReport: wallMs / Math.max(1, reports),
    pdfMsPerReport: pdfMs / Math.max(1, reports),
    pdfMsPerBrief: briefPdfMs / Math.max(1, briefs),
  };
}
