import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../../pipeline/compose/escape-markdown.ts';
import { parseMarkdown } from '../../../pipeline/compose/markdown.ts';

const HOSTILE = [
  '<script>alert(1)</script>',
  '](javascript:alert(1))',
  '[klick](javascript:alert(1))',
  '{{kommun.namn}} {{{x}}}',
  '../../etc/passwd',
  '- listpunkt',
  '1. numrerad',
  '2) numrerad',
  '# rubrik',
  '> citat',
  '===',
  '*fet* _kursiv_ `kod` ~~streck~~',
  'a | b | c',
  'www.example.com och https://example.com och a@b.se',
  '&amp; &#60; &lt;',
  '\\ bakstreck \\*',
  '![bild](https://example.com/x.png)',
  'Upplands Väsby, 1 234,5 mnkr (93 %)',
];

/** The pipeline's own parser: it also throws on raw HTML and unsafe links. */
function parse(markdown: string): Root {
  return parseMarkdown(markdown, 'test.md');
}

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('keeps %j literal mid-line and at the start of a line', (value) => {
    for (const markdown of [
      `Text ${escapeMarkdown(value)} slut`,
      escapeMarkdown(value),
      `| a |\n| - |\n| ${escapeMarkdown(value)} |`,
    ]) {
      const tree = parse(markdown);
      const types = new Set<string>();
      visit(tree, (node) => void types.add(node.type));
      for (const bad of [
        'html',
        'link',
        'image',
        'list',
        'heading',
        'blockquote',
        'emphasis',
        'strong',
        'inlineCode',
        'delete',
        'thematicBreak',
      ]) {
        expect(types.has(bad), `${bad} in ${markdown}`).toBe(false);
      }
      if (!markdown.startsWith('|')) expect(toString(tree)).toContain(value);
    }
  });

  it('leaves everyday punctuation alone', () => {
    expect(escapeMarkdown('Täby, 93 %. 1 234,5 mnkr')).toBe('Täby, 93 %. 1 234,5 mnkr');
  });
});
