import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../pipeline/config.ts';
import {
  buildIndexRows,
  compileSiteTemplates,
  escapeHtml,
  foldName,
  formatDate,
  formatFileSize,
  normaliseBaseUrl,
  renderManifest,
  renderRobots,
  renderSitemap,
  type ManifestEntry,
} from '../../../pipeline/publish/index.ts';
import { renderNotFoundPage, renderStatementPage } from '../../../pipeline/publish/write-public-pages.ts';
import { fixtureInput } from '../../helpers/model-fixture.ts';

const entry: ManifestEntry = {
  kommunkod: '0160',
  kommun: 'Täby',
  slug: 'taby',
  ar: 2022,
  contentHash: 'ab',
  bytes: 1,
  pages: 20,
  generatedAt: '2025-03-12T23:30:00.000Z',
  pdf: 'pdf/0160-taby.pdf',
  page: 'kommun/0160-taby/',
};

describe('formatFileSize and formatDate', () => {
  it.each([
    [312_400, 'PDF, 312\u00a0kB'],
    [999, 'PDF, 999\u00a0byte'],
    [999_499, 'PDF, 999\u00a0kB'],
    [1_234_567, 'PDF, 1,2\u00a0MB'],
  ])('%d bytes → %s', (bytes, text) => expect(formatFileSize(bytes)).toBe(text));

  it('gives the Swedish date in Swedish time', () => {
    expect(formatDate('2025-03-12T23:30:00Z')).toEqual({ text: '13 mars 2025', iso: '2025-03-13' });
  });
});

describe('escapeHtml and foldName', () => {
  it('escapes markup and quote characters', () => {
    expect(escapeHtml('<a href="x">&\'`=')).toBe('&lt;a href&#x3D;&quot;x&quot;&gt;&amp;&#x27;&#x60;&#x3D;');
  });
  it('folds accents and case like the site script', () => {
    expect(foldName('  Malmö  ÅRE ')).toBe('malmo are');
  });
});

describe('buildIndexRows', () => {
  it('formats figures in Swedish and keeps raw values for sorting', () => {
    const input = fixtureInput();
    const [first] = buildIndexRows(input.municipalities, input.table, new Map());
    expect(first).toMatchObject({ kod: '0001', rang: 1, href: null, rangText: '1' });
    expect(first!.effektivitetText).toMatch(/^\d+\u00a0%$/);
    expect(first!.perInvanareKr).toBeCloseTo(first!.potentialKr! / 40_000);
  });
});

describe('normaliseBaseUrl', () => {
  it.each([
    ['https://example.se/kr', 'https://example.se/kr/'],
    ['http://localhost:8080', 'http://localhost:8080/'],
  ])('%s → %s', (input, output) => expect(normaliseBaseUrl(input)).toBe(output));
  it.each(['example.se', 'ftp://example.se/', 'https://example.se/?a=1', 'javascript:alert(1)'])(
    'rejects %s',
    (input) => {
      expect(normaliseBaseUrl(input)).toBeUndefined();
    },
  );
});

describe('sitemap, robots and manifest', () => {
  it('uses absolute URLs with a base URL and names the sitemap in robots.txt', () => {
    const xml = renderSitemap([entry], 'https://example.se/kr/', '2025-03-14T08:00:00Z');
    expect(xml).toContain('<loc>https://example.se/kr/</loc><lastmod>2025-03-14</lastmod>');
    expect(xml).toContain('<loc>https://example.se/kr/jamfor/</loc><lastmod>2025-03-14</lastmod>');
    expect(xml).toContain('<loc>https://example.se/kr/data/</loc><lastmod>2025-03-14</lastmod>');
    expect(xml).toContain('<loc>https://example.se/kr/kommun/0160-taby/</loc><lastmod>2025-03-12</lastmod>');
    expect(renderRobots('https://example.se/kr/')).toContain('Sitemap: https://example.se/kr/sitemap.xml');
  });

  it('is left out without one: the sitemap protocol needs absolute URLs (issue 22)', () => {
    expect(renderSitemap([entry], null, '2025-03-14T08:00:00Z')).toBeNull();
    expect(renderRobots(null)).not.toContain('Sitemap');
  });

  it('lists the accessibility statement', () => {
    expect(renderSitemap([entry], 'https://example.se/r/', '2025-03-14T08:00:00Z')).toContain(
      '<loc>https://example.se/r/tillganglighet/</loc>',
    );
  });

  it('lists data year, content hash, size and date per report', () => {
    const manifest = JSON.parse(
      renderManifest([entry], { generator: 'g', generatedAt: 'now', ar: 2022, baseUrl: null }),
    );
    expect(manifest.count).toBe(1);
    expect(manifest.reports[0]).toMatchObject({
      kommunkod: '0160',
      ar: 2022,
      contentHash: 'ab',
      bytes: 1,
      generatedAt: entry.generatedAt,
    });
  });
});

describe('the 404 page and the accessibility statement (issue 22)', () => {
  const siteDir = path.join(PROJECT_ROOT, 'templates', 'site');
  const templates = compileSiteTemplates(
    Object.fromEntries(readdirSync(siteDir).map((name) => [name, readFileSync(path.join(siteDir, name), 'utf8')])),
  );
  const meta = { ar: 2022, generator: 'g', updatedAt: '2025-03-12T10:00:00Z' };

  it('links the 404 page from the base URL path, since it is answered at any depth', () => {
    expect(renderNotFoundPage(templates, { ...meta, baseUrl: 'https://example.se/kommunrapport/' })).toContain(
      'href="/kommunrapport/assets/site.css"',
    );
    expect(renderNotFoundPage(templates, { ...meta, baseUrl: null })).toContain('<a href="/jamfor/">');
  });

  it('links the statement from the footer and names the supervising authority', () => {
    const html = renderStatementPage(templates, { ...meta, baseUrl: null });
    expect(html).toContain('<a href="../tillganglighet/">Tillgänglighetsredogörelse</a>');
    expect(html).toContain('DIGG');
    expect(html).toContain('<time datetime="2025-03-12">12 mars 2025</time>');
  });
});
