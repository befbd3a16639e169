/**
 * The fact-to-theme map (issue 21) is grounded in the handbook and documented: each link names a
 * passage of the theme's own section, the Swedish table in templates/teman/README.md lists it,
 * and the theme templates keep advice for the best apart from advice for those behind.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTemplates } from '../../../pipeline/compose/index.ts';
import type { AdviceItem } from '../../../pipeline/compose/template-engine.ts';
import { escapeMarkdownDeep } from '../../../pipeline/compose/escape-markdown.ts';
import { PROJECT_ROOT } from '../../../pipeline/config.ts';
import { buildMunicipalityReport } from '../../../pipeline/model/index.ts';
import { NEVER_A_THEME_REASON, THEME_RULES } from '../../../pipeline/model/theme-rules.ts';
import type { FactName } from '../../../pipeline/model/types.ts';
import { projectTemplates } from '../../helpers/compose-fixture.ts';
import { fixtureContext } from '../../helpers/model-fixture.ts';

const templates = compileTemplates(projectTemplates());
const readme = readFileSync(path.join(PROJECT_ROOT, 'templates', 'teman', 'README.md'), 'utf8');

/** Facts for the best and facts for those behind: never in the same `nar`. */
const FOR_THE_BEST = new Set<FactName>(['blandDeBasta']);
const FOR_THOSE_BEHIND = new Set<FactName>([
  'langtNer',
  'underGruppMedian',
  'hogPotentialPerInvanare',
  'grundskolaUnderMedian',
  'gymnasieskolaUnderMedian',
  'aldreomsorgUnderMedian',
  'bibliotekUnderMedian',
  'forsamradOverTid',
]);

describe('the fact-to-theme map', () => {
  it('covers every theme template, and every link names a passage of that theme’s own handbook section', () => {
    expect(Object.keys(THEME_RULES).sort()).toEqual(templates.themes.map((theme) => theme.id).sort());
    for (const theme of templates.themes) {
      const section = /avsnitt (\d\.\d)/.exec(theme.kalla)![1]!;
      for (const link of THEME_RULES[theme.id]!)
        expect(link.passage.startsWith(`${section}`), `${theme.id} → ${link.fact}: ${link.passage}`).toBe(true);
    }
  });

  it('is documented link by link in templates/teman/README.md', () => {
    for (const link of Object.values(THEME_RULES).flat())
      expect(readme, link.fact).toMatch(new RegExp(`\\| \`${link.fact}\``));
    for (const name of NEVER_A_THEME_REASON) expect(readme, name).toContain(`\`${name}\``);
  });

  it('never links a fact that may not choose a theme', () => {
    const linked = Object.values(THEME_RULES)
      .flat()
      .map((link) => link.fact);
    expect(linked.filter((fact) => NEVER_A_THEME_REASON.includes(fact))).toEqual([]);
  });
});

describe('the theme templates', () => {
  const report = buildMunicipalityReport(fixtureContext(), '0001');
  const escaped = escapeMarkdownDeep(report);
  const rendered = templates.themes.map((theme) => {
    const adviceItems: AdviceItem[] = [];
    const shortText: string[] = [];
    theme.render(escaped, { adviceItems, shortText, chartAlts: {} });
    return { theme, adviceItems, shortText };
  });

  it('never give one advice item to both the best and those behind', () => {
    const mixed = rendered.flatMap(({ theme, adviceItems }) =>
      adviceItems
        .filter((item) => item.nar.some((f) => FOR_THE_BEST.has(f)) && item.nar.some((f) => FOR_THOSE_BEHIND.has(f)))
        .map((item) => `${theme.id}/${item.id}`),
    );
    expect(mixed).toEqual([]);
  });

  it('each have a short section of their own with the municipality’s name in it', () => {
    for (const { theme, shortText } of rendered) {
      expect(shortText, theme.id).toHaveLength(1);
      expect(shortText[0]!.split(/(?<=\.)\s/).length, theme.id).toBeGreaterThanOrEqual(2);
      expect(shortText[0], theme.id).toContain(report.kommun.namn);
    }
  });
});
