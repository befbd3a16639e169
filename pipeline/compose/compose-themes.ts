/**
 * Renders the theme chapters in the order of their relevance for this municipality. Within a
 * theme, advice whose facts hold comes first, with a "why" line built from those facts.
 */
import type { MunicipalityReport } from '../model/types.ts';
import { escapeMarkdown } from './escape-markdown.ts';
import type { AdviceItem, RenderData } from './template-engine.ts';
import type { ThemeTemplate } from './types.ts';

/**
 * @param report The view model with every string already Markdown-escaped.
 * @param data Per-render data (chart alt texts) passed on to the templates.
 */
export function composeThemes(themes: ThemeTemplate[], report: MunicipalityReport, data: RenderData): string {
  const byId = new Map(themes.map((theme) => [theme.id, theme]));
  const ordered = [
    ...report.teman.map((relevance) => byId.get(relevance.id)).filter((theme): theme is ThemeTemplate => !!theme),
    ...themes.filter((theme) => !report.teman.some((relevance) => relevance.id === theme.id)),
  ];
  return ordered.map((theme, index) => composeTheme(theme, index + 1, report, data)).join('\n\n');
}

function composeTheme(theme: ThemeTemplate, number: number, report: MunicipalityReport, data: RenderData): string {
  const adviceItems: AdviceItem[] = [];
  const intro = theme.render(report, { ...data, adviceItems }).trim();
  const relevance = report.teman.find((item) => item.id === theme.id);
  const holds = (item: AdviceItem) => item.nar.filter((name) => report.fakta[name].galler);
  const relevant = adviceItems.filter((item) => holds(item).length > 0);
  const general = adviceItems.filter((item) => holds(item).length === 0);

  const parts = [`## ${number}. ${escapeMarkdown(theme.titel)}`];
  if (relevance) parts.push(`*Därför är temat aktuellt för er:* ${relevance.skal}`);
  parts.push(intro);
  for (const item of [...relevant, ...general]) {
    parts.push(`### ${escapeMarkdown(item.titel)}`);
    const reasons = holds(item).map((name) => report.fakta[name].skal);
    if (reasons.length > 0) parts.push(`**Varför för er:** ${reasons.join(' ')}`);
    parts.push(item.body.trim());
  }
  parts.push(`*Källa för temats råd och exempel: ${escapeMarkdown(theme.kalla)}. Texten är kommunrapports egen sammanfattning.*`);
  return parts.filter(Boolean).join('\n\n');
}
