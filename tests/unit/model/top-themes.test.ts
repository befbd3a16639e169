/** The summary's "particularly relevant" themes never give the same finding as their reason twice. */
import { describe, expect, it } from 'vitest';
import { pickTopThemes, rankThemes, THEME_DRIVERS } from '../../../pipeline/model/theme-relevance.ts';
import { NEVER_A_THEME_REASON, THEME_RULES } from '../../../pipeline/model/theme-rules.ts';
import { FACT_NAMES, type Fact, type FactName } from '../../../pipeline/model/types.ts';

// Every theme the relevance table knows, in the handbook's order (titles do not matter here).
const THEMES = Object.keys(THEME_DRIVERS).map((id) => ({ id, titel: id }));

function factsWith(holding: FactName[]): Record<FactName, Fact> {
  return Object.fromEntries(
    FACT_NAMES.map((name) => [
      name,
      { galler: holding.includes(name), skal: `Skäl ${name}.`, etikett: `etikett ${name}` },
    ]),
  ) as Record<FactName, Fact>;
}

describe('pickTopThemes', () => {
  it('chooses no theme by a favourable or missing figure, size, the area spread, a library figure or an extreme', () => {
    const facts = factsWith(NEVER_A_THEME_REASON);
    const ranked = rankThemes(THEMES, facts);
    expect(ranked.filter((t) => t.aktuell)).toEqual([]);
    expect(pickTopThemes(ranked, facts)).toEqual([]);
  });

  it('gives a finding as the reason for one theme only', () => {
    const links = Object.values(THEME_RULES).flatMap((rules) => rules.map((rule) => rule.fact));
    expect(new Set(links).size).toBe(links.length);
  });

  it('keeps up to three themes when each has a reason of its own', () => {
    const facts = factsWith([
      'hogKostnadsavvikelse',
      'underGruppMedian',
      'snabbKostnadsokning',
      'aldreomsorgUnderMedian',
    ]);
    const top = pickTopThemes(rankThemes(THEMES, facts), facts);
    expect(top).toHaveLength(3);
    const reasons = top.flatMap((t) => t.fakta);
    expect(new Set(reasons).size).toBe(reasons.length);
  });

  it('names no theme when no material fact holds (size alone is not a finding)', () => {
    const facts = factsWith(['litenKommun']);
    expect(pickTopThemes(rankThemes(THEMES, facts), facts)).toEqual([]);
  });
});
