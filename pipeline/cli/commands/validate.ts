import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { DataError, DataErrors, ExitCode, UsageError } from '../../errors.ts';
import { loadEfficiencyTableWithUnranked, loadMunicipalities } from '../../load/index.ts';
import { resolveConfig } from '../resolve-config.ts';
import type { Command } from '../types.ts';

const USAGE = 'usage: kommunrapport validate FILE.csv [--data DIR]';

const HELP = `Usage: kommunrapport validate FILE.csv [--data DIR]

Checks an external efficiency table (the columns of output/data/effektivitet.csv; the Swedish
Excel form is accepted too) against <data>/kommuner.csv and lists every problem with its line
and column. Exits 0 only when the table is valid, 3 when it is not.

  --data DIR          data folder whose kommuner.csv the codes are checked against (default: data/)
  --help, -h          this text
`;

/**
 * `kommunrapport validate FILE.csv [--data DIR]`: checks an external efficiency table against
 * `<data>/kommuner.csv` and prints every problem with file, line and column. Exit 0 only if valid.
 */
export const validateCommand: Command = async (ctx) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: ctx.argv,
      options: { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; ${USAGE}`, { hint: 'See `kommunrapport validate --help`.' });
  }
  if (parsed.values.help) {
    ctx.stdout.write(HELP);
    return ExitCode.ok;
  }
  const [input, ...extra] = parsed.positionals;
  if (!input || extra.length) throw new UsageError(`expected exactly one FILE.csv; ${USAGE}`);
  // data/ as every command finds it: the project's, unless --data (relative to the working directory).
  const municipalities = await loadMunicipalities(
    join(resolveConfig(ctx, { data: parsed.values.data }).dataDir, 'kommuner.csv'),
  );
  const file = resolve(ctx.cwd, input);
  let rows;
  let unranked;
  try {
    ({ rows, unranked } = await loadEfficiencyTableWithUnranked(file, municipalities));
  } catch (error) {
    const problems = error instanceof DataErrors ? error.errors : error instanceof DataError ? [error] : undefined;
    if (!problems) throw error;
    for (const problem of problems) ctx.stdout.write(`ERROR ${problem.message}\n`);
    ctx.stdout.write(`${input}: ${problems.length} problem(s); the table is not valid\n`);
    return ExitCode.data;
  }
  const present = new Set([...rows, ...unranked].map((r) => r.kommunkod));
  const missing = municipalities.filter((m) => !present.has(m.kommunkod));
  if (missing.length) {
    const names = missing
      .slice(0, 10)
      .map((m) => `${m.kommunkod} ${m.kommun}`)
      .join(', ');
    ctx.stdout.write(
      `WARN ${input}: no row for ${missing.length} municipalities (${names}${missing.length > 10 ? ', …' : ''}); their reports will lack efficiency figures\n`,
    );
  }
  const unrankedText = unranked.length ? ` (${unranked.length} of them unranked: no scored area)` : '';
  ctx.stdout.write(`OK ${input}: ${rows.length + unranked.length} rows${unrankedText}, valid efficiency table\n`);
  return ExitCode.ok;
};
