/**
 * Predicts the page each chapter starts on before printing, so the table of contents can carry
 * real page numbers in the first print. Chromium has no `target-counter()` and no way to ask
 * where print pagination puts an element, but its multi-column layout fragments content with
 * the same engine: laid out in columns exactly one page's content box wide and high, with
 * forced page breaks turned into column breaks, each column is a page. The prediction is
 * checked against the printed PDF's outline (print-report.ts), which decides.
 *
 * The content box comes from `--page-content-width` / `--page-content-height` on `:root`
 * (rapport.css, next to its `@page` rule). The cover is one page of its own and is left out.
 */
import type { Page } from 'puppeteer-core';

/** Start page of each heading id, or undefined when the stylesheet does not give the page box. */
export async function measureChapterPages(page: Page, ids: string[]): Promise<Record<string, number> | undefined> {
  if (ids.length === 0) return {};
  // Laid out for print, as page.pdf will: text shapes a hair differently for the screen, which
  // is enough to move a line, and a heading, across a page boundary.
  await page.emulateMediaType('print');
  return page.evaluate(layOutAsPages, ids);
}

/** Writes page numbers into the table of contents of the loaded document (`.toc a[href="#id"] .toc-page`). */
export async function fillTocPages(page: Page, pages: Record<string, number>): Promise<void> {
  await page.evaluate((entries: [string, number][]) => {
    for (const [id, number] of entries) {
      const cell = document.querySelector(`.toc a[href="#${CSS.escape(id)}"] .toc-page`);
      if (cell) cell.textContent = String(number);
    }
  }, Object.entries(pages));
}

/** Runs in the page: lays the document out as columns, reads the column of each heading, restores it. */
async function layOutAsPages(ids: string[]): Promise<Record<string, number> | undefined> {
  await document.fonts.ready;
  const root = getComputedStyle(document.documentElement);
  const probe = document.createElement('div');
  probe.style.cssText =
    'position:absolute;visibility:hidden;width:var(--page-content-width);height:var(--page-content-height)';
  document.body.append(probe);
  const { width, height } = probe.getBoundingClientRect();
  probe.remove();
  if (!root.getPropertyValue('--page-content-width') || !(width > 0 && height > 0)) return undefined;

  const restore: (() => void)[] = [];
  for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
    const style = getComputedStyle(element);
    if (style.breakBefore !== 'page' && style.breakAfter !== 'page') continue;
    const { breakBefore, breakAfter } = element.style;
    restore.push(() => Object.assign(element.style, { breakBefore, breakAfter }));
    if (style.breakBefore === 'page') element.style.breakBefore = 'column';
    if (style.breakAfter === 'page') element.style.breakAfter = 'column';
  }
  const sheet = document.createElement('style');
  sheet.textContent = `body{columns:${width}px;column-gap:0;column-fill:auto;width:${width}px;height:${height}px;margin:0;padding:0}.cover{display:none}`;
  document.head.append(sheet);
  try {
    const left = document.body.getBoundingClientRect().left;
    const pages: Record<string, number> = {};
    for (const id of ids) {
      const heading = document.getElementById(id);
      if (!heading) return undefined;
      // Page 1 is the cover; a 1 px tolerance absorbs sub-pixel column positions.
      pages[id] = 2 + Math.floor((heading.getBoundingClientRect().left - left + 1) / width);
    }
    return pages;
  } finally {
    sheet.remove();
    restore.forEach((undo) => undo());
  }
}
