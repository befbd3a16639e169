/**
 * Issue 22: the report and the brief as public documents, and the site's public pages. One
 * municipality is built twice in real Chromium, with and without a known base URL. The PDFs are
 * read back with pdf-lib (XMP metadata with the PDF/UA identifier, link descriptions, alt text
 * on every figure, the URL of the HTML version); the site is published and served: the
 * accessibility statement linked from every page, the 404 page in the site's design, no
 * internal files, no sitemap without a base URL, and each municipality's own CSV files.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReports, prepareEdition, type BuildSummary, type Edition } from '../../pipeline/run/index.ts';
import { publishSite } from '../../pipeline/publish/index.ts';
import { startServer, type RunningServer } from '../../pipeline/serve/index.ts';
import { readPdf } from '../helpers/pdf.ts';
import { tempConfig } from '../helpers/temp-config.ts';

const TABY = '0160';
const BASE = 'https://example.se/kommunrapport/';
const require = createRequire(import.meta.url);

let withBase: Edition;
let withBaseSummary: BuildSummary;
let without: Edition;
let withoutSummary: BuildSummary;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  withBase = await prepareEdition(await tempConfig({ baseUrl: BASE }));
  without = await prepareEdition(await tempConfig({ baseUrl: null }));
  withBaseSummary = await buildReports(withBase, { codes: [TABY] });
  withoutSummary = await buildReports(without, { codes: [TABY] });
  await publishSite(withBase, { baseUrl: BASE });
  await publishSite(without);
  server = await startServer({ config: without.config, edition: without, port: 0 });
  browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  page = await browser.newPage();
  await page.setBypassCSP(true);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const reportFile = (ed: Edition, s: BuildSummary) => path.join(ed.config.outputDir, s.outcomes[0]!.record!.pdf);
const briefFile = (ed: Edition, s: BuildSummary) => path.join(ed.config.outputDir, s.briefs[0]!.record!.pdf);

/** What a PDF/UA checker looks at, read back with pdf-lib. */
async function structure(file: string) {
  const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const { catalog, context } = doc;
  const text = (value: PDFObject | undefined) =>
    value instanceof PDFHexString || value instanceof PDFString ? value.decodeText() : undefined;
  const metadata = catalog.lookup(PDFName.of('Metadata'));
  const xmp = metadata instanceof PDFRawStream ? Buffer.from(metadata.getContents()).toString('utf8') : '';
  const links: { contents: string | undefined }[] = [];
  for (const p of doc.getPages()) {
    const annots = p.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let i = 0; i < (annots?.size() ?? 0); i += 1) {
      const annot = annots!.lookup(i, PDFDict);
      if (annot.get(PDFName.of('Subtype')) === PDFName.of('Link'))
        links.push({ contents: text(annot.get(PDFName.of('Contents'))) });
    }
  }
  const figures: { alt: string | undefined }[] = [];
  const walk = (node: PDFObject | undefined, depth: number): void => {
    const value = node instanceof PDFRef ? context.lookup(node) : node;
    if (depth > 200 || !value) return;
    if (value instanceof PDFArray) return value.asArray().forEach((kid) => walk(kid, depth + 1));
    if (!(value instanceof PDFDict)) return;
    if (value.get(PDFName.of('S')) === PDFName.of('Figure')) figures.push({ alt: text(value.get(PDFName.of('Alt'))) });
    walk(value.get(PDFName.of('K')), depth + 1);
  };
  walk(catalog.get(PDFName.of('StructTreeRoot')), 0);
  return { xmp, title: doc.getTitle(), lang: text(catalog.get(PDFName.of('Lang'))), links, figures };
}

describe('the PDFs as public documents (PDF/UA)', () => {
  for (const [name, file] of [
    ['report', () => reportFile(withBase, withBaseSummary)],
    ['brief', () => briefFile(withBase, withBaseSummary)],
  ] as const) {
    it(`${name}: XMP metadata with dc:title, dc:language and pdfuaid:part 1, agreeing with the Info dictionary`, async () => {
      const { xmp, title, lang } = await structure(file());
      expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
      expect(xmp).toContain('xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"');
      expect(xmp).toContain(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${title}</rdf:li></rdf:Alt></dc:title>`);
      expect(title).toMatch(/^Täby/);
      expect(lang).toBe('sv');
      expect(xmp).toContain(`<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`);
    });

    it(`${name}: every figure has alt text and every link a description`, async () => {
      const { figures, links } = await structure(file());
      expect(figures.length).toBeGreaterThanOrEqual(2);
      expect(figures.filter((f) => !f.alt?.trim())).toEqual([]);
      for (const link of links) expect(link.contents?.trim()).toBeTruthy();
    });
  }

  it('the report has described links: its table of contents and its web address', async () => {
    const { links } = await structure(reportFile(withBase, withBaseSummary));
    const contents = links.map((l) => l.contents);
    expect(contents).toContain('Gå till Sammanfattning, sidan 2');
    expect(contents).toContain(`Länk till ${BASE}kommun/0160-taby/`);
  });

  it('names the URL of its HTML version when the base URL is known, and no URL without one', async () => {
    const url = `${BASE}kommun/0160-taby/`;
    expect((await readPdf(reportFile(withBase, withBaseSummary))).pageTexts[0]).toContain(url);
    expect((await readPdf(briefFile(withBase, withBaseSummary))).text).toContain(url);
    expect((await readPdf(reportFile(without, withoutSummary))).text).not.toContain('https://');
    expect((await readPdf(briefFile(without, withoutSummary))).text).toContain('(kommun/0160-taby/)');
  });
});

describe('published files', () => {
  const site = (ed: Edition) => path.join(ed.config.outputDir, 'site');
  const walk = async (dir: string): Promise<string[]> =>
    (await readdir(dir, { withFileTypes: true, recursive: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

  it('publishes no internal file (the edition state and the workbook key stay outside the site)', async () => {
    const files = await walk(site(without));
    expect(files.filter((f) => path.basename(f).startsWith('.'))).toEqual([]);
    expect(files).toContain('404.html');
    expect(files).toContain('tillganglighet/index.html');
    const sites = await readdir(path.join(without.config.outputDir, 'sites'));
    expect(sites.filter((name) => name.endsWith('.state.json'))).toHaveLength(1);
  });

  it('writes a sitemap with absolute URLs only when the base URL is known', async () => {
    const sitemap = await readFile(path.join(site(withBase), 'sitemap.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);
    expect(locs.length).toBeGreaterThan(3);
    for (const loc of locs) expect(loc.startsWith(BASE)).toBe(true);
    expect(locs).toContain(`${BASE}tillganglighet/`);
    expect(await walk(site(without))).not.toContain('sitemap.xml');
    expect(await readFile(path.join(site(without), 'robots.txt'), 'utf8')).not.toContain('Sitemap');
  });

  it('publishes the JSON Schema of data.json, which names its format version', async () => {
    const schema = JSON.parse(await readFile(path.join(site(withBase), 'data', 'kommun-data.schema.json'), 'utf8'));
    expect(schema.$id).toBe(`${BASE}data/kommun-data.schema.json`);
    const data = JSON.parse(await readFile(path.join(site(withBase), 'kommun', '0160-taby', 'data.json'), 'utf8'));
    expect(data.$schema).toBe('../../data/kommun-data.schema.json');
    expect(data.formatversion).toMatch(new RegExp(schema.properties.formatversion.pattern));
  });
});

describe('the site in Chromium', () => {
  it("links the municipality's own rows from its page, in both forms, with Excel's form read back", async () => {
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${server.url}kommun/0160-taby/`, { waitUntil: 'load' });
    const hrefs = await page.$$eval('.download-data a[download]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.map((h) => h.slice(server.url.length))).toEqual([
      'kommun/0160-taby/kommunrapport-0160-taby-excel.csv',
      'kommun/0160-taby/kommunrapport-0160-taby.csv',
    ]);
    const [excel, standard] = await Promise.all(
      hrefs.map(async (href) => Buffer.from(await (await fetch(href)).arrayBuffer()).toString('utf8')),
    );
    expect(excel!.charCodeAt(0)).toBe(0xfeff);
    const rowsExcel = parse(excel!, { delimiter: ';', bom: true, columns: true }) as Record<string, string>[];
    const rowsStandard = parse(standard!, { columns: true }) as Record<string, string>[];
    expect(new Set(rowsStandard.map((r) => r.kommunkod))).toEqual(new Set([TABY]));
    expect(rowsStandard.filter((r) => r.tabell === 'effektivitet')).toHaveLength(1);
    expect(rowsStandard[0]!.kommun).toBe('Täby');
    const taby = without.analysis.table.find((r) => r.kommunkod === TABY)!;
    expect(Number(rowsStandard[0]!.effektivitet)).toBeCloseTo(taby.effektivitet, 6);
    expect(Number(rowsExcel[0]!.effektivitet!.replace(',', '.'))).toBeCloseTo(taby.effektivitet, 6);
  });

  it('reaches the accessibility statement from every page footer', async () => {
    for (const rel of ['', 'kommun/0160-taby/', 'data/', 'jamfor/', 'finns/inte/']) {
      await page.goto(server.url + rel, { waitUntil: 'load' });
      const link = await page.$eval('.site-footer a[href$="tillganglighet/"]', (a) => (a as HTMLAnchorElement).href);
      expect(link).toBe(`${server.url}tillganglighet/`);
    }
    await page.goto(`${server.url}kommun/0160-taby/`, { waitUntil: 'load' });
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.click('.site-footer a[href$="tillganglighet/"]'),
    ]);
    // A soft hyphen lets the long word break well on a phone.
    expect(await page.$eval('h1', (h) => h.textContent!.replace(/\u00ad/g, ''))).toBe('Tillgänglighetsredogörelse');
    const headings = await page.$$eval('main h2', (hs) => hs.map((h) => h.textContent));
    expect(headings).toEqual(
      expect.arrayContaining([
        'Det här fungerar',
        'Det här fungerar inte fullt ut',
        'Om du hittar brister eller behöver innehållet i annat format',
        'Tillsyn',
      ]),
    );
    const body = await page.$eval('main', (m) => m.textContent!.replace(/\s+/g, ' '));
    expect(body).toContain('delvis förenlig');
    expect(body).toContain('Myndigheten för digital förvaltning (DIGG)');
    expect(body).toContain('lagen (2018:1937) om tillgänglighet till digital offentlig service');
  });

  it('answers a missing address with a 404 page in the site design, at any depth', async () => {
    for (const rel of ['saknas', 'kommun/9999-saknas/', 'a/b/c/d.html']) {
      const response = await page.goto(server.url + rel, { waitUntil: 'load' });
      expect(response!.status()).toBe(404);
      expect(response!.headers()['content-type']).toBe('text/html; charset=utf-8');
      expect(await page.$eval('h1', (h) => h.textContent)).toBe('Sidan finns inte');
      // The stylesheet loaded (the header has the site's colours, not the browser's defaults).
      expect(await page.$eval('.site-header', (h) => getComputedStyle(h).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
      const home = await page.$eval('main a', (a) => (a as HTMLAnchorElement).href);
      expect(home).toBe(server.url);
    }
    const plain = await fetch(`${server.url}.site-state.json`);
    expect(plain.status).toBe(404);
  });

  for (const width of [1280, 390]) {
    for (const [name, rel] of [
      ['statement', 'tillganglighet/'],
      ['404', 'finns-inte'],
      ['data', 'data/'],
    ] as const) {
      it(`${name} page at ${width} px: no serious axe violations, no horizontal overflow`, async () => {
        await page.setViewport({ width, height: 900 });
        await page.goto(server.url + rel, { waitUntil: 'load' });
        await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string }[] }> };
            }
          ).axe;
          return (await axe.run(document, { resultTypes: ['violations'] })).violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => v.id);
        });
        expect(violations).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      });
    }
  }
});
