/**
 * How relevant each handbook theme is for a municipality: a weighted sum of the facts that
 * point to the theme. The weights are a judgement, kept in one table so they are easy to review.
 * A theme is "aktuell" only when a material fact other than the municipality's size holds:
 * size decides which advice fits, but it is not a finding that calls for action.
 */
import { joinSv } from '../format/index.ts';
import type { Fact, FactName, ThemeRelevance } from './types.ts';

type Drivers = [FactName, number][];

/** Facts that make a theme more pressing, with weights summing to 1 per theme. */
export const THEME_DRIVERS: Record<string, Drivers> = {
  karnuppdraget: [['hogKostnadsavvikelse', 0.4], ['hogPotentialPerInvanare', 0.3], ['ojamnMellanOmraden', 0.2], ['blandDeBasta', 0.1]],
  kultur: [['underGruppMedian', 0.4], ['langtNer', 0.2], ['ojamnMellanOmraden', 0.2], ['blandDeBasta', 0.2]],
  langsiktighet: [['snabbKostnadsokning', 0.4], ['forsamradOverTid', 0.25], ['aldrandeBefolkning', 0.2], ['hogSkattesats', 0.15]],
  budgetprocessen: [['snabbKostnadsokning', 0.3], ['forsamradOverTid', 0.25], ['hogSkattesats', 0.25], ['hogKostnadsavvikelse', 0.2]],
  'jamforelser-och-samverkan': [['underGruppMedian', 0.4], ['saknarOmraden', 0.2], ['litenKommun', 0.2], ['blandDeBasta', 0.2]],
  digitalisering: [['aldreomsorgUnderMedian', 0.4], ['aldrandeBefolkning', 0.35], ['bibliotekUnderMedian', 0.25]],
  upphandling: [['hogPotentialPerInvanare', 0.4], ['grundskolaUnderMedian', 0.3], ['litenKommun', 0.3]],
};

/** Facts that select advice but do not by themselves make a theme pressing. */
const CONDITION_ONLY = new Set<FactName>(['litenKommun', 'storKommun']);

/** The material facts that hold and point to a theme, heaviest first. */
function holdingDrivers(themeId: string, facts: Record<FactName, Fact>): Drivers {
  return (THEME_DRIVERS[themeId] ?? []).filter(([name]) => facts[name].galler && !CONDITION_ONLY.has(name)).sort((a, b) => b[1] - a[1]);
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
    const fresh = holdingDrivers(theme.id, facts).map(([name]) => name).filter((name) => !used.has(name)).slice(0, 2);
    if (fresh.length === 0) continue;
    fresh.forEach((name) => used.add(name));
    picked.push({ ...theme, fakta: fresh, skal: fresh.map((name) => facts[name].skal).join(' '), kortSkal: joinSv(fresh.map((name) => facts[name].etikett)) });
  }
  return picked;
}
