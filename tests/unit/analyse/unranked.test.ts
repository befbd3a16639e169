/**
 * Issue 20 point 1: every municipality of the master data keeps a row, also one with no scored
 * area (an unranked row: no composite, rank or potential; its reason codes per area).
 */
import { describe, expect, it } from 'vitest';
import { municipality } from '../../helpers/municipalities.ts';
import type { AreaOutcome } from '../../../pipeline/analyse/analyse-area.ts';
import { buildTable } from '../../../pipeline/analyse/build-table.ts';
import { DataErrors } from '../../../pipeline/errors.ts';
import {
  AREAS,
  EFFICIENCY_COLUMNS,
  parseEfficiencyTableWithUnranked,
  serializeEfficiencyTable,
  type Area,
  type Municipality,
} from '../../../pipeline/load/index.ts';

const CODES = ['0114', '0115', '0117', '0120'];
const MUNICIPALITIES: Municipality[] = CODES.map((kommunkod) => ({
  ...municipality(kommunkod),
  kommun: `K${kommunkod}`,
  invanare: 10000,
}));

function outcome(theta: number, cost: number): AreaOutcome {
  return {
    efficiency: { effektivitet: theta, kostnadKr: cost, potentialKr: (1 - theta) * cost, jamforelse: [] },
    detail: {
      superEfficiency: theta,
      superInfeasible: false,
      weaklyEfficient: false,
      inputTargets: {},
      outputTargets: {},
    },
  };
}

/** The efficiency table of grundskola and bibliotek outcomes per kommunkod. */
function tableOf(
  grundskola: Record<string, AreaOutcome>,
  bibliotek: Record<string, AreaOutcome>,
  leftOut: Partial<Record<Area, Map<string, string>>> = {},
) {
  const outcomes = new Map<Area, Map<string, AreaOutcome>>([
    ['grundskola', new Map(Object.entries(grundskola))],
    ['bibliotek', new Map(Object.entries(bibliotek))],
  ]);
  return buildTable(MUNICIPALITIES, 2022, outcomes, leftOut);
}

/** Grundskola and bibliotek for 0114, 0115, 0117; 0120 has neither (its figures are missing). */
function table() {
  return tableOf(
    { '0114': outcome(1, 1e6), '0115': outcome(0.8, 2e6), '0117': outcome(0.9, 1e6) },
    { '0114': outcome(0.7, 1e5), '0115': outcome(1, 1e5), '0117': outcome(0.95, 1e5) },
    {
      grundskola: new Map([['0120', 'kostnad_saknas']]),
      bibliotek: new Map([['0120', 'resultat_saknas']]),
    },
  );
}

describe('buildTable with a municipality that has no scored area', () => {
  it('returns a row for every municipality: the unscored one unranked, with its reason codes', () => {
    const { rows, unranked } = table();
    expect(rows.length + unranked.length).toBe(MUNICIPALITIES.length);
    expect(unranked).toEqual([
      {
        kommunkod: '0120',
        ar: 2022,
        saknas: { grundskola: 'kostnad_saknas', gymnasieskola: null, aldreomsorg: null, bibliotek: 'resultat_saknas' },
      },
    ]);
  });

  it('ranks the others 1…n over the ranked ones only', () => {
    const { rows } = table();
    expect(rows.map((r) => r.rang).sort()).toEqual([1, 2, 3]);
    expect(rows.map((r) => r.kommunkod)).not.toContain('0120');
  });
});

describe('efficiency table CSV with an unranked row', () => {
  it('writes it with empty cells except code, year and reason codes, and reads it back', () => {
    const { rows, unranked } = table();
    const text = serializeEfficiencyTable(rows, unranked);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + CODES.length);
    const cells = Object.fromEntries(EFFICIENCY_COLUMNS.map((c, i) => [c, lines.at(-1)!.split(',')[i]]));
    expect(cells).toMatchObject({ kommunkod: '0120', ar: '2022', effektivitet: '', rang: '', potential_kr: '' });
    expect(cells.saknas_grundskola).toBe('kostnad_saknas');
    for (const area of AREAS) expect(cells[`effektivitet_${area}`]).toBe('');
    const read = parseEfficiencyTableWithUnranked(text, 'effektivitet.csv', MUNICIPALITIES);
    expect(read.unranked).toEqual(unranked);
    expect(read.rows.map((r) => r.kommunkod)).toEqual(rows.map((r) => r.kommunkod));
  });

  it('rejects an empty composite on a row that has a scored area, naming file, line and municipality', () => {
    const { rows, unranked } = table();
    const lines = serializeEfficiencyTable(rows, unranked).trimEnd().split('\n');
    const column = EFFICIENCY_COLUMNS.indexOf('effektivitet');
    const rankColumn = EFFICIENCY_COLUMNS.indexOf('rang');
    // The last ranked row (rank 3) loses its composite: the ranks stay 1…n without it.
    const cells = lines[3]!.split(',');
    const code = cells[0]!;
    cells[column] = '';
    cells[rankColumn] = '';
    lines[3] = cells.join(',');
    let error: unknown;
    try {
      parseEfficiencyTableWithUnranked(lines.join('\n') + '\n', 'effektivitet.csv', MUNICIPALITIES);
    } catch (e) {
      error = e;
    }
    const messages = (error instanceof DataErrors ? error.errors : [error as Error]).map((e) => e.message);
    expect(messages.join('\n')).toMatch(
      new RegExp(`effektivitet\\.csv.*line 4.*${code} K${code}.*effektivitet_grundskola.*scored`),
    );
  });

  it('rejects a rank on an unranked row', () => {
    const { rows, unranked } = table();
    const lines = serializeEfficiencyTable(rows, unranked).trimEnd().split('\n');
    const cells = lines[4]!.split(',');
    cells[EFFICIENCY_COLUMNS.indexOf('rang')] = '4';
    lines[4] = cells.join(',');
    expect(() => parseEfficiencyTableWithUnranked(lines.join('\n') + '\n', 'x.csv', MUNICIPALITIES)).toThrow(
      /0120 K0120 has no composite efficiency.*`rang` is `4`; expected an empty cell/,
    );
  });
});

describe('a municipality with too little of its weight comparable (docs/method.md §3)', () => {
  /** 0115 is its own only reference in grundskola (about 95 % of the weight): bibliotek alone is comparable. */
  function thinTable() {
    const incomparable = (theta: number, cost: number): AreaOutcome => {
      const o = outcome(theta, cost);
      return { ...o, efficiency: { ...o.efficiency, ojamforbar: true, potentialKr: null } };
    };
    return tableOf(
      { '0114': outcome(1, 1e6), '0115': incomparable(1, 2e6), '0117': outcome(0.9, 1e6), '0120': outcome(0.8, 1e6) },
      { '0114': outcome(0.7, 1e5), '0115': outcome(1, 1e5), '0117': outcome(0.95, 1e5), '0120': outcome(0.6, 1e5) },
    );
  }

  it('is not ranked, keeps its areas, and still counts in the medians that fill the others', () => {
    const { rows, unranked } = thinTable();
    expect(rows.map((r) => r.kommunkod).sort()).toEqual(['0114', '0117', '0120']);
    expect(rows.map((r) => r.rang).sort()).toEqual([1, 2, 3]);
    expect(unranked).toHaveLength(1);
    expect(unranked[0]).toMatchObject({ kommunkod: '0115', areas: { grundskola: { ojamforbar: true } } });
    expect(unranked[0]!.areas!.bibliotek.effektivitet).toBe(1);
  });

  it('is written with its areas and an empty composite, and read back as unranked', () => {
    const { rows, unranked } = thinTable();
    const text = serializeEfficiencyTable(rows, unranked);
    const cells = Object.fromEntries(
      EFFICIENCY_COLUMNS.map((c, i) => [c, text.trimEnd().split('\n').at(-1)!.split(',')[i]]),
    );
    expect(cells).toMatchObject({ kommunkod: '0115', effektivitet: '', rang: '', ojamforbar_grundskola: '1' });
    expect(cells.effektivitet_bibliotek).toBe('1');
    const read = parseEfficiencyTableWithUnranked(text, 'effektivitet.csv', MUNICIPALITIES);
    expect(read.unranked.map((u) => u.kommunkod)).toEqual(['0115']);
    expect(read.unranked[0]!.areas!.grundskola).toMatchObject({ effektivitet: 1, ojamforbar: true });
    expect(read.rows.map((r) => r.kommunkod)).toEqual(rows.map((r) => r.kommunkod));
  });
});
