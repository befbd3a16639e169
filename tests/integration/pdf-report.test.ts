/**
 * The real pipeline on the shipped data: real Chromium prints, and the PDFs are read back
 * (text, outline, metadata, fonts) as a reader's software would.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReports, prepareEdition, type BuildSummary, type Edition } from '../../pipeline/run/index.ts';
import { buildMunicipalityReport, type MunicipalityReport } from '../../pipeline/model/index.ts';
import { pdfFonts, pdfInfo, readPdf, type PdfReadBack } from '../helpers/pdf.ts';
import { tempConfig } from '../helpers/temp-config.ts';

let edition: Edition;
let summary: BuildSummary;
const TABY = '0160';
const GOTLAND = '0980';
let lowest: string;

const pdfOf = (code: string) =>
  path.join(edition.config.outputDir, summary.outcomes.find((o) => o.kommunkod === code)!.record!.pdf);

beforeAll(async () => {
  edition = await prepareEdition(await tempConfig());
  lowest = [...edition.analysis.table].sort((a, b) => b.rang - a.rang)[0]!.kommunkod;
  summary = await buildReports(edition, { codes: [TABY, '0180', GOTLAND, lowest] });
});

describe('a printed report', () => {
  let report: MunicipalityReport;
  let pdf: PdfReadBack;
  beforeAll(async () => {
    report = buildMunicipalityReport(edition.model, TABY);
    pdf = await readPdf(pdfOf(TABY));
  });

  it('was rendered without failures', () => {
    expect(summary.outcomes.map((o) => o.status)).toEqual(['rendered', 'rendered', 'rendered', 'rendered']);
  });

  it('shows the name, both ranks, the potential in Swedish format and the top three themes', () => {
    const text = pdf.text.replace(/\u00a0/g, ' ');
    expect(pdf.pageTexts[0]).toContain('Täby');
    expect(text).toContain(report.sammanfattning.rangText);
    expect(text).toContain(`placeringen ${report.sammanfattning.gruppRang} av ${report.sammanfattning.gruppAntal}`);
    expect(text).toMatch(/\d+,\d mnkr/);
    expect(text).toContain(report.sammanfattning.potentialText.replace(/\u00a0/g, ' '));
    // The summary starts under the contents on page 2 and may run onto page 3.
    for (const theme of report.toppteman) expect(`${pdf.pageTexts[1]} ${pdf.pageTexts[2]}`).toContain(theme.titel);
  });

  it('printed each report once: the page numbers measured before printing matched the outline', () => {
    expect(summary.outcomes.map((o) => [o.kommunkod, o.passes])).toEqual(summary.outcomes.map((o) => [o.kommunkod, 1]));
  });

  it('has a sane page count and stays small', () => {
    expect(pdf.pages).toBeGreaterThanOrEqual(10);
    expect(pdf.pages).toBeLessThanOrEqual(40);
    expect(pdf.bytes).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('has an outline that matches the headings, and a TOC whose page numbers match it', () => {
    const chapters = pdf.outline.filter((entry) => entry.depth === 1 && entry.title !== 'Innehåll');
    expect(chapters.map((c) => c.title)).toContain('Sammanfattning');
    expect(chapters.map((c) => c.title)).toContain(`Råd ur handboken`);
    // All seven themes are sections of the advice chapter (they flow, without a page break each).
    const themes = pdf.outline.filter((entry) => entry.depth === 2 && /^\d\. /.test(entry.title));
    expect(themes.length).toBe(report.teman.length);
    for (const chapter of chapters) {
      // The TOC page (2) lists each chapter with its page; the chapter heading is on that page.
      expect(pdf.pageTexts[1]).toContain(`${chapter.title} ${chapter.page}`);
      expect(pdf.pageTexts[chapter.page - 1]).toContain(chapter.title);
    }
  });

  it('is tagged, with title, subject, author and language', async () => {
    const info = await pdfInfo(pdfOf(TABY));
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toBe(`Täby: effektivitet och råd ${report.ar}`);
    expect(info.Subject).toContain('Täby');
    expect(info.Author).toBe('kommunrapport');
    expect(info['Page size']).toContain('(A4)');
    const doc = await PDFDocument.load(await readFile(pdfOf(TABY)));
    const lang = doc.catalog.lookup(PDFName.of('Lang'));
    expect(lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : '').toBe('sv');
  });

  it('embeds every font', async () => {
    const fonts = await pdfFonts(pdfOf(TABY));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.some((f) => f.name.includes('SourceSans3'))).toBe(true);
  });

  it('gives every chart a text alternative with numbers', async () => {
    const html = await readFile(path.join(edition.htmlDir, `${TABY}-${report.kommun.slug}.html`), 'utf8');
    const svgs = html.match(/<svg[^>]*>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(5);
    for (const svg of svgs) expect(svg).toMatch(/role="img"/);
    const descs = html.match(/<desc[^>]*>[^<]*<\/desc>/g) ?? [];
    expect(descs.length).toBeGreaterThanOrEqual(svgs.length);
    for (const desc of descs) expect(desc).toMatch(/\d/);
  });

  it('has a Markdown twin that round-trips without losing headings', async () => {
    const md = await readFile(path.join(edition.config.outputDir, summary.outcomes[0]!.record!.md), 'utf8');
    const headings = fromMarkdown(md).children.filter((node) => node.type === 'heading');
    expect(headings.length).toBeGreaterThan(12);
    const titles = pdf.outline
      .filter((entry) => entry.depth >= 1 && entry.title !== 'Innehåll')
      .map((entry) => entry.title);
    expect(headings.length).toBe(titles.length);
  });
});

describe('archetypes', () => {
  it('prints Gotland and the lowest-ranked municipality', async () => {
    const gotland = await readPdf(pdfOf(GOTLAND));
    expect(gotland.pageTexts[0]).toContain('Gotland');
    const last = await readPdf(pdfOf(lowest));
    expect(last.text).toContain(`${edition.analysis.table.length} av ${edition.analysis.table.length}`);
  });
});

describe('incremental builds', () => {
  it('skips reports whose inputs did not change', async () => {
    const again = await buildReports(edition, { codes: [TABY, GOTLAND] });
    expect(again.outcomes.map((o) => o.status)).toEqual(['skipped', 'skipped']);
  });
});
