/**
 * Language checks over the Markdown twins of all 290 municipalities, composed in memory from
 * the shipped data (no Chromium): genitives, doubled words, sentence-initial digits, leftover
 * template syntax, product-name genitives, jargon, amounts to the krona in prose, and that no
 * advice whose conditions do not hold is printed in full.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { genitive } from '../../../pipeline/format/index.ts';
import { composeTwinsWithReports, composeUnrankedTwins, type Twin } from '../../../scripts/compose-twins.ts';
import { proseSentences } from '../../../scripts/shared-sentences.ts';

let twins: Map<string, Twin>;

beforeAll(async () => {
  twins = await composeTwinsWithReports();
}, 300_000);

/** Prose lines: no tables, headings or images (tables hold figures, not sentences). */
const prose = (markdown: string) =>
  markdown
    .split('\n')
    .filter((line) => !/^\s*(\||#|!\[)/.test(line))
    .join('\n');

function offenders(check: (twin: Twin, code: string) => string[]): string[] {
  return [...twins].flatMap(([code, twin]) => check(twin, code).map((hit) => `${code}: ${hit}`)).slice(0, 10);
}

describe('the 290 Markdown twins', () => {
  it('compose for every municipality: the ranked reports and the unranked short ones', async () => {
    const unranked = await composeUnrankedTwins();
    expect(twins.size + unranked.size).toBe(290);
    expect([...unranked.keys()].filter((code) => twins.has(code))).toEqual([]);
    // The short reports hold no leftover template syntax or doubled words either.
    for (const [code, markdown] of unranked) {
      expect(markdown, code).not.toMatch(/\{\{|\}\}|\{[a-zåäö]+\}/i);
      expect(markdown, code).not.toMatch(/(?<![\p{L}\d])([\p{L}]{2,})\s+\1(?![\p{L}])/iu);
    }
  }, 300_000);

  it('form genitives of names ending in s, x or z without another s', () => {
    expect(
      offenders((twin) => {
        const name = twin.report.kommun.namn;
        if (!/[sxz]$/i.test(name)) return [];
        return twin.markdown.includes(`${name}s `) ? [`${name}s`] : [];
      }),
    ).toEqual([]);
    expect(genitive('Västerås')).toBe('Västerås');
  });

  it('have no doubled words', () => {
    expect(
      offenders((twin) =>
        [...prose(twin.markdown).matchAll(/(?<![\p{L}\d])([\p{L}]{2,})\s+\1(?![\p{L}])/giu)].map((m) => m[0]),
      ),
    ).toEqual([]);
  });

  it('start no sentence with a digit', () => {
    expect(
      offenders((twin) =>
        proseSentences(twin.markdown)
          .filter((s) => /^[\d−-]/.test(s))
          .map((s) => s.slice(0, 60)),
      ),
    ).toEqual([]);
  });

  it('have no leftover template syntax', () => {
    expect(offenders((twin) => (twin.markdown.match(/\{\{|\}\}/g) ?? []).map(() => 'template syntax'))).toEqual([]);
  });

  it('use no product-name genitive and no jargon without a plain word', () => {
    expect(offenders((twin) => twin.markdown.match(/kommunrapports|\bproxy\b|inputorienterad/gi) ?? [])).toEqual([]);
  });

  it('use no group name as a place', () => {
    expect(
      offenders((twin) => {
        const group = twin.report.kommun.kommungrupp;
        return prose(twin.markdown).includes(` i ${group}`) ? [` i ${group}`] : [];
      }),
    ).toEqual([]);
  });

  it('give no amount to the krona in prose', () => {
    // More than three significant digits before "kr" in running text (tables may hold exact figures).
    const significant = (amount: string) => amount.replace(/\D/g, '').replace(/0+$/, '').length;
    expect(
      offenders((twin) =>
        (prose(twin.markdown).match(/\b\d{1,3}(?:\u00a0\d{3})+\u00a0kr\b/g) ?? []).filter(
          (amount) => significant(amount) > 3,
        ),
      ),
    ).toEqual([]);
  });

  it('never print in full an advice item whose conditions do not hold, nor a theme reason that does not hold', () => {
    expect(
      offenders((twin) => {
        const hits: string[] = [];
        // With no theme pointed to, the handbook's first two are printed (without a reason).
        if (!twin.report.teman.some((theme) => theme.aktuell)) return hits;
        for (const theme of twin.report.teman) {
          if (theme.aktuell && theme.fakta.some((name) => !twin.report.fakta[name].galler))
            hits.push(`theme ${theme.id}`);
          // Every theme has a section; one nothing material points to is short (no advice items).
          const section =
            twin.markdown
              .split(/\n(?=### \d\. )/)
              .find((part) => part.startsWith('### ') && part.split('\n')[0]!.endsWith(`. ${theme.titel}`)) ?? '';
          if (!theme.aktuell && section.includes('\n#### ')) hits.push(`theme ${theme.id} printed in full`);
        }
        return hits;
      }),
    ).toEqual([]);
  });

  it('never name the municipality as its own peer or role model', () => {
    expect(
      offenders((twin) => {
        const { report } = twin;
        const own = report.kommun.kod;
        const hits = report.forebilder.filter((m) => m.kommunkod === own).map(() => 'role model');
        for (const area of report.omraden)
          hits.push(...area.jamforelseRader.filter((p) => p.kommunkod === own).map(() => `peer in ${area.id}`));
        if (
          report.sammanfattning.arGruppensBasta &&
          twin.markdown.includes(`högst effektivitet har ${report.kommun.namn}`)
        )
          hits.push('best of group told about itself');
        return hits;
      }),
    ).toEqual([]);
  });

  it('never compare Gotland’s tax with municipal taxes', () => {
    const gotland = twins.get('0980')!;
    expect(gotland.report.fakta.hogSkattesats.galler).toBe(false);
    expect(gotland.markdown).not.toMatch(/skattesatsen \d{4} var/i);
  });

  it('name a structure figure as the reason for the adjustment only when it points the same way', () => {
    // "blir X:s effektivitet … högre än utan" = harder conditions: a share of parents with higher
    // education below the national median (by at least 10 %); "ser … effektivare ut" = easier.
    let named = 0;
    const wrong = offenders((twin) => {
      const text = twin.markdown.replace(/\u00a0/g, ' ');
      const figure =
        /där andelen elever med eftergymnasialt utbildade föräldrar är (\d+) % mot (\d+) % i landets median/.exec(text);
      if (!figure) return [];
      named += 1;
      const [own, national] = [Number(figure[1]), Number(figure[2])];
      const harder = /Med hänsyn till strukturen blir .* högre än utan/.test(text);
      const ok = harder ? own <= national * 0.9 + 0.5 : own >= national * 1.1 - 0.5;
      return ok ? [] : [`${own} % mot ${national} % (${harder ? 'harder' : 'easier'})`];
    });
    expect(wrong).toEqual([]);
    expect(named).toBeGreaterThan(10);
  });
});
