/**
 * Hostile and ambiguous municipality names (issue 17): `--kommun` with a name two
 * municipalities share is refused naming both codes, and control characters in a name never
 * reach the terminal raw (error messages, progress lines, the build summary). Pure: no disk.
 */
import { describe, expect, it } from 'vitest';
import type { BuildSummary } from '../../pipeline/run/index.ts';
import { selectMunicipalities } from '../../pipeline/run/select-municipalities.ts';
import { formatError } from '../../pipeline/cli/print-error.ts';
import { createProgress } from '../../pipeline/cli/progress.ts';
import { summarise } from '../../pipeline/cli/summarise.ts';
import { PdfError, UsageError } from '../../pipeline/errors.ts';
import type { Municipality } from '../../pipeline/load/types.ts';

const municipality = (kommunkod: string, kommun: string): Municipality =>
  ({
    kommunkod,
    kommun,
    lanskod: kommunkod.slice(0, 2),
    lan: 'Län',
    kommungruppKod: 'A1',
    kommungrupp: 'Storstäder',
    invanare: 1000,
    ar: 2022,
  }) as Municipality;

const ESC = '\u001b';
const EVIL = `Evil${ESC}]0;owned${'\u0007'}${ESC}[2J\rby`;
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('ambiguous names', () => {
  const all = [
    municipality('0160', 'Täby'),
    municipality('2021', 'Vansbro'),
    municipality('9999', 'Taby'),
    municipality('0180', 'Stockholm'),
  ];

  it('refuses a name two municipalities share and names both codes', () => {
    let error: unknown;
    try {
      selectMunicipalities(all, ['taby']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const text = formatError(error, false).text;
    expect(text).toContain('0160');
    expect(text).toContain('9999');
  });

  it('still selects by code and by an unambiguous name', () => {
    expect(selectMunicipalities(all, ['0160', 'Stockholm', '9999'])).toEqual(['0160', '0180', '9999']);
  });
});

describe('control characters never reach the terminal raw', () => {
  it('escapes them in error messages and hints', () => {
    const text = formatError(
      new PdfError('0160', `Cannot print the report for ${EVIL} after 3 attempts`, {
        cause: new Error(`because ${EVIL}`),
      }),
      false,
    ).text;
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).toContain('Evil');
    const unknown = formatError(new UsageError(`No municipality matches “${EVIL}”`), false).text;
    expect(unknown).not.toMatch(RAW_CONTROL);
  });

  it('escapes them in a typo suggestion', () => {
    let text = '';
    try {
      selectMunicipalities([municipality('0160', EVIL)], [EVIL.replace('by', 'bx')]);
    } catch (error) {
      text = formatError(error, false).text;
    }
    expect(text).toContain('0160');
    expect(text).not.toMatch(RAW_CONTROL);
  });

  it('escapes them in progress lines and the summary', () => {
    let written = '';
    const stream = { write: (chunk: string) => ((written += chunk), true) } as unknown as NodeJS.WritableStream;
    const progress = createProgress(stream, false);
    progress({ type: 'start', total: 1 });
    const outcome = {
      kommunkod: '0160',
      kommun: EVIL,
      status: 'failed' as const,
      ms: 5,
      attempts: 3,
      warnings: [`blocked ${EVIL}`],
      error: new PdfError('0160', `Cannot print the report for ${EVIL}`),
    };
    progress({ type: 'report', outcome });
    const summary: BuildSummary = { outcomes: [outcome], briefs: [], launches: 1, wallMs: 10 };
    written += summarise(summary, 1);
    expect(written).toContain('0160');
    expect(written.replace(/\n/g, '')).not.toMatch(RAW_CONTROL);
  });
});
