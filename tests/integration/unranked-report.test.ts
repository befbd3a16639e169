/**
 * Issue 20 point 1: a municipality with no comparable area still gets a report and a brief
 * (a short, honest one), printed by real Chromium and read back; the others' ranks run over
 * the ranked municipalities only. Scenario: tests/fixtures/unranked-municipality/.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../pipeline/config.ts';
import { serializeEfficiencyTable, type UnrankedRow } from '../../pipeline/load/index.ts';
import { publishSite } from '../../pipeline/publish/index.ts';
import { buildReports, prepareEdition, type BuildSummary, type Edition } from '../../pipeline/run/index.ts';
import { loadEditionData } from '../../pipeline/run/edition-data.ts';
import { readPdf, type PdfReadBack } from '../helpers/pdf.ts';
import { tempConfig } from '../helpers/temp-config.ts';

const SCENARIO = JSON.parse(
  readFileSync(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'unranked-municipality', 'scenario.json'), 'utf8'),
) as { kommunkod: string; saknas: UnrankedRow['saknas'] };
const OSTERAKER = SCENARIO.kommunkod;
const TABY = '0160';

let edition: Edition;
let summary: BuildSummary;
let report: PdfReadBack;
let brief: PdfReadBack;
let taby: string;
/** How many are ranked: the shipped table's ranked municipalities less Österåker. */
let ranked: number;
const flat = (text: string) => text.replace(/\u00a0/g, ' ');

beforeAll(async () => {
  const config = await tempConfig({ bootstrap: { replicates: 0, seed: 1 } });
  const data = await loadEditionData(config.dataDir, config.cacheDir, 'test-unranked', {
    bootstrap: config.bootstrap,
  });
  // The shipped table with Österåker unranked: the ranks behind it move up one place.
  const removed = data.table.find((row) => row.kommunkod === OSTERAKER)!;
  const rows = data.table
    .filter((row) => row.kommunkod !== OSTERAKER)
    .map((row) => ({
      ...row,
      rang: row.rang > removed.rang ? row.rang - 1 : row.rang,
      rangOjusterad: null,
    }));
  // The shipped edition's own unranked municipalities (too little comparable) stay unranked.
  const unranked: UnrankedRow[] = [...data.unranked, { kommunkod: OSTERAKER, ar: removed.ar, saknas: SCENARIO.saknas }];
  ranked = rows.length;
  const file = path.join(config.outputDir, 'effektivitet-orankad.csv');
  await writeFile(file, serializeEfficiencyTable(rows, unranked));
  edition = await prepareEdition({ ...config, efficiencyFile: file });
  summary = await buildReports(edition, { codes: [OSTERAKER, TABY] });
  const pdf = (list: { kommunkod: string; record?: { pdf: string } }[]) =>
    readPdf(path.join(config.outputDir, list.find((o) => o.kommunkod === OSTERAKER)!.record!.pdf));
  report = await pdf(summary.outcomes);
  brief = await pdf(summary.briefs);
  const tabyRecord = summary.outcomes.find((o) => o.kommunkod === TABY)!.record!;
  taby = readFileSync(path.join(config.outputDir, tabyRecord.md), 'utf8');
}, 900_000);

describe('a municipality with no comparable area', () => {
  it('is in the edition as unranked, beside the ranked municipalities', () => {
    expect(edition.analysis.table).toHaveLength(ranked);
    expect(edition.analysis.unranked?.map((row) => row.kommunkod)).toContain(OSTERAKER);
    expect(edition.analysis.unranked?.find((row) => row.kommunkod === OSTERAKER)!.areas).toBeUndefined();
    expect(edition.analysis.table.length + edition.analysis.unranked!.length).toBe(edition.municipalities.length);
  });

  it('gets a report and a brief, printed like the others', () => {
    expect(summary.outcomes.map((o) => [o.kommunkod, o.status])).toEqual([
      [OSTERAKER, 'rendered'],
      [TABY, 'rendered'],
    ]);
    expect(summary.briefs.map((o) => [o.kommunkod, o.status]).sort()).toEqual([
      [OSTERAKER, 'rendered'],
      [TABY, 'rendered'],
    ]);
    expect(report.pages).toBeLessThanOrEqual(3);
    expect(brief.pages).toBeLessThanOrEqual(2);
  });

  it('says who it is, that nothing could be compared and why, per area, and what it cannot say', () => {
    const text = flat(report.text);
    expect(text).toMatch(/Österåker/);
    expect(text).toMatch(/Pendlingskommun nära storstad · Stockholms län · \d{2} \d{3} invånare \(2022\)/);
    expect(text).toMatch(/För 2022 gick ingen av de fyra verksamheter .* att jämföra för Österåker/);
    expect(text).toContain(`Rangordningen omfattar de ${ranked} kommuner`);
    // Each area's own reason, from the phrases the full report uses (templates/fraser/sammanfattning.md).
    expect(text).toMatch(/Kolada har ingen kostnad per elev eller brukare för grundskolan i Österåker/);
    expect(text).toMatch(/driver enligt Kolada ingen egen gymnasieskola/);
    expect(text).toMatch(/Kolada saknar resultatmåtten för äldreomsorgen i Österåker/);
    expect(text).toMatch(/Kolada saknar antalet elever eller brukare för biblioteken i Österåker/);
    expect(text).toMatch(/Vad rapporten inte kan säga/);
    expect(text).toMatch(/Vi fyller inte i de saknade uppgifterna med uppskattningar/);
    expect(text).toMatch(/Källa: Kolada|kommer från Kolada och SCB/);
  });

  it('prints no rank, composite or potential of its own', () => {
    const text = flat(report.text);
    expect(text).toMatch(/Plats i Sverige Ingen placering/);
    expect(text).not.toMatch(/plats \d+ av \d+/i);
    expect(text).not.toContain(` av ${ranked}`);
    expect(text).not.toMatch(/mnkr|miljarder/);
  });

  it("gives the handbook's seven themes in short general form", () => {
    const text = flat(report.text);
    for (const theme of edition.model.input.themes) expect(text).toContain(theme.titel);
  });

  it('has a brief that says the same in short', () => {
    const text = flat(brief.text);
    expect(text).toMatch(/Kortversion/);
    expect(text).toMatch(/ingen av de fyra verksamheter .* att jämföra för Österåker/);
    expect(text).toMatch(/driver enligt Kolada ingen egen gymnasieskola/);
  });

  it("ranks the others over the ranked municipalities only ('av n')", () => {
    expect(taby).toContain(` av ${ranked}**`);
    expect(taby).not.toMatch(/av 290/);
  });
});

describe('the published site with an unranked municipality', () => {
  it('gives it a page without a rank, lists it last in the index and keeps its row in the open data', async () => {
    await publishSite(edition, {});
    const site = path.join(edition.config.outputDir, 'site');
    const page = readFileSync(path.join(site, 'kommun', '0117-osteraker', 'index.html'), 'utf8');
    expect(page).toContain('Ingen placering');
    expect(page).toContain('href="../../pdf/0117-osteraker.pdf"');
    expect(page).toContain('href="../../pdf/kort/0117-osteraker.pdf"');
    expect(page).toMatch(/Därför saknas jämförelsen/);
    expect(page).not.toMatch(/plats \d+ av/i);
    const index = readFileSync(path.join(site, 'index.html'), 'utf8');
    const ids = [...index.matchAll(/<tr id="k(\d{4})"/g)].map((m) => m[1]);
    // After every ranked municipality.
    expect(ids.slice(ranked)).toContain(OSTERAKER);
    expect(index).toMatch(/<tr id="k0117"[^>]*data-rang=""/);
    const manifest = JSON.parse(readFileSync(path.join(site, 'manifest.json'), 'utf8')) as {
      reports: { kommunkod: string }[];
    };
    expect(manifest.reports.map((r) => r.kommunkod)).toContain(OSTERAKER);
    const csv = readFileSync(path.join(site, 'data', 'effektivitet.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(csv).toHaveLength(1 + edition.municipalities.length);
    const header = csv[0]!.split(',');
    const row = csv.find((line) => line.startsWith(`${OSTERAKER},`))!.split(',');
    const cell = (name: string) => row[header.indexOf(name)];
    expect([cell('effektivitet'), cell('rang'), cell('potential_kr')]).toEqual(['', '', '']);
    expect(cell('saknas_grundskola')).toBe('kostnad_saknas');
    const excel = readFileSync(path.join(site, 'data', 'effektivitet-excel.csv'), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(excel).toHaveLength(1 + edition.municipalities.length);
  });
});
