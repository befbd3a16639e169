/**
 * The two-page brief (issue 16): its view model, charts and templates → printable HTML.
 * Each page has its own Markdown template (`templates/kort/sida-1.md`, `sida-2.md`) placed in
 * its own section of the layout, the second starting a new page, so a page's content cannot
 * drift onto the other. Values are Markdown-escaped as in the full report. Pure.
 */
import { checkTemplateMarkdown, TEMPLATE_MARKDOWN_RULES } from './check-template-markdown.ts';
import { compileLayout } from './compile-templates.ts';
import { escapeMarkdownDeep } from './escape-markdown.ts';
import { addHeadingIds, type TocEntry } from './heading-ids.ts';
import { parseMarkdown, serializeMarkdown } from './markdown.ts';
import { createTemplateEngine, type RenderTemplate, type TemplateSpecCache } from './template-engine.ts';
import { toHtml, type ChartMarkup } from './to-html.ts';
import type { TemplateSource } from './types.ts';
import type { BriefView } from '../model/build-brief-view.ts';

/** The chart ids the brief's templates may name. */
export const BRIEF_CHART_IDS = ['rangordning', 'omraden'] as const;

/** The brief's template files, read once per run. */
export interface BriefTemplateSources {
  /** Page one and page two. */
  pages: [TemplateSource, TemplateSource];
  layout: TemplateSource;
  style: TemplateSource;
}

/** The brief's templates, compiled once per run. */
export interface BriefTemplates {
  pages: { file: string; render: RenderTemplate }[];
  layout: (context: object) => string;
  css: string;
  /** Every source, for the brief's cache salt. */
  sources: TemplateSource[];
}

export interface ComposedBrief {
  /** The complete HTML document to print. */
  html: string;
  /** The brief's Markdown twin (both pages). */
  markdown: string;
  title: string;
  headings: TocEntry[];
}

export interface ComposeBriefInput {
  view: BriefView;
  templates: BriefTemplates;
  charts: Record<string, ChartMarkup>;
  meta: { utgava: string; generator: string; webbplats?: string | null };
}

/** Compiles the brief's templates; throws `TemplateError` with file and line on a problem. */
export function compileBriefTemplates(sources: BriefTemplateSources, specs?: TemplateSpecCache): BriefTemplates {
  const engine = createTemplateEngine(specs);
  const pages = sources.pages.map((source) => ({
    file: source.file,
    render: engine.compile(source.text, source.file, 0, {
      id: TEMPLATE_MARKDOWN_RULES,
      run: () => checkTemplateMarkdown(source.text, source.file),
    }),
  }));
  return {
    pages,
    layout: compileLayout(sources.layout.text, sources.layout.file),
    css: sources.style.text,
    sources: [...sources.pages, sources.layout, sources.style],
  };
}

/** Runs the Handlebars part alone (a dry run before anything is printed). */
export function checkBriefTemplates(
  view: BriefView,
  templates: BriefTemplates,
  chartAlts: Record<string, string>,
): void {
  expand(view, templates, chartAlts);
}

/** Composes one brief. */
export function composeBrief(input: ComposeBriefInput): ComposedBrief {
  const { view, templates, charts } = input;
  const chartAlts = Object.fromEntries(Object.entries(charts).map(([id, chart]) => [id, chart.alt]));
  const trees = expand(view, templates, chartAlts).map((markdown, i) =>
    parseMarkdown(markdown, templates.pages[i]!.file),
  );
  // One slugger run over both pages, so heading ids are unique in the document.
  const headings = addHeadingIds({ type: 'root', children: trees.flatMap((tree) => tree.children) });
  const [page1, page2] = trees.map((tree) => toHtml(tree, charts));
  const html = templates.layout({
    title: view.titel,
    view,
    cssHeader: cssString(`${view.kommun.namn} · Kortversion ${view.ar}`),
    page1,
    page2,
    meta: input.meta,
  });
  return { html, markdown: trees.map(serializeMarkdown).join('\n'), title: view.titel, headings };
}

function expand(view: BriefView, templates: BriefTemplates, chartAlts: Record<string, string>): string[] {
  const escaped = escapeMarkdownDeep(view);
  return templates.pages.map((page) => page.render(escaped, { chartAlts }));
}

/** A value for a CSS `content:` string: quotes, backslashes and `<` cannot break out. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r]/g, (ch) => `\\${ch.charCodeAt(0).toString(16)} `)}"`;
}
