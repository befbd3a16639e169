/**
 * Markdown ⇄ mdast with remark (GFM tables), built once and frozen. Raw HTML is not allowed
 * in templates: it is refused with the template's line rather than silently dropped.
 */
import type { Root } from 'mdast';
import { gfmTableFromMarkdown, gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { toMarkdown } from 'mdast-util-to-markdown';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { visit } from 'unist-util-visit';
import { TemplateError } from '../errors.ts';

/**
 * GFM tables and nothing else from GFM: autolink literals would turn a data value such as
 * `www.example.com` into a link however it is escaped, and templates need no other extension.
 */
function remarkTables(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

const parser = unified().use(remarkParse).use(remarkTables).freeze();

/** Link protocols templates may use; `diagram:` marks a chart placeholder image. */
export const SAFE_URL = /^(https?:|mailto:|#|diagram:[a-z0-9-]+$)/i;

/**
 * Parses Markdown produced from `source` and checks it: no raw HTML, no unsafe links.
 * `lineOffset`: lines before `markdown` in the document it is part of (for messages).
 */
export function parseMarkdown(markdown: string, source: string, lineOffset = 0): Root {
  const tree = parser.runSync(parser.parse(markdown)) as Root;
  visit(tree, (node) => {
    const line = node.position && node.position.start.line + lineOffset;
    if (node.type === 'html') {
      throw new TemplateError(
        source,
        line,
        `Raw HTML is not allowed in templates: \`${truncate(node.value)}\`; use Markdown`,
      );
    }
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && !SAFE_URL.test(node.url)) {
      throw new TemplateError(
        source,
        line,
        `Link to \`${truncate(node.url)}\` is not allowed; expected http(s), mailto or #anchor`,
      );
    }
  });
  return tree;
}

/** Serialises mdast to Markdown (the report's Markdown twin). */
export function serializeMarkdown(tree: Root): string {
  return toMarkdown(tree, { extensions: [gfmTableToMarkdown()], bullet: '-', emphasis: '*', rule: '-' });
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
