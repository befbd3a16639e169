import { describe, expect, it } from 'vitest';
import { compileTemplates, composeReport } from '../../../pipeline/compose/index.ts';
import { planThemes } from '../../../pipeline/compose/compose-themes.ts';
import { escapeMarkdownDeep } from '../../../pipeline/compose/escape-markdown.ts';
import type { AdviceItem } from '../../../pipeline/compose/template-engine.ts';
import { buildMunicipalityReport } from '../../../pipeline/model/index.ts';
import { fixtureCharts, projectTemplates } from '../../helpers/compose-fixture.ts';
import { fixtureContext } from '../../helpers/model-fixture.ts';

const meta = { utgava: '2022 (test)', generator: 'test' };
const CODES = ['0001', '0002', '0003', '0004', '0005'];
const templates = compileTemplates(projectTemplates());

/** Every advice item of every theme as rendered for `report`. */
function allAdvice(report: ReturnType<typeof buildMunicipalityReport>): AdviceItem[] {
  const escaped = escapeMarkdownDeep(report);
  return templates.themes.flatMap((theme) => {
    const items: AdviceItem[] = [];
    theme.render(escaped, { adviceItems: items, shortText: [], chartAlts: {} });
    return items;
  });
}

/** The first sentence of an advice body: enough to recognise it in a twin. */
const firstSentence = (body: string) =>
  body
    .trim()
    .split(/(?<=\.)\s/)[0]!
    .trim();

describe.each([false, true])('tailored themes (intervals %s)', (intervals) => {
  const ctx = fixtureContext({ intervals });

  it.each(CODES)('never prints in full an advice item whose conditions do not hold (%s)', (code) => {
    const report = buildMunicipalityReport(ctx, code);
    const { markdown } = composeReport({ report, templates, charts: fixtureCharts(), meta });
    const advice = allAdvice(report);
    const failing = advice.filter((item) => item.nar.length > 0 && !item.nar.some((name) => report.fakta[name].galler));
    expect(failing.length).toBeGreaterThan(0);
    for (const item of failing) {
      expect(markdown).not.toContain(`#### ${item.titel}`);
      expect(markdown).not.toContain(firstSentence(item.body));
    }
  });

  it.each(CODES)('gives a theme a reason only from facts that hold, never a non-reason (%s)', (code) => {
    const report = buildMunicipalityReport(ctx, code);
    for (const theme of report.teman) {
      if (!theme.aktuell) {
        expect(theme.skal).toBe('');
        continue;
      }
      expect(theme.fakta.length).toBeGreaterThan(0);
      for (const name of theme.fakta) expect(report.fakta[name].galler).toBe(true);
      expect(theme.skal).not.toMatch(/sticker (inte )?ut|Inget av/);
    }
    // Opposite findings never hold together.
    expect(report.fakta.blandDeBasta.galler && report.fakta.langtNer.galler).toBe(false);
    expect(report.fakta.blandDeBasta.galler && report.fakta.underGruppMedian.galler).toBe(false);
    expect(report.fakta.litenKommun.galler && report.fakta.storKommun.galler).toBe(false);
    expect(report.toppteman.every((theme) => theme.aktuell)).toBe(true);
    const plans = planThemes(templates.themes, report.teman, escapeMarkdownDeep(report), {});
    for (const plan of plans) {
      for (const item of plan.full)
        expect(item.nar.length === 0 || item.nar.some((name) => report.fakta[name].galler)).toBe(true);
    }
  });

  it.each(CODES)('writes each reason out once per report (%s)', (code) => {
    const report = buildMunicipalityReport(ctx, code);
    const { markdown } = composeReport({ report, templates, charts: fixtureCharts(), meta });
    let printed = 0;
    for (const fact of Object.values(report.fakta)) {
      if (!fact.galler) continue;
      const count = markdown.split(fact.skal).length - 1;
      expect(count).toBeLessThanOrEqual(1);
      printed += count;
    }
    if (report.toppteman.length > 0) expect(printed).toBeGreaterThan(0);
  });

  it('never tells the best of a group to learn from itself', () => {
    const alfa = buildMunicipalityReport(ctx, '0001');
    expect(alfa.sammanfattning.arGruppensBasta).toBe(true);
    const { markdown } = composeReport({ report: alfa, templates, charts: fixtureCharts(), meta });
    expect(markdown).not.toMatch(/högst effektivitet har Alfa/);
    expect(markdown).not.toMatch(/\| Alfa( \(i handboken\))? \|/);
  });
});
