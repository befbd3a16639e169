import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deaCommand } from '../../../pipeline/cli/commands/dea.ts';
import { validateCommand } from '../../../pipeline/cli/commands/validate.ts';
import { serializeEfficiencyTable } from '../../../pipeline/load/index.ts';
import { runCommand } from '../../helpers/run-command.ts';

const fixtures = relative(process.cwd(), fileURLToPath(new URL('../../fixtures/', import.meta.url)));

function temp(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kr-cmd-')), name);
  writeFileSync(file, text);
  return file;
}

describe('dea command', () => {
  it('prints id, efficiency, super-efficiency and peers', async () => {
    const { code, out } = await runCommand(deaCommand, [
      `${fixtures}/dea-reference/fls_11dmu.csv`,
      '--inputs',
      'x1,x2',
      '--outputs',
      'y',
      '--rts',
      'vrs',
    ]);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('id,efficiency,super_efficiency,peers');
    expect(lines[2]).toBe('2,0.8699861687,0.8699861687,1:0.5255878285;6:0.2842323651;7:0.1901798064');
    expect(lines[9]).toBe('9,1,INFEASIBLE,9:1');
  });

  it('lists every bad cell with file, line and column', async () => {
    const file = temp('bad.csv', 'dmu;x1;x2;y\n1;5;13;12\n2;0;12;14\n3;abc;26;25\n2;17;-1;26\n4;1;1;0\n');
    const { code, out } = await runCommand(deaCommand, [file, '--inputs', 'x1,x2', '--outputs', 'y']);
    expect(code).toBe(-1);
    expect(out.split('\n').slice(1)).toEqual([
      `  - ${file} line 3, column \`x1\`: expected a number > 0, got \`0\``,
      `  - ${file} line 4, column \`x1\`: expected a number > 0, got \`abc\``,
      `  - ${file} line 5, column \`dmu\`: id \`2\` appears twice (first on line 3); expected unique ids`,
      `  - ${file} line 5, column \`x2\`: expected a number > 0, got \`-1\``,
      `  - ${file} line 6, column \`y\`: every output is 0; expected at least one positive output`,
    ]);
  });

  it('rejects a missing column and missing options', async () => {
    const file = `${fixtures}/dea-reference/fls_11dmu.csv`;
    expect((await runCommand(deaCommand, [file, '--inputs', 'x1,x9', '--outputs', 'y'])).out).toMatch(
      /line 1, column `x9`: Cannot find the column in the header/,
    );
    expect((await runCommand(deaCommand, [file, '--inputs', 'x1'])).out).toMatch(
      /^--inputs and --outputs are required; usage:/,
    );
  });
});

describe('validate command', () => {
  const row = (kommunkod: string, rang: number, effektivitet: number) => ({
    kommunkod,
    ar: 2022,
    effektivitet,
    rang,
    potentialKr: 0,
    areas: Object.fromEntries(
      ['grundskola', 'gymnasieskola', 'aldreomsorg', 'bibliotek'].map((a) => [
        a,
        { effektivitet: null, kostnadKr: null, potentialKr: null, jamforelse: [] },
      ]),
    ),
  });

  it('exits 3 and prints every problem when the table is invalid, 0 when valid', async () => {
    // The master data must have 290 rows, so a 3-row master is itself reported.
    const bad = await runCommand(validateCommand, ['x.csv', '--data', `${fixtures}/three-municipalities`]);
    expect(bad.out).toMatch(/kommuner\.csv line 1: the file lists 3 municipalities; expected 290/);
    const good = temp('ok.csv', serializeEfficiencyTable([row('0114', 1, 1) as never]));
    expect((await runCommand(validateCommand, [good, '--data', `${fixtures}/master-290`])).code).toBe(0);
    const invalid = temp(
      'bad.csv',
      'kommunkod,ar,effektivitet,rang,potential_kr\n0114,2022,1.1,1,0\n114,2022,0.5,3,0\n',
    );
    const result = await runCommand(validateCommand, [invalid, '--data', `${fixtures}/master-290`]);
    expect(result.code).toBe(3);
    expect(result.out.split('\n').slice(0, 3)).toEqual([
      `ERROR ${invalid} line 2, column \`effektivitet\`: expected a number > 0 and ≤ 1, got \`1.1\``,
      `ERROR ${invalid} line 3, column \`kommunkod\`: kommunkod \`114\` has lost its leading zero; expected a 4-digit string such as \`0114\` (format the column as text in Excel)`,
      `ERROR ${invalid} line 3, column \`rang\`: rank \`3\` leaves a gap; expected 1 (a tie) or 2 (ranks run 1…2 without gaps)`,
    ]);
  });
});
