/** Common options of the build-like commands → `PipelineConfig` (defaults < env < flags). */
import path from 'node:path';
import { defaultConfig, type PipelineConfig } from '../config.ts';
import { UsageError } from '../errors.ts';
import { parseShard } from '../run/select-municipalities.ts';
import type { CommandContext } from './types.ts';
import { parseReplicates, parseSeed } from '../analyse/uncertainty/defaults.ts';

export const CONFIG_OPTIONS = {
  data: { type: 'string' },
  templates: { type: 'string' },
  output: { type: 'string' },
  efficiency: { type: 'string' },
  concurrency: { type: 'string' },
  shard: { type: 'string' },
  force: { type: 'boolean' },
  bootstrap: { type: 'string' },
  seed: { type: 'string' },
  year: { type: 'string' },
} as const;

export const CONFIG_HELP = `  --data DIR          data folder (default: data/)
  --templates DIR     templates folder (default: templates/)
  --output DIR        output folder (default: output/)
  --efficiency FILE   use an external efficiency table instead of our analysis
  --concurrency N     pages printing in parallel (default 2)
  --shard I/N         build only shard I of N (CI matrices; the manifest merges)
  --force             re-render even reports whose inputs did not change
  --bootstrap B       bootstrap replicates for the intervals (default 2000; 0 = none)
  --seed S            seed of the bootstrap (default fixed; same seed, same intervals)
  --year YEAR         data year (default: the latest in which the model's key figures are complete)`;

export function resolveConfig(
  ctx: CommandContext,
  values: Partial<Record<keyof typeof CONFIG_OPTIONS, string | boolean>>,
): PipelineConfig {
  const config = defaultConfig(ctx.env);
  const dir = (value: unknown) => path.resolve(ctx.cwd, String(value));
  if (values.data) config.dataDir = dir(values.data);
  if (values.templates) config.templatesDir = dir(values.templates);
  if (values.output) config.outputDir = dir(values.output);
  else if (ctx.env.KOMMUNRAPPORT_OUTPUT) config.outputDir = dir(ctx.env.KOMMUNRAPPORT_OUTPUT);
  config.cacheDir = ctx.env.KOMMUNRAPPORT_CACHE
    ? dir(ctx.env.KOMMUNRAPPORT_CACHE)
    : path.join(config.outputDir, '.cache');
  if (values.efficiency) config.efficiencyFile = dir(values.efficiency);
  if (values.concurrency !== undefined) {
    const n = Number(values.concurrency);
    if (!Number.isInteger(n) || n < 1 || n > 16)
      throw new UsageError(`Cannot use --concurrency ${values.concurrency}: expected a whole number from 1 to 16`);
    config.concurrency = n;
  }
  if (values.shard) config.shard = parseShard(String(values.shard));
  config.force = Boolean(values.force);
  config.bootstrap = resolveBootstrap(values, config.bootstrap);
  if (values.year !== undefined) {
    if (!/^\d{4}$/.test(String(values.year)))
      throw new UsageError(`Cannot use --year ${values.year}: expected a 4-digit year such as 2023`);
    config.year = Number(values.year);
  }
  return config;
}

/** `--bootstrap B` and `--seed S` over the given defaults (shared by `analyse` and `build`). */
export function resolveBootstrap(
  values: { bootstrap?: unknown; seed?: unknown },
  defaults: { replicates: number; seed: number },
): { replicates: number; seed: number } {
  const settings = { ...defaults };
  if (values.bootstrap !== undefined) {
    const n = parseReplicates(String(values.bootstrap));
    if (n === undefined)
      throw new UsageError(
        `Cannot use --bootstrap ${values.bootstrap}: expected a whole number of replicates (2000 recommended; 0 = no intervals)`,
      );
    settings.replicates = n;
  }
  if (values.seed !== undefined) {
    const s = parseSeed(String(values.seed));
    if (s === undefined)
      throw new UsageError(`Cannot use --seed ${values.seed}: expected a whole number from 0 to 2147483647`);
    settings.seed = s;
  }
  return settings;
}
