/**
 * Renders the handbook's themes for one municipality. Only themes that something material
 * points to ("aktuell", at most three) are printed in full, one after another without page
 * breaks; within them, advice appears in full only when one of its conditions holds (with its
 * reason) or when it has no conditions (at most two such), and every other advice item is only
 * named under "Fler råd i temat". The remaining themes are named with their advice in a short
 * list. Each reason (fact) is written out once per report; later mentions use its short label.
 */
import { joinSv, lowerFirst } from '../format/index.ts';
import type { FactName, MunicipalityReport, ThemeRelevance } from '../model/types.ts';
import { escapeMarkdown } from './escape-markdown.ts';
import type { AdviceItem, RenderData } from './template-engine.ts';
import type { ThemeTemplate } from './types.ts';

/** At most this many themes in full. */
const MAX_FULL_THEMES = 3;
/** At most this many advice items in full in the first theme, and in each later one. */
const MAX_FULL_ADVICE = [3, 2, 2];
/** Size decides which advice fits, but it ranks after findings. */
const SIZE_FACTS = new Set<FactName>(['litenKommun', 'storKommun']);
/** Printed when nothing material points to any theme: the handbook's first two themes. */
const FALLBACK_THEMES = ['karnuppdraget', 'kultur'];

/** What was decided for one theme: which advice is printed in full and which only named. */
export interface ThemePlan {
  theme: ThemeTemplate;
  relevance: ThemeRelevance | undefined;
  full: AdviceItem[];
  named: AdviceItem[];
  intro: string;
}

/**
 * @param order Theme relevances, most relevant first (from the unescaped view model).
 * @param report The view model with every string already Markdown-escaped.
 * @param data Per-render data (chart alt texts) passed on to the templates.
 */
export function composeThemes(themes: ThemeTemplate[], order: ThemeRelevance[], report: MunicipalityReport, data: RenderData): string {
  const plans = planThemes(themes, order, report, data);
  const usedFacts = new Set<FactName>();
  const reason = (name: FactName) => {
    usedFacts.add(name);
    return report.fakta[name].skal;
  };
  const full = plans.filter((plan) => plan.full.length > 0 || plan.intro !== '');
  const parts: string[] = [];
  if (!order.some((theme) => theme.aktuell)) {
    parts.push(
      `Inget i siffrorna pekar särskilt mot något av handbokens teman. Här följer de två som handboken själv lägger först: att hålla fast vid kärnuppdraget och en kultur som bygger på tillit.`,
    );
  }
  full.forEach((plan, index) => parts.push(renderTheme(plan, index + 1, reason, (name) => usedFacts.has(name), report)));
  const rest = themes.filter((theme) => !full.some((plan) => plan.theme.id === theme.id)).sort((a, b) => a.ordning - b.ordning);
  if (rest.length > 0) {
    parts.push(
      `*Fler teman ur handboken.* Siffrorna pekar inte särskilt mot ${joinSv(rest.map((theme) => `”${escapeMarkdown(theme.titel)}”`))} för er, men handbokens råd där kan ändå vara värda att läsa.`,
    );
  }
  return parts.join('\n\n');
}

/** Decides which themes and advice are printed in full; exported for tests. */
export function planThemes(themes: ThemeTemplate[], order: ThemeRelevance[], report: MunicipalityReport, data: RenderData): ThemePlan[] {
  const byId = new Map(themes.map((theme) => [theme.id, theme]));
  const chosen = order.filter((theme) => theme.aktuell && byId.has(theme.id)).slice(0, MAX_FULL_THEMES);
  const ids = chosen.length > 0 ? chosen.map((theme) => theme.id) : FALLBACK_THEMES.filter((id) => byId.has(id));
  return ids.map((id, index) => {
    const theme = byId.get(id)!;
    const adviceItems: AdviceItem[] = [];
    const intro = theme.render(report, { ...data, adviceItems }).trim();
    const holds = (item: AdviceItem) => item.nar.some((name) => report.fakta[name].galler);
    const findings = (item: AdviceItem) => item.nar.filter((name) => report.fakta[name].galler && !SIZE_FACTS.has(name)).length;
    const first = adviceItems.filter((item) => item.forst && (item.nar.length === 0 || holds(item)));
    const fitting = adviceItems.filter((item) => !item.forst && item.nar.length > 0 && holds(item)).sort((a, b) => findings(b) - findings(a));
    const general = adviceItems.filter((item) => !item.forst && item.nar.length === 0);
    const full = [...first, ...fitting, ...general].slice(0, MAX_FULL_ADVICE[index] ?? 2);
    const named = adviceItems.filter((item) => !full.includes(item));
    return { theme, relevance: order.find((item) => item.id === id && item.aktuell), full, named, intro };
  });
}

function renderTheme(plan: ThemePlan, number: number, reason: (name: FactName) => string, used: (name: FactName) => boolean, report: MunicipalityReport): string {
  const { theme, relevance } = plan;
  const parts = [`### ${number}. ${escapeMarkdown(theme.titel)}`];
  const reasons = (names: FactName[]) => {
    const fresh = names.filter((name) => !used(name));
    const known = names.filter((name) => used(name));
    const again = known.length > 0 ? `${capitalise(joinSv(known.map((name) => report.fakta[name].etikett)))}.` : '';
    return [...fresh.map(reason), again].filter(Boolean).join(' ');
  };
  if (relevance && relevance.fakta.length > 0) parts.push(`*Därför tar vi upp temat:* ${reasons(relevance.fakta)}`);
  parts.push(plan.intro);
  for (const item of plan.full) {
    parts.push(`#### ${escapeMarkdown(item.titel)}`);
    const holding = item.nar.filter((name) => report.fakta[name].galler).slice(0, 2);
    const lead = item.egen ? '*Vårt råd utifrån siffrorna, inte handbokens.* ' : '';
    if (holding.length > 0) parts.push(`${lead}**Varför för er:** ${reasons(holding)}`);
    else if (lead) parts.push(lead.trim());
    parts.push(item.body.trim());
  }
  if (plan.named.length > 0) {
    parts.push(`**Fler råd i temat:** ${joinSv(plan.named.map((item) => escapeMarkdown(lowerFirst(item.titel))))}.`);
  }
  parts.push(`*Källa: ${escapeMarkdown(theme.kalla)}, återgiven med egna ord.*`);
  return parts.filter(Boolean).join('\n\n');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
