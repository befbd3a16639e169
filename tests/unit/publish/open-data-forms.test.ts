/**
 * Issue 22, open data: the Swedish Excel form of every table read back with csv-parse (`;`,
 * decimal comma) gives the standard form's values; the project's own loader accepts both with
 * the new `kommun` column; a municipality's own file; the JSON Schema of data.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../pipeline/config.ts';
import { parseEfficiencyTable, serializeEfficiencyTable } from '../../../pipeline/load/index.ts';
import { dataJsonSchema } from '../../../pipeline/publish/data-json-schema.ts';
import { buildMunicipalityData, DATA_FORMAT_VERSION } from '../../../pipeline/publish/municipality-data.ts';
import { combinedCsv, csvCell, excelFileName, tableCsv } from '../../../pipeline/publish/open-data-csv.ts';
import {
  efficiencyColumns,
  historyAreas,
  historyColumns,
  malmquistColumns,
  type NamedRow,
} from '../../../pipeline/publish/open-data-columns.ts';
import { parseHistoryCsv, parseMalmquistCsv } from '../../../pipeline/publish/open-data-sources.ts';
import { fixtureInput } from '../../helpers/model-fixture.ts';

const fixtures = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'open-data');
const history = parseHistoryCsv(readFileSync(path.join(fixtures, 'effektivitet-historik.csv'), 'utf8'), 'h.csv');
const malmquist = parseMalmquistCsv(readFileSync(path.join(fixtures, 'malmquist.csv'), 'utf8'), 'm.csv');
const input = fixtureInput({ intervals: true });
// The history fixtures use real codes: their names, as the master data has them.
const REAL = [
  ['0114', 'Upplands Väsby'],
  ['0160', 'Täby'],
  ['0162', 'Danderyd'],
  ['1280', 'Malmö'],
  ['2584', 'Kiruna'],
].map(([kommunkod, kommun]) => ({ ...input.municipalities[0]!, kommunkod: kommunkod!, kommun: kommun! }));
const byCode = new Map([...input.municipalities, ...REAL].map((m) => [m.kommunkod, m]));
const named = <R extends { kommunkod: string }>(rows: R[]): NamedRow<R>[] =>
  rows.map((row) => ({ row, kommun: byCode.get(row.kommunkod) }));

const TABLES = [
  ['effektivitet', efficiencyColumns(), named(input.table)],
  ['historik', historyColumns(historyAreas(history.columns)), named(history.rows)],
  ['malmquist', malmquistColumns(), named(malmquist.rows)],
] as const;

/** A cell of the Excel form as the standard form writes it: decimal comma back to a point. */
const fromSwedish = (cell: string) => cell.replace(/(\d),(\d)/g, '$1.$2');

describe('the Swedish Excel form (issue 22)', () => {
  for (const [name, columns, rows] of TABLES) {
    it(`${name}: read back with csv-parse (\`;\`, decimal comma) has the standard form's values`, () => {
      const standard = parse(tableCsv(columns as never, rows as never, 'standard')) as string[][];
      const excelText = tableCsv(columns as never, rows as never, 'excel');
      const excel = parse(excelText, { delimiter: ';', bom: true, record_delimiter: '\r\n' }) as string[][];
      expect(excel).toHaveLength(rows.length + 1);
      expect(excel[0]).toEqual(standard[0]);
      expect(excel.map((record) => record.map(fromSwedish))).toEqual(standard);
      // What makes a Swedish Excel open it in columns: BOM, `;`, CRLF, no decimal point in a number.
      expect(excelText.startsWith('\ufeffkommunkod;kommun;')).toBe(true);
      expect(excelText.split('\r\n')).toHaveLength(rows.length + 2);
      expect(excelText).not.toMatch(/;-?\d+\.\d+(;|\r\n)/);
    });
  }

  it('has municipality names beside the codes in every table', () => {
    for (const [, columns, rows] of TABLES) {
      const [header, first] = parse(tableCsv(columns as never, rows as never, 'standard')) as string[][];
      expect(header!.slice(0, 2)).toEqual(['kommunkod', 'kommun']);
      expect(first![1]).toBe(byCode.get(first![0]!)!.kommun);
    }
  });

  it('writes numbers with a decimal comma and peers with comma weights, quoting what holds `;`', () => {
    expect(csvCell('share', 0.9123456, 'excel')).toBe('0,912346');
    expect(csvCell('kr', 1234567.6, 'excel')).toBe('1234568');
    expect(csvCell('peers', '0114:0.6;0115:0.4', 'excel')).toBe('0114:0,6;0115:0,4');
    expect(csvCell('text', 'Upplands Väsby', 'excel')).toBe('Upplands Väsby');
    expect(csvCell('share', null, 'excel')).toBe('');
    expect(
      tableCsv(
        [{ csv: 'p', rubrik: 'P', beskrivning: '', format: 'peers', value: () => '0114:0.5;0115:0.5' }],
        [{}],
        'excel',
      ),
    ).toBe('\ufeffp\r\n"0114:0,5;0115:0,5"\r\n');
    expect(excelFileName('effektivitet.csv')).toBe('effektivitet-excel.csv');
  });
});

describe('the efficiency table with names, read by the project loader', () => {
  const columns = efficiencyColumns();
  const rows = named(input.table);

  it('loads the standard form to the same rows as the interchange file (the `kommun` column is accepted)', () => {
    const published = tableCsv(columns, rows, 'standard');
    expect(parseEfficiencyTable(published, 'effektivitet.csv', input.municipalities)).toEqual(
      parseEfficiencyTable(serializeEfficiencyTable(input.table), 'x.csv', input.municipalities),
    );
    // Without the name column the published file is the interchange file itself.
    const withoutName =
      (parse(published) as string[][]).map((r) => r.filter((_, i) => i !== 1).join(',')).join('\n') + '\n';
    expect(withoutName).toBe(serializeEfficiencyTable(input.table));
  });

  it('loads the Excel form to the same rows', () => {
    expect(
      parseEfficiencyTable(tableCsv(columns, rows, 'excel'), 'effektivitet-excel.csv', input.municipalities),
    ).toEqual(parseEfficiencyTable(serializeEfficiencyTable(input.table), 'x.csv', input.municipalities));
  });
});

describe("a municipality's own file", () => {
  it('has its table row, its history and its Malmquist rows under the union of the columns', () => {
    const own = (code: string) =>
      TABLES.map(([tabell, columns, rows]) => ({
        tabell,
        columns: columns as never,
        rows: (rows as NamedRow<{ kommunkod: string }>[]).filter((r) => r.row.kommunkod === code),
      }));
    const fixtureCode = history.rows[0]!.kommunkod;
    const records = parse(combinedCsv(own(fixtureCode), 'standard'), { columns: true }) as Record<string, string>[];
    expect(new Set(records.map((r) => r.kommunkod))).toEqual(new Set([fixtureCode]));
    const count = (t: string) => records.filter((r) => r.tabell === t).length;
    expect([count('effektivitet'), count('historik'), count('malmquist')]).toEqual([
      input.table.filter((r) => r.kommunkod === fixtureCode).length,
      history.rows.filter((r) => r.kommunkod === fixtureCode).length,
      malmquist.rows.filter((r) => r.kommunkod === fixtureCode).length,
    ]);
    const header = Object.keys(records[0]!);
    expect(header.slice(0, 3)).toEqual(['kommunkod', 'kommun', 'tabell']);
    for (const name of ['potential_kr', 'antal', 'fran_ar', 'teknisk_forandring']) expect(header).toContain(name);
    const m = records.find((r) => r.tabell === 'malmquist')!;
    expect(m.potential_kr).toBe('');
    expect(m.omrade).toBe(malmquist.rows.find((r) => r.kommunkod === fixtureCode)!.omrade);
    // Its Excel form carries the same values.
    const excel = parse(combinedCsv(own(fixtureCode), 'excel'), { delimiter: ';', bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(excel.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, fromSwedish(v)])))).toEqual(
      records,
    );
  });
});

describe('the JSON Schema of data.json', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(dataJsonSchema('https://example.se/r/data/kommun-data.schema.json'));
  const data = buildMunicipalityData(
    input.municipalities,
    input.table,
    { history, malmquist },
    new Map([['0001', 'kommun/0001-alfa/']]),
  );

  it('accepts every municipality file, which names its format version', () => {
    for (const d of data) {
      expect(d.formatversion).toBe(DATA_FORMAT_VERSION);
      expect(validate(d), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('rejects a file without its version, with an unknown field or a wrong type', () => {
    const { formatversion: _, ...without } = data[0]!;
    expect(validate(without)).toBe(false);
    expect(validate({ ...data[0], extra: 1 })).toBe(false);
    expect(validate({ ...data[0], rang: '1' })).toBe(false);
  });
});
