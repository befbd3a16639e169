import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MapGeometry } from '../../../pipeline/charts/index.ts';
import { compileTemplates, composeReport } from '../../../pipeline/compose/index.ts';
import { PROJECT_ROOT } from '../../../pipeline/config.ts';
import { TemplateError } from '../../../pipeline/errors.ts';
import { buildMunicipalityReport } from '../../../pipeline/model/index.ts';
import {
  buildIndexRows,
  compileSiteTemplates,
  renderIndexPage,
  renderMunicipalityPage,
  type ManifestEntry,
} from '../../../pipeline/publish/index.ts';
import { scrollableRegions } from '../../../pipeline/publish/scrollable-regions.ts';
import { fixtureCharts, projectTemplates } from '../../helpers/compose-fixture.ts';
import { fixtureContext, fixtureInput } from '../../helpers/model-fixture.ts';
import { pageOptions, squareMap } from '../../helpers/site-fixture.ts';

const HOSTILE = '<script>alert("x")</script>&"\'`=';
const siteDir = path.join(PROJECT_ROOT, 'templates', 'site');
const sources = Object.fromEntries(
  readdirSync(siteDir).map((name) => [name, readFileSync(path.join(siteDir, name), 'utf8')]),
);
const site = compileSiteTemplates(sources);

/** A stand-in map: one square per municipality. */
const fakeMap = (codes: string[]): MapGeometry => squareMap(codes);

const entry = (code: string, slug: string): ManifestEntry => ({
  kommunkod: code,
  kommun: 'x',
  slug,
  ar: 2022,
  contentHash: 'abc',
  bytes: 312_400,
  pages: 20,
  generatedAt: '2025-03-12T10:00:00.000Z',
  pdf: `pdf/${code}-${slug}.pdf`,
  page: `kommun/${code}-${slug}/`,
});

describe('renderIndexPage', () => {
  const input = fixtureInput({ name: { '0002': HOSTILE } });
  const rows = buildIndexRows(input.municipalities, input.table, new Map([['0001', 'kommun/0001-alfa/']]));
  const html = renderIndexPage(site, {
    rows,
    ar: 2022,
    map: fakeMap(rows.map((r) => r.kod)),
    baseUrl: null,
    generator: 'kommunrapport test',
    updatedAt: '2025-03-12T10:00:00Z',
  });

  it('escapes every data value', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&quot;&#x27;&#x60;&#x3D;');
  });

  it('lists every municipality in rank order, linking only published pages', () => {
    const order = [...html.matchAll(/<tr id="k(\d{4})"/g)].map((m) => m[1]);
    expect(order).toEqual(['0001', '0003', '0005', '0002', '0004']);
    expect(html).toContain('<a href="kommun/0001-alfa/">Alfa</a>');
    expect(html).not.toContain('href="kommun/0003');
    expect(html).toMatch(/<html lang="sv">/);
  });

  it('has labelled controls, a linked map, and no absolute or external links without a base URL', () => {
    for (const id of ['sok', 'grupp', 'lan', 'sortera']) expect(html).toContain(`<label for="${id}">`);
    // The map links stay out of the tab order: the list holds the same links for the keyboard (issue 22).
    expect(html).toContain('<a href="kommun/0001-alfa/" tabindex="-1"><title>');
    expect(html).toContain('<a href="#k0003" tabindex="-1"><title>');
    expect(html).not.toMatch(/(href|src)="(https?:)?\/\//);
    expect(html).not.toContain('rel="canonical"');
  });

  it('adds canonical and og:url with a base URL', () => {
    const withBase = renderIndexPage(site, {
      rows,
      ar: 2022,
      map: fakeMap([]),
      baseUrl: 'https://example.se/kr/',
      generator: 'g',
      updatedAt: '2025-03-12T10:00:00Z',
    });
    expect(withBase).toContain('<link rel="canonical" href="https://example.se/kr/">');
    expect(withBase).toContain('<meta property="og:url" content="https://example.se/kr/">');
  });
});

describe('renderMunicipalityPage', () => {
  const ctx = fixtureContext({ name: { '0002': HOSTILE } });
  const report = buildMunicipalityReport(ctx, '0002');
  const charts = fixtureCharts();
  const composed = composeReport({
    report,
    templates: compileTemplates(projectTemplates()),
    charts,
    meta: { utgava: 't', generator: 't' },
  });
  const render = (baseUrl: string | null) =>
    renderMunicipalityPage(site, {
      report,
      composed,
      charts,
      pdf: entry('0002', report.kommun.slug),
      baseUrl,
      generator: 'g',
      updatedAt: '2025-03-12T10:00:00Z',
    });

  it('shows the same composed body as the PDF, with key figures and the PDF link', () => {
    const html = render(null);
    expect(html).toContain(scrollableRegions(composed.bodyHtml));
    expect(html).toContain(`<dd>${report.sammanfattning.rangText}</dd>`);
    expect(html).toContain(`href="../../pdf/0002-${report.kommun.slug}.pdf"`);
    expect(html).toContain('PDF, 312\u00a0kB, 20 sidor');
    expect(html).toContain('<time datetime="2025-03-12">12 mars 2025</time>');
    for (const { id } of composed.toc) expect(html).toContain(`<a href="#${id}">`);
  });

  it('escapes the name everywhere (title, og tags, heading, breadcrumb)', () => {
    const html = render('https://example.se/');
    expect(html).not.toMatch(/<script>alert/);
    expect(html).toContain('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toMatch(/<meta property="og:title" content="&lt;script&gt;/);
    expect(html).toContain(`<link rel="canonical" href="https://example.se/kommun/0002-${report.kommun.slug}/">`);
  });

  it('leaves the download out when the report has no PDF', () => {
    const html = renderMunicipalityPage(site, pageOptions({ report, composed, charts }));
    expect(html).not.toContain('download-link');
  });
});

describe('compileSiteTemplates', () => {
  it('reports a syntax error with its file and line', () => {
    const broken = { ...sources, 'kommun.hbs': '<p>\n{{#if x}}\n</p>' };
    expect(() => compileSiteTemplates(broken)).toThrow(TemplateError);
    expect(() => compileSiteTemplates(broken)).toThrow(/templates\/site\/kommun\.hbs:\d/);
  });

  it('throws on a field missing from the data (strict mode)', () => {
    const strict = compileSiteTemplates({ ...sources, 'index.hbs': '{{nope}}' });
    expect(() => strict.index({})).toThrow(/nope/);
  });

  it('changes its hash with any file', () => {
    expect(compileSiteTemplates({ ...sources, 'site.css': 'a{}' }).hash).not.toBe(site.hash);
  });
});
