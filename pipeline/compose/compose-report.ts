/** View model + compiled templates + charts → Markdown twin and printable HTML. */
import type { Root } from 'mdast';
import type { MunicipalityReport } from '../model/types.ts';
import { composeThemes } from './compose-themes.ts';
import { escapeMarkdownDeep } from './escape-markdown.ts';
import { addHeadingIds, type TocEntry } from './heading-ids.ts';
import { parseWhole, type MarkdownBlockCache } from './markdown-blocks.ts';
import { toHtml, type ChartMarkup } from './to-html.ts';
import type { CompiledTemplates, ComposedReport } from './types.ts';
import { phrase } from '../model/phrases.ts';

export interface ComposeInput {
  report: MunicipalityReport;
  templates: CompiledTemplates;
  charts: Record<string, ChartMarkup>;
  /** Page numbers of the chapters (from a previous print), keyed by heading id. */
  tocPages?: Record<string, number>;
  /** Extra values for the HTML shell (edition date, generator). */
  meta: { utgava: string; generator: string; webbplats?: string | null };
  /** Blocks parsed for earlier reports of the run (same result, less work). */
  blocks?: MarkdownBlockCache;
}

/** Composes one report; pure. */
export function composeReport(input: ComposeInput): ComposedReport {
  const { report, templates, charts } = input;
  const chartAlts = Object.fromEntries(Object.entries(charts).map(([id, chart]) => [id, chart.alt]));
  const markdownSource = expandTemplates(report, escapeMarkdownDeep(report), templates, chartAlts);
  const source = 'templates/rapport.md';
  const parsed = input.blocks ? input.blocks.parse(markdownSource, source) : parseWhole(markdownSource, source);
  const tree: Root = parsed.tree;
  const headings = addHeadingIds(tree);
  const toc = headings.filter((heading) => heading.depth === 2);
  const bodyHtml = toHtml(tree, charts);
  const title = phrase('rapport', 'titel', { namn: report.kommun.namn, ar: report.ar });
  const composed = { markdown: parsed.serialize(), bodyHtml, toc, title };
  return { ...composed, html: renderDocument(input, composed, input.tocPages) };
}

/**
 * Runs the Handlebars part of composing (the only part where a template can fail for some
 * municipalities and not others), so a build can check every report before printing any.
 */
export function checkReportTemplates(
  report: MunicipalityReport,
  templates: CompiledTemplates,
  chartAlts: Record<string, string>,
): void {
  const escaped = escapeMarkdownDeep(report);
  // composeThemes renders every theme (all seven are printed, in full or short), so a theme
  // template that fails for some municipality stops the build at the first of them.
  expandTemplates(report, escaped, templates, chartAlts);
}

function expandTemplates(
  report: MunicipalityReport,
  escaped: MunicipalityReport,
  templates: CompiledTemplates,
  chartAlts: Record<string, string>,
): string {
  const temanMarkdown = composeThemes(templates.themes, report.teman, escaped, { chartAlts });
  const utvecklingMarkdown = escaped.utveckling && templates.history ? templates.history(escaped, { chartAlts }) : '';
  return templates.report({ ...escaped, temanMarkdown, utvecklingMarkdown }, { chartAlts });
}

/**
 * The printable HTML document around a composed body. Cheap, so the print stage can fill in
 * the table of contents' page numbers without composing the body again.
 */
export function renderDocument(
  input: ComposeInput,
  composed: Omit<ComposedReport, 'html'>,
  tocPages?: Record<string, number>,
): string {
  const { report, templates, charts } = input;
  return templates.layout({
    title: composed.title,
    report,
    cssHeader: cssString(`${report.kommun.namn} · Effektivitetsrapport ${report.ar}`),
    toc: composed.toc.map((entry) => ({ ...entry, page: tocPages?.[entry.id] ?? '' })),
    charts: { karta: charts.karta?.svg ?? '' },
    body: composed.bodyHtml,
    meta: input.meta,
  });
}

/** A value for a CSS `content:` string: quotes, backslashes and `<` cannot break out. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r]/g, (ch) => `\\${ch.charCodeAt(0).toString(16)} `)}"`;
}

export type { TocEntry };
