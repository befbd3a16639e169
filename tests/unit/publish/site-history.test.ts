import { describe, expect, it } from 'vitest';
import { compileTemplates, composeReport } from '../../../pipeline/compose/index.ts';
import { buildHistoryChart } from '../../../pipeline/compose/history-chart.ts';
import { buildModelContext, buildMunicipalityReport } from '../../../pipeline/model/index.ts';
import { renderMunicipalityPage } from '../../../pipeline/publish/index.ts';
import { fixtureCharts, projectTemplates } from '../../helpers/compose-fixture.ts';
import { fixtureContext, fixtureInput } from '../../helpers/model-fixture.ts';
import { fixturePanel } from '../../helpers/panel-fixture.ts';
import { pageOptions, projectSiteTemplates } from '../../helpers/site-fixture.ts';

const site = projectSiteTemplates();

function page(withHistory: boolean): string {
  const ctx = withHistory ? buildModelContext({ ...fixtureInput(), history: fixturePanel() }) : fixtureContext();
  const report = buildMunicipalityReport(ctx, '0001');
  const charts = { ...fixtureCharts(), ...(withHistory ? { utveckling: buildHistoryChart(report) } : {}) };
  const composed = composeReport({
    report,
    templates: compileTemplates(projectTemplates()),
    charts,
    meta: { utgava: 't', generator: 't' },
  });
  return renderMunicipalityPage(site, pageOptions({ report, composed, charts }));
}

describe('the municipality page and the history', () => {
  it('shows the history chart and links its own rows, not the national tables (issue 22)', () => {
    const html = page(true);
    expect(html).toContain('Sammanvägd effektivitet över tid: Alfa');
    expect(html).toContain('Kommunens siffror, med åren och produktivitetsförändringen, som tabell');
    expect(html).toContain('href="kommunrapport-0001-alfa-excel.csv"');
    expect(html).toContain('href="kommunrapport-0001-alfa.csv"');
    expect(html).not.toContain('data/effektivitet-historik.csv');
    expect(html).not.toContain('data/malmquist.csv');
  });

  it('without a panel, links its own rows without mentioning the years', () => {
    const html = page(false);
    expect(html).toContain('href="kommunrapport-0001-alfa.csv"');
    expect(html).not.toContain('med åren');
    expect(html).not.toContain('Utveckling över tid');
  });
});
