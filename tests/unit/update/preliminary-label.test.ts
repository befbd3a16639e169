import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTemplates, composeReport } from '../../../pipeline/compose/index.ts';
import { PROJECT_ROOT } from '../../../pipeline/config.ts';
import { buildModelContext, buildMunicipalityReport } from '../../../pipeline/model/index.ts';
import { compileSiteTemplates, renderMunicipalityPage } from '../../../pipeline/publish/index.ts';
import { fixtureCharts, projectTemplates } from '../../helpers/compose-fixture.ts';
import { fixtureInput } from '../../helpers/model-fixture.ts';

const siteDir = path.join(PROJECT_ROOT, 'templates', 'site');
const site = compileSiteTemplates(
  Object.fromEntries(readdirSync(siteDir).map((name) => [name, readFileSync(path.join(siteDir, name), 'utf8')])),
);
const templates = compileTemplates(projectTemplates());

/** The cover kicker and the site page's kicker, for an edition Kolada calls preliminary or not. */
function kickers(preliminar: boolean | undefined): [string, string] {
  const report = buildMunicipalityReport(buildModelContext({ ...fixtureInput(), preliminar }), '0002');
  const composed = composeReport({ report, templates, charts: fixtureCharts(), meta: { utgava: 't', generator: 't' } });
  const page = renderMunicipalityPage(site, {
    report,
    composed,
    charts: {},
    pdf: null,
    baseUrl: null,
    generator: 'g',
    updatedAt: '2025-03-12T10:00:00Z',
  });
  return [
    /<p class="cover-kicker">([^<]*)<\/p>/.exec(composed.html)![1]!,
    /<p class="kicker">([^<]*)<\/p>/.exec(page)![1]!,
  ];
}

describe('"preliminära uppgifter" where the provenance says so', () => {
  it('is printed on the report cover and the site page of a preliminary edition, and nowhere else', () => {
    expect(kickers(true)).toEqual([
      'Effektivitetsrapport · uppgifter för 2022 · preliminära uppgifter',
      'Effektivitetsrapport · uppgifter för 2022 · preliminära uppgifter',
    ]);
    expect(kickers(false)).toEqual([
      'Effektivitetsrapport · uppgifter för 2022',
      'Effektivitetsrapport · uppgifter för 2022',
    ]);
    expect(kickers(undefined)).toEqual([
      'Effektivitetsrapport · uppgifter för 2022',
      'Effektivitetsrapport · uppgifter för 2022',
    ]);
  });
});
