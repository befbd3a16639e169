import { parseArgs } from 'node:util';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../../errors.ts';
import { AREAS, serializeEfficiencyTable } from '../../load/index.ts';
import { runAnalysis, type AnalysisSummary } from '../../analyse/index.ts';
import type { Command } from '../types.ts';
import { writePanelFiles } from './write-panel-files.ts';

/** Figures of Svenskt Näringsliv's 2025 study (raw/PROVENANCE.md §3), printed for comparison only. */
const STUDY_2025 = { potentialKr: 91e9, meanReduction: { grundskola: 0.24, gymnasieskola: 0.37, aldreomsorg: 0.28, bibliotek: 0.47 } };

/**
 * `kommunrapport analyse [--data DIR] [--out DIR] [--year YEAR]`: runs the DEA on data/ for the
 * data year (the latest complete one unless --year), writes
 * `<out>/data/effektivitet.csv` atomically (temp file + rename) and prints the sanity summary.
 */
export const analyseCommand: Command = async (ctx) => {
  let values;
  try {
    ({ values } = parseArgs({
      args: ctx.argv,
      options: { data: { type: 'string', default: 'data' }, out: { type: 'string', default: 'output' }, year: { type: 'string' } },
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; usage: kommunrapport analyse [--data DIR] [--out DIR] [--year YEAR]`, { cause: error });
  }
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new UsageError(`--year expects a 4-digit year, got “${values.year}”`);
  const dataDir = resolve(ctx.cwd, values.data);
  const result = await runAnalysis(dataDir, { year: values.year === undefined ? undefined : Number(values.year) });
  const outDir = join(resolve(ctx.cwd, values.out), 'data');
  const target = join(outDir, 'effektivitet.csv');
  await mkdir(outDir, { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, serializeEfficiencyTable(result.table));
  await rename(temp, target);
  for (const message of result.messages ?? []) ctx.stderr.write(`INFO ${message}\n`);
  ctx.stdout.write(formatSummary(result.summary, target));
  // The yearly panel (issue 13): effektivitet-historik.csv and malmquist.csv beside the table.
  const cacheDir = ctx.env.KOMMUNRAPPORT_CACHE ? resolve(ctx.cwd, ctx.env.KOMMUNRAPPORT_CACHE) : join(resolve(ctx.cwd, values.out), '.cache');
  ctx.stdout.write(await writePanelFiles(dataDir, cacheDir, outDir, ctx.stderr));
  return 0;
};

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
      lines.push(`${String(t.rang).padStart(3)}  ${t.kommunkod}  ${t.kommun.padEnd(20)} ${pct(t.effektivitet).padStart(7)}${t.rangOjusterad ? `   unadjusted rank ${t.rangOjusterad}` : ''}`);
    }
  };
  list('Top 10 (composite: fixed national cost-share weights, a missing area at the area median):', s.top);
  list('Bottom 10:', s.bottom);
  return lines.join('\n') + '\n';
}
