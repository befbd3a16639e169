/**
 * The table of contents gets its page numbers from a layout of the loaded page before the first
 * print (pipeline/print/measure-pages.ts); the printed outline decides. A document whose page
 * box is declared right prints once with the right numbers; one whose declared box is wrong
 * (or missing) is printed again and still ends with the outline's numbers.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../pipeline/config.ts';
import { BrowserSession, printReport } from '../../pipeline/print/index.ts';
import { readPdf } from '../helpers/pdf.ts';

const CHAPTERS = [
  { id: 'a', title: 'Första kapitlet', paragraphs: 3 },
  { id: 'b', title: 'Andra kapitlet', paragraphs: 40 },
  { id: 'c', title: 'Tredje kapitlet', paragraphs: 25 },
  { id: 'd', title: 'Fjärde kapitlet', paragraphs: 2 },
];

/** A small report: cover, contents, chapters that flow, one forced break, a figure that must not split. */
function documentHtml(pageBox: string, pages: Record<string, number> | undefined): string {
  const text = 'Kommunen jämförs med kommuner som når minst samma resultat med mindre resurser. '.repeat(6);
  const toc = CHAPTERS.map(
    (c) =>
      `<li><a href="#${c.id}"><span class="toc-text">${c.title}</span> <span class="toc-page">${pages?.[c.id] ?? ''}</span></a></li>`,
  ).join('');
  const body = CHAPTERS.map(
    (c, i) =>
      `<h2 id="${c.id}"${i === 2 ? ' style="break-before: page"' : ''}>${c.title}</h2>` +
      Array.from({ length: c.paragraphs }, (_, k) =>
        k === 5
          ? '<figure style="height: 90mm; break-inside: avoid; background: #ddd; margin: 0"></figure>'
          : `<p>${text}</p>`,
      ).join(''),
  ).join('');
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Test</title><style>
    ${pageBox}
    @page { size: A4; margin: 22mm 18mm 20mm 20mm; } @page :first { margin: 0; }
    body { font: 10.5pt/1.45 sans-serif; margin: 0; }
    .cover { height: 296mm; box-sizing: border-box; display: flex; flex-direction: column; overflow: hidden; break-after: page; }
    h2 { font-size: 19pt; margin: 10mm 0 5mm; break-after: avoid; }
    p { orphans: 3; widows: 3; }
  </style></head><body><section class="cover"><h1>Omslag</h1></section>
  <nav class="toc"><h2 id="toc-title">Innehåll</h2><ol>${toc}</ol></nav><main>${body}</main></body></html>`;
}

const session = new BrowserSession({
  executablePath: defaultConfig(process.env).chromiumPath,
  recycleAfter: 0,
  timeoutMs: 60_000,
});
afterAll(() => session.close());

async function print(pageBox: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kr-measure-'));
  const printed = await printReport(
    session,
    {
      kommunkod: '0000',
      htmlFile: path.join(dir, 'report.html'),
      composeHtml: (pages) => documentHtml(pageBox, pages),
      toc: CHAPTERS.map(({ id, title }) => ({ id, title })),
      metadata: { title: 'Test', author: 'test', subject: 'test', keywords: [], creator: 'test', date: new Date() },
    },
    60_000,
  );
  const file = path.join(dir, 'report.pdf');
  await writeFile(file, printed.pdf);
  const pdf = await readPdf(file);
  return { printed, pdf };
}

describe('page numbers in the table of contents', () => {
  it('are measured right before the first print when the page box is declared', async () => {
    const { printed, pdf } = await print(':root { --page-content-width: 172mm; --page-content-height: 255mm; }');
    expect(printed.passes).toBe(1);
    expect(printed.measuredRight).toBe(true);
    expect(pdf.pages).toBeGreaterThan(6);
    for (const c of CHAPTERS) {
      const page = printed.tocPages[c.id]!;
      expect(pdf.pageTexts[page - 1]).toContain(c.title);
      expect(pdf.pageTexts[1]).toContain(`${c.title} ${page}`);
    }
  }, 60_000);

  it.each([
    ['a wrong page box', ':root { --page-content-width: 172mm; --page-content-height: 150mm; }'],
    ['no page box', ''],
  ])(
    'are corrected by a second print with %s',
    async (_, pageBox) => {
      const { printed, pdf } = await print(pageBox);
      expect(printed.passes).toBe(2);
      expect(printed.measuredRight).toBe(false);
      for (const c of CHAPTERS) expect(pdf.pageTexts[1]).toContain(`${c.title} ${printed.tocPages[c.id]}`);
    },
    60_000,
  );
});
