/**
 * Words that follow the numbers (issue 21), checked over the Markdown twins of all 290
 * municipalities composed in memory as a build composes them (bootstrap intervals, yearly panel):
 * certainty words by the rank interval's width, stability words by the measured yearly movement,
 * the number of areas from the data, every missing area with its reason, the share of net cost
 * the compared areas cover, the potential defined as what it is, the handbook's 1 % in kronor,
 * all seven themes with each reason said once, and no theme chosen by a figure that may not choose one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AREA_DEFINITE, AREAS } from '../../../pipeline/load/types.ts';
import { NEVER_A_THEME_REASON } from '../../../pipeline/model/theme-rules.ts';
import { composeTwinsWithReports, type Twin } from '../../../scripts/compose-twins.ts';
import { loadPanel } from '../../../pipeline/run/cached-panel.ts';
import type { PanelResult } from '../../../pipeline/analyse/panel/types.ts';
import { defaultConfig, PROJECT_ROOT } from '../../../pipeline/config.ts';
import path from 'node:path';

let twins: Map<string, Twin>;
/** The yearly panel the twins were composed with (the same cache): which areas each year's composite counts. */
let panel: PanelResult;

beforeAll(async () => {
  twins = await composeTwinsWithReports();
  panel = await loadPanel(path.join(PROJECT_ROOT, 'data'), defaultConfig().cacheDir);
}, 600_000);

const text = (twin: Twin) => twin.markdown.replace(/\u00a0/g, ' ');
/** The Markdown between a `## heading` and the next one. */
const chapter = (twin: Twin, heading: string) => {
  const md = text(twin);
  const start = md.indexOf(`## ${heading}`);
  if (start < 0) return '';
  const end = md.indexOf('\n## ', start + 3);
  return md.slice(start, end < 0 ? undefined : end);
};
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const NUMBER_WORDS = ['inga', 'ett', 'två', 'tre', 'fyra'];

function offenders(check: (twin: Twin, code: string) => string[]): string[] {
  return [...twins].flatMap(([code, twin]) => check(twin, code).map((hit) => `${code}: ${hit}`)).slice(0, 10);
}

describe('words that follow the numbers, over the 290 twins', () => {
  it('say "rimligt säker" only for a rank interval at most a tenth of the country wide', () => {
    let certain = 0;
    const wrong = offenders((twin) => {
      const md = text(twin);
      const interval = /hamnade .+? mellan plats (\d+) och (\d+)\./.exec(md);
      if (!interval) return [];
      const width = Number(interval[2]) - Number(interval[1]) + 1;
      const says = md.includes('rimligt säker');
      if (says) certain += 1;
      // A tenth of the ranked municipalities.
      const tenth = twins.size / 10;
      return says && width > tenth
        ? [`rimligt säker at width ${width}`]
        : !says && width <= tenth
          ? [`not certain at width ${width}`]
          : [];
    });
    expect(wrong).toEqual([]);
    expect(certain).toBeGreaterThan(10);
    expect(text(twins.get('0180')!)).not.toContain('rimligt säker');
  });

  it('use stability words by the measured year-to-year movement of the rank', () => {
    let stable = 0;
    const wrong = offenders((twin) => {
      const md = text(twin);
      const hits = md.includes('Placeringarna är ganska stabila') ? ['the old blanket sentence'] : [];
      const said =
        /Placeringen för .+? (är stabil|rör sig en del|rör sig mycket): i mittenfallet flyttade den (\d+) platser/.exec(
          md,
        );
      const years = twin.report.utveckling?.ar ?? [];
      // A move is measured only between consecutive years whose composites count the same areas.
      const areas = (ar: number) =>
        panel.history.find((r) => r.kommunkod === twin.report.kommun.kod && r.ar === ar)?.omraden.join(',');
      const moves = years
        .slice(1)
        .flatMap((y, i) =>
          y.rang !== null && years[i]!.rang !== null && y.ar === years[i]!.ar + 1 && areas(y.ar) === areas(years[i]!.ar)
            ? [Math.abs(y.rang - years[i]!.rang!)]
            : [],
        );
      if (!said)
        return twin.report.utveckling && !twin.report.utveckling.brus && moves.length > 0
          ? [...hits, 'no stability sentence']
          : hits;
      const measured = median(moves);
      const [word, places] = [said[1], Number(said[2])];
      if (Math.abs(measured - places) > 0.5) hits.push(`says ${places} places, measured ${measured}`);
      const expected = measured <= 10 ? 'är stabil' : measured <= 30 ? 'rör sig en del' : 'rör sig mycket';
      if (word === 'är stabil') stable += 1;
      if (word !== expected) hits.push(`"${word}" at ${measured} places a year`);
      return hits;
    });
    expect(wrong).toEqual([]);
    expect(stable).toBeGreaterThan(0);
    expect(stable).toBeLessThan(290);
  });

  it('count the compared areas from the data, never "de fyra" when fewer are covered', () => {
    expect(
      offenders((twin) => {
        const covered = AREAS.filter((area) => twin.report.omraden.find((a) => a.id === area)?.harData).length;
        const said = [...text(twin).matchAll(/\bde (två|tre|fyra) (?:jämförda |mätta )?verksamhet/g)].map((m) => m[1]!);
        return said
          .filter((word) => word !== NUMBER_WORDS[covered])
          .map((word) => `"de ${word}" with ${covered} areas`);
      }),
    ).toEqual([]);
  });

  it('give every missing area its reason in the chapter on the areas', () => {
    let missing = 0;
    expect(
      offenders((twin) => {
        const areas = chapter(twin, 'Verksamheterna i kronor').split('\n### ')[0]!;
        return twin.report.omraden
          .filter((a) => !a.harData)
          .flatMap((a) => {
            missing += 1;
            const definite = AREA_DEFINITE[a.id];
            return new RegExp(`(jämförs inte|räcker inte till en jämförelse)`).test(areas) &&
              areas.includes(definite) &&
              !areas.includes(`Underlag saknas för ${definite}`)
              ? []
              : [`${a.id} without a reason`];
          });
      }),
    ).toEqual([]);
    expect(missing).toBeGreaterThan(100);
    expect(chapter(twins.get('0880')!, 'Verksamheterna i kronor')).toContain('gymnasieförbund');
  });

  it('say which share of the net cost the compared areas cover, and which net cost', () => {
    expect(
      offenders((twin) => {
        const md = chapter(twin, 'Verksamheterna i kronor');
        const share =
          /kostade omkring .+? \d{4}\. Det är (\d+) % av (?:kommunens|\S+ ) ?nettokostnad för den skattefinansierade verksamheten, omkring .+? \(Koladas nettokostnad för egentlig verksamhet/.exec(
            md,
          );
        if (!share) return ['no share of net cost'];
        const value = Number(share[1]);
        return value >= 10 && value <= 80 ? [] : [`share ${value} %`];
      }),
    ).toEqual([]);
    // The potential's share is of the compared areas, never read as a share of the budget.
    expect(
      offenders((twin) =>
        /av kostnaden i verksamheterna/.test(text(twin)) ? ['share of "the cost" without saying which'] : [],
      ),
    ).toEqual([]);
  });

  it('define the potential as the gap between today’s cost and the cost at the frontier', () => {
    expect(
      offenders((twin) => {
        const box = /> \*\*Så ska siffrorna läsas\.\*\*.*/.exec(text(twin))?.[0] ?? '';
        const hits: string[] = [];
        if (
          !box.includes(
            'Potentialen är skillnaden mellan vad verksamheterna kostar i dag och vad samma resultat skulle kosta',
          )
        )
          hits.push('no definition');
        if (!box.includes('(1 − effektivitet) × kostnaden')) hits.push('no formula');
        if (/Potentialen är vad samma resultat skulle kosta/.test(box)) hits.push('wrong definition');
        return hits;
      }),
    ).toEqual([]);
  });

  it('show the handbook’s 1 % as kronor of this municipality’s net cost, and no path against the national median', () => {
    const amount = (s: string) => {
      const unit = s.trim().split(' ').at(-1);
      const number = s.trim().slice(0, -unit!.length);
      return Number(number.replace(/\s/g, '').replace(',', '.')) * (unit === 'mdkr' ? 1e9 : unit === 'mnkr' ? 1e6 : 1);
    };
    expect(
      offenders((twin) => {
        const md = text(twin);
        const hits: string[] = [];
        if (/1 %-banan|1 %-regeln|tar inflationen ut sig/.test(md))
          hits.push('the old path against the national median');
        const one =
          /### Handbokens enprocentare\n\n.*?verksamheten \(([\d ,]+ (?:mnkr|mdkr)) \d{4}.*?omkring \*\*([\d ,]+ (?:mnkr|mdkr|kr)) per år\*\*/.exec(
            md,
          );
        if (!one) return [...hits, 'no enprocentare'];
        const [base, perYear] = [amount(one[1]!), amount(one[2]!)];
        if (Math.abs(perYear - base * 0.01) > base * 0.0006) hits.push(`1 % of ${one[1]} given as ${one[2]}`);
        return hits;
      }),
    ).toEqual([]);
  });

  it('print all seven themes, the full ones first, and say each reason once', () => {
    expect(
      offenders((twin) => {
        const advice = chapter(twin, 'Råd ur handboken');
        const titles = [...advice.matchAll(/^### (\d)\. (.+)$/gm)].map((m) => m[2]!);
        const hits: string[] = [];
        if (titles.length !== 7 || new Set(titles).size !== 7) hits.push(`${titles.length} themes`);
        for (const name of Object.keys(twin.report.fakta) as (keyof typeof twin.report.fakta)[]) {
          const skal = twin.report.fakta[name].skal.replace(/\u00a0/g, ' ');
          if (!twin.report.fakta[name].galler || skal.length < 20) continue;
          const times = text(twin).split(skal).length - 1;
          if (times > 1) hits.push(`${name} said ${times} times`);
        }
        return hits;
      }),
    ).toEqual([]);
  });

  it('choose no theme by a favourable or missing figure, the municipality’s size, a library figure or an extreme', () => {
    expect(
      offenders((twin) =>
        twin.report.teman.flatMap((theme) =>
          theme.fakta
            .filter((name) => (NEVER_A_THEME_REASON as string[]).includes(name))
            .map((name) => `${theme.id} by ${name}`),
        ),
      ),
    ).toEqual([]);
    const kiruna = text(twins.get('2584')!);
    expect(kiruna).toMatch(/Kiruna har en kulturkostnad på .+ och 0,7 biblioteksbesök per invånare/);
    expect(kiruna).not.toContain('#### Gå igenom allt ni gör utöver lagkraven');
    expect(text(twins.get('0980')!)).toContain('Gotland är både kommun och region');
  });
});
