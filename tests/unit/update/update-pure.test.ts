import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../pipeline/config.ts';
import {
  checkFetched,
  chunk,
  dataUrls,
  definitionChanges,
  isMunicipalityCode,
  isPreliminary,
  kpiFileValues,
  kpiMetaUrls,
  mergeKpiFile,
  mergeProvenance,
  municipalityTotals,
  parseDataPage,
  parseKpiFile,
  parseKpiPage,
  parseRetryAfter,
  plausibleRange,
  serializeKpiFile,
  updatedPopulation,
  yearRange,
  yearStatus,
  type KoladaKpiMeta,
} from '../../../pipeline/update/index.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'kolada-api', name), 'utf8'));
const URL = 'https://api.kolada.se/v3/data/kpi/N01951/year/2023';

describe('Kolada v3 answers', () => {
  it('keeps municipalities and gender T; Riket, regions and K/M are dropped; null and a missing T are missing, never 0', () => {
    const page = parseDataPage(fixture('data-page.json'), URL);
    expect(page.nextUrl).toBe('https://api.kolada.se/v3/data/kpi/N01951,U21468,N15027/year/2023?page=2&per_page=5');
    expect(municipalityTotals(page.values)).toEqual([
      { kpi: 'N01951', kommunkod: '0114', year: 2023, value: 50000, status: '' },
      { kpi: 'U21468', kommunkod: '0115', year: 2023, value: null, status: '' },
      { kpi: 'N15027', kommunkod: '0117', year: 2023, value: null, status: '' },
    ]);
  });

  it('skips withdrawn entries and reads a period sent as text', () => {
    const rows = parseDataPage(
      {
        values: [
          { kpi: 'N1', municipality: '0180', period: '2023', values: [{ gender: 'T', value: 5, isdeleted: true }] },
        ],
      },
      URL,
    ).values;
    expect(municipalityTotals(rows)).toEqual([{ kpi: 'N1', kommunkod: '0180', year: 2023, value: null, status: '' }]);
  });

  it('treats next_url null, empty or absent as the last page', () => {
    expect(parseDataPage({ values: [], next_url: null }, URL).nextUrl).toBeUndefined();
    expect(parseDataPage({ values: [], next_url: '' }, URL).nextUrl).toBeUndefined();
    expect(parseDataPage({ values: [] }, URL).nextUrl).toBeUndefined();
  });

  it('names the URL when `values` is missing or a row is malformed', () => {
    expect(() => parseDataPage({ count: 0 }, URL)).toThrow(`${URL}: the answer has no \`values\` list`);
    expect(() =>
      parseDataPage(
        { values: [{ kpi: 'N1', municipality: '0180', period: 2023, values: [{ gender: 'T', value: '5' }] }] },
        URL,
      ),
    ).toThrow(/values\[0\]\.values\[0\] is .*expected \{"gender", "status", "value": number or null\}/);
    expect(() => parseKpiPage({ values: [{ title: 'x' }] }, URL)).toThrow(/expected a KPI with "id" and "title"/);
  });

  it('reads KPI metadata', () => {
    const metas = parseKpiPage(fixture('kpi-meta.json'), URL).values;
    expect(metas.map((m) => [m.id, m.publ_period, m.publication_date])).toEqual([
      ['N15027', '2023', '2024-04-30'],
      ['N01951', '2023', '2024-03-21'],
    ]);
  });

  it('knows municipality codes from regions and Riket', () => {
    expect(['0114', '2584', '0000', '0001', '0025', 'G12345', '114'].map(isMunicipalityCode)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('request plan', () => {
  it('asks for at most 25 KPIs and 25 years per request', () => {
    const kpis = Array.from({ length: 30 }, (_, i) => `N${String(i).padStart(5, '0')}`);
    const urls = dataUrls('https://api.kolada.se/v3/', kpis, yearRange(1998, 2023));
    expect(urls).toHaveLength(4);
    for (const url of urls) {
      const [, k, y] = /\/data\/kpi\/([^/]+)\/year\/([^/]+)$/.exec(url)!;
      expect(k!.split(',').length).toBeLessThanOrEqual(25);
      expect(y!.split(',').length).toBeLessThanOrEqual(25);
    }
    expect(urls[0]).toMatch(/^https:\/\/api\.kolada\.se\/v3\/data\/kpi\/N00000,/);
    expect(kpiMetaUrls('https://api.kolada.se/v3', kpis)).toEqual([
      `https://api.kolada.se/v3/kpi/${kpis.slice(0, 25).join(',')}`,
      `https://api.kolada.se/v3/kpi/${kpis.slice(25).join(',')}`,
    ]);
    expect(chunk([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('checks before writing', () => {
  const disk = new Map([
    [
      'N1',
      new Map([
        [
          2022,
          new Map([
            ['0114', 100],
            ['0115', 200],
            ['0117', 300],
            ['0120', 400],
          ]),
        ],
      ]),
    ],
  ]);
  const fetched = (values: [string, number | null][]) => new Map([['N1', new Map([[2023, new Map(values)]])]]);

  it('counts changes and passes a plausible year', () => {
    const result = checkFetched(
      fetched([
        ['0114', 101],
        ['0115', 200],
        ['0117', null],
        ['0120', 410],
      ]),
      disk,
      ['N1'],
      [2023],
      4,
    );
    expect(result.problems).toEqual([]);
    expect(result.summaries).toEqual([
      { kpi: 'N1', year: 2023, municipalities: 3, published: true, changed: 0, added: 3, removed: 0 },
    ]);
    const refetch = checkFetched(
      new Map([
        [
          'N1',
          new Map([
            [
              2022,
              new Map<string, number | null>([
                ['0114', 100],
                ['0115', 250],
                ['0117', 300],
                ['0120', null],
              ]),
            ],
          ]),
        ],
      ]),
      disk,
      ['N1'],
      [2022],
      4,
    );
    expect(refetch.summaries[0]).toMatchObject({ changed: 1, added: 0, removed: 1 });
  });

  it('rejects thin coverage and implausible values, and calls an empty year unpublished', () => {
    expect(checkFetched(fetched([['0114', 100]]), disk, ['N1'], [2023], 4).problems.map((p) => p.message)).toEqual([
      'N1 2023: values for 1 municipalities; expected at least 2 (0 on disk, 4 known)',
    ]);
    expect(
      checkFetched(
        fetched([
          ['0114', 100],
          ['0115', 200],
          ['0117', 5],
        ]),
        disk,
        ['N1'],
        [2023],
        4,
      ).problems,
    ).toEqual([
      {
        kpi: 'N1',
        year: 2023,
        message: 'N1 2023: 1 value(s) outside the plausible range 10…800 (from the values on disk): 0117: 5',
      },
    ]);
    expect(checkFetched(fetched([]), disk, ['N1'], [2023], 4)).toEqual({
      summaries: [{ kpi: 'N1', year: 2023, municipalities: 0, published: false, changed: 0, added: 0, removed: 0 }],
      problems: [],
    });
  });

  it('derives a plausible range that allows negatives only for KPIs that had them', () => {
    expect(plausibleRange([10, 20])).toEqual({ low: 1, high: 40 });
    expect(plausibleRange([50_000, 200_000])).toEqual({ low: 5000, high: 400_000 });
    expect(plausibleRange([-5, 5])).toEqual({ low: -15, high: 15 });
    expect(plausibleRange([])).toBeUndefined();
  });
});

describe('DDF files', () => {
  const text = 'geo,year,n1\r\n0114,2021,1.5\r\n0,2022,9\r\n01,2022,7\r\n0114,2022,2\r\n0115,2022,\r\n';

  it("replaces the fetched years' municipality values and keeps other lines byte for byte, in year and code order", () => {
    const file = parseKpiFile(text, 'f.csv', 'N1');
    expect(kpiFileValues(file)).toEqual(
      new Map([
        [2021, new Map([['0114', 1.5]])],
        [2022, new Map([['0114', 2]])],
      ]),
    );
    const merged = serializeKpiFile(
      mergeKpiFile(
        file,
        new Map([
          [
            2022,
            new Map([
              ['0115', 3.25],
              ['0114', 2.5],
            ]),
          ],
          [2023, new Map([['0114', 1 / 3]])],
        ]),
      ),
    );
    expect(merged).toBe(
      'geo,year,n1\r\n0114,2021,1.5\r\n0,2022,9\r\n01,2022,7\r\n0114,2022,2.5\r\n0115,2022,3.25\r\n0114,2023,0.333333333333333\r\n',
    );
    expect(serializeKpiFile(mergeKpiFile(file, new Map([[2022, new Map([['0114', 2]])]])))).toBe(
      text.replace('0115,2022,\r\n', ''),
    );
    expect(serializeKpiFile(mergeKpiFile(file, new Map()))).toBe(text);
  });

  it('rejects a file with another header', () => {
    expect(() => parseKpiFile('geo,year,n2\n', 'f.csv', 'N1')).toThrow(
      'f.csv line 1: header is `geo,year,n2`; expected `geo,year,n1`',
    );
  });

  it('updates the population in kommuner.csv only from a complete, newer year', () => {
    const csv = 'kommunkod,kommun,invanare,ar\n0114,A,10,2022\n0115,B,20,2022\n';
    const population = new Map([
      [
        2023,
        new Map<string, number | null>([
          ['0114', 11.4],
          ['0115', 21],
        ]),
      ],
      [
        2024,
        new Map<string, number | null>([
          ['0114', 12],
          ['0115', null],
        ]),
      ],
    ]);
    expect(updatedPopulation(csv, population, 2)).toEqual({
      text: 'kommunkod,kommun,invanare,ar\n0114,A,11,2023\n0115,B,21,2023\n',
      year: 2023,
    });
    expect(updatedPopulation(csv.replaceAll('2022', '2025'), population, 2)).toBeUndefined();
  });
});

describe('provenance', () => {
  const meta: KoladaKpiMeta = {
    id: 'N1',
    title: 'T',
    description: 'D',
    publ_period: '2023',
    prel_publication_date: '2024-02-01',
    publication_date: '2024-05-01',
  };

  it('calls a year preliminary between the preliminary and the final publication, or when a value says so', () => {
    expect(yearStatus(meta, 2023, '2024-03-01')).toBe('preliminary');
    expect(yearStatus(meta, 2023, '2024-05-01')).toBe('final');
    expect(yearStatus(meta, 2022, '2024-03-01')).toBe('final');
    expect(yearStatus({ ...meta, prel_publication_date: null }, 2023, '2024-03-01')).toBe('final');
    expect(yearStatus(meta, 2022, '2024-06-01', ['', 'Preliminär'])).toBe('preliminary');
  });

  it('keeps earlier years and reports changed titles and definitions', () => {
    const first = mergeProvenance(
      undefined,
      new Map([['N1', meta]]),
      new Map([['N1', new Map([[2022, { status: 'final' as const, municipalities: 290 }]])]]),
      'https://api.kolada.se/v3',
      new Date('2024-03-01T10:00:00Z'),
    );
    const second = mergeProvenance(
      first,
      new Map([['N1', { ...meta, title: 'T2' }]]),
      new Map([['N1', new Map([[2023, { status: 'preliminary' as const, municipalities: 288 }]])]]),
      'http://127.0.0.1/v3',
      new Date('2024-03-02T10:00:00Z'),
    );
    expect(second.kpis.N1!.years).toEqual({
      '2022': { status: 'final', municipalities: 290, fetched: '2024-03-01', apiUrl: 'https://api.kolada.se/v3' },
      '2023': { status: 'preliminary', municipalities: 288, fetched: '2024-03-02', apiUrl: 'http://127.0.0.1/v3' },
    });
    expect(definitionChanges(first, new Map([['N1', { ...meta, title: 'T2', description: 'D' }]]))).toEqual([
      { kpi: 'N1', field: 'title', before: 'T', after: 'T2' },
    ]);
    expect(isPreliminary(second, ['N1'], 2023)).toBe(true);
    expect(isPreliminary(second, ['N1'], 2022)).toBe(false);
    expect(isPreliminary(undefined, ['N1'], 2023)).toBe(false);
  });
});
