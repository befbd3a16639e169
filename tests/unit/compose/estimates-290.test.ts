/**
 * Issue 20, points 5 and 6, over the shipped data and the 290 Markdown twins composed in memory
 * as the published edition has them (bootstrap B = 2000 with the default seed, the yearly panel):
 * - every printed estimate lies inside its printed interval: composite, rank, area scores and
 *   potentials, in the table and in the text;
 * - the history chapter calls a change a change only beyond its noise, and compares two years only
 *   when they are built from the same areas for the municipality.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPanel } from '../../../pipeline/run/cached-panel.ts';
import type { PanelResult } from '../../../pipeline/analyse/panel/types.ts';
import { DEFAULT_BOOTSTRAP } from '../../../pipeline/analyse/uncertainty/index.ts';
import { defaultConfig, PROJECT_ROOT } from '../../../pipeline/config.ts';
import { AREAS, type EfficiencyRow, type UnrankedRow } from '../../../pipeline/load/types.ts';
import { scoredUnits } from '../../../pipeline/load/unranked-areas.ts';
import {
  composeTwinsWithReports,
  composeUnrankedTwins,
  twinEditionData,
  type Twin,
} from '../../../scripts/compose-twins.ts';
import path from 'node:path';

const bootstrap = { replicates: DEFAULT_BOOTSTRAP.replicates, seed: DEFAULT_BOOTSTRAP.seed };
let table: EfficiencyRow[];
let unranked: UnrankedRow[];
let panel: PanelResult;
let twins: Map<string, Twin>;
let unrankedTwins: Map<string, string>;

beforeAll(async () => {
  panel = await loadPanel(path.join(PROJECT_ROOT, 'data'), defaultConfig().cacheDir);
  ({ table, unranked } = await twinEditionData({ bootstrap }));
  twins = await composeTwinsWithReports(undefined, PROJECT_ROOT, { bootstrap, history: panel });
  unrankedTwins = await composeUnrankedTwins(undefined, PROJECT_ROOT, { bootstrap });
}, 900_000);

const inside = (value: number, low: number | null | undefined, high: number | null | undefined) =>
  low != null && high != null && low <= value && value <= high;
/** "1 234,5" → 1234.5 */
const num = (text: string) =>
  Number(
    text
      .replace(/[\s\u00a0]/g, '')
      .replace(',', '.')
      .replace('−', '-'),
  );
const chapter = (markdown: string) => {
  const start = markdown.indexOf('## Utveckling över tid');
  return start < 0
    ? ''
    : markdown.slice(
        start,
        markdown.indexOf('\n## ', start + 5) === -1 ? undefined : markdown.indexOf('\n## ', start + 5),
      );
};

describe('printed estimates lie inside their printed intervals (issue 20 point 5)', () => {
  it('in the efficiency table: composite, rank, every area score and potential', () => {
    expect(table.length + unranked.length).toBe(290);
    const outside: string[] = [];
    // The unranked municipalities' scored areas too (their short report prints them with their interval).
    for (const row of scoredUnits(table, unranked)) {
      for (const area of AREAS) {
        const a = row.areas[area];
        if (a.effektivitet !== null && !inside(a.effektivitet, a.effektivitetLag, a.effektivitetHog))
          outside.push(`${row.kommunkod} ${area} ${a.effektivitet} ∉ ${a.effektivitetLag}–${a.effektivitetHog}`);
      }
    }
    for (const row of table) {
      if (!inside(row.effektivitet, row.effektivitetLag, row.effektivitetHog))
        outside.push(`${row.kommunkod} composite ${row.effektivitet} ∉ ${row.effektivitetLag}–${row.effektivitetHog}`);
      if (!inside(row.rang, row.rangLag, row.rangHog))
        outside.push(`${row.kommunkod} rank ${row.rang} ∉ ${row.rangLag}–${row.rangHog}`);
      for (const area of AREAS) {
        const a = row.areas[area];
        if (a.effektivitet === null) continue;
        if (!inside(a.effektivitet, a.effektivitetLag, a.effektivitetHog))
          outside.push(`${row.kommunkod} ${area} ${a.effektivitet} ∉ ${a.effektivitetLag}–${a.effektivitetHog}`);
        const cost = a.kostnadKr!;
        // An area without a kronor potential (bibliotek: proxy cost base) has nothing to check.
        if (
          a.potentialKr != null &&
          !inside(a.potentialKr, (1 - a.effektivitetHog!) * cost - 1, (1 - a.effektivitetLag!) * cost + 1)
        )
          outside.push(`${row.kommunkod} ${area} potential`);
      }
    }
    expect(outside.slice(0, 10)).toEqual([]);
  });

  it('in the 290 twins: the rank, the composite, every area and every potential beside its interval', () => {
    expect(twins.size + unrankedTwins.size).toBe(290);
    expect(twins.size).toBe(table.length);
    const outside: string[] = [];
    let checked = 0;
    let prose = 0;
    for (const [code, { markdown }] of twins) {
      const rank =
        /plats \*\*(\d+) av \d+\*\* bland Sveriges kommuner, med 95\s% säkerhet mellan plats (\d+) och (\d+)/.exec(
          markdown,
        );
      expect(rank, `${code}: the summary prints the rank with its interval`).not.toBeNull();
      if (!(num(rank![2]!) <= num(rank![1]!) && num(rank![1]!) <= num(rank![3]!))) outside.push(`${code}: ${rank![0]}`);
      // The area table: | Område | Effektivitet | 95 % intervall | …, the composite row included.
      for (const m of markdown.matchAll(
        /^\|\s*(?:\*\*)?(Grundskola|Gymnasieskola|Äldreomsorg|Bibliotek|Sammanvägt)(?:\*\*)?\s*\|\s*(?:\*\*)?(\d+)\s%(?:\*\*)?\s*\|\s*(\d+)–(\d+)\s%\s*\|/gmu,
      )) {
        checked += 1;
        if (!(num(m[3]!) <= num(m[2]!) && num(m[2]!) <= num(m[4]!))) outside.push(`${code}: ${m[0]}`);
      }
      // Potentials in prose: "omkring 84 mnkr per år (95 % intervall mellan 87 och 110 mnkr)".
      for (const m of markdown.matchAll(
        /omkring ([\d\s,]*\d)\s(mnkr|mdkr|tkr)\*{0,2} [^(]{0,40}\((?:95\s% intervall|med 95\s% säkerhet) mellan ([\d\s,]*\d) och ([\d\s,]*\d)\s(mnkr|mdkr|tkr)\)/gu,
      )) {
        checked += 1;
        prose += 1;
        if (m[2] !== m[5] || !(num(m[3]!) <= num(m[1]!) && num(m[1]!) <= num(m[4]!))) outside.push(`${code}: ${m[0]}`);
      }
    }
    expect(checked).toBeGreaterThan(twins.size * 4);
    // Every ranked report states its potential with a range in the summary (the prose rule above ran).
    expect(prose, 'potentials in prose checked').toBeGreaterThanOrEqual(280);
    expect(outside.slice(0, 10)).toEqual([]);
  });

  it('in the unranked twins: no rank, no composite, no potential; each comparable area beside its interval', () => {
    expect(unrankedTwins.size).toBeGreaterThan(0);
    for (const [code, markdown] of unrankedTwins) {
      expect(markdown, code).not.toMatch(/plats \*{0,2}\d+ av \d+/);
      expect(markdown, code).not.toMatch(/\d\s(mnkr|mdkr|tkr)/);
      for (const m of markdown.matchAll(/effektiviteten är (\d+)\s% \(95\s% intervall (\d+)–(\d+)\s%/gu))
        expect(num(m[2]!) <= num(m[1]!) && num(m[1]!) <= num(m[3]!), `${code}: ${m[0]}`).toBe(true);
    }
    // Danderyd: too little of its weight comparable (grundskola and äldreomsorg have no comparable municipality).
    expect(unrankedTwins.get('0162')).toMatch(/ingen placering/);
  });
});

describe('the history chapter of the 290 twins (issue 20 point 6)', () => {
  const rows = () => new Map(panel.history.map((r) => [`${r.kommunkod}:${r.ar}`, r]));

  it('says improved, worsened or changed only where the change exceeds its noise', () => {
    const byKey = rows();
    const wrong: string[] = [];
    let claims = 0;
    let quiet = 0;
    for (const [code, { markdown }] of twins) {
      const text = chapter(markdown);
      expect(text, code).not.toBe('');
      const claim =
        /har er sammanvägda effektivitet (förbättrats|försämrats) från [^.]+? år (\d{4}) till [^.]+? år (\d{4})/.exec(
          text,
        );
      if (claim) {
        claims += 1;
        const from = byKey.get(`${code}:${claim[2]}`);
        if (from?.utanforBrus !== true) wrong.push(`${code}: "${claim[1]}" from ${claim[2]} within the noise`);
        if ((claim[1] === 'förbättrats') !== from!.forandring! > 1)
          wrong.push(`${code}: "${claim[1]}" against a change of ${from!.forandring}`);
      } else {
        quiet += 1;
        // No other change word in the trend either.
        if (/förbättrats|försämrats|förändrats/.test(text.split('\n')[2] ?? ''))
          wrong.push(`${code}: a change word without a claim beyond the noise`);
      }
      // Malmquist cells: "inom osäkerheten" exactly where the change is within its noise.
      for (const m of text.matchAll(
        /\|\s*(Grundskola|Gymnasieskola|Äldreomsorg|Bibliotek)\s*\|\s*([+−]?\d+\s%) \((\d{4})–(\d{4})\)(, inom osäkerheten)?\s*\|/gu,
      )) {
        const area = {
          Grundskola: 'grundskola',
          Gymnasieskola: 'gymnasieskola',
          Äldreomsorg: 'aldreomsorg',
          Bibliotek: 'bibliotek',
        }[m[1]!];
        const row = panel.malmquist.find((r) => r.kommunkod === code && r.omrade === area && r.franAr === Number(m[3]));
        if (!row || row.utanforBrus === !!m[5]) wrong.push(`${code}: ${m[0]}`);
      }
    }
    expect(claims).toBeGreaterThan(0);
    expect(quiet).toBeGreaterThan(0);
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('compares two years only when they are built from the same areas for the municipality', () => {
    const byKey = rows();
    const wrong: string[] = [];
    for (const [code, { markdown }] of twins) {
      const claim = /från [^.]+? år (\d{4}) till [^.]+? år (\d{4})/.exec(chapter(markdown));
      if (!claim) continue;
      // The areas each year's composite counts (scored, with a comparable municipality that year).
      const areas = (ar: string) =>
        AREAS.filter(
          (a) => byKey.get(`${code}:${ar}`)?.gemensam[a] != null && byKey.get(`${code}:${ar}`)?.omraden.includes(a),
        );
      const latest = areas(claim[2]!);
      // Every area of the latest year's composite counts in the earlier year's too (the composite uses those only).
      if (!latest.length || latest.some((a) => !areas(claim[1]!).includes(a)))
        wrong.push(`${code}: ${claim[1]} (${areas(claim[1]!).join(', ')}) against ${claim[2]} (${latest.join(', ')})`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
