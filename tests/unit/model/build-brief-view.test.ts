/** The brief's view model (issue 16): intervals only from the table, never invented. */
import { describe, expect, it } from 'vitest';
import { buildModelContext, buildMunicipalityReport } from '../../../pipeline/model/index.ts';
import { buildBriefView, NO_INTERVAL } from '../../../pipeline/model/build-brief-view.ts';
import { fixtureInput } from '../../helpers/model-fixture.ts';

/** The fixture with intervals on some rows (made-up numbers, like the fixture itself). */
function contextWithIntervals() {
  const input = fixtureInput();
  input.table = input.table.map((row) =>
    row.kommunkod === '0002'
      ? {
          ...row,
          effektivitetLag: 0.61,
          effektivitetHog: 0.79,
          rangLag: 2,
          rangHog: 5,
          areas: {
            ...row.areas,
            grundskola: { ...row.areas.grundskola, effektivitetLag: 0.72, effektivitetHog: 0.86 },
          },
        }
      : row.kommunkod === '0003'
        ? {
            ...row,
            rangLag: 2,
            rangHog: 2,
            areas: { ...row.areas, grundskola: { ...row.areas.grundskola, ojamforbar: true } },
          }
        : row,
  );
  return buildModelContext(input);
}

describe('buildBriefView', () => {
  const ctx = contextWithIntervals();
  const view = (code: string) => buildBriefView(ctx, buildMunicipalityReport(ctx, code));

  it('shows the table’s intervals for rank, composite and areas', () => {
    const beta = view('0002');
    expect(beta.nyckeltal.rangIntervallText).toBe('plats 2–5 med 95\u00a0% säkerhet');
    expect(beta.nyckeltal.effektivitetIntervallText).toBe('95\u00a0% intervall 61–79\u00a0%');
    expect(beta.omraden[0]!.intervallText).toBe('72–86\u00a0%');
    expect(beta.omraden[1]!.intervallText).toBe(NO_INTERVAL);
    expect(beta.harIntervall).toBe(true);
  });

  it('says "intervall saknas" where the table has none, and never derives one', () => {
    const alfa = view('0001');
    expect(alfa.nyckeltal.rangIntervallText).toBe(NO_INTERVAL);
    expect(alfa.nyckeltal.effektivitetIntervallText).toBe(NO_INTERVAL);
    expect(alfa.omraden.every((area) => area.intervallText === NO_INTERVAL || area.intervallText === '–')).toBe(true);
    expect(alfa.osakerhetText).toContain(NO_INTERVAL);
    // Gamma has a rank interval but no composite interval: only the rank gets one.
    const gamma = view('0003');
    expect(gamma.nyckeltal.rangIntervallText).toBe('plats 2–2 med 95\u00a0% säkerhet');
    expect(gamma.nyckeltal.effektivitetIntervallText).toBe(NO_INTERVAL);
  });

  it('calls a rank interval spanning a third of the country very uncertain', () => {
    expect(view('0002').osakerhetText).toContain('mer än en tredjedel'); // 2–5 of 5
    expect(view('0003').osakerhetText).not.toContain('mer än en tredjedel'); // 2–2 of 5
  });

  it('labels an area that is efficient only for want of comparable municipalities', () => {
    expect(view('0003').omraden[0]!.not).toBe('ingen jämförbar kommun');
    expect(view('0002').omraden[0]!.not).toBe('');
  });

  it('gives each of the three themes one sentence, and says where the full report is', () => {
    const report = buildMunicipalityReport(ctx, '0002');
    const beta = buildBriefView(ctx, report);
    expect(beta.teman.map((t) => t.titel)).toEqual(report.toppteman.map((t) => t.titel));
    beta.teman.forEach((theme, i) => {
      // The reason's first sentence: a prefix of it, ending at a full stop.
      expect(report.toppteman[i]!.skal.startsWith(theme.mening)).toBe(true);
      expect(theme.mening).toMatch(/[.!?]$/);
    });
    const long = buildBriefView(ctx, {
      ...report,
      toppteman: [
        {
          id: 'x',
          titel: 'T',
          relevans: 1,
          skal: 'Er kostnad är 12,5 % över medianen. Andra meningen.',
          fakta: [],
          aktuell: true,
          kortSkal: '',
        },
      ],
    });
    expect(long.teman[0]!.mening).toBe('Er kostnad är 12,5 % över medianen.');
    expect(beta.rapport).toEqual({ fil: '0002-beta.pdf', sida: 'kommun/0002-beta/' });
  });

  it('shows the trend only when the view model has at least two years of history', () => {
    const report = buildMunicipalityReport(ctx, '0002');
    expect(buildBriefView(ctx, report).trend.finns).toBe(false);
    const history = [2019, 2020, 2021, 2022, 2016, 2017, 2018].map((ar) => ({
      ar,
      effektivitet: 0.7,
      rang: 3,
      antal: 5,
    }));
    const trend = buildBriefView(ctx, { ...report, historik: history } as typeof report).trend;
    expect(trend.finns).toBe(true);
    // The last six years, oldest first.
    expect(trend.rader.map((row) => row.ar)).toEqual([2017, 2018, 2019, 2020, 2021, 2022]);
    expect(trend.rader[0]!.rangText).toBe('3 av 5');
  });
});
