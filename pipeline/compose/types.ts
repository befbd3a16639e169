/** Inputs and outputs of the compose stage. */
import type { RenderTemplate } from './template-engine.ts';
import type { TocEntry } from './heading-ids.ts';
import type { ChartMarkup } from './to-html.ts';

export type { TocEntry, ChartMarkup };

/** A template file's text and where it came from (for messages and cache keys). */
export interface TemplateSource {
  /** Path relative to the project, e.g. `templates/teman/1-karnuppdraget.md`. */
  file: string;
  text: string;
}

/** All template files of a run, read once. */
export interface TemplateSources {
  report: TemplateSource;
  layout: TemplateSource;
  themes: TemplateSource[];
  /** Stylesheets, inlined into every document. */
  styles: TemplateSource[];
  /** The chapter "Utveckling över tid" (`utveckling.md`), rendered where a report has a history. */
  history?: TemplateSource;
}

/** A compiled theme template with its front matter. */
export interface ThemeTemplate {
  id: string;
  titel: string;
  ordning: number;
  kalla: string;
  file: string;
  render: RenderTemplate;
}

/** Everything compiled once per run. */
export interface CompiledTemplates {
  report: RenderTemplate;
  layout: (context: object) => string;
  themes: ThemeTemplate[];
  css: string;
  history?: RenderTemplate;
}

/** One composed report. */
export interface ComposedReport {
  /** The Markdown twin. */
  markdown: string;
  /** The complete HTML document to print. */
  html: string;
  /** The HTML of the body only (for the website). */
  bodyHtml: string;
  /** Level-2 headings: the table of contents. */
  toc: TocEntry[];
  title: string;
}
