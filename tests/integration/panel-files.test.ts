/**
 * `kommunrapport analyse` on the shipped data writes the yearly panel beside the efficiency
 * table (issue 13): the latest year's rows equal the table's DEA figures (the table prints the
 * bias-corrected ones, issue 20), missing stays empty, and the Malmquist identity holds on every row.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

type Row = Record<string, string>;
const rows = (text: string): Row[] => {
  const [header, ...lines] = text
    .trim()
    .split('\n')
    .map((line) => line.split(','));
  return lines.map((fields) => Object.fromEntries(header!.map((name, i) => [name, fields[i] ?? ''])));
};

let table: Row[];
let history: Row[];
let malmquist: Row[];
let stdout: string;

beforeAll(async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'kommunrapport-panel-'));
  const result = await runCli(['analyse', '--out', out], { timeoutMs: 290_000 });
  expect(result.code, result.stderr).toBe(0);
  stdout = result.stdout;
  const read = (name: string) => readFile(path.join(out, 'data', name), 'utf8');
  // None of the three files quotes a field (peer lists use ; and :), so a plain split reads them.
  table = rows(await read('effektivitet.csv'));
  history = rows(await read('effektivitet-historik.csv'));
  malmquist = rows(await read('malmquist.csv'));
}, 300_000);

describe('analyse writes the yearly panel', () => {
  it('gives the latest year exactly the single-year efficiency table before bias correction', () => {
    const latest = Math.max(...history.map((r) => Number(r.ar)));
    expect(String(latest)).toBe(table[0]!.ar);
    const byCode = new Map(history.filter((r) => Number(r.ar) === latest).map((r) => [r.kommunkod, r]));
    for (const row of table) {
      const h = byCode.get(row.kommunkod!)!;
      expect([h.effektivitet, h.rang, h.effektivitet_grundskola, h.effektivitet_bibliotek], row.kommunkod).toEqual([
        row.effektivitet_dea,
        row.rang_dea,
        row.effektivitet_grundskola_dea,
        row.effektivitet_bibliotek_dea,
      ]);
    }
  });

  it('covers 2015 to the latest year and leaves äldreomsorg 2021 empty, not filled in', () => {
    expect([...new Set(history.map((r) => r.ar))]).toEqual([
      '2015',
      '2016',
      '2017',
      '2018',
      '2019',
      '2020',
      '2021',
      '2022',
    ]);
    const y2021 = history.filter((r) => r.ar === '2021');
    expect(y2021.every((r) => r.effektivitet_aldreomsorg === '')).toBe(true);
    expect(y2021.filter((r) => r.effektivitet_grundskola !== '').length).toBeGreaterThan(280);
    expect(stdout).toContain('2021: aldreomsorg missing');
  });

  it('writes Malmquist rows with M = EC × TC (to the 6 printed decimals), each inside its interval', () => {
    expect(malmquist.length).toBeGreaterThan(1000);
    for (const r of malmquist) {
      expect(
        Math.abs(Number(r.malmquist) - Number(r.effektivitetsforandring) * Number(r.teknisk_forandring)),
        r.kommunkod,
      ).toBeLessThan(5e-6);
      expect(
        Number(r.malmquist_lag) <= Number(r.malmquist) && Number(r.malmquist) <= Number(r.malmquist_hog),
        r.kommunkod,
      ).toBe(true);
      expect(r.utanfor_brus === '1', r.kommunkod).toBe(Number(r.malmquist_lag) > 1 || Number(r.malmquist_hog) < 1);
    }
  });
});
