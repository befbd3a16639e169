/**
 * How relevant each handbook theme is for a municipality: a weighted sum of the facts that
 * point to the theme. The weights are a judgement, kept in one table so they are easy to review.
 */
import type { Fact, FactName, ThemeRelevance } from './types.ts';

type Drivers = [FactName, number][];

/** Facts that make a theme more pressing, with weights summing to 1 per theme. */
export const THEME_DRIVERS: Record<string, Drivers> = {
  karnuppdraget: [['hogKostnadsavvikelse', 0.45], ['hogPotentialPerInvanare', 0.35], ['ojamnMellanOmraden', 0.2]],
  kultur: [['underGruppMedian', 0.5], ['ojamnMellanOmraden', 0.3], ['hogPotentialPerInvanare', 0.2]],
  langsiktighet: [['snabbKostnadsokning', 0.4], ['forsamradOverTid', 0.25], ['aldrandeBefolkning', 0.2], ['hogSkattesats', 0.15]],
  budgetprocessen: [['snabbKostnadsokning', 0.3], ['forsamradOverTid', 0.25], ['hogSkattesats', 0.25], ['hogKostnadsavvikelse', 0.2]],
  'jamforelser-och-samverkan': [['underGruppMedian', 0.4], ['litenKommun', 0.4], ['saknarOmraden', 0.2]],
  digitalisering: [['aldreomsorgUnderMedian', 0.4], ['aldrandeBefolkning', 0.35], ['bibliotekUnderMedian', 0.25]],
  upphandling: [['hogPotentialPerInvanare', 0.4], ['litenKommun', 0.3], ['grundskolaUnderMedian', 0.3]],
};

const NONE_HOLDS =
  'Inget av de nyckeltal som pekar mot temat sticker ut för er, men de mest effektiva kommunerna arbetar ändå med det.';

/** Scores every theme; most relevant first, ties in the handbook's order. */
export function rankThemes(themes: { id: string; titel: string }[], facts: Record<FactName, Fact>): ThemeRelevance[] {
  const scored = themes.map((theme, order) => {
    const drivers = THEME_DRIVERS[theme.id] ?? [];
    const holding = drivers.filter(([name]) => facts[name].galler).sort((a, b) => b[1] - a[1]);
    const relevans = holding.reduce((sum, [, weight]) => sum + weight, 0);
    const skal = holding.length > 0 ? holding.slice(0, 2).map(([name]) => facts[name].skal).join(' ') : NONE_HOLDS;
    return { theme: { id: theme.id, titel: theme.titel, relevans: Math.round(relevans * 100) / 100, skal }, order };
  });
  scored.sort((a, b) => b.theme.relevans - a.theme.relevans || a.order - b.order);
  return scored.map((item) => item.theme);
}
