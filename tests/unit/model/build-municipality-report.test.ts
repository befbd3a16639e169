import { describe, expect, it } from 'vitest';
import { buildMunicipalityReport, FACT_NAMES } from '../../../pipeline/model/index.ts';
import { fixtureContext } from '../../helpers/model-fixture.ts';

describe('buildMunicipalityReport', () => {
  const ctx = fixtureContext();

  it('ranks the municipality in Sweden and in its kommungrupp', () => {
    const beta = buildMunicipalityReport(ctx, '0002');
    expect(beta.sammanfattning.rangText).toBe('4 av 5');
    expect(beta.sammanfattning.gruppRangText).toBe('3 av 3 i kommungruppen Pendlingskommun nära storstad');
    expect(beta.sammanfattning.gruppBastaNamn).toBe('Alfa');
    expect(beta.kommun.slug).toBe('beta');
  });

  it('formats figures the Swedish way', () => {
    const beta = buildMunicipalityReport(ctx, '0002');
    expect(beta.kommun.invanareText).toBe('12\u00a0000');
    expect(beta.sammanfattning.effektivitetText).toMatch(/^\d+\u00a0%$/);
    expect(beta.sammanfattning.potentialText).toMatch(/^\d+,\d\u00a0mnkr$/);
  });

  it('computes every fact with a reason, and the group-median facts from the figures', () => {
    const beta = buildMunicipalityReport(ctx, '0002');
    expect(Object.keys(beta.fakta).sort()).toEqual([...FACT_NAMES].sort());
    // A fact that holds has a finding and a short label; one that does not has nothing to print.
    for (const fact of Object.values(beta.fakta)) {
      if (fact.galler) expect(fact.skal.length).toBeGreaterThan(10);
      if (fact.galler) expect(fact.etikett.length).toBeGreaterThan(5);
      else expect(fact.skal).toBe('');
    }
    expect(beta.fakta.underGruppMedian.galler).toBe(true);
    expect(beta.fakta.litenKommun.galler).toBe(true);
    expect(beta.fakta.grundskolaUnderMedian.skal).toMatch(
      /^I grundskolan är effektiviteten 80\u00a0%, \d+\u00a0procentenheter under kommungruppens median \(90\u00a0%\)\./,
    );
    const alfa = buildMunicipalityReport(ctx, '0001');
    expect(alfa.fakta.underGruppMedian.galler).toBe(false);
    expect(alfa.fakta.blandDeBasta.galler).toBe(true);
  });

  it('marks missing areas and leaves them out', () => {
    const delta = buildMunicipalityReport(ctx, '0004');
    const gymnasium = delta.omraden.find((area) => area.id === 'gymnasieskola')!;
    expect(gymnasium.harData).toBe(false);
    expect(gymnasium.effektivitetText).toBe('saknas');
    expect(delta.fakta.saknarOmraden.galler).toBe(true);
  });

  it('orders the themes by relevance and opens with at most three that something points to', () => {
    const beta = buildMunicipalityReport(ctx, '0002');
    expect(beta.teman).toHaveLength(7);
    expect(beta.toppteman).toEqual(beta.teman.filter((theme) => theme.aktuell).slice(0, 3));
    const scores = beta.teman.map((theme) => theme.relevans);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(beta.teman[0]!.relevans).toBeGreaterThan(0);
  });

  it('applies the 1 % requirement to the net cost of the whole operation', () => {
    const beta = buildMunicipalityReport(ctx, '0002');
    // Beta: 62 000 kr/inv × 12 000 inv = 744 mnkr; 1 % = 7,4 mnkr; after four years 1 − 0,99⁴ = 3,94 % = 29,3 mnkr.
    expect(beta.ettProcent.kostnadsbasText).toBe('744,0\u00a0mnkr');
    expect(beta.ettProcent.perArText).toBe('7,4\u00a0mnkr');
    expect(beta.ettProcent.efterFyraArText).toBe('29,3\u00a0mnkr');
  });

  it('names peers and the best of the group as role models, never itself', () => {
    const beta = buildMunicipalityReport(ctx, '0002');
    const names = beta.forebilder.map((model) => model.namn);
    expect(names).toContain('Alfa');
    expect(names).not.toContain('Beta');
    expect(beta.forebilder.find((model) => model.namn === 'Alfa')!.varfor).toMatch(/bäst i kommungruppen/);
  });
});
