import { join } from 'node:path';
import { ExitCode, UsageError } from '../../errors.ts';
import { AREAS, serializeEfficiencyTable } from '../../load/index.ts';
import type { EfficiencyRow, Municipality } from '../../load/types.ts';
import { compositeWeights } from '../../analyse/composite.ts';
import { loadModel } from '../../analyse/load-model.ts';
import { createRequire } from 'node:module';
import type { AnalysisResult, AnalysisSummary } from '../../analyse/index.ts';
import { summarise } from '../../analyse/summarise.ts';
import { loadEditionData } from '../../run/edition-data.ts';
import { writeFileAtomic } from '../../io/write-atomic.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { resolveConfig } from '../resolve-config.ts';
import type { Command } from '../types.ts';
import { defaultConfig, PROJECT_ROOT, type PipelineConfig } from '../../config.ts';
import { resolveBootstrap } from '../resolve-config.ts';
import { writePanelFiles } from './write-panel-files.ts';
import { formatValidationCheck, validationCheck } from '../../analyse/validation-table.ts';
import { HANDBOOK_MUNICIPALITIES } from '../../model/handbook-municipalities.ts';
import { summariseMessages } from '../summarise-messages.ts';
import { createAnalysisProgress } from '../analysis-progress.ts';

const HELP = `Usage: kommunrapport analyse [--data DIR] [--output DIR] [--year YEAR] [--bootstrap B] [--seed S] [--verbose]

Runs the DEA analysis on the data folder, writes <output>/data/effektivitet.csv, the yearly
panel (effektivitet-historik.csv, malmquist.csv) beside it, and prints a summary beside the
2025 study's national figures. The analysis is cached: an unchanged data folder with the same
settings is read back, not analysed again.

  --data DIR          data folder (default: data/)
  --output DIR        output folder (default: output/; also KOMMUNRAPPORT_OUTPUT)
  --year YEAR         data year (default: the latest in which the model's key figures are complete)
  --bootstrap B       bootstrap replicates for the intervals (default 2000; 0 = none)
  --seed S            seed of the bootstrap (default fixed; same seed, same intervals)
  --verbose, -v       list every note of the analysis (each left-out municipality with its reason)
  --help, -h          this text
`;

const pkg = createRequire(import.meta.url)(join(PROJECT_ROOT, 'package.json')) as { version: string };

/** Figures of Svenskt Näringsliv's 2025 study (raw/PROVENANCE.md §3), printed for comparison only. */
const STUDY_2025 = {
  potentialKr: 91e9,
  meanReduction: { grundskola: 0.24, gymnasieskola: 0.37, aldreomsorg: 0.28, bibliotek: 0.47 },
};

/**
 * `kommunrapport analyse [--data DIR] [--output DIR] [--year YEAR] [--bootstrap B] [--seed S]`:
 * runs the DEA on data/ for the data year (the latest complete one unless --year) with the
 * Simar–Wilson bootstrap (default B = 2000, fixed seed; 0 = none), writes
 * `<output>/data/effektivitet.csv` atomically (temp file + rename) and prints the sanity summary.
 */
export const analyseCommand: Command = async (ctx) => {
  const { values } = parseCommandArgs(
    ctx.argv,
    {
      data: { type: 'string' },
      out: { type: 'string' },
      output: { type: 'string' },
      bootstrap: { type: 'string' },
      seed: { type: 'string' },
      year: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
    'analyse',
  );
  if (values.help) {
    ctx.stdout.write(HELP);
    return ExitCode.ok;
  }
  // The same folders as every other command, from any working directory: data/ of the
  // project unless --data, output/ unless --output (or --out) or KOMMUNRAPPORT_OUTPUT.
  if (values.year !== undefined && !/^\d{4}$/.test(values.year))
    throw new UsageError(`--year expects a 4-digit year, got “${values.year}”`);
  const config = resolveConfig(ctx, { data: values.data, output: values.output ?? values.out });
  const bootstrap = resolveBootstrap(values, defaultConfig(ctx.env).bootstrap);
  const progress = createAnalysisProgress(ctx.stderr, ctx.interactive);
  const { edition, result } = await analyseOrRead(
    config,
    { bootstrap, year: values.year === undefined ? undefined : Number(values.year) },
    progress,
  );
  const outDir = join(config.outputDir, 'data');
  const target = join(outDir, 'effektivitet.csv');
  await writeFileAtomic(target, serializeEfficiencyTable(result.table));
  ctx.stdout.write(formatChecks(result, edition.municipalities, target, bootstrap));
  // The yearly panel (issue 13): effektivitet-historik.csv and malmquist.csv beside the table.
  const panel = await writePanelFiles(config.dataDir, config.cacheDir, outDir, progress.onProgress).finally(
    progress.stop,
  );
  ctx.stdout.write(panel.text);
  const messages = [
    ...(result.messages ?? []),
    ...panel.messages.map((m) => (m.startsWith('panel ') ? m : `panel: ${m}`)),
  ];
  for (const message of values.verbose ? messages : summariseMessages(messages)) ctx.stderr.write(`INFO ${message}\n`);
  return 0;
};

/**
 * The analysis through the edition cache that `build` and `serve` read, so `make` (analyse,
 * then build) pays the bootstrap once; an unchanged data/ with the same settings is read back,
 * with its summary worked out again.
 */
async function analyseOrRead(
  config: PipelineConfig,
  settings: { bootstrap: { replicates: number; seed: number }; year: number | undefined },
  progress: ReturnType<typeof createAnalysisProgress>,
) {
  let analysed: AnalysisResult | undefined;
  const edition = await loadEditionData(config.dataDir, config.cacheDir, pkg.version, {
    ...settings,
    onAnalysed: (r) => (analysed = r),
    onProgress: progress.onProgress,
  }).finally(progress.stop);
  const result = analysed ?? {
    table: edition.table,
    summary: await cachedSummary(
      edition.table,
      edition.municipalities,
      edition.ar,
      join(config.dataDir, 'modell.yaml'),
    ),
    messages: ['unchanged data and settings: the analysis was read from the cache'],
  };
  return { edition, result };
}

/** The summary, the rank intervals and the check against the handbook's municipalities, as printed. */
function formatChecks(
  result: Pick<AnalysisResult, 'table' | 'summary'> & Partial<Pick<AnalysisResult, 'screening'>>,
  municipalities: Municipality[],
  target: string,
  bootstrap: { replicates: number; seed: number },
): string {
  const names = new Map(municipalities.map((m) => [m.kommunkod, m.kommun]));
  return (
    formatSummary(result.summary, target) +
    formatRankIntervals(result.table, names, bootstrap) +
    formatValidationCheck(
      validationCheck(result.table, municipalities, HANDBOOK_MUNICIPALITIES, result.screening),
      municipalities.length,
    )
  );
}

/** The summary of a cached analysis: the same weights and proxy areas as a fresh one. */
async function cachedSummary(
  table: EfficiencyRow[],
  municipalities: Municipality[],
  year: number,
  modelFile: string,
): Promise<AnalysisSummary> {
  const model = await loadModel(modelFile);
  const costs = Object.fromEntries(
    AREAS.map((a) => [a, table.flatMap((r) => (r.areas[a].kostnadKr === null ? [] : [r.areas[a].kostnadKr!]))]),
  );
  const proxyAreas = new Set(model.areas.filter((a) => a.cost.proxy).map((a) => a.area));
  return summarise(table, municipalities, year, { weights: compositeWeights(costs), proxyAreas });
}

const bn = (kr: number) => `${(kr / 1e9).toFixed(1)} bn SEK`;
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

/**
 * The plain-text summary: national and per-area potential (with the proxy area apart), efficient
 * units, mean reduction adjusted and unadjusted beside the 2025 study's, top and bottom 10.
 */
export function formatSummary(s: AnalysisSummary, file: string): string {
  const proxies = AREAS.filter((a) => s.perArea[a].proxy);
  const lines = [
    `Efficiency analysis ${s.ar}: wrote ${file}`,
    '',
    `Potential, all areas: ${bn(s.potentialKr)} of ${bn(s.kostnadKr)} cost (${pct(s.potentialKr / s.kostnadKr)})   [2025 study: about ${bn(STUDY_2025.potentialKr)}]`,
  ];
  if (proxies.length) {
    lines.push(
      `  without ${proxies.join(', ')} (proxy cost base, upper bound): ${bn(s.potentialUtanProxyKr)} of ${bn(s.kostnadUtanProxyKr)} (${pct(s.kostnadUtanProxyKr ? s.potentialUtanProxyKr / s.kostnadUtanProxyKr : 0)})`,
    );
  }
  lines.push(
    '',
    `${'area'.padEnd(14)}${'units'.padStart(6)}${'efficient'.padStart(10)}${'no peer'.padStart(8)}${'potential'.padStart(15)}${'of cost'.padStart(9)}${'mean reduction'.padStart(16)}${'unadjusted'.padStart(12)}${'2025 study'.padStart(12)}${'weight'.padStart(8)}`,
  );
  for (const area of AREAS) {
    const a = s.perArea[area];
    lines.push(
      `${(area + (a.proxy ? '*' : '')).padEnd(14)}${String(a.units).padStart(6)}${String(a.efficientUnits).padStart(10)}${String(a.ojamforbaraUnits).padStart(8)}${bn(a.potentialKr).padStart(15)}` +
        `${pct(a.kostnadKr ? a.potentialKr / a.kostnadKr : 0).padStart(9)}${pct(a.meanReduction).padStart(16)}${pct(a.meanReductionOjusterad).padStart(12)}` +
        `${pct(STUDY_2025.meanReduction[area]).padStart(12)}${pct(s.weights[area]).padStart(8)}`,
    );
  }
  if (proxies.length) lines.push(`* proxy cost base: the potential is an upper bound`);
  const list = (title: string, units: AnalysisSummary['top']) => {
    lines.push('', title);
    for (const t of units) {
      lines.push(
        `${String(t.rang).padStart(3)}  ${t.kommunkod}  ${t.kommun.padEnd(20)} ${pct(t.effektivitet).padStart(7)}${t.rangOjusterad ? `   unadjusted rank ${t.rangOjusterad}` : ''}`,
      );
    }
  };
  list('Top 10 (composite: fixed national cost-share weights, a missing area at the area median):', s.top);
  list('Bottom 10:', s.bottom);
  return lines.join('\n') + '\n';
}

/** Median rank-interval width and the top and bottom ten with their 95 % rank intervals. */
export function formatRankIntervals(
  table: EfficiencyRow[],
  names: Map<string, string>,
  bootstrap: { replicates: number; seed: number },
): string {
  const ranked = table.filter((r) => r.rangLag != null && r.rangHog != null).sort((a, b) => a.rang - b.rang);
  if (ranked.length === 0) return '\nNo bootstrap (B = 0): no intervals.\n';
  const widths = ranked.map((r) => r.rangHog! - r.rangLag!).sort((a, b) => a - b);
  const median =
    widths.length % 2 ? widths[widths.length >> 1]! : (widths[widths.length / 2 - 1]! + widths[widths.length / 2]!) / 2;
  const line = (r: EfficiencyRow) =>
    `${String(r.rang).padStart(3)}  ${r.kommunkod}  ${(names.get(r.kommunkod) ?? r.kommunkod).padEnd(20)} ${pct(r.effektivitet).padStart(7)}   rank ${r.rangLag}–${r.rangHog}`;
  return [
    '',
    `Rank intervals (95 %, Simar–Wilson bootstrap, B = ${bootstrap.replicates}, seed ${bootstrap.seed}): median width ${median} places`,
    ...ranked.slice(0, 10).map(line),
    '  …',
    ...ranked.slice(-10).map(line),
    '',
  ].join('\n');
}
