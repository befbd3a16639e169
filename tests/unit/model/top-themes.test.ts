/** The summary's "particularly relevant" themes never give the same finding as their reason twice. */
import { describe, expect, it } from 'vitest';
import { pickTopThemes, rankThemes, THEME_DRIVERS } from '../../../pipeline/model/theme-relevance.ts';
import { FACT_NAMES, type Fact, type FactName } from '../../../pipeline/model/types.ts';

// Every theme the relevance table knows, in the handbook's order (titles do not matter here).
const THEMES = Object.keys(THEME_DRIVERS).map((id) => ({ id, titel: id }));

function factsWith(holding: FactName[]): Record<FactName, Fact> {
  return Object.fromEntries(FACT_NAMES.map((name) => [name, { galler: holding.includes(name), skal: `Skäl ${name}.`, etikett: `etikett ${name}` }])) as Record<FactName, Fact>;
}

describe('pickTopThemes', () => {
  it('leaves out a theme whose only reasons an earlier theme already gave', () => {
    // Both facts point to karnuppdraget and to kultur; nothing else holds.
    const facts = factsWith(['ojamnMellanOmraden', 'blandDeBasta']);
    const ranked = rankThemes(THEMES, facts);
    expect(ranked.filter((t) => t.aktuell).length).toBeGreaterThanOrEqual(2);
    const top = pickTopThemes(ranked, facts);
    const reasons = top.flatMap((t) => t.fakta);
    expect(new Set(reasons).size).toBe(reasons.length);
    expect(top.length).toBeLessThan(ranked.filter((t) => t.aktuell).length);
    for (const theme of top) expect(theme.kortSkal).toBe(theme.fakta.map((f) => `etikett ${f}`).join(' och '));
  });

  it('keeps up to three themes when each has a reason of its own', () => {
    const facts = factsWith(['hogKostnadsavvikelse', 'underGruppMedian', 'snabbKostnadsokning', 'aldreomsorgUnderMedian']);
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
