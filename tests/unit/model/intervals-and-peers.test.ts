import { describe, expect, it } from 'vitest';
import {
  formatAmountRounded,
  formatAmountRounded as fmt,
  genitive,
  joinSv,
  roundSignificant,
} from '../../../pipeline/format/index.ts';
import { AREAS } from '../../../pipeline/load/types.ts';
import { buildModelContext, buildMunicipalityReport } from '../../../pipeline/model/index.ts';
import { fixtureContext, fixtureInput } from '../../helpers/model-fixture.ts';

const CODES = ['0001', '0002', '0003', '0004', '0005'];

describe('Swedish helpers', () => {
  it('forms genitives without a doubled s, x or z', () => {
    expect(genitive('Täby')).toBe('Täbys');
    expect(genitive('Västerås')).toBe('Västerås');
    expect(genitive('Borås')).toBe('Borås');
    expect(genitive('Kalix')).toBe('Kalix');
    expect(genitive('Nyköping')).toBe('Nyköpings');
  });

  it('joins lists with "och"', () => {
    expect(joinSv([])).toBe('');
    expect(joinSv(['a'])).toBe('a');
    expect(joinSv(['a', 'b'])).toBe('a och b');
    expect(joinSv(['a', 'b', 'c'])).toBe('a, b och c');
    expect(joinSv(['a', 'b'], 'eller')).toBe('a eller b');
  });

  it('rounds amounts for prose', () => {
    expect(roundSignificant(838_256, 2)).toBe(840_000);
    expect(formatAmountRounded(838_256)).toBe('840\u00a0000\u00a0kr');
    expect(fmt(51_812_345)).toBe('52\u00a0mnkr');
    expect(fmt(1_234_567_890)).toBe('1,2\u00a0mdkr');
  });
});

describe('interval text against the efficiency table', () => {
  const input = fixtureInput({ intervals: true });
  const ctx = fixtureContext({ intervals: true });

  it.each(CODES)('prints the rank interval and the potential range of the table for %s', (code) => {
    const row = input.table.find((r) => r.kommunkod === code)!;
    const report = buildMunicipalityReport(ctx, code);
    expect(report.sammanfattning.harIntervall).toBe(true);
    expect(report.sammanfattning.rangIntervallText).toBe(
      `med 95\u00a0% säkerhet mellan plats ${row.rangLag} och ${row.rangHog}`,
    );
    expect(row.rangLag!).toBeLessThanOrEqual(row.rang);
    // The printed range is the table's: Σ (1 − θ_hög) × cost … Σ (1 − θ_låg) × cost.
    const areas = AREAS.map((a) => row.areas[a]).filter((a) => a.effektivitet !== null);
    const low = areas.reduce((s, a) => s + (1 - Math.min(a.effektivitetHog!, 1)) * a.kostnadKr!, 0);
    const high = areas.reduce((s, a) => s + (1 - a.effektivitetLag!) * a.kostnadKr!, 0);
    const text = report.sammanfattning.potentialIntervallText;
    expect(text).toContain(fmt(high));
    if (low > 0) expect(text).toContain(fmt(low).split('\u00a0')[0]!);
    for (const area of report.omraden.filter((a) => a.harData)) {
      const a = row.areas[area.id];
      expect(area.effektivitetIntervallText).toBe(
        `${Math.round(a.effektivitetLag! * 100)}–${Math.round(a.effektivitetHog! * 100)}\u00a0%`,
      );
    }
  });

  it('tells a municipality whose interval spans a third of the country that its rank is not precise', () => {
    const delta = buildMunicipalityReport(ctx, '0004');
    expect(delta.sammanfattning.bredIntervall).toBe(true);
    expect(delta.sammanfattning.osakerhetText).toMatch(/mer än en tredjedel av landets kommuner/);
    const gamma = buildMunicipalityReport(ctx, '0003');
    expect(gamma.sammanfattning.bredIntervall).toBe(false);
    expect(gamma.sammanfattning.osakerhetText).not.toMatch(/tredjedel/);
  });

  it('says "intervall saknas" when the table has no intervals, never inventing one', () => {
    const plain = fixtureContext();
    for (const code of CODES) {
      const report = buildMunicipalityReport(plain, code);
      expect(report.sammanfattning.harIntervall).toBe(false);
      expect(report.sammanfattning.rangIntervallText).toBe('intervall saknas');
      expect(report.sammanfattning.potentialIntervallText).toBe('intervall saknas');
      for (const area of report.omraden) expect(area.effektivitetIntervallText).toBe('intervall saknas');
      expect(report.sammanfattning.harOjusterad).toBe(false);
    }
  });

  it('puts adjusted and unadjusted side by side with one reason', () => {
    const gamma = buildMunicipalityReport(ctx, '0003');
    expect(gamma.sammanfattning.harOjusterad).toBe(true);
    expect(gamma.sammanfattning.ojusteradSkal).toMatch(
      /^Med hänsyn till strukturen blir Gammas effektivitet 4\u00a0procentenheter högre/,
    );
    const beta = buildMunicipalityReport(ctx, '0002');
    expect(beta.sammanfattning.ojusteradSkal).toMatch(/ändrar nästan ingenting för Beta/);
  });

  it('labels an area that is efficient only for lack of comparable municipalities', () => {
    const alfa = buildMunicipalityReport(ctx, '0001');
    const care = alfa.omraden.find((a) => a.id === 'aldreomsorg')!;
    expect(care.ojamforbar).toBe(true);
    expect(care.inledning).toMatch(/ingen jämförbar kommun finns/);
    expect(care.inledning).toMatch(/inte läsas som att Alfa är bäst i landet/);
    expect(care.malText).toBe('');
    expect(alfa.sammanfattning.ojamforbaraText).toBe('äldreomsorg');
  });

  it('never prints a rank for an area without a comparable municipality, nor names it best in the group (dea-spec §11)', () => {
    const care = buildMunicipalityReport(ctx, '0001').omraden.find((a) => a.id === 'aldreomsorg')!;
    expect(care.rangText).toBe('ingen jämförbar kommun');
    expect(care.gruppBastaNamn).not.toBe('Alfa');
    // The others' ranks count only comparable municipalities: Gamma (0.95) is first of four.
    const gamma = buildMunicipalityReport(ctx, '0003').omraden.find((a) => a.id === 'aldreomsorg')!;
    expect(gamma.rangText).toBe('1 av 4');
    expect(gamma.gruppBastaNamn).toBe('Gamma');
  });
});

describe('peers and targets', () => {
  const ctx = fixtureContext({ intervals: true });

  it.each(CODES)('never names %s as its own peer or role model', (code) => {
    const report = buildMunicipalityReport(ctx, code);
    expect(report.forebilder.map((m) => m.kommunkod)).not.toContain(code);
    for (const area of report.omraden) {
      expect(area.jamforelse.map((p) => p.kommunkod)).not.toContain(code);
      expect(area.jamforelseRader.map((p) => p.kommunkod)).not.toContain(code);
      expect(area.jamforelseRader.length).toBeLessThanOrEqual(8);
    }
    if (report.sammanfattning.arGruppensBasta)
      expect(report.forebilder.every((m) => !/bäst i kommungruppen/i.test(m.varfor))).toBe(true);
  });

  it('gives the target in the municipality’s own units: θ × cost per unit', () => {
    const beta = buildMunicipalityReport(ctx, '0002');
    const school = beta.omraden.find((a) => a.id === 'grundskola')!;
    // Beta: 91 200 kr per elev × θ 0,8 = 72 960 → "73 000 kr".
    expect(school.malText).toBe(
      'samma resultat för omkring 73\u00a0000\u00a0kr per elev i stället för 91\u00a0000\u00a0kr',
    );
    expect(school.kostnad!.egenText).toBe('91\u00a0000\u00a0kr');
  });

  it('names the handbook’s interviewed municipalities of the group, and recognises the reader', () => {
    const input = fixtureInput();
    // Täby's and Danderyd's codes for two fixture municipalities of the same group.
    input.municipalities[0]!.kommunkod = '0160';
    input.table[0]!.kommunkod = '0160';
    input.municipalities[2]!.kommunkod = '0162';
    input.table[2]!.kommunkod = '0162';
    for (const row of input.table) for (const a of AREAS) row.areas[a].jamforelse = [];
    input.keyFigures.set('0160', input.keyFigures.get('0001')!);
    input.keyFigures.set('0162', input.keyFigures.get('0003')!);
    const ctx2 = buildModelContext(input);
    const first = buildMunicipalityReport(ctx2, '0160');
    expect(first.handboken.intervjuad).toBe(true);
    expect(first.handboken.gruppensText).toBe('Gamma');
    const beta = buildMunicipalityReport(ctx2, '0002');
    expect(beta.handboken.intervjuad).toBe(false);
    expect(beta.handboken.gruppensText).toBe('Alfa och Gamma');
  });
});
