/**
 * The published website in real Chromium: build four reports into a temp folder, publish,
 * serve, then search, filter, sort, open a municipality page and download its PDF.
 */
import { cp, lstat, readFile, readdir, readlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReports, prepareEdition, type Edition } from '../../pipeline/build/index.ts';
import { PROJECT_ROOT } from '../../pipeline/config.ts';
import { buildMunicipalityReport } from '../../pipeline/model/index.ts';
import { publishSite, PublishError } from '../../pipeline/publish/index.ts';
import { startServer, type RunningServer } from '../../pipeline/serve/index.ts';
import { tempConfig } from '../helpers/temp-config.ts';

const CODES = ['0114', '0160', '1280', '2584'];
let edition: Edition;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const config = await tempConfig();
  edition = await prepareEdition(config);
  const summary = await buildReports(edition, { codes: CODES });
  expect(summary.outcomes.map((o) => o.status)).toEqual(['rendered', 'rendered', 'rendered', 'rendered']);
  await publishSite(edition, { baseUrl: 'https://example.se/kommunrapport' });
  server = await startServer({ config, edition, port: 0 });
  browser = await puppeteer.launch({ executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
  // The site must not ask for anything outside itself.
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) throw new Error(`external request ${request.url()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const visibleRows = () => page.$$eval('#kommuner tbody tr', (rows) => rows.filter((row) => !(row as HTMLElement).hidden).map((row) => row.querySelector('th')!.textContent!.trim()));

describe('index page', () => {
  it('lists all municipalities, and searching narrows the list as you type (accents ignored)', async () => {
    await page.goto(server.url, { waitUntil: 'load' });
    expect(await page.$eval('html', (html) => html.lang)).toBe('sv');
    expect(await visibleRows()).toHaveLength(edition.municipalities.length);
    expect(await page.$eval('#filter', (form) => (form as HTMLElement).hidden)).toBe(false);
    await page.type('#sok', 'malmo');
    expect(await visibleRows()).toEqual(['Malmö']);
    expect(await page.$eval('#antal', (el) => el.textContent)).toBe(`Visar 1 av ${edition.municipalities.length} kommuner.`);
    await page.$eval('#sok', (input) => ((input as HTMLInputElement).value = ''));
    await page.type('#sok', 'TÄB');
    expect(await visibleRows()).toEqual(['Täby']);
  });

  it('filters by kommungrupp and län, and sorts by potential', async () => {
    await page.goto(server.url, { waitUntil: 'load' });
    const taby = edition.municipalities.find((m) => m.kommunkod === '0160')!;
    await page.select('#grupp', taby.kommungruppKod);
    const inGroup = edition.municipalities.filter((m) => m.kommungruppKod === taby.kommungruppKod).length;
    expect(await visibleRows()).toHaveLength(inGroup);
    await page.select('#lan', taby.lanskod);
    const both = edition.municipalities.filter((m) => m.kommungruppKod === taby.kommungruppKod && m.lanskod === taby.lanskod).map((m) => m.kommun);
    expect((await visibleRows()).sort()).toEqual(both.sort());
    await page.select('#grupp', '');
    await page.select('#lan', '');
    await page.select('#sortera', 'potential');
    const potentials = await page.$$eval('#kommuner tbody tr', (rows) => rows.map((row) => Number(row.getAttribute('data-potential'))));
    expect(potentials).toEqual([...potentials].sort((a, b) => b - a));
  });

  it('links published municipalities from the table and the map', async () => {
    await page.goto(server.url, { waitUntil: 'load' });
    expect(await page.$$eval('#kommuner tbody th a', (links) => links.map((a) => a.getAttribute('href')).sort())).toEqual(
      ['kommun/0114-upplands-vasby/', 'kommun/0160-taby/', 'kommun/1280-malmo/', 'kommun/2584-kiruna/'],
    );
    expect(await page.$$eval('figure.map svg a', (links) => links.length)).toBe(edition.municipalities.length);
    expect(await page.$eval('figure.map svg a[href="kommun/0160-taby/"] title', (t) => t.textContent)).toMatch(/^Täby: \d+/);
  });
});

describe('municipality page', () => {
  it('shows its rank and links a PDF that downloads as application/pdf', async () => {
    await page.goto(server.url, { waitUntil: 'load' });
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('a[href="kommun/0160-taby/"]')]);
    const report = buildMunicipalityReport(edition.model, '0160');
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Täby');
    const figures = await page.$$eval('.key-figures div', (divs) => divs.map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));
    expect(figures).toContainEqual(['Plats i Sverige', report.sammanfattning.rangText]);
    expect(await page.$$eval('.report-body figure.chart svg', (svgs) => svgs.length)).toBeGreaterThanOrEqual(4);
    const link = await page.$eval('a.download-link', (a) => ({ href: (a as HTMLAnchorElement).href, text: a.textContent!.replace(/[ \t\n]+/g, ' ') }));
    expect(link.text).toMatch(/PDF, \d+\u00a0kB, \d+ sidor/);
    const response = await fetch(link.href);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(link.text).toContain(`${Math.round(bytes.length / 1000)}\u00a0kB`);
    expect(await page.$eval('link[rel="canonical"]', (l) => l.getAttribute('href'))).toBe('https://example.se/kommunrapport/kommun/0160-taby/');
    expect(await page.$eval('meta[property="og:title"]', (m) => m.getAttribute('content'))).toMatch(/^Täby: /);
  });
});

describe('published files', () => {
  it('writes manifest, sitemap and robots with absolute URLs from --base-url', async () => {
    const site = path.join(edition.config.outputDir, 'site');
    const manifest = JSON.parse(await readFile(path.join(site, 'manifest.json'), 'utf8'));
    expect(manifest.reports.map((r: { kommunkod: string }) => r.kommunkod)).toEqual(CODES);
    expect(manifest.reports[0]).toMatchObject({ ar: edition.analysis.ar, pdf: 'pdf/0114-upplands-vasby.pdf' });
    expect(manifest.reports[0].contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await readFile(path.join(site, 'sitemap.xml'), 'utf8')).toContain('<loc>https://example.se/kommunrapport/kommun/1280-malmo/</loc>');
    expect(await readFile(path.join(site, 'robots.txt'), 'utf8')).toContain('Sitemap: https://example.se/kommunrapport/sitemap.xml');
    expect((await readdir(path.join(site, 'assets', 'fonts'))).sort()).toContain('source-sans-3-latin-400-normal.woff2');
  });

  it('keeps the live edition when a publish fails, and the previous one after a success', async () => {
    const { outputDir } = edition.config;
    const before = await readlink(path.join(outputDir, 'site'));
    // A site template that fails while pages are written, after the new folder was started.
    const templatesDir = path.join(outputDir, 'broken-templates');
    await cp(path.join(PROJECT_ROOT, 'templates', 'site'), path.join(templatesDir, 'site'), { recursive: true });
    await writeFile(path.join(templatesDir, 'site', 'kommun.hbs'), '{{no.such.field}}');
    const broken = { ...edition, config: { ...edition.config, templatesDir } };
    await expect(publishSite(broken)).rejects.toThrow(PublishError);
    expect(await readlink(path.join(outputDir, 'site'))).toBe(before);
    expect(await readdir(path.join(outputDir, 'sites'))).toEqual([path.basename(before)]);

    // A publish started while its report prints gives up with the print, with the print's error.
    const printFailed = new Error('Chromium crashed while printing 0160');
    const built = new Promise<string[]>((_, reject) => setTimeout(() => reject(printFailed), 50));
    await expect(publishSite(edition, { codes: ['0160'], built })).rejects.toBe(printFailed);
    expect(await readlink(path.join(outputDir, 'site'))).toBe(before);
    expect(await readdir(path.join(outputDir, 'sites'))).toEqual([path.basename(before)]);

    const first = await publishSite(edition, { codes: ['0160'], built: Promise.resolve(['0160']) });
    expect(first.composed).toBe(0); // nothing changed: the page is carried over
    const second = await publishSite(edition);
    expect((await lstat(path.join(outputDir, 'site'))).isSymbolicLink()).toBe(true);
    expect((await readdir(path.join(outputDir, 'sites'))).sort()).toEqual([first.siteDir, second.siteDir].map((d) => path.basename(d)).sort());
    // The hard-linked PDF in the site is the built one.
    expect(await readFile(path.join(outputDir, 'site', 'pdf', '0160-taby.pdf'))).toEqual(await readFile(path.join(outputDir, 'pdf', '0160-taby.pdf')));
  });
});
