/** Compose stage: view model + templates → Markdown twin and HTML. */
export { compileTemplates } from './compile-templates.ts';
export type { TemplateSpecCache } from './template-engine.ts';
export { checkReportTemplates, composeReport, renderDocument, type ComposeInput } from './compose-report.ts';
export { escapeMarkdown } from './escape-markdown.ts';
export { loadTemplates } from './load-templates.ts';
export { parseMarkdown } from './markdown.ts';
export * from './types.ts';
export { MarkdownBlockCache } from './markdown-blocks.ts';
