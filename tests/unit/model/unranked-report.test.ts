/** The short report of a municipality with no comparable area (issue 20 point 1): model and compose. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeUnranked, loadUnrankedTemplates } from '../../../pipeline/compose/compose-unranked.ts';
import { PROJECT_ROOT } from '../../../pipeline/config.ts';
import { buildModelContext, buildUnrankedReport } from '../../../pipeline/model/index.ts';
import { fixtureInput } from '../../helpers/model-fixture.ts';

const TEMPLATES = loadUnrankedTemplates(path.join(PROJECT_ROOT, 'templates'), PROJECT_ROOT);
const META = { utgava: '2022 (test)', generator: 'test' };
const SAKNAS = {
  grundskola: 'kostnad_saknas',
  gymnasieskola: 'ej_egen_regi',
  aldreomsorg: 'resultat_saknas',
  bibliotek: 'volym_saknas',
};

/** The fixture with Delta (0004) unranked: its row leaves the ranked table. */
function context(name?: string) {
  const input = fixtureInput(name ? { name: { '0004': name } } : {});
  return buildModelContext({ ...input, table: input.table.filter((row) => row.kommunkod !== '0004') });
}

describe('buildUnrankedReport and composeUnranked', () => {
  const ctx = context();
  const view = buildUnrankedReport(ctx, { kommunkod: '0004', ar: 2022, saknas: SAKNAS });
  const report = composeUnranked(view, TEMPLATES, 'report', META);

  it('says why each area could not be compared, with the full report’s reason sentences', () => {
    expect(view.omraden.map((a) => a.id)).toEqual(['grundskola', 'gymnasieskola', 'aldreomsorg', 'bibliotek']);
    expect(report.markdown).toContain('Kolada har ingen kostnad per elev eller brukare för grundskolan i Delta');
    expect(report.markdown).toContain('Delta driver enligt Kolada ingen egen gymnasieskola');
    expect(report.markdown).toContain('Kolada saknar resultatmåtten för äldreomsorgen i Delta');
    expect(report.markdown).toContain('Kolada saknar antalet elever eller brukare för biblioteken i Delta');
  });

  it('counts the ranked municipalities only, and prints no rank or figure of the comparison', () => {
    expect(view.antalRankade).toBe(4);
    expect(report.markdown).toContain('Rangordningen omfattar de 4 kommuner');
    expect(report.markdown).not.toMatch(/plats \d+ av|\d+ av \d+|mnkr|%/);
  });

  it('gives every theme of the edition in short general form', () => {
    expect(view.teman.map((t) => t.id)).toEqual(ctx.input.themes.map((t) => t.id));
    for (const theme of ctx.input.themes) expect(report.markdown).toContain(`**${theme.titel}.**`);
  });

  it('has a brief with the same reasons', () => {
    const brief = composeUnranked(view, TEMPLATES, 'brief', META);
    expect(brief.html).toContain('Kortversion');
    expect(brief.markdown).toContain('Delta driver enligt Kolada ingen egen gymnasieskola');
  });

  it('escapes a hostile name in the Markdown twin and the HTML', () => {
    const hostile = buildUnrankedReport(context('Delta *fet* <b>x</b>'), {
      kommunkod: '0004',
      ar: 2022,
      saknas: SAKNAS,
    });
    const composed = composeUnranked(hostile, TEMPLATES, 'report', META);
    expect(composed.html).not.toContain('<b>x</b>');
    expect(composed.html).not.toContain('<em>fet</em>');
    expect(composed.markdown).toContain('\\*fet\\*');
  });
});
