/**
 * How relevant each handbook theme is for a municipality: the weighted sum of the findings that
 * point to the theme in the fact-to-theme map (theme-rules.ts, with the handbook passage behind
 * each link). A theme is "aktuell" when at least one of its findings holds; all seven themes are
 * printed, the others as a short section of their own.
 */
import { joinSv } from '../format/index.ts';
import { THEME_RULES } from './theme-rules.ts';
import type { Fact, FactName, ThemeRelevance } from './types.ts';

type Drivers = [FactName, number][];

/** Facts that make a theme more pressing, with their weights (from the map). */
export const THEME_DRIVERS: Record<string, Drivers> = Object.fromEntries(
  Object.entries(THEME_RULES).map(([id, links]) => [
    id,
    links.map((link) => [link.fact, link.weight] as [FactName, number]),
  ]),
);

/** The material facts that hold and point to a theme, heaviest first. */
function holdingDrivers(themeId: string, facts: Record<FactName, Fact>): Drivers {
  return (THEME_DRIVERS[themeId] ?? []).filter(([name]) => facts[name].galler).sort((a, b) => b[1] - a[1]);
}

/** Scores every theme; most relevant first, ties in the handbook's order. */
export function rankThemes(themes: { id: string; titel: string }[], facts: Record<FactName, Fact>): ThemeRelevance[] {
  const scored = themes.map((theme, order) => {
    const holding = holdingDrivers(theme.id, facts);
    const relevans = holding.reduce((sum, [, weight]) => sum + weight, 0);
    const names = holding.slice(0, 2).map(([name]) => name);
    const theme_: ThemeRelevance = {
      id: theme.id,
      titel: theme.titel,
      relevans: Math.round(relevans * 100) / 100,
      skal: names.map((name) => facts[name].skal).join(' '),
      fakta: names,
      aktuell: names.length > 0,
      kortSkal: joinSv(names.map((name) => facts[name].etikett)),
    };
    return { theme: theme_, order };
  });
  scored.sort((a, b) => b.theme.relevans - a.theme.relevans || a.order - b.order);
  return scored.map((item) => item.theme);
}

/**
 * The themes a summary names as particularly relevant, each with reasons no earlier theme gave:
 * the same finding is not offered as the reason for two themes. A theme whose reasons were all
 * used already is left out (fewer than `max` is fine).
 */
export function pickTopThemes(ranked: ThemeRelevance[], facts: Record<FactName, Fact>, max = 3): ThemeRelevance[] {
  const used = new Set<FactName>();
  const picked: ThemeRelevance[] = [];
  for (const theme of ranked) {
    if (!theme.aktuell || picked.length >= max) continue;
    const fresh = holdingDrivers(theme.id, facts)
      .map(([name]) => name)
      .filter((name) => !used.has(name))
      .slice(0, 2);
    if (fresh.length === 0) continue;
    fresh.forEach((name) => used.add(name));
    picked.push({
      ...theme,
      fakta: fresh,
      skal: fresh.map((name) => facts[name].skal).join(' '),
      kortSkal: joinSv(fresh.map((name) => facts[name].etikett)),
    });
  }
  return picked;
}
