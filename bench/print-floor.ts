/**
 * Chromium's own limit for our reports: load (as the pipeline does) and `page.pdf` every report's
 * final HTML in one browser with the build's page pool and print fonts, and nothing else (no
 * model, compose, charts or writing).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer';
import { loadDocument } from '../pipeline/print/load-document.ts';

export interface PrintFloor {
  /** Wall time per report for load + print with `pages` in parallel. */
  wallMsPerReport: number;
  /** Time inside `page.pdf` alone, per report (summed over pages, divided by reports). */
  pdfMsPerReport: number;
}

export async function benchPrintFloor(chromium: string, env: Record<string, string>, htmlDir: string, pages = 2): Promise<PrintFloor> {
  const files = (await readdir(htmlDir)).filter((name) => name.endsWith('.html')).sort();
  const browser = await puppeteer.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'], env: { ...process.env, ...env } });
  let pdfMs = 0;
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
          pdfMs += performance.now() - t;
        }
      }),
    );
  } finally {
    await browser.close();
  }
  return { wallMsPerReport: (performance.now() - started) / files.length, pdfMsPerReport: pdfMs / files.length };
}
