/**
 * The print fonts reach Chromium through fontconfig (pipeline/print/print-fonts.ts): a page that
 * names them only with local() gets them embedded with that environment, and not without it.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../pipeline/config.ts';
import { BrowserSession, printFontEnv } from '../../pipeline/print/index.ts';
import { printPdf } from '../../pipeline/print/print-pdf.ts';
import { pdfFonts } from '../helpers/pdf.ts';
import { TEST_CACHE_DIR } from '../helpers/temp-config.ts';

const HTML = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>
@font-face { font-family: 'Rubrik'; font-weight: 600; src: local('SourceSerif4-SemiBold'); }
@font-face { font-family: 'Brödtext'; font-weight: 400; src: local('SourceSans3ExtraLight-Regular'); }
h1 { font: 600 20pt 'Rubrik', serif; } p { font: 400 11pt 'Brödtext', sans-serif; }
</style></head><body><h1>Rubrik på Åsele</h1><p>Brödtext för Överkalix.</p></body></html>`;

const sessions: BrowserSession[] = [];
afterAll(() => Promise.all(sessions.map((s) => s.close())));

async function fontsPrintedWith(env: Record<string, string> | undefined): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kommunrapport-fonts-'));
  const html = path.join(dir, 'fonts.html');
  await writeFile(html, HTML);
  const config = defaultConfig(process.env);
  const session = new BrowserSession({ executablePath: config.chromiumPath, recycleAfter: 0, timeoutMs: 30_000, env });
  sessions.push(session);
  const printed = await session.withPage((page) => printPdf(page, html, HTML, 30_000));
  const pdf = path.join(dir, 'fonts.pdf');
  await writeFile(pdf, printed.pdf);
  return (await pdfFonts(pdf)).map((font) => font.name);
}

describe('print fonts', () => {
  it('are found by local() name through the fontconfig file, and embedded', async () => {
    const names = await fontsPrintedWith(printFontEnv(TEST_CACHE_DIR));
    expect(names.some((name) => name.includes('SourceSerif4-SemiBold'))).toBe(true);
    expect(names.some((name) => name.includes('SourceSans3'))).toBe(true);
  });

  it('are not system fonts: without the fontconfig file, Chromium falls back', async () => {
    const names = await fontsPrintedWith({});
    expect(names.length).toBeGreaterThan(0);
    expect(names.some((name) => name.includes('SourceSerif4') || name.includes('SourceSans3'))).toBe(false);
  });
});
