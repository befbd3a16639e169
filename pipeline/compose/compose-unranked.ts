/**
 * The short report and brief of a municipality with no comparable area (issue 20 point 1):
 * `templates/orankad/rapport.md` and `kort.md` (Markdown with Handlebars, values
 * Markdown-escaped as in the full report) placed in `templates/orankad/layout.html.hbs`, styled
 * like the brief. Reading the files is the only I/O; composing is pure.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkTemplateMarkdown, TEMPLATE_MARKDOWN_RULES } from './check-template-markdown.ts';
import { compileLayout } from './compile-templates.ts';
import { escapeMarkdownDeep } from './escape-markdown.ts';
import { addHeadingIds } from './heading-ids.ts';
import { parseMarkdown, serializeMarkdown } from './markdown.ts';
import { createTemplateEngine, type RenderTemplate } from './template-engine.ts';
import { toHtml } from './to-html.ts';
import type { UnrankedReport } from '../model/build-unranked-report.ts';

/** The short report's templates, compiled once per run. */
export interface UnrankedTemplates {
  report: RenderTemplate;
  brief: RenderTemplate;
  layout: (context: object) => string;
  /** The sources' text, for the cache key of the printed files. */
  salt: string[];
}

export interface ComposedUnranked {
  html: string;
  /** The body alone (the website's page places it in its own frame). */
  bodyHtml: string;
  markdown: string;
  title: string;
}

/** Reads and compiles `<templatesDir>/orankad/` (its sentences in fraser.md are part of the salt); throws `TemplateError` with file and line on a problem. */
export function loadUnrankedTemplates(templatesDir: string, root: string): UnrankedTemplates {
  const read = (name: string) => {
    const file = path.join(templatesDir, 'orankad', name);
    return { file: path.relative(root, file), text: readFileSync(file, 'utf8') };
  };
  const engine = createTemplateEngine();
  const markdown = (source: { file: string; text: string }) =>
    engine.compile(source.text, source.file, 0, {
      id: TEMPLATE_MARKDOWN_RULES,
      run: () => checkTemplateMarkdown(source.text, source.file),
    });
  const sources = [read('rapport.md'), read('kort.md'), read('layout.html.hbs'), read('fraser.md')] as const;
  return {
    report: markdown(sources[0]),
    brief: markdown(sources[1]),
    layout: compileLayout(sources[2].text, sources[2].file),
    salt: sources.flatMap((s) => [s.file, s.text]),
  };
}

/** Composes the short report (`kind: 'report'`) or its brief (`kind: 'brief'`); pure. */
export function composeUnranked(
  view: UnrankedReport,
  templates: UnrankedTemplates,
  kind: 'report' | 'brief',
  meta: { utgava: string; generator: string; webbplats?: string | null },
): ComposedUnranked {
  const escaped = escapeMarkdownDeep(view);
  const markdown = (kind === 'report' ? templates.report : templates.brief)(escaped);
  const tree = parseMarkdown(markdown, `templates/orankad/${kind === 'report' ? 'rapport' : 'kort'}.md`);
  addHeadingIds(tree);
  const bodyHtml = toHtml(tree, {});
  const kicker = kind === 'report' ? 'Effektivitetsrapport' : 'Kortversion';
  const title = `${view.kommun.namn}: ${kind === 'report' ? 'effektivitetsrapport' : 'kortversion'} ${view.ar} utan jämförelse`;
  const html = templates.layout({
    title,
    view,
    kicker,
    cssHeader: cssString(`${view.kommun.namn} · ${kicker} ${view.ar}`),
    cssFooter: cssString(`kommunrapport · ${kicker} · Källa: Kolada (RKA) och SCB`),
    body: bodyHtml,
    meta,
  });
  return { html, bodyHtml, markdown: `# ${escaped.kommun.namn}\n\n${serializeMarkdown(tree)}`, title };
}

/** A value for a CSS `content:` string: quotes, backslashes and `<` cannot break out. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r]/g, (ch) => `\\${ch.charCodeAt(0).toString(16)} `)}"`;
}
