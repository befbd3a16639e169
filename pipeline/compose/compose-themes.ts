/**
 * Renders the theme chapters in the order of their relevance for this municipality. Within a
 * theme, advice whose facts hold comes first, with a "why" line built from those facts.
 */
import type { MunicipalityReport } from '../model/types.ts';
import { escapeMarkdown } from './escape-markdown.ts';
import type { AdviceItem, RenderData } from './template-engine.ts';
import type { ThemeTemplate } from './types.ts';

/**
 * @param order Theme ids, most relevant first (from the unescaped view model).
 * @param report The view model with every string already Markdown-escaped.
 * @param data Per-render data (chart alt texts) passed on to the templates.
 */
export function composeThemes(themes: ThemeTemplate[], order: string[], report: MunicipalityReport, data: RenderData): string {
  const rank = (theme: ThemeTemplate) => (order.includes(theme.id) ? order.indexOf(theme.id) : order.length + theme.ordning);
  const ordered = [...themes].sort((a, b) => rank(a) - rank(b));
  return ordered.map((theme) => composeTheme(theme, ordered.indexOf(theme) + 1, order, report, data)).join('\n\n');
}

function composeTheme(theme: ThemeTemplate, number: number, order: string[], report: MunicipalityReport, data: RenderData): string {
  const adviceItems: AdviceItem[] = [];
  const intro = theme.render(report, { ...data, adviceItems }).trim();
  const index = order.indexOf(theme.id);
  const relevance = index >= 0 ? report.teman[index] : undefined;
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
