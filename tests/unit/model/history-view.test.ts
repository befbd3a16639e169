import { describe, expect, it } from 'vitest';
import { buildModelContext, buildMunicipalityReport } from '../../../pipeline/model/index.ts';
import { malmquistSentence } from '../../../pipeline/model/build-history-view.ts';
import { compileTemplates, composeReport } from '../../../pipeline/compose/index.ts';
import { buildHistoryChart } from '../../../pipeline/compose/history-chart.ts';
import { fixtureInput } from '../../helpers/model-fixture.ts';
import { fixturePanel, PANEL_RANKS } from '../../helpers/panel-fixture.ts';
import { fixtureCharts, projectTemplates } from '../../helpers/compose-fixture.ts';

const ctxWith = (rho = 0.8) => buildModelContext({ ...fixtureInput(), history: fixturePanel(rho) });
const chapter = (markdown: string) =>
  markdown.slice(
    markdown.indexOf('## Utveckling över tid'),
    markdown.indexOf('\n## ', markdown.indexOf('## Utveckling över tid') + 5),
  );

describe('the chapter "Utveckling över tid" agrees with the history table', () => {
  it('an improver beyond the noise: says improved, with the common-frontier levels of the table', () => {
    const report = buildMunicipalityReport(ctxWith(), '0001');
    const view = report.utveckling!;
    expect(view.riktning).toBe('battre');
    expect(view.trendText).toContain('förbättrats från 75\u00a0% år 2019 till 95\u00a0% år 2022, +27\u00a0%');
    expect(view.trendText).toContain('större än osäkerheten');
    // 2021 lacks äldreomsorg, which Alfa has in 2022: that year is not comparable and shows –.
    expect(view.ar.map((y) => y.effektivitetText)).toEqual(['75\u00a0%', '80\u00a0%', '–', '95\u00a0%']);
    // The own-frontier ranks stay in the view (stability words) but are not printed in the chapter.
    expect(view.ar.map((y) => y.rang)).toEqual(PANEL_RANKS['0001']);
    expect(report.fakta.forsamradOverTid.galler).toBe(false);
    expect(view.malmquist[0]!.text).toBe(
      'Produktiviteten i grundskolan ökade med 6\u00a0% mellan 2019 och 2022: 4 procentenheter för att ni närmat er de bästa, 2 procentenheter för att de bästa blivit bättre.',
    );
  });

  it('a decliner: says worsened, and the trend raises long-termism (one theme per finding)', () => {
    const report = buildMunicipalityReport(ctxWith(), '0002');
    const view = report.utveckling!;
    expect(view.riktning).toBe('samre');
    expect(view.trendText).toContain('försämrats från 95\u00a0% år 2019 till 75\u00a0% år 2022');
    expect(report.fakta.forsamradOverTid).toMatchObject({ galler: true });
    expect(report.fakta.forsamradOverTid.skal).toContain('plan över flera budgetår');
    const without = buildMunicipalityReport(buildModelContext(fixtureInput()), '0002');
    const relevance = (r: typeof report, id: string) => r.teman.find((t) => t.id === id)!.relevans;
    expect(relevance(report, 'langsiktighet')).toBeGreaterThan(relevance(without, 'langsiktighet'));
    expect(view.malmquist[0]!.text).toMatch(
      /^Produktiviteten i grundskolan minskade med 10\u00a0% mellan 2019 och 2022: 15 procentenheter för att ni halkat efter de bästa, 5 procentenheter för att de bästa blivit bättre\.$/,
    );
    // Unit cost grew 5 % a year against the median's 3 %: above the 1 % path, said so.
    expect(view.enhetskostnader[0]!.text).toContain('över 1 %-banan');
    expect(view.enhetskostnader[0]!.egenForandringText).toBe('+5,0\u00a0%');
  });

  it('a municipality with a gap: the year stays missing in table, text and chart', () => {
    const ctx = ctxWith();
    const report = buildMunicipalityReport(ctx, '0003');
    const view = report.utveckling!;
    const gap = view.ar.find((y) => y.ar === 2020)!;
    expect(gap).toMatchObject({ effektivitet: null, effektivitetText: '–', rangText: 'saknas' });
    expect(gap.anmarkning).toContain('uppgifter saknas för er');
    expect(view.luckorText).toContain('2020 saknas uppgifter för Gamma');
    expect(view.luckorText).toContain('Inget värde har fyllts i från ett annat år');
    expect(view.riktning).toBe('oforandrad');
    expect(view.trendText).toContain('inte rört sig mer än osäkerheten');
    expect(view.trendText).not.toMatch(/förändrats|förbättrats|försämrats/);
    expect(view.harMalmquist).toBe(false);
    const chart = buildHistoryChart(report);
    expect(chart.alt).toContain('2020: uppgift saknas');
    // The own line (orange) is not bridged over 2020 nor over 2021 (not comparable): no segment.
    const own = [...chart.svg.matchAll(/<polyline points="([^"]+)"[^>]*stroke="#c2410c"/g)].map(
      (m) => m[1]!.split(' ').length,
    );
    expect(own).toEqual([]);
  });

  it('says the yearly values are mostly noise when the rank correlation is below 0.5, and shows no rank column', () => {
    const ctx = ctxWith(0.3);
    const report = buildMunicipalityReport(ctx, '0001');
    expect(report.utveckling!.visaRang).toBe(false);
    expect(report.utveckling!.rangkorrelationText).toContain('till största delen är brus');
    expect(report.utveckling!.trendText).not.toContain('plats');
    expect(buildMunicipalityReport(ctx, '0002').fakta.forsamradOverTid.galler).toBe(false);
    const templates = compileTemplates(projectTemplates());
    const charts = { ...fixtureCharts(), utveckling: buildHistoryChart(report) };
    const text = chapter(composeReport({ report, templates, charts, meta: { utgava: 'x', generator: 'y' } }).markdown);
    expect(text).toContain('brus');
    expect(text).not.toContain('Plats i Sverige');
  });

  it('is composed into the report with the common-frontier level per year', () => {
    const ctx = ctxWith();
    const report = buildMunicipalityReport(ctx, '0001');
    const templates = compileTemplates(projectTemplates());
    const charts = { ...fixtureCharts(), utveckling: buildHistoryChart(report) };
    const composed = composeReport({ report, templates, charts, meta: { utgava: 'x', generator: 'y' } });
    expect(composed.toc.map((e) => e.title)).toContain('Utveckling över tid');
    const text = chapter(composed.markdown);
    // Years are columns: the 2019 column holds 75 %; no yearly rank.
    expect(text).toMatch(/\| År +\| 2019 \| 2020 \| +2021 \| 2022 \|/);
    expect(text).toMatch(/\| Sammanvägd effektivitet \| 75\u00a0% \|/);
    expect(text).not.toContain('Plats i Sverige');
    expect(text).toContain('2021 saknas äldreomsorg');
    // The Malmquist change and its split into catching up (+4) and the frontier (+2).
    expect(text).toMatch(/\| Grundskola \| +\+6\u00a0% \(2019–2022\) \| +\+4 \| +\+2 \|/);
    expect(composed.bodyHtml).toContain('Sammanvägd effektivitet över tid: Alfa');
  });

  it('reads a flat Malmquist as unchanged, and one within its noise as no change', () => {
    expect(
      malmquistSentence({
        omrade: 'bibliotek',
        franAr: 2015,
        tillAr: 2022,
        malmquist: 1.002,
        effektivitetsforandring: 1.01,
        tekniskForandring: 1.002 / 1.01,
        utanforBrus: false,
      }),
    ).toBe('Produktiviteten i biblioteken var i stort sett oförändrad mellan 2015 och 2022.');
    expect(
      malmquistSentence({
        omrade: 'bibliotek',
        franAr: 2015,
        tillAr: 2022,
        malmquist: 1.08,
        effektivitetsforandring: 1.01,
        tekniskForandring: 1.08 / 1.01,
        utanforBrus: false,
      }),
    ).toBe('Produktiviteten i biblioteken rörde sig inte mer än osäkerheten mellan 2015 och 2022 (+8\u00a0%).');
  });
});
