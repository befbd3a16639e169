/**
 * Renders all seven handbook themes for one municipality (issue 21), most relevant first. The
 * themes a material finding points to ("aktuell", at most three) are printed in full: the
 * reasons, the theme's introduction, the advice whose conditions hold (each with its own reason)
 * or that has no conditions, and who to learn from. Every other theme gets a short section of its
 * own: the `{{#kort}}` block of its template, written for the municipality's situation. Each
 * reason (fact) is written out once per report; later mentions use its short label. Sentences:
 * templates/fraser/teman.md.
 */
import { joinSv, lowerFirst } from '../format/index.ts';
import { phrase } from '../model/phrases.ts';
import type { FactName, MunicipalityReport, ThemeRelevance } from '../model/types.ts';
import { escapeMarkdown } from './escape-markdown.ts';
import type { AdviceItem, RenderData } from './template-engine.ts';
import type { ThemeTemplate } from './types.ts';

/** At most this many themes in full. */
const MAX_FULL_THEMES = 3;
/** At most this many advice items in full in the first theme, and in each later one. */
const MAX_FULL_ADVICE = [2, 1, 1];
/** Size decides which advice fits, but it ranks after findings. */
const SIZE_FACTS = new Set<FactName>(['litenKommun', 'storKommun']);

/** What was decided for one theme: full or short, and which advice is printed in full. */
export interface ThemePlan {
  theme: ThemeTemplate;
  relevance: ThemeRelevance | undefined;
  /** Printed in full (a material finding points to it) or as a short section. */
  inFull: boolean;
  full: AdviceItem[];
  named: AdviceItem[];
  intro: string;
  /** The template's `{{#kort}}` block for this municipality. */
  short: string;
}

/**
 * @param order Theme relevances, most relevant first (from the unescaped view model).
 * @param report The view model with every string already Markdown-escaped.
 * @param data Per-render data (chart alt texts) passed on to the templates.
 */
export function composeThemes(
  themes: ThemeTemplate[],
  order: ThemeRelevance[],
  report: MunicipalityReport,
  data: RenderData,
): string {
  const plans = planThemes(themes, order, report, data);
  const usedFacts = new Set<FactName>();
  const reasons = (names: FactName[]) => {
    const fresh = names.filter((name) => !usedFacts.has(name));
    const known = names.filter((name) => usedFacts.has(name));
    fresh.forEach((name) => usedFacts.add(name));
    const again = known.length > 0 ? `${capitalise(joinSv(known.map((name) => report.fakta[name].etikett)))}.` : '';
    return [...fresh.map((name) => report.fakta[name].skal), again].filter(Boolean).join(' ');
  };
  const parts: string[] = [];
  if (!plans.some((plan) => plan.inFull)) parts.push(phrase('teman', 'inget-tema'));
  plans.forEach((plan, index) => parts.push(renderTheme(plan, index + 1, reasons, report)));
  // The short sections share one source line (their sections of the handbook, in order).
  const short = plans.filter((plan) => !plan.inFull).map((plan) => sectionOf(plan.theme.kalla));
  if (short.length > 0)
    parts.push(
      phrase('teman', 'kalla.korta', {
        kalla: escapeMarkdown(sourceOf(plans[0]!.theme.kalla)),
        avsnitt: joinSv(short),
      }),
    );
  return parts.join('\n\n');
}

/** Decides the order of the themes and what each prints; exported for tests. */
export function planThemes(
  themes: ThemeTemplate[],
  order: ThemeRelevance[],
  report: MunicipalityReport,
  data: RenderData,
): ThemePlan[] {
  const byId = new Map(themes.map((theme) => [theme.id, theme]));
  const ranked = [
    ...order.filter((theme) => byId.has(theme.id)).map((theme) => theme.id),
    ...themes.map((theme) => theme.id).filter((id) => !order.some((t) => t.id === id)),
  ];
  const fullIds = new Set(
    order
      .filter((theme) => theme.aktuell && byId.has(theme.id))
      .slice(0, MAX_FULL_THEMES)
      .map((theme) => theme.id),
  );
  const ids = [...ranked.filter((id) => fullIds.has(id)), ...ranked.filter((id) => !fullIds.has(id))];
  let fullIndex = 0;
  return ids.map((id) => {
    const theme = byId.get(id)!;
    const adviceItems: AdviceItem[] = [];
    const shortText: string[] = [];
    const intro = theme.render(report, { ...data, adviceItems, shortText }).trim();
    const relevance = order.find((item) => item.id === id && item.aktuell);
    const short = shortText.join('\n\n').trim();
    if (!fullIds.has(id)) return { theme, relevance, inFull: false, full: [], named: adviceItems, intro, short };
    const holds = (item: AdviceItem) => item.nar.some((name) => report.fakta[name].galler);
    const findings = (item: AdviceItem) =>
      item.nar.filter((name) => report.fakta[name].galler && !SIZE_FACTS.has(name)).length;
    const first = adviceItems.filter((item) => item.forst && (item.nar.length === 0 || holds(item)));
    const fitting = adviceItems
      .filter((item) => !item.forst && item.nar.length > 0 && holds(item))
      .sort((a, b) => findings(b) - findings(a));
    const general = adviceItems.filter((item) => !item.forst && item.nar.length === 0);
    const full = [...first, ...fitting, ...general].slice(0, MAX_FULL_ADVICE[fullIndex++] ?? 2);
    const named = adviceItems.filter((item) => !full.includes(item));
    return { theme, relevance, inFull: true, full, named, intro, short };
  });
}

function renderTheme(
  plan: ThemePlan,
  number: number,
  reasons: (names: FactName[]) => string,
  report: MunicipalityReport,
): string {
  const { theme, relevance } = plan;
  const parts = [`### ${number}. ${escapeMarkdown(theme.titel)}`];
  if (relevance && relevance.fakta.length > 0)
    parts.push(phrase('teman', 'skal.tema', { skal: reasons(relevance.fakta) }));
  if (!plan.inFull) return [...parts, plan.short].filter(Boolean).join('\n\n');
  parts.push(plan.intro);
  for (const item of plan.full) {
    parts.push(`#### ${escapeMarkdown(item.titel)}`);
    const holding = item.nar.filter((name) => report.fakta[name].galler).slice(0, 2);
    const lead = item.egen ? `${phrase('teman', 'egen.rad')} ` : '';
    if (holding.length > 0) parts.push(`${lead}${phrase('teman', 'skal.rad', { skal: reasons(holding) })}`);
    else if (lead) parts.push(lead.trim());
    parts.push(item.body.trim());
  }
  const learn = report.larAv[theme.id];
  if (learn) parts.push(phrase('teman', 'larAv.rubrik', { text: learn }));
  if (plan.named.length > 0)
    parts.push(
      phrase('teman', 'fler-rad', { titlar: joinSv(plan.named.map((item) => escapeMarkdown(lowerFirst(item.titel)))) }),
    );
  parts.push(phrase('teman', 'kalla', { kalla: escapeMarkdown(theme.kalla) }));
  return parts.filter(Boolean).join('\n\n');
}

/** `Svenskt Näringsliv (2026), Så har vi blivit mer effektiva, avsnitt 3.2` → `3.2`. */
function sectionOf(kalla: string): string {
  return /avsnitt\s+(\S+)\s*$/.exec(kalla)?.[1] ?? kalla;
}

/** The source without its section: `Svenskt Näringsliv (2026), Så har vi blivit mer effektiva`. */
function sourceOf(kalla: string): string {
  return kalla.replace(/,?\s*avsnitt\s+\S+\s*$/, '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
