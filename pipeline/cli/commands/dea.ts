import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors.ts';
import { CsvTable, readCsvFile } from '../../load/index.ts';
import { runDea, type DeaResult, type ReturnsToScale } from '../../analyse/index.ts';
import type { Command } from '../types.ts';
import { resolveBootstrap } from '../resolve-config.ts';
import { DEFAULT_SEED } from '../../analyse/uncertainty/defaults.ts';
import {
  bootstrapReplicates,
  reflectedEstimate,
  unitColumn,
  type BootstrapEstimate,
} from '../../analyse/uncertainty/index.ts';

const USAGE =
  'usage: kommunrapport dea FILE.csv --inputs a,b --outputs c,d [--rts crs|vrs] [--id column] [--bootstrap B] [--seed S]';

const HELP = `Usage: kommunrapport dea FILE.csv --inputs a,b --outputs c,d [options]

Runs input-oriented DEA on any CSV file (one row per unit) and prints
id,efficiency,super_efficiency,peers (peers as id:lambda;…) on stdout.

  --inputs a,b        input columns (strictly positive)
  --outputs c,d       output columns (non-negative, at least one positive per unit)
  --rts crs|vrs       returns to scale (default vrs)
  --id COLUMN         the unit id column (default: the first column)
  --bootstrap B       Simar–Wilson bootstrap with B replicates: adds efficiency_bc,ci_low,ci_high
  --seed S            seed of the bootstrap (same seed, same intervals)
  --help, -h          this text
`;

/**
 * `kommunrapport dea FILE.csv --inputs a,b --outputs c,d [--rts crs|vrs] [--id col] [--bootstrap B]
 * [--seed S]`: input-oriented DEA on any CSV; prints `id,efficiency,super_efficiency,peers` (peers
 * as `id:lambda;…`). With `--bootstrap B` (B > 0) the Simar–Wilson bootstrap (docs/dea-spec.md §7) adds
 * `efficiency_bc,ci_low,ci_high` (95 % interval); `--seed` makes it reproducible.
 */
export const deaCommand: Command = async (ctx) => {
  if (ctx.argv.includes('--help') || ctx.argv.includes('-h')) {
    ctx.stdout.write(HELP);
    return ExitCode.ok;
  }
  const args = parse(ctx.argv);
  const file = resolve(ctx.cwd, args.file);
  const ids: string[] = [];
  const inputs: number[][] = [];
  const outputs: number[][] = [];
  const seen = new Map<string, number>();
  let table: CsvTable | undefined;
  for await (const record of readCsvFile(file)) {
    if (!table) {
      const idColumn = args.id ?? record.fields[0] ?? '';
      table = CsvTable.fromHeader(file, record, [idColumn, ...args.inputs, ...args.outputs]);
      args.id = idColumn;
      continue;
    }
    const id = table.text(record, args.id!);
    if (id === '') table.fail(record, args.id, 'expected a unit id, got an empty cell');
    else if (seen.has(id))
      table.fail(record, args.id, `id \`${id}\` appears twice (first on line ${seen.get(id)}); expected unique ids`);
    seen.set(id, record.line);
    const x = args.inputs.map((c) => table!.number(record, c, { min: 0, exclusive: true }));
    const y = args.outputs.map((c) => table!.number(record, c, { min: 0 }));
    if (y.every((v) => v === 0))
      table.fail(record, args.outputs.join(','), 'every output is 0; expected at least one positive output');
    ids.push(id);
    inputs.push(x.map(Number));
    outputs.push(y.map(Number));
  }
  table ??= CsvTable.fromHeader(file, undefined, [args.id ?? 'id', ...args.inputs, ...args.outputs]);
  if (ids.length === 0 && table.errors.length === 0)
    table.fail(1, undefined, 'the file has a header but no rows; expected one row per unit');
  table.throwIfAny();
  const results = await runDea({ ids, inputs, outputs, rts: args.rts });
  let estimates: BootstrapEstimate[] | undefined;
  if (args.bootstrap.replicates > 0) {
    const theta = results.map((r) => (r.efficient ? 1 : r.efficiency));
    const { thetaStar } = await bootstrapReplicates([{ ids, inputs, outputs, rts: args.rts, theta }], args.bootstrap);
    estimates = theta.map((t, o) => reflectedEstimate(t, unitColumn(thetaStar[0]!, ids.length, o)));
  }
  ctx.stdout.write(formatResults(results, estimates));
  return 0;
};

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        inputs: { type: 'string' },
        outputs: { type: 'string' },
        rts: { type: 'string', default: 'vrs' },
        id: { type: 'string' },
        bootstrap: { type: 'string' },
        seed: { type: 'string' },
      },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; ${USAGE}`, { hint: 'See `kommunrapport dea --help`.' });
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1)
    throw new UsageError(`expected exactly one FILE.csv, got ${positionals.length}; ${USAGE}`);
  if (!values.inputs || !values.outputs) throw new UsageError(`--inputs and --outputs are required; ${USAGE}`);
  if (values.rts !== 'crs' && values.rts !== 'vrs')
    throw new UsageError(`--rts must be crs or vrs, got \`${values.rts}\`; ${USAGE}`);
  const list = (text: string) =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  // Off unless asked for: the analyst CLI prints the plain DEA by default.
  const bootstrap = resolveBootstrap(values, { replicates: 0, seed: DEFAULT_SEED });
  return {
    file: positionals[0]!,
    inputs: list(values.inputs),
    outputs: list(values.outputs),
    rts: values.rts as ReturnsToScale,
    id: values.id,
    bootstrap,
  };
}

const num = (v: number) => String(Math.round(v * 1e10) / 1e10);
const csv = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

function formatResults(results: DeaResult[], estimates?: BootstrapEstimate[]): string {
  const lines = [`id,efficiency,super_efficiency,peers${estimates ? ',efficiency_bc,ci_low,ci_high' : ''}`];
  results.forEach((r, o) => {
    const peers = r.peers.map((p) => `${p.id}:${num(p.lambda)}`).join(';');
    const cells = [
      csv(r.id),
      num(r.efficiency),
      r.superEfficiency === null ? 'INFEASIBLE' : num(r.superEfficiency),
      csv(peers),
    ];
    const e = estimates?.[o];
    if (e) cells.push(num(e.bc), num(e.low), num(e.high));
    lines.push(cells.join(','));
  });
  return lines.join('\n') + '\n';
}
