import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { compileTemplates, composeReport } from '../../../pipeline/compose/index.ts';
import { buildMunicipalityReport } from '../../../pipeline/model/index.ts';
import { fixtureCharts, inlineTemplates, projectTemplates } from '../../helpers/compose-fixture.ts';
import { fixtureContext } from '../../helpers/model-fixture.ts';

const meta = { utgava: '2022 (test)', generator: 'test' };

describe('composeReport with the project templates', () => {
  const templates = compileTemplates(projectTemplates());
  const ctx = fixtureContext();

  it.each(['0001', '0002', '0004'])('renders every theme in strict mode for %s', (code) => {
    const report = buildMunicipalityReport(ctx, code);
    const composed = composeReport({ report, templates, charts: fixtureCharts(), meta });
    expect(composed.toc.map((entry) => entry.title)).toContain('Sammanfattning');
    // All seven themes are sections of one chapter (no page break each), in full or short.
    const sections = composed.markdown.match(/^### \d\. .*$/gm) ?? [];
    expect(sections).toHaveLength(templates.themes.length);
    for (const theme of templates.themes) expect(composed.markdown).toContain(`. ${theme.titel}`);
    expect(composed.html).toContain(report.sammanfattning.rangText);
    // The SVG is the figure (its tag carries the alt text); the wrapper has no role (issue 22, PDF/UA).
    expect(composed.html).toContain('<figure class="chart" role="none"><svg role="img" aria-label="rangordning"');
  });

  it('puts the most relevant themes first and the matching advice first within a theme', () => {
    const report = buildMunicipalityReport(ctx, '0002');
    const composed = composeReport({ report, templates, charts: fixtureCharts(), meta });
    const themeTitles = (composed.markdown.match(/^### \d\. .*$/gm) ?? []).map((line) => line.slice(7));
    // The themes a finding points to come first (at most three in full), then the others.
    const expected = report.teman
      .filter((theme) => theme.aktuell)
      .slice(0, 3)
      .map((theme) => templates.themes.find((t) => t.id === theme.id)!.titel);
    expect(expected.length).toBeGreaterThan(0);
    expect(themeTitles.slice(0, expected.length)).toEqual(expected);
    expect(themeTitles).toHaveLength(7);
    expect(composed.markdown).toContain('**Varför för er:**');
  });

  it('writes a Markdown twin that round-trips through remark without losing headings', () => {
    const report = buildMunicipalityReport(ctx, '0003');
    const composed = composeReport({ report, templates, charts: fixtureCharts(), meta });
    const headings = (md: string) =>
      fromMarkdown(md)
        .children.filter((node) => node.type === 'heading')
        .map((node) => `${node.depth}:${toString(node)}`);
    const first = headings(composed.markdown);
    expect(first.length).toBeGreaterThan(12);
    const again = composeReport({ report, templates, charts: fixtureCharts(), meta }).markdown;
    expect(headings(again)).toEqual(first);
    expect(composed.markdown).toContain('![Diagram rangordning: 93 % \\[test\\]](diagram:rangordning)');
  });

  it('hyphenates long Swedish words in table cells only', () => {
    const report = buildMunicipalityReport(ctx, '0002');
    const composed = composeReport({ report, templates, charts: fixtureCharts(), meta });
    const cells = composed.bodyHtml.match(/<td[^>]*>Ef[^<]*<\/td>/g) ?? [];
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(cell).toMatch(/\u00ad/);
    expect(composed.bodyHtml).not.toMatch(/<h[1-6][^>]*>[^<]*\u00ad/);
  });

  it('fills in table-of-contents page numbers when given', () => {
    const report = buildMunicipalityReport(ctx, '0001');
    const first = composeReport({ report, templates, charts: fixtureCharts(), meta });
    const pages = Object.fromEntries(first.toc.map((entry, i) => [entry.id, i + 3]));
    const second = composeReport({ report, templates, charts: fixtureCharts(), meta, tocPages: pages });
    expect(second.html).toMatch(/<span class="toc-text">Sammanfattning<\/span><span class="toc-page">3<\/span>/);
  });
});

describe('hostile content', () => {
  const hostile = '<script>alert(1)</script> {{kommun.namn}} ](javascript:alert(1)) ../../etc/passwd';
  const ctx = fixtureContext({ name: { '0002': hostile } });
  const templates = compileTemplates(inlineTemplates());

  it('shows a hostile municipality name literally in HTML and Markdown, never evaluated', () => {
    const report = buildMunicipalityReport(ctx, '0002');
    const composed = composeReport({ report, templates, charts: fixtureCharts(), meta });
    expect(composed.html).not.toContain('<script>');
    expect(composed.html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(composed.html).not.toMatch(/href="javascript:/);
    expect(composed.bodyHtml).toContain('{{kommun.namn}}');
    const text = toString(fromMarkdown(composed.markdown));
    expect(text).toContain(hostile);
  });

  it('keeps a very long name as text', () => {
    const long = 'Å'.repeat(5000);
    const report = buildMunicipalityReport(fixtureContext({ name: { '0001': long } }), '0001');
    const composed = composeReport({ report, templates, charts: fixtureCharts(), meta });
    expect(composed.bodyHtml).toContain(long);
  });
});
