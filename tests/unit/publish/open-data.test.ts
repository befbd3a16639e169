import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../pipeline/config.ts';
import { DataError, DataErrors } from '../../../pipeline/errors.ts';
import { buildWorkbook } from '../../../pipeline/publish/build-workbook.ts';
import { compileSiteTemplates } from '../../../pipeline/publish/index.ts';
import { buildIndexMap } from '../../../pipeline/publish/map-views.ts';
import { buildMunicipalityData } from '../../../pipeline/publish/municipality-data.ts';
import { efficiencyColumns, historyColumns, malmquistColumns } from '../../../pipeline/publish/open-data-columns.ts';
import { parseHistoryCsv, parseMalmquistCsv } from '../../../pipeline/publish/open-data-sources.ts';
import { renderComparePage, renderDataPage } from '../../../pipeline/publish/render-extra-pages.ts';
import { scrollableRegions } from '../../../pipeline/publish/scrollable-regions.ts';
import { fixtureInput } from '../../helpers/model-fixture.ts';
import { squareMap } from '../../helpers/site-fixture.ts';

const fixtures = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'open-data');
const historyText = readFileSync(path.join(fixtures, 'effektivitet-historik.csv'), 'utf8');
const malmquistText = readFileSync(path.join(fixtures, 'malmquist.csv'), 'utf8');
const siteDir = path.join(PROJECT_ROOT, 'templates', 'site');
const site = compileSiteTemplates(
  Object.fromEntries(readdirSync(siteDir).map((name) => [name, readFileSync(path.join(siteDir, name), 'utf8')])),
);
const meta = { ar: 2022, baseUrl: null, generator: 'kommunrapport test', updatedAt: '2025-03-12T10:00:00Z' };

describe('parseHistoryCsv and parseMalmquistCsv', () => {
  it('reads the history with its area columns and empty cells as null', () => {
    const { rows, columns } = parseHistoryCsv(historyText, 'h.csv');
    expect(rows).toHaveLength(20);
    expect(columns).toContain('effektivitet_bibliotek');
    const kiruna2019 = rows.find((r) => r.kommunkod === '2584' && r.ar === 2019)!;
    expect(kiruna2019.omraden.gymnasieskola).toBeNull();
    expect(kiruna2019.antal).toBe(290);
  });

  it('reads the Malmquist table', () => {
    const { rows } = parseMalmquistCsv(malmquistText, 'm.csv');
    expect(rows).toHaveLength(60);
    expect(rows[0]).toMatchObject({ kommunkod: '0114', omrade: 'grundskola', franAr: 2019, tillAr: 2020 });
  });

  it('names file, line and column of a bad cell and of a missing column', () => {
    const bad = 'kommunkod,ar,effektivitet,rang,antal\n0114,2022,0.9,1,290\n114,20x,0.8,2,290\n';
    expect(() => parseHistoryCsv(bad, 'h.csv')).toThrow(DataErrors);
    expect(() => parseHistoryCsv(bad, 'h.csv')).toThrow(/h\.csv line 3, column `kommunkod`: expected a 4-digit/);
    expect(() =>
      parseMalmquistCsv('kommunkod,omrade,fran_ar,till_ar,malmquist,effektivitetsforandring\n', 'm.csv'),
    ).toThrow(DataError);
    expect(() => parseMalmquistCsv('kommunkod,omrade,fran_ar\n', 'm.csv')).toThrow(/till_ar/);
  });
});

describe('buildMunicipalityData', () => {
  const input = fixtureInput();
  const history = parseHistoryCsv(historyText.replace(/^0114,/gm, '0002,'), 'h.csv');

  it('has group rank, the group best, null intervals and per-area ranks', () => {
    const data = buildMunicipalityData(
      input.municipalities,
      input.table,
      { history: null, malmquist: null },
      new Map([['0002', 'kommun/0002-beta/']]),
    );
    const beta = data.find((d) => d.kommunkod === '0002')!;
    expect(beta).toMatchObject({
      kommun: 'Beta',
      slug: 'beta',
      rang: 4,
      antal: 5,
      grupp_rang: 3,
      grupp_antal: 3,
      sida: 'kommun/0002-beta/',
      historik: null,
      malmquist: null,
    });
    expect(beta.grupp_basta).toMatchObject({ kommunkod: '0001', kommun: 'Alfa' });
    expect(beta.effektivitet_lag).toBeNull();
    expect(beta.omraden[0]).toMatchObject({
      omrade: 'grundskola',
      effektivitet: 0.8,
      rang: 4,
      antal: 5,
      effektivitet_hog: null,
    });
    expect(beta.omraden[0]!.jamforelse).toEqual([
      { kommunkod: '0001', kommun: 'Alfa', vikt: 0.7 },
      { kommunkod: '0003', kommun: 'Gamma', vikt: 0.3 },
    ]);
    expect(data.find((d) => d.kommunkod === '0004')!.omraden[1]).toMatchObject({
      effektivitet: null,
      rang: null,
      antal: 4,
    });
  });

  it('adds the history in year order when the table exists, and intervals when the row has them', () => {
    const table = input.table.map((r) =>
      r.kommunkod === '0002' ? { ...r, effektivitetLag: 0.7, effektivitetHog: 0.9, rangLag: 3, rangHog: 5 } : r,
    );
    const beta = buildMunicipalityData(input.municipalities, table, { history, malmquist: null }, new Map()).find(
      (d) => d.kommunkod === '0002',
    )!;
    expect(beta.historik!.map((h) => h.ar)).toEqual([2019, 2020, 2021, 2022]);
    expect(beta).toMatchObject({ effektivitet_lag: 0.7, effektivitet_hog: 0.9, rang_lag: 3, rang_hog: 5, sida: null });
  });
});

describe('buildWorkbook', () => {
  it('writes a sheet per table with Swedish headings, formats, frozen header and an about sheet', async () => {
    const input = fixtureInput();
    const named = <R extends { kommunkod: string }>(rows: R[]) =>
      rows.map((row) => ({ row, kommun: input.municipalities.find((m) => m.kommunkod === row.kommunkod) }));
    const bytes = await buildWorkbook({
      ...meta,
      sheets: [
        { namn: 'Effektivitet', columns: efficiencyColumns(), rows: named(input.table) },
        { namn: 'Historik', columns: historyColumns([]), rows: [], saknas: 'Historiken är inte beräknad.' },
        { namn: 'Malmquist', columns: malmquistColumns(), rows: named(parseMalmquistCsv(malmquistText, 'm.csv').rows) },
      ],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Effektivitet', 'Malmquist', 'Om data']);
    const ws = workbook.getWorksheet('Effektivitet')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(4).value).toBe('Sammanvägd effektivitet');
    expect(ws.getRow(2).getCell(1).value).toBe('0001');
    expect(ws.getRow(2).getCell(4).numFmt).toBe('0.0 %');
    // A missing area stays empty, never 0.
    const delta = ws.getColumn(1).values.indexOf('0004');
    const gymnasium = (ws.getRow(1).values as string[]).indexOf('Gymnasieskola: effektivitet');
    expect(ws.getRow(delta).getCell(gymnasium).value).toBeNull();
    const about = workbook.getWorksheet('Om data')!.getSheetValues().flat().join(' ');
    expect(about).toContain('Källa: Kolada (RKA); egna beräkningar');
    expect(about).toContain('Historiken är inte beräknad.');
  });
});

describe('data and compare pages', () => {
  const input = fixtureInput();
  const columns = efficiencyColumns().slice(0, 3);

  it('lists each download with attribution and licence, and says when a table is not available', () => {
    const html = renderDataPage(site, {
      ...meta,
      jsonFields: [{ namn: 'kommunkod', beskrivning: 'Koden.' }],
      schema: 'kommun-data.schema.json',
      workbook: { href: 'kommunrapport-data.xlsx', titel: 'Alla tabeller', format: 'Excel', bytes: 114_000 },
      tables: [
        {
          id: 'effektivitet',
          titel: 'Effektivitet',
          beskrivning: 'Tabellen.',
          fil: { href: 'effektivitet.csv', titel: 'Effektivitet per kommun', format: 'CSV', bytes: 77_000 },
          excel: {
            href: 'effektivitet-excel.csv',
            titel: 'Effektivitet per kommun, för Excel',
            format: 'CSV för Excel',
            bytes: 78_000,
          },
          saknas: '',
          columns,
        },
        {
          id: 'historik',
          titel: 'Effektivitet per år',
          beskrivning: 'Historiken.',
          fil: null,
          excel: null,
          saknas: 'Historiken är inte beräknad för den här utgåvan.',
          columns,
        },
      ],
    });
    expect(html).toContain(
      '<a href="effektivitet-excel.csv" download>Effektivitet per kommun, för Excel</a> <span class="file-meta">(CSV för Excel, 78\u00a0kB)</span> · <a href="effektivitet.csv" download>standard-CSV</a> <span class="file-meta">(CSV, 77\u00a0kB)</span>',
    );
    expect(html).toContain('Effektivitet per år: inte tillgänglig');
    expect(html.match(/Källa: Kolada \(RKA\); egna beräkningar · Licens CC BY 4.0/g)).toHaveLength(3);
    expect(html).toContain('<code>kommunkod</code>');
  });

  it('pre-renders every municipality against the best of its group', () => {
    const data = buildMunicipalityData(
      input.municipalities,
      input.table,
      { history: null, malmquist: null },
      new Map(),
    );
    const html = renderComparePage(site, { ...meta, data });
    expect(html.match(/<tr id="k\d{4}">/g)).toHaveLength(5);
    expect(html).toContain('<option value="0002" data-json="../kommun/0002-beta/data.json">Beta</option>');
    expect(html).toContain('aria-label="Jämför Beta med Alfa"');
    expect(html).toMatch(/bäst i gruppen/);
  });
});

describe('scrollableRegions', () => {
  it('wraps tables in a focusable region named by their heading and makes charts focusable', () => {
    const body =
      '<h2 id="a">Resultat per <em>område</em></h2><table><tr><td>1</td></tr></table><figure class="chart"><svg><title id="c-title">Diagram</title></svg></figure>';
    const html = scrollableRegions(body);
    expect(html).toContain(
      '<div class="table-scroll" role="region" tabindex="0" aria-label="Tabell: Resultat per område"><table>',
    );
    expect(html).toContain('<figure class="chart" tabindex="0" aria-labelledby="c-title">');
  });

  it('gives the composer\'s role-less chart figures (role="none", for the PDF tags) the same focusable name on the page', () => {
    const html = scrollableRegions(
      '<figure class="chart" role="none"><svg><title id="c-title">Diagram</title></svg></figure>',
    );
    expect(html).toBe(
      '<figure class="chart" tabindex="0" aria-labelledby="c-title"><svg><title id="c-title">Diagram</title></svg></figure>',
    );
  });
});

describe('buildIndexMap', () => {
  const input = fixtureInput();
  const codes = input.table.map((r) => r.kommunkod);
  const geometry = squareMap(codes, 'M0,0');

  it('gives the composite map a replaceable legend and every area view a colour and tooltip per municipality', () => {
    const map = buildIndexMap(geometry, input.table, {
      names: new Map([['0002', 'Beta']]),
      width: 320,
      height: 690,
      link: (k) => `#k${k}`,
    });
    expect(map.svg).toContain('<g data-legend="">');
    expect(map.views.map((v) => v.id)).toEqual([
      'sammanvagd',
      'grundskola',
      'gymnasieskola',
      'aldreomsorg',
      'bibliotek',
    ]);
    for (const view of map.views) {
      expect(view.fill).toHaveLength(5);
      expect(view.legend).toContain('<text');
    }
    const gymnasium = map.views[2]!;
    expect(gymnasium.title[3]).toBe('0004: uppgift saknas');
    expect(gymnasium.palette[gymnasium.fill[3]!]).toMatch(/^url\(#.*-na\)$/);
    // The pattern a missing value points at is the one in the page's map.
    const pattern = /<pattern id="([^"]+)"/.exec(map.svg)![1];
    expect(gymnasium.palette[gymnasium.fill[3]!]).toBe(`url(#${pattern})`);
    expect(map.views[1]!.title[1]).toBe('Beta: 80\u00a0%');
  });
});
