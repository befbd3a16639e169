import { join } from 'node:path';
import { ExitCode, UsageError } from '../../errors.ts';
import { AREAS, scoredUnits, serializeEfficiencyTable } from '../../load/index.ts';
import type { EfficiencyRow, Municipality, UnrankedRow } from '../../load/types.ts';
import { compositeWeightsOf } from '../../analyse/composite.ts';
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
import { costDeviations } from '../../analyse/cost-deviations.ts';
import { formatValidationCheck, STUDY_POTENTIAL_KR, validationCheck } from '../../analyse/validation-table.ts';
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
  potentialKr: STUDY_POTENTIAL_KR,
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
  const { edition, result, unranked } = await analyseOrRead(
    config,
    { bootstrap, year: values.year === undefined ? undefined : Number(values.year) },
    progress,
  );
  const outDir = join(config.outputDir, 'data');
  const target = join(outDir, 'effektivitet.csv');
  await writeFileAtomic(target, serializeEfficiencyTable(result.table, unranked));
  const deviations = await costDeviations(config.dataDir, edition.ar);
  ctx.stdout.write(formatChecks(result, unranked, edition.municipalities, target, bootstrap, deviations));
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
      edition.unranked,
      edition.municipalities,
      edition.ar,
      join(config.dataDir, 'modell.yaml'),
    ),
    messages: ['unchanged data and settings: the analysis was read from the cache'],
  };
  return { edition, result, unranked: analysed?.unranked ?? edition.unranked };
}

/** The summary, the rank intervals and the check against the handbook's municipalities, as printed. */
function formatChecks(
  result: Pick<AnalysisResult, 'table' | 'summary'> & Partial<Pick<AnalysisResult, 'screening'>>,
  unranked: UnrankedRow[],
  municipalities: Municipality[],
  target: string,
  bootstrap: { replicates: number; seed: number },
  deviations: Awaited<ReturnType<typeof costDeviations>>,
): string {
  const names = new Map(municipalities.map((m) => [m.kommunkod, m.kommun]));
  return (
    formatSummary(result.summary, target) +
    formatRankIntervals(result.table, names, bootstrap) +
    formatValidationCheck(
      validationCheck(result.table, municipalities, HANDBOOK_MUNICIPALITIES, result.screening, deviations, unranked),
      municipalities.length,
    )
  );
}

/** The summary of a cached analysis: the same weights and proxy areas as a fresh one. */
async function cachedSummary(
  table: EfficiencyRow[],
  unranked: UnrankedRow[],
  municipalities: Municipality[],
  year: number,
  modelFile: string,
): Promise<AnalysisSummary> {
  const model = await loadModel(modelFile);
  const proxyAreas = new Set(model.areas.filter((a) => a.cost.proxy).map((a) => a.area));
  // The weights over every scored unit, ranked or not, as analyse.ts computes them.
  const weights = compositeWeightsOf(scoredUnits(table, unranked));
  return summarise(table, municipalities, year, { weights, proxyAreas, unranked });
}

const bn = (kr: number) => `${(kr / 1e9).toFixed(1)} bn SEK`;
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

/**
 * The plain-text summary: the national potential over the areas with a kronor potential beside
 * the 2025 study's range (an indicator-only area apart, with no potential), per area the units,
 * the DEA-efficient ones (θ_DEA = 1: the printed bias-corrected scores are never 1), those without
 * a comparable municipality, potential, mean reduction (printed, DEA, unadjusted) beside the
 * study's, the composite weights, and the top and bottom 10 with the notes each rank needs.
 */
export function formatSummary(s: AnalysisSummary, file: string): string {
  const indicators = AREAS.filter((a) => s.perArea[a].proxy);
  const withPotential = AREAS.filter((a) => !s.perArea[a].proxy);
  const study = `${(STUDY_2025.potentialKr[0] / 1e9).toFixed(1)}–${bn(STUDY_2025.potentialKr[1])}`;
  const lines = [
    `Efficiency analysis ${s.ar}: wrote ${file}`,
    '',
    `Potential (bias-corrected, as printed): ${bn(s.potentialUtanProxyKr)} of ${bn(s.kostnadUtanProxyKr)} cost in ${withPotential.join(', ')} (${pct(s.kostnadUtanProxyKr ? s.potentialUtanProxyKr / s.kostnadUtanProxyKr : 0)})   [2025 study: ${study}]`,
  ];
  for (const a of indicators) {
    lines.push(
      `  ${a}: an indicator only, no kronor potential (its cost base, ${bn(s.perArea[a].kostnadKr)}, is all culture, not libraries alone)`,
    );
  }
  const header: [string, number][] = [
    ['units', 6],
    ['DEA=1', 7],
    ['no comp', 9],
    ['potential', 14],
    ['of cost', 9],
    ['1−θ', 8],
    ['1−θ DEA', 9],
    ['unadjusted', 12],
    ['2025 study', 12],
    ['weight', 8],
  ];
  lines.push('', `${'area'.padEnd(14)}${header.map(([h, w]) => h.padStart(w)).join('')}`);
  for (const area of AREAS) {
    const a = s.perArea[area];
    const cells = [
      String(a.units),
      String(a.deaEfficientUnits),
      String(a.ojamforbaraUnits),
      a.proxy ? '–' : bn(a.potentialKr),
      a.proxy ? '–' : pct(a.kostnadMedPotentialKr ? a.potentialKr / a.kostnadMedPotentialKr : 0),
      pct(a.meanReduction),
      pct(a.meanReductionDea),
      pct(a.meanReductionOjusterad),
      pct(STUDY_2025.meanReduction[area]),
      pct(s.weights[area]),
    ];
    lines.push(`${(area + (a.proxy ? '*' : '')).padEnd(14)}${cells.map((c, i) => c.padStart(header[i]![1])).join('')}`);
  }
  lines.push(
    'units: scored; DEA=1: on the estimated frontier before bias correction (θ_DEA = 1; no printed, bias-corrected score is 1);',
    'no comp: no comparable municipality (egen_referens): no potential, counted at the area median in the composite;',
    'of cost: potential / cost of the units with a potential; 1−θ: mean reduction of the average unit, bias-corrected as printed,',
    'before correction (DEA) and without the structure variables (unadjusted, DEA).',
  );
  if (indicators.length) lines.push(`* indicator only: no kronor potential (cost base is a proxy)`);
  const list = (title: string, units: AnalysisSummary['top']) => {
    lines.push('', title);
    for (const t of units) {
      lines.push(
        `${String(t.rang).padStart(3)}  ${t.kommunkod}  ${t.kommun.padEnd(20)} ${pct(t.effektivitet).padStart(7)}${t.rangOjusterad ? `   unadjusted rank ${String(t.rangOjusterad).padStart(3)}` : ''}${t.notes.length ? `   ${t.notes.join('; ')}` : ''}`,
      );
    }
  };
  list(
    'Top 10 (bias-corrected composite: fixed national cost-share weights; an area missing or without a comparable municipality counts at the area median):',
    s.top,
  );
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
