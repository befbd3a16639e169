import { describe, expect, it } from 'vitest';
import {
  EFFICIENCY_COLUMNS,
  loadEfficiencyTable,
  parseEfficiencyTable,
  serializeEfficiencyTable,
  type EfficiencyRow,
} from '../../../pipeline/load/index.ts';
import { DataErrors } from '../../../pipeline/errors.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { municipality } from '../../helpers/municipalities.ts';

const MUNICIPALITIES = ['0114', '0115', '0180'].map(municipality);
const FILE = 'effektivitet.csv';
const empty = { effektivitet: null, kostnadKr: null, potentialKr: null, jamforelse: [] };

const row = (kommunkod: string, rang: number, effektivitet: number): EfficiencyRow => ({
  kommunkod,
  ar: 2022,
  effektivitet,
  rang,
  potentialKr: Math.round((1 - effektivitet) * 1e8),
  areas: {
    grundskola: {
      effektivitet,
      kostnadKr: 1e8,
      potentialKr: Math.round((1 - effektivitet) * 1e8),
      jamforelse:
        effektivitet < 1
          ? [
              { kommunkod: '0180', weight: 0.25 },
              { kommunkod: '0115', weight: 0.75 },
            ]
          : [],
    },
    gymnasieskola: empty,
    aldreomsorg: empty,
    bibliotek: empty,
  },
});
const ROWS = [row('0180', 1, 1), row('0115', 2, 0.9), row('0114', 3, 0.812345)];
/** What the reader returns for ROWS: every optional column it did not find is null. */
const noInterval = {
  effektivitetLag: null,
  effektivitetHog: null,
  rangLag: null,
  rangHog: null,
  effektivitetOjusterad: null,
  rangOjusterad: null,
  effektivitetDea: null,
  rangDea: null,
};
const noAreaInterval = {
  effektivitetBc: null,
  effektivitetLag: null,
  effektivitetHog: null,
  effektivitetOjusterad: null,
  ojamforbar: null,
  effektivitetDea: null,
};
const READ = ROWS.map((r) => ({
  ...r,
  ...noInterval,
  areas: Object.fromEntries(
    Object.entries(r.areas).map(([area, a]) => [area, { ...a, ...noAreaInterval }]),
  ) as EfficiencyRow['areas'],
}));

/** A minimal table: the base columns plus grundskola. */
const table = (...lines: string[]) =>
  [
    'kommunkod,ar,effektivitet,rang,potential_kr,effektivitet_grundskola,kostnad_grundskola_kr,potential_grundskola_kr,jamforelse_grundskola',
    ...lines,
  ].join('\n');

function problems(text: string): string[] {
  try {
    parseEfficiencyTable(text, FILE, MUNICIPALITIES);
  } catch (error) {
    return error instanceof DataErrors ? error.errors.map((e) => e.message) : [(error as Error).message];
  }
  return [];
}

describe('efficiency table', () => {
  it('round-trips through serialize and parse', () => {
    const text = serializeEfficiencyTable(ROWS);
    expect(text.split('\n')[0]).toBe(EFFICIENCY_COLUMNS.join(','));
    expect(text.split('\n')[3]).toBe(
      '0114,2022,0.812345,3,18765500,,,,,,,,,0.812345,100000000,18765500,0180:0.25;0115:0.75' + ','.repeat(44),
    );
    expect(parseEfficiencyTable(text, FILE, MUNICIPALITIES)).toEqual(READ);
  });

  it('round-trips the bootstrap intervals and the unadjusted view', () => {
    const withIntervals: EfficiencyRow[] = ROWS.map((r) => ({
      ...r,
      effektivitetLag: 0.5,
      effektivitetHog: r.effektivitet,
      rangLag: 1,
      rangHog: 3,
      effektivitetOjusterad: 0.45,
      rangOjusterad: 4 - r.rang,
      effektivitetDea: 0.95,
      rangDea: r.rang,
      areas: {
        ...r.areas,
        grundskola: {
          ...r.areas.grundskola,
          effektivitetBc: 0.7,
          effektivitetLag: 0.65,
          effektivitetHog: 0.75,
          effektivitetOjusterad: 0.6,
          ojamforbar: r.rang === 1,
          effektivitetDea: 0.8,
        },
        gymnasieskola: { ...r.areas.gymnasieskola, ...noAreaInterval },
        aldreomsorg: { ...r.areas.aldreomsorg, ...noAreaInterval },
        bibliotek: { ...r.areas.bibliotek, ...noAreaInterval },
      },
    }));
    expect(parseEfficiencyTable(serializeEfficiencyTable(withIntervals), FILE, MUNICIPALITIES)).toEqual(withIntervals);
  });

  it('reports a rank outside its interval, half an interval and a reversed one', () => {
    const header = 'kommunkod,ar,effektivitet,rang,potential_kr,effektivitet_lag,effektivitet_hog,rang_lag,rang_hog';
    expect(
      problems(
        [header, '0114,2022,0.9,1,0,0.8,0.95,2,3', '0115,2022,0.8,2,0,0.7,,1,3', '0180,2022,0.7,3,0,0.7,0.6,2,3'].join(
          '\n',
        ),
      ),
    ).toEqual([
      'effektivitet.csv line 2, column `rang_lag`: the rank `1` lies outside its interval 2–3; expected rang_lag ≤ rang ≤ rang_hog',
      'effektivitet.csv line 3, column `effektivitet_hog`: only one end of the interval is given; expected both `effektivitet_lag` and `effektivitet_hog`, or neither',
      'effektivitet.csv line 4, column `effektivitet_lag`: the interval 0.7–0.6 is reversed; expected `effektivitet_lag` ≤ `effektivitet_hog`',
    ]);
  });

  it('accepts the Swedish Excel form (BOM, `;`, decimal comma, CRLF)', () => {
    const swedish = (field: string) => {
      const comma = field.replace(/(\d)\.(\d)/g, '$1,$2');
      return comma.includes(';') ? `"${comma}"` : comma;
    };
    const text =
      '\ufeff' +
      serializeEfficiencyTable(ROWS)
        .trimEnd()
        .split('\n')
        .map((line) => line.split(',').map(swedish).join(';'))
        .join('\r\n');
    expect(text).toContain('0114;2022;0,812345;3;');
    expect(parseEfficiencyTable(text, FILE, MUNICIPALITIES)).toEqual(READ);
  });

  it('streams a file with the same result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'effektivitet-'));
    writeFileSync(join(dir, FILE), serializeEfficiencyTable(ROWS));
    expect(await loadEfficiencyTable(join(dir, FILE), MUNICIPALITIES)).toEqual(READ);
  });

  it('reports unknown, duplicate and short kommunkoder', () => {
    expect(
      problems(table('0114,2022,1,1,0,,,,', '9999,2022,0.9,2,0,,,,', '0114,2022,0.8,3,0,,,,', '115,2022,0.7,4,0,,,,')),
    ).toEqual([
      'effektivitet.csv line 3, column `kommunkod`: unknown kommunkod `9999`; expected a code listed in the municipality master data',
      'effektivitet.csv line 4, column `kommunkod`: kommunkod `0114` appears twice (first on line 2); expected each municipality once',
      'effektivitet.csv line 5, column `kommunkod`: kommunkod `115` has lost its leading zero; expected a 4-digit string such as `0115` (format the column as text in Excel)',
    ]);
  });

  it('reports efficiencies outside (0, 1], negative potentials and potential above cost', () => {
    expect(
      problems(table('0114,2022,1.2,1,0,0,100,0,', '0115,2022,0.9,2,-1,0.9,100,120,', '0180,2022,NaN,3,0,,,,')),
    ).toEqual([
      'effektivitet.csv line 2, column `effektivitet`: expected a number > 0 and ≤ 1, got `1.2`',
      'effektivitet.csv line 2, column `effektivitet_grundskola`: expected a number > 0 and ≤ 1, got `0`',
      'effektivitet.csv line 3, column `potential_kr`: expected a number ≥ 0, got `-1`',
      'effektivitet.csv line 3, column `potential_grundskola_kr`: potential `120` exceeds the cost `100`; expected 0 ≤ potential ≤ cost',
      'effektivitet.csv line 4, column `effektivitet`: expected a number > 0 and ≤ 1, got `NaN`',
    ]);
  });

  it('reports ranks with gaps but accepts ties', () => {
    expect(problems(table('0114,2022,1,1,0,,,,', '0115,2022,1,1,0,,,,', '0180,2022,0.9,3,0,,,,'))).toEqual([]);
    expect(problems(table('0114,2022,1,1,0,,,,', '0115,2022,0.9,2,0,,,,', '0180,2022,0.8,4,0,,,,'))).toEqual([
      'effektivitet.csv line 4, column `rang`: rank `4` leaves a gap; expected 2 (a tie) or 3 (ranks run 1…3 without gaps)',
    ]);
  });

  it('reports unknown and malformed peers', () => {
    expect(
      problems(table('0114,2022,0.9,1,0,0.9,100,10,0180:0.5;9999:0.5', '0115,2022,0.8,2,0,0.8,100,20,0180=1')),
    ).toEqual([
      'effektivitet.csv line 2, column `jamforelse_grundskola`: unknown peer kommunkod `9999`; expected a code listed in the municipality master data',
      'effektivitet.csv line 3, column `jamforelse_grundskola`: cannot read peer `0180=1`; expected `kommunkod:weight` pairs separated by `;` with 0 < weight ≤ 1, e.g. `0114:0.6;0115:0.4`',
    ]);
  });

  it('reports a missing column, an unknown column, an empty file and a header without rows', () => {
    expect(problems('kommunkod,ar,effektivitet,potential_kr\n0114,2022,1,0')[0]).toMatch(
      /^effektivitet\.csv line 1, column `rang`: Cannot find the column in the header; expected the columns/,
    );
    expect(problems(table('0114,2022,1,1,0,,,,').replace('jamforelse_grundskola', 'jamforelse_grundskolan'))).toEqual([
      'effektivitet.csv line 1, column `jamforelse_grundskolan`: unknown column; expected only 61 known columns such as `effektivitet_grundskola`',
    ]);
    expect(problems('')[0]).toMatch(/^effektivitet\.csv: Cannot read the file: it is empty; expected a header line/);
    expect(problems(table())).toEqual([
      'effektivitet.csv line 1: the file has a header but no rows; expected one row per municipality',
    ]);
  });

  it('reports a row with too many fields', () => {
    expect(problems(table('0114,2022,1,1,0,,,,,extra'))).toEqual([
      'effektivitet.csv line 2: Cannot read the row: it has 10 fields; expected 9 like the header. Check for an unquoted delimiter inside a value',
    ]);
  });
});
