import type { AreaEfficiency, EfficiencyRow, Municipality, Peer, UnrankedRow } from './types.ts';
import { AREAS } from './types.ts';
import type { CsvRecord } from './csv/csv-record.ts';
import { CsvTable, type NumberRule } from './csv/csv-table.ts';
import { parseNumber } from './csv/parse-number.ts';
import { checkKommunkod } from './check-kommunkod.ts';
import {
  EFFICIENCY_BASE_COLUMNS,
  EFFICIENCY_COLUMNS,
  EFFICIENCY_NAME_COLUMNS,
  EFFICIENCY_OPTIONAL_COLUMNS as OPTIONAL,
  areaColumns,
} from './efficiency-columns.ts';
import { checkRanks } from './check-ranks.ts';

/**
 * Validates efficiency-table records one at a time (so a file can be streamed) and collects
 * every problem: known, unique 4-digit codes; 0 < efficiency ≤ 1; 0 ≤ potential ≤ cost; known
 * peers; ranks 1…n without gaps; optional intervals with low ≤ high (the rank inside its
 * interval). A row with an empty composite is an unranked municipality (no scored area: empty
 * rank, potential and intervals, reason codes per area; docs/method.md §3); an empty composite
 * on a row with a scored area is an error. `finish` throws them together as `DataErrors`.
 */
export class EfficiencyTableReader {
  private table?: CsvTable;
  private readonly rows: EfficiencyRow[] = [];
  private readonly unrankedRows: UnrankedRow[] = [];
  private readonly ranks: { rank: number; line: number }[] = [];
  private readonly seen = new Map<string, number>();
  private readonly known: Set<string>;
  private readonly names: Map<string, string>;

  constructor(
    private readonly file: string,
    municipalities: Municipality[],
  ) {
    this.known = new Set(municipalities.map((m) => m.kommunkod));
    this.names = new Map(municipalities.map((m) => [m.kommunkod, m.kommun]));
  }

  /** Feeds the next record; the first one is the header. */
  push(record: CsvRecord): void {
    if (!this.table) {
      this.table = CsvTable.fromHeader(this.file, record, EFFICIENCY_BASE_COLUMNS);
      const unknown = record.fields.filter(
        (name) => !EFFICIENCY_COLUMNS.includes(name) && !EFFICIENCY_NAME_COLUMNS.includes(name),
      );
      for (const name of unknown) {
        this.table.fail(
          1,
          name,
          `unknown column; expected only ${EFFICIENCY_COLUMNS.length} known columns such as \`effektivitet_grundskola\``,
        );
      }
      return;
    }
    const row = this.readRow(this.table, record);
    if (row) this.rows.push(row);
  }

  /** Runs the whole-file checks and returns the rows, or throws every problem found. */
  finish(): EfficiencyRow[] {
    const table = this.table ?? CsvTable.fromHeader(this.file, undefined, EFFICIENCY_BASE_COLUMNS);
    if (this.seen.size === 0 && table.errors.length === 0) {
      table.fail(1, undefined, 'the file has a header but no rows; expected one row per municipality');
    }
    checkRanks(table, this.ranks);
    table.throwIfAny();
    return this.rows;
  }

  /** `finish`, with the unranked rows (no scored area) beside the ranked ones. */
  finishTable(): { rows: EfficiencyRow[]; unranked: UnrankedRow[] } {
    return { rows: this.finish(), unranked: this.unrankedRows };
  }

  private readRow(t: CsvTable, record: CsvRecord): EfficiencyRow | undefined {
    const before = t.errors.length;
    const kommunkod = checkKommunkod(t, record, 'kommunkod', this.seen);
    if (kommunkod !== undefined && !this.known.has(kommunkod)) {
      t.fail(
        record,
        'kommunkod',
        `unknown kommunkod \`${kommunkod}\`; expected a code listed in the municipality master data`,
      );
    }
    const ar = t.number(record, 'ar', { integer: true, min: 1900, max: 2100 });
    if (t.text(record, 'effektivitet').trim() === '') {
      const unranked = this.readUnranked(t, record, kommunkod, ar);
      if (unranked && t.errors.length === before) this.unrankedRows.push(unranked);
      return undefined;
    }
    const effektivitet = t.number(record, 'effektivitet', { min: 0, exclusive: true, max: 1 });
    const rang = t.number(record, 'rang', { integer: true, min: 1 });
    if (typeof rang === 'number') this.ranks.push({ rank: rang, line: record.line });
    const potentialKr = t.number(record, 'potential_kr', { min: 0 });
    const areas = Object.fromEntries(
      AREAS.map((area) => [area, this.readArea(t, record, area)]),
    ) as EfficiencyRow['areas'];
    const [effektivitetLag, effektivitetHog] = this.interval(
      t,
      record,
      OPTIONAL.effektivitetLag,
      OPTIONAL.effektivitetHog,
      { min: 0, exclusive: true, optional: true },
    );
    const [rangLag, rangHog] = this.interval(t, record, OPTIONAL.rangLag, OPTIONAL.rangHog, {
      integer: true,
      min: 1,
      optional: true,
    });
    if (typeof rang === 'number' && rangLag !== null && rangHog !== null && (rang < rangLag || rang > rangHog)) {
      t.fail(
        record,
        OPTIONAL.rangLag,
        `the rank \`${rang}\` lies outside its interval ${rangLag}–${rangHog}; expected rang_lag ≤ rang ≤ rang_hog`,
      );
    }
    const effektivitetOjusterad =
      t.number(record, OPTIONAL.effektivitetOjusterad, { min: 0, exclusive: true, max: 1, optional: true }) ?? null;
    const rangOjusterad = t.number(record, OPTIONAL.rangOjusterad, { integer: true, min: 1, optional: true }) ?? null;
    const effektivitetDea =
      t.number(record, OPTIONAL.effektivitetDea, { min: 0, exclusive: true, max: 1, optional: true }) ?? null;
    const rangDea = t.number(record, OPTIONAL.rangDea, { integer: true, min: 1, optional: true }) ?? null;
    if (t.errors.length > before) return undefined;
    return {
      kommunkod: kommunkod!,
      ar: ar!,
      effektivitet: effektivitet!,
      rang: rang!,
      potentialKr: potentialKr!,
      areas,
      effektivitetLag,
      effektivitetHog,
      rangLag,
      rangHog,
      effektivitetOjusterad,
      rangOjusterad,
      effektivitetDea,
      rangDea,
    };
  }

  /**
   * A row with an empty composite: an unranked municipality, with empty rank, potential and
   * intervals. Either no area is scored (the areas' reason codes are kept), or some are but at
   * least one of them has no comparable municipality (too little of its weight comparable to rank
   * it, docs/method.md §3): then its areas are read as on a ranked row.
   */
  private readUnranked(
    t: CsvTable,
    record: CsvRecord,
    kommunkod: string | undefined,
    ar: number | null | undefined,
  ): UnrankedRow | undefined {
    const who = kommunkod === undefined ? 'this row' : `${kommunkod} ${this.names.get(kommunkod) ?? ''}`.trim();
    const scored = AREAS.filter((area) => t.text(record, areaColumns(area).effektivitet).trim() !== '');
    const incomparable = scored.filter((area) => t.text(record, areaColumns(area).ojamforbar).trim() === '1');
    if (scored.length > 0 && incomparable.length === 0) {
      t.fail(
        record,
        'effektivitet',
        `the composite efficiency of ${who} is empty although ${scored.map((a) => areaColumns(a).effektivitet).join(', ')} ${scored.length === 1 ? 'is' : 'are'} scored and comparable; expected a composite in (0, 1] on every row with a scored area (an empty composite only on an unranked row: no scored area, or one without a comparable municipality)`,
      );
      return undefined;
    }
    for (const column of ['rang', 'potential_kr', ...Object.values(OPTIONAL)]) {
      const text = t.text(record, column).trim();
      if (text !== '')
        t.fail(
          record,
          column,
          `${who} has no composite efficiency (an unranked row), yet \`${column}\` is \`${text}\`; expected an empty cell`,
        );
    }
    const areas = Object.fromEntries(
      AREAS.map((area) => [area, this.readArea(t, record, area)]),
    ) as EfficiencyRow['areas'];
    const saknas = Object.fromEntries(AREAS.map((area) => [area, areas[area].saknas ?? null])) as UnrankedRow['saknas'];
    if (kommunkod === undefined || typeof ar !== 'number') return undefined;
    return scored.length > 0 ? { kommunkod, ar, saknas, areas } : { kommunkod, ar, saknas };
  }

  /** Two optional cells forming an interval: both or neither, low ≤ high. */
  private interval(
    t: CsvTable,
    record: CsvRecord,
    lowColumn: string,
    highColumn: string,
    rule: NumberRule,
  ): [number | null, number | null] {
    const low = t.number(record, lowColumn, rule) ?? null;
    const high = t.number(record, highColumn, rule) ?? null;
    if ((low === null) !== (high === null)) {
      t.fail(
        record,
        low === null ? lowColumn : highColumn,
        `only one end of the interval is given; expected both \`${lowColumn}\` and \`${highColumn}\`, or neither`,
      );
      return [null, null];
    }
    if (low !== null && high !== null && low > high) {
      t.fail(
        record,
        lowColumn,
        `the interval ${low}–${high} is reversed; expected \`${lowColumn}\` ≤ \`${highColumn}\``,
      );
      return [null, null];
    }
    return [low, high];
  }

  private readArea(t: CsvTable, record: CsvRecord, area: (typeof AREAS)[number]): AreaEfficiency {
    const c = areaColumns(area);
    const effektivitet = t.number(record, c.effektivitet, { min: 0, exclusive: true, max: 1, optional: true }) ?? null;
    const kostnadKr = t.number(record, c.kostnad, { min: 0, optional: true }) ?? null;
    const potentialKr = t.number(record, c.potential, { min: 0, optional: true }) ?? null;
    if (potentialKr !== null && kostnadKr !== null && potentialKr > kostnadKr) {
      t.fail(
        record,
        c.potential,
        `potential \`${t.text(record, c.potential)}\` exceeds the cost \`${t.text(record, c.kostnad)}\`; expected 0 ≤ potential ≤ cost`,
      );
    }
    const effektivitetBc = t.number(record, c.effektivitetBc, { min: 0, exclusive: true, optional: true }) ?? null;
    const [effektivitetLag, effektivitetHog] = this.interval(t, record, c.effektivitetLag, c.effektivitetHog, {
      min: 0,
      exclusive: true,
      optional: true,
    });
    const effektivitetOjusterad =
      t.number(record, c.effektivitetOjusterad, { min: 0, exclusive: true, max: 1, optional: true }) ?? null;
    const effektivitetDea =
      t.number(record, c.effektivitetDea, { min: 0, exclusive: true, max: 1, optional: true }) ?? null;
    const flag = t.text(record, c.ojamforbar);
    if (flag !== '' && flag !== '0' && flag !== '1')
      t.fail(record, c.ojamforbar, `expected \`1\`, \`0\` or an empty cell, got \`${flag}\``);
    const code = (column: string) => {
      const text = t.text(record, column).trim();
      if (text !== '' && !/^[\p{L}\d_=;.:-]+$/u.test(text))
        t.fail(
          record,
          column,
          `cannot read \`${text}\`; expected short codes separated by \`;\` (docs/method.md), e.g. \`N17467=2021;N17831=utan\``,
        );
      return text === '' ? null : text;
    };
    return {
      effektivitet,
      kostnadKr,
      potentialKr,
      jamforelse: this.readPeers(t, record, c.jamforelse),
      effektivitetBc,
      effektivitetLag,
      effektivitetHog,
      effektivitetOjusterad,
      ojamforbar: flag === '' ? null : flag === '1',
      effektivitetDea,
      ...optionalCodes(code(c.saknas), code(c.flagga)),
    };
  }

  private readPeers(t: CsvTable, record: CsvRecord, column: string): Peer[] {
    const raw = t.text(record, column);
    if (raw === '') return [];
    const peers: Peer[] = [];
    for (const pair of raw.split(';')) {
      const [code = '', weightText = '', extra] = pair.trim().split(':');
      const weight = parseNumber(weightText);
      if (extra !== undefined || !/^\d{4}$/.test(code) || weight === undefined || weight <= 0 || weight > 1 + 1e-9) {
        t.fail(
          record,
          column,
          `cannot read peer \`${pair}\`; expected \`kommunkod:weight\` pairs separated by \`;\` with 0 < weight ≤ 1, e.g. \`0114:0.6;0115:0.4\``,
        );
        return [];
      }
      if (!this.known.has(code)) {
        t.fail(
          record,
          column,
          `unknown peer kommunkod \`${code}\`; expected a code listed in the municipality master data`,
        );
        return [];
      }
      peers.push({ kommunkod: code, weight });
    }
    return peers;
  }
}

/** `saknas` and `flagga` only when the table has them, so a table without them reads as before. */
function optionalCodes(saknas: string | null, flagga: string | null): Pick<AreaEfficiency, 'saknas' | 'flagga'> {
  return { ...(saknas === null ? {} : { saknas }), ...(flagga === null ? {} : { flagga }) };
}
