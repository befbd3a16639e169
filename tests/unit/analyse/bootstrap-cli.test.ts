/** `kommunrapport dea … --bootstrap B --seed S` adds efficiency_bc, ci_low, ci_high, reproducibly. */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deaCommand } from '../../../pipeline/cli/commands/dea.ts';
import { runCommand } from '../../helpers/run-command.ts';

const fixture = relative(
  process.cwd(),
  fileURLToPath(new URL('../../fixtures/dea-reference/fls_11dmu.csv', import.meta.url)),
);

const run = (argv: string[]) => runCommand(deaCommand, argv);

const base = [fixture, '--inputs', 'x1,x2', '--outputs', 'y', '--rts', 'vrs', '--id', 'dmu'];

describe('dea command with --bootstrap', () => {
  it('adds efficiency_bc, ci_low and ci_high; the same seed prints the same figures', async () => {
    const first = await run([...base, '--bootstrap', '400', '--seed', '3']);
    const again = await run([...base, '--bootstrap', '400', '--seed', '3']);
    const other = await run([...base, '--bootstrap', '400', '--seed', '4']);
    expect(first.code).toBe(0);
    expect(again.out).toBe(first.out);
    expect(other.out).not.toBe(first.out);
    const [header, ...rows] = first.out.trim().split('\n');
    expect(header).toBe('id,efficiency,super_efficiency,peers,efficiency_bc,ci_low,ci_high');
    expect(rows).toHaveLength(11);
    for (const row of rows) {
      const cells = row.split(',');
      const [efficiency, bc, low, high] = [cells[1], ...cells.slice(-3)].map(Number) as [
        number,
        number,
        number,
        number,
      ];
      expect(bc).toBeLessThanOrEqual(efficiency + 1e-9);
      expect(low).toBeLessThanOrEqual(bc);
      expect(bc).toBeLessThanOrEqual(high);
    }
  }, 60_000);

  it('prints no bootstrap columns without --bootstrap and rejects a bad count', async () => {
    expect((await run(base)).out.split('\n')[0]).toBe('id,efficiency,super_efficiency,peers');
    const bad = await run([...base, '--bootstrap', 'many']);
    expect(bad.code).toBe(-1);
    expect(bad.out).toMatch(/--bootstrap many: expected a whole number/);
  });
});
