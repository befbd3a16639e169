import type { Node } from 'unist';
import { describe, expect, it } from 'vitest';
import { compositionMeta, prepareEdition } from '../../../pipeline/run/index.ts';
import { compileTemplates, composeReport, MarkdownBlockCache } from '../../../pipeline/compose/index.ts';
import { addHeadingIds } from '../../../pipeline/compose/heading-ids.ts';
import { parseWhole, splitBlocks } from '../../../pipeline/compose/markdown-blocks.ts';
import { buildReportCharts } from '../../../pipeline/compose/report-charts.ts';
import { TemplateError } from '../../../pipeline/errors.ts';
import { buildMunicipalityReport } from '../../../pipeline/model/index.ts';
import { fixtureCharts, projectTemplates } from '../../helpers/compose-fixture.ts';
import { fixtureContext } from '../../helpers/model-fixture.ts';
import { tempConfig } from '../../helpers/temp-config.ts';

/** Documents whose block structure depends on what surrounds a blank line. */
const DOCUMENTS: Record<string, string> = {
  'loose list': '## Råd\n\n- ett\n\n- två\n\n- tre\n\nEfter listan.',
  'tight list, then paragraph': '- ett\n- två\n\nStycke.\n\n1. ett\n2. två\n\n3) ny lista',
  'list item with indented paragraph': '- punkt\n\n  fortsättning i punkten\n\nUtanför.',
  'block quotes': '> citat\n\n> nytt citat\n\n> - lista i citat\n\nText',
  table: '| A | B |\n|---|--:|\n| 1 | 2 |\n\n| ej tabell |\n\nText',
  'setext and breaks': 'Rubrik\n======\n\n---\n\n***\n\nText  \nmed radbrytning',
  'headings at all levels': '# Ett\n\n## Två\ntext direkt efter\n\n### Tre\n\n## Två',
  'leading and trailing blank lines': '\n\n  \nText\n\n\n\nMer text\n\n',
  'numbers that look like list markers': 'År 2022.\n\n2022. var ett år\n\n1. punkt',
  'emphasis and escapes': '*Kursiv* och **fet** \\* och \\_\n\n\\# ingen rubrik\n\n\\- ingen lista',
  'indented code': 'Text\n\n    kod\n\n    mer kod\n\nText',
};

/** A tree without positions (those of cached blocks are relative to their block). */
function shape(tree: Node): unknown {
  return JSON.parse(JSON.stringify(tree, (key, value) => (key === 'position' ? undefined : value)));
}

/** A cache past its first document, which it parses whole. */
function warmCache(): MarkdownBlockCache {
  const cache = new MarkdownBlockCache();
  cache.parse('Första dokumentet.', 'test.md');
  return cache;
}

describe('splitBlocks', () => {
  it('cuts after blank lines, before lines in column 0, with their first line', () => {
    expect(splitBlocks('## A\ntext\n\nStycke\n\n\n> citat')).toEqual([
      { text: '## A\ntext', line: 1 },
      { text: 'Stycke', line: 4 },
      { text: '> citat', line: 7 },
    ]);
  });

  it('keeps a list item with the block before it (it may continue a list and make it loose)', () => {
    expect(splitBlocks('- a\n\n- b\n\n10. c\n\nText')?.map((b) => b.text)).toEqual(['- a\n\n- b\n\n10. c', 'Text']);
  });

  it('does not cut before indented lines', () => {
    expect(splitBlocks('- a\n\n  fortsättning\n\nText')?.map((b) => b.text)).toEqual(['- a\n\n  fortsättning', 'Text']);
  });

  it.each([
    ['fenced code', 'Text\n\n```\nkod\n\nmer\n```'],
    ['tilde fence', '~~~\nkod\n~~~'],
    ['reference definition', 'Se [länk].\n\n[länk]: https://example.com'],
    ['CR line ends', 'Text\r\n\r\nText'],
  ])('leaves a document with %s whole', (_name, markdown) => {
    expect(splitBlocks(markdown)).toBeUndefined();
  });
});

describe('MarkdownBlockCache', () => {
  it.each(Object.entries(DOCUMENTS))('parses and serialises "%s" exactly as the whole document', (_name, markdown) => {
    const cache = new MarkdownBlockCache();
    const whole = parseWhole(markdown, 'test.md');
    // Rounds 2 and 3 parse by blocks (the first document of a cache is parsed whole), and round 3 from the cache.
    for (const round of [1, 2, 3]) {
      const cached = cache.parse(markdown, 'test.md');
      expect(shape(cached.tree), `round ${round}`).toEqual(shape(whole.tree));
      expect(cached.serialize(), `round ${round}`).toBe(whole.serialize());
    }
  });

  it('gives each document its own headings, so ids set on one do not reach the next', () => {
    const cache = warmCache();
    const first = cache.parse('## Sammanfattning\n\nText\n\n> ## Citerad rubrik', 'test.md').tree;
    addHeadingIds(first);
    const second = cache.parse('## Sammanfattning\n\nText\n\n> ## Citerad rubrik', 'test.md').tree;
    const headings = (tree: Node): unknown[] => JSON.stringify(tree).match(/"hProperties"/g) ?? [];
    expect(headings(first)).toHaveLength(2);
    expect(headings(second)).toHaveLength(0);
  });

  it('names the line of the document, not of the block, for raw HTML', () => {
    const markdown = 'Rad 1\n\nRad 3\n\n<div>rad 5</div>';
    const line = (parse: () => unknown) => {
      try {
        parse();
      } catch (error) {
        expect(error).toBeInstanceOf(TemplateError);
        return (error as TemplateError).line;
      }
      throw new Error('expected a TemplateError');
    };
    expect(line(() => parseWhole(markdown, 'test.md'))).toBe(5);
    expect(line(() => warmCache().parse(markdown, 'test.md'))).toBe(5);
  });

  it('composes the fixture reports exactly as without a cache', () => {
    const templates = compileTemplates(projectTemplates());
    const ctx = fixtureContext();
    const blocks = new MarkdownBlockCache();
    const meta = { utgava: 't', generator: 't' };
    for (const code of ['0001', '0002', '0003', '0004', '0005', '0001']) {
      const input = { report: buildMunicipalityReport(ctx, code), templates, charts: fixtureCharts(), meta };
      expect(composeReport({ ...input, blocks })).toEqual(composeReport(input));
    }
    // Compiling the project templates cold takes seconds on a loaded machine.
  }, 30_000);

  it('composes real reports exactly as without a cache (every 29th municipality)', async () => {
    const edition = await prepareEdition(await tempConfig());
    const blocks = new MarkdownBlockCache();
    const codes = edition.municipalities.filter((_, i) => i % 29 === 0).map((m) => m.kommunkod);
    expect(codes.length).toBeGreaterThanOrEqual(10);
    for (const code of codes) {
      const report = buildMunicipalityReport(edition.model, code);
      const input = {
        report,
        templates: edition.templates,
        charts: buildReportCharts(edition.charts, report),
        meta: compositionMeta(edition),
      };
      expect(composeReport({ ...input, blocks }), code).toEqual(composeReport(input));
    }
  }, 300_000); // on a cold cache it first runs the analysis, its bootstrap and the yearly panel
});
