/**
 * Checks a Markdown template's own text when it is compiled, so raw HTML or an unsafe link
 * written by a template author is reported with the template's file and line before any
 * data is loaded or any report is printed. (The rendered Markdown is checked again in
 * `parseMarkdown`, but by then the line is that of the expanded report, not of the template.)
 */
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { TemplateError } from '../errors.ts';
import { SAFE_URL } from './markdown.ts';

/** Part of the template spec cache's keys: change it when the rules below change. */
export const TEMPLATE_MARKDOWN_RULES = 'markdown-rules-1';

const parser = unified().use(remarkParse).freeze();

/**
 * Throws a `TemplateError` for raw HTML or a link with an unsafe protocol in `source`.
 * `lineOffset` is the number of lines before `source` in `file` (front matter).
 * Links built from a Handlebars expression (`{{…}}`) are left to the rendered check.
 */
export function checkTemplateMarkdown(source: string, file: string, lineOffset = 0): void {
  const tree = parser.parse(source) as Root;
  visit(tree, (node) => {
    const line = node.position ? node.position.start.line + lineOffset : undefined;
    if (node.type === 'html') {
      throw new TemplateError(
        file,
        line,
        `Raw HTML is not allowed in templates: \`${truncate(node.value)}\`; use Markdown`,
      );
    }
    if (
      (node.type === 'link' || node.type === 'image' || node.type === 'definition') &&
      !node.url.includes('{{') &&
      !SAFE_URL.test(node.url)
    ) {
      throw new TemplateError(
        file,
        line,
        `Link to \`${truncate(node.url)}\` is not allowed; expected http(s), mailto or #anchor`,
      );
    }
  });
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
