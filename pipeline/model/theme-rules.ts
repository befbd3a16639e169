/**
 * The fact-to-theme map (issue 21): which material finding makes a handbook theme pressing for a
 * municipality, and the handbook passage that makes the link. A link fires only when its fact
 * holds, and a fact holds only on a material difference (facts.ts, theme-facts.ts). Never a
 * reason: a favourable figure (blandDeBasta), a missing figure (saknarOmraden), the municipality's
 * size (it chooses advice, not themes), the spread between areas or any library figure (culture
 * cost stands in for libraries, and the spread is driven by it), or an extreme (kulturExtrem is
 * said in a sentence instead). The table is repeated in Swedish in templates/teman/README.md.
 */
import type { FactName } from './types.ts';

export interface ThemeLink {
  fact: FactName;
  /** Weight in the theme's score (ordering only; any holding link makes the theme "aktuell"). */
  weight: number;
  /** The handbook passage that connects the finding to the theme. */
  passage: string;
}

export const THEME_RULES: Record<string, ThemeLink[]> = {
  karnuppdraget: [
    {
      fact: 'hogKulturkostnad',
      weight: 1,
      passage:
        '3.1: the statutory core (education, care, social services, libraries, planning) against what a municipality adds on top; no one does only the statutory, the task is to stop the additions from growing',
    },
  ],
  kultur: [
    {
      fact: 'underGruppMedian',
      weight: 1,
      passage:
        '3.2: a weak internal culture gives poor steering and weak follow-up, which lowers efficiency; changing ways of working in several services needs trust',
    },
  ],
  langsiktighet: [
    {
      fact: 'fler80Framover',
      weight: 0.5,
      passage:
        '3.3: a longer planning horizon and a long-term economic strategy built on sound analyses of the economy',
    },
    {
      fact: 'forsamradOverTid',
      weight: 0.3,
      passage: '3.3: long-termism allows step-by-step change over time; jerkiness gives worse results',
    },
    {
      fact: 'hogSkattesats',
      weight: 0.2,
      passage: '3.3: a focus on the tax level holds costs back and steers towards the long term',
    },
  ],
  budgetprocessen: [
    {
      fact: 'kostnadsokningOverHistorik',
      weight: 0.6,
      passage:
        '3.4: revenues set the frames, not wish lists; jerky budgets (full compensation one year, deep cuts the next) weaken discipline',
    },
    {
      fact: 'snabbKostnadsokning',
      weight: 0.4,
      passage:
        '3.4: start from what the revenues will bring before deciding how much spending fits; a standing yearly efficiency requirement',
    },
  ],
  'jamforelser-och-samverkan': [
    {
      fact: 'storstaGapIKronor',
      weight: 0.6,
      passage:
        '3.5: compare continuously with municipalities in similar conditions and learn their ways of working; chosen sparring partners',
    },
    {
      fact: 'hogKostnadsavvikelse',
      weight: 0.4,
      passage:
        '3.5: compare with municipalities with similar conditions (the cost deviation says the cost is above what the structure motivates)',
    },
  ],
  digitalisering: [
    {
      fact: 'hogHemtjanstkostnad',
      weight: 1,
      passage: '3.6: the interviewed municipalities automate decisions in home care and use keyless home care',
    },
  ],
  // 3.7 names no figure a municipality's key figures could show: procurement is never chosen by the data.
  upphandling: [],
};

/** Facts that may never make a theme pressing (checked by tests/unit/model/theme-rules.test.ts). */
export const NEVER_A_THEME_REASON: FactName[] = [
  'blandDeBasta',
  'saknarOmraden',
  'litenKommun',
  'storKommun',
  'ojamnMellanOmraden',
  'bibliotekUnderMedian',
  'kulturExtrem',
];
