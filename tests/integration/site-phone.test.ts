/**
 * The website on a phone and by keyboard (issue 22, point 4), in real Chromium at 1280 and
 * 390 px: no horizontal overflow and no axe violation on the index, two municipality pages and
 * the compare page; charts that fit the screen (the municipality's own marker in view), a
 * visible hint on every table wider than its box, the map one skip link away and out of the tab
 * order (the list holds the same links), and the compare page without its 290-row fallback
 * table while JavaScript runs.
 */
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../pipeline/run/index.ts';
import { publishSite } from '../../pipeline/publish/index.ts';
import { startServer, type RunningServer } from '../../pipeline/serve/index.ts';
import { axeViolations, injectAxe, openSiteBrowser } from '../helpers/site-browser.ts';
import { buildTempEdition } from '../helpers/built-edition.ts';

const PAGES = [
  ['index', ''],
  ['Täby', 'kommun/0160-taby/'],
  ['Kiruna', 'kommun/2584-kiruna/'],
  ['compare', 'jamfor/?a=0160&b=2584'],
] as const;
let edition: Edition;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const { config, edition: built } = await buildTempEdition(['0160', '2584']);
  edition = built;
  await publishSite(edition);
  server = await startServer({ config, edition, port: 0 });
  ({ browser, page } = await openSiteBrowser());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(rel: string, width: number): Promise<void> {
  await page.setViewport({ width, height: 900 });
  await page.goto(server.url + rel, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  if (rel.startsWith('jamfor')) await page.waitForSelector('#jamforelse:not([hidden]) table');
}

describe.each([1280, 390])('at %i px', (width) => {
  it.each(PAGES)('the %s page fits the screen and axe finds no violation', async (_name, rel) => {
    await open(rel, width);
    const overflow = await page.evaluate(() => {
      const wide = [...document.querySelectorAll('body *')].filter(
        (el) =>
          el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 &&
          !el.closest('.table-scroll, .table-wrap, figure.chart.zoomed, .visually-hidden, .skip-link'),
      );
      return {
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        elements: wide.slice(0, 3).map((el) => el.outerHTML.slice(0, 80)),
      };
    });
    expect(overflow).toEqual({ page: 0, elements: [] });
    await injectAxe(page);
    const violations = (await axeViolations(page)).map((v) => `${v.id}: ${v.nodes.slice(0, 2).join(', ')}`);
    expect(violations).toEqual([]);
  });

  it('the charts of a municipality page fit their column, so its own marker is in view', async () => {
    await open('kommun/0160-taby/', width);
    const charts = await page.$$eval('.report-body figure.chart', (figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector('svg')!.getBoundingClientRect();
        const box = figure.getBoundingClientRect();
        return {
          title: figure.querySelector('title')?.textContent,
          scrolls: figure.scrollWidth > figure.clientWidth + 1,
          inside: svg.left >= box.left - 1 && svg.right <= box.right + 1,
        };
      }),
    );
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const chart of charts) expect(chart, chart.title ?? '').toMatchObject({ scrolls: false, inside: true });
    // The rank strip's own marker (the theme's "self" colour) lies inside the visible chart.
    const marker = await page.$eval('.report-body figure.chart', (figure) => {
      const box = figure.getBoundingClientRect();
      const self = [...figure.querySelectorAll('path')].find(
        (p) => p.getAttribute('stroke-width') === '1.5' && /^translate/.test(p.getAttribute('transform') ?? ''),
      );
      const r = self?.getBoundingClientRect();
      return r
        ? { found: true, visible: r.left >= box.left && r.right <= box.right && r.width > 0 }
        : { found: false, visible: false };
    });
    expect(marker).toEqual({ found: true, visible: true });
  });

  it('every table wider than its box has a visible hint above it', async () => {
    await open('kommun/0160-taby/', width);
    const tables = await page.$$eval('.report-body .table-scroll', (boxes) =>
      boxes.map((box) => ({
        label: box.getAttribute('aria-label'),
        wide: box.scrollWidth > box.clientWidth + 1,
        hint:
          box.previousElementSibling?.classList.contains('scroll-hint') === true &&
          (box.previousElementSibling as HTMLElement).offsetHeight > 0,
      })),
    );
    const wide = tables.filter((t) => t.wide);
    // At 1280 px five of Täby's tables are wider than the text column; more on a phone.
    expect(wide.length).toBeGreaterThanOrEqual(width === 1280 ? 4 : 6);
    for (const table of tables) expect(table, table.label ?? '').toMatchObject({ hint: table.wide });
  });
});

describe('the map and the keyboard', () => {
  it('keeps the 290 map links out of the tab order and reaches the map by a skip link among the first stops', async () => {
    await open('', 390);
    expect(
      await page.$$eval(
        'figure.map svg a',
        (links) => links.filter((a) => (a as unknown as HTMLElement).tabIndex !== -1).length,
      ),
    ).toBe(0);
    expect(await page.$$eval('figure.map svg a', (links) => links.length)).toBe(edition.municipalities.length);
    // The same pages from the list: every published municipality's link in the table is tabbable.
    expect(
      await page.$$eval('#kommuner tbody th a', (links) => links.every((a) => (a as HTMLElement).tabIndex === 0)),
    ).toBe(true);
    let stop = 0;
    for (; stop < 10; stop += 1) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Hoppa till kartan') break;
    }
    expect(stop + 1).toBeLessThanOrEqual(8);
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { outline: `${style.outlineStyle} ${style.outlineWidth}`, halo: style.boxShadow };
    });
    expect(ring.outline).toBe('solid 3px');
    expect(ring.halo).toMatch(/rgb\(255, 255, 255\) 0px 0px 0px 3px/);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'kartan');
    const tabStops = await page.$$eval(
      'a[href], button, input, select, [tabindex]',
      (els) => els.filter((el) => (el as HTMLElement).tabIndex >= 0 && !el.closest('[hidden]')).length,
    );
    expect(tabStops).toBeLessThan(edition.municipalities.length + 30);
  });

  it('zooms a chart on a phone with a tap and back with another', async () => {
    await open('kommun/0160-taby/', 390);
    const figure = (await page.$('.report-body figure.chart'))!;
    expect(await page.$eval('.report-body figure.chart + .zoom-hint', (p) => p.textContent)).toMatch(/full storlek/);
    await figure.click();
    expect(
      await figure.evaluate((f) => ({
        zoomed: f.classList.contains('zoomed'),
        scrolls: f.scrollWidth > f.clientWidth,
      })),
    ).toEqual({ zoomed: true, scrolls: true });
    await figure.click();
    expect(await figure.evaluate((f) => f.classList.contains('zoomed'))).toBe(false);
  });
});

describe('compare page with JavaScript', () => {
  it('leaves the 290-row table behind a button, so the page stays short', async () => {
    await open('jamfor/?a=0160&b=2584', 390);
    expect(await page.$eval('#alla', (s) => (s as HTMLElement).hidden)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(5000);
    await page.click('#visa-alla');
    expect(await page.$eval('#alla', (s) => (s as HTMLElement).hidden)).toBe(false);
    expect(await page.$eval('#visa-alla', (b) => b.getAttribute('aria-expanded'))).toBe('true');
    // The ranked municipalities (an unranked one has no composite to set against its group's best).
    expect(await page.$$eval('.compare-table tbody tr', (rows) => rows.length)).toBe(edition.analysis.table.length);
  });
});
