/**
 * `make bench`: the performance figures of issue 6, measured in one run on the shipped data,
 * printed as a table and written to output/bench/results.json. BENCH_RUNS sets the number of
 * repetitions (default 3; medians are reported).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runAnalysis } from '../pipeline/analyse/index.ts';
import { prepareEdition } from '../pipeline/run/index.ts';
import { defaultConfig, PROJECT_ROOT } from '../pipeline/config.ts';
import { printFontEnv } from '../pipeline/print/index.ts';
import { serializeEfficiencyTable } from '../pipeline/load/index.ts';
import { startServer } from '../pipeline/serve/index.ts';
import { benchAnalyse } from './analyse.ts';
import { benchBootstrap } from './bootstrap.ts';
import { benchPanel } from './panel.ts';
import {
  changedTemplates,
  changeOneRow,
  removeDir,
  runBuild,
  runCli,
  tempDir,
  type BuildRun,
} from './build-scenarios.ts';
import { benchNaive } from './naive.ts';
import { benchPrintFloor } from './print-floor.ts';

interface Result {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const { chromiumPath: chromium, cacheDir } = defaultConfig(process.env);
const fontEnv = printFontEnv(cacheDir);
const results: Result[] = [];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, digits = 0) => Number(value.toFixed(digits));
const add = (name: string, value: number, unit: string, target?: string) => {
  results.push({ name, value, unit, target });
  process.stderr.write(`  ${name} = ${value} ${unit}${target ? `  (target ${target})` : ''}\n`);
};

process.stderr.write(`kommunrapport bench: ${RUNS} run(s) per scenario on ${chromium}\n`);
for (const item of await benchAnalyse()) add(`analyse: ${item.name}`, item.value, item.unit);
for (const item of await benchBootstrap()) add(item.name, item.value, item.unit, item.target);
for (const item of await benchPanel()) add(item.name, item.value, item.unit, item.target);

// An efficiency table of our own analysis, so "one row changed" can edit a row.
const work = await tempDir('work');
const efficiency = path.join(work, 'effektivitet.csv');
const analysed = await runAnalysis(path.join(PROJECT_ROOT, 'data'));
// The unranked municipalities too (docs/method.md §3): the build prints every one of the 290.
await writeFile(efficiency, serializeEfficiencyTable(analysed.table, analysed.unranked));
const build = (dir: string, extra: string[] = []) => runBuild(dir, ['--efficiency', efficiency, ...extra]);

const cold: BuildRun[] = [];
let outputDir = '';
for (let run = 0; run < RUNS; run += 1) {
  if (outputDir) await removeDir(outputDir);
  outputDir = await tempDir('cold');
  cold.push(await build(outputDir));
}
const coldWall = median(cold.map((r) => r.wallMs));
const rendered = cold[0]!.stats.rendered;
add('cold_full_build_s', round(coldWall / 1000, 1), 's');
add('cold_ms_per_report', round(coldWall / rendered), 'ms');
add('peak_rss_mb', median(cold.map((r) => r.peakRssMb)), 'MB', '≤ 2048');
add('peak_pss_mb', median(cold.map((r) => r.peakPssMb)), 'MB');
add('second_print_passes', cold[0]!.stats.passes.filter((p) => p > 1).length, 'reports');
// The two-page briefs (issue 16) are built in the same batch: the cold build's time includes them.
const briefStats = cold[0]!.stats.briefs;
add('cold_briefs_rendered', briefStats?.rendered ?? 0, 'briefs', String(rendered));
// Two pages each; an unranked municipality's short brief (docs/method.md §3) has one by design.
add('briefs_over_two_pages', (briefStats?.pages ?? []).filter((p) => p > 2).length, 'briefs', '0');
add(
  'briefs_one_page (unranked short briefs)',
  (briefStats?.pages ?? []).filter((p) => p < 2).length,
  'briefs',
  String(analysed.unranked?.length ?? 0),
);

const noop: BuildRun[] = [];
for (let run = 0; run < RUNS; run += 1) noop.push(await build(outputDir));
add('noop_rebuild_s', round(median(noop.map((r) => r.wallMs)) / 1000, 2), 's', '≤ 2');

const oneRow: BuildRun[] = [];
for (let run = 0; run < RUNS; run += 1) {
  await changeOneRow(efficiency, '0114', run + 1);
  oneRow.push(await build(outputDir));
}
add('one_row_changed_s', round(median(oneRow.map((r) => r.wallMs)) / 1000, 2), 's', '≤ 3');
add('one_row_changed_reports_rendered', median(oneRow.map((r) => r.stats.rendered)), 'reports', '1');
add('one_row_changed_briefs_rendered', median(oneRow.map((r) => r.stats.briefs?.rendered ?? 0)), 'briefs', '1');

const one: BuildRun[] = [];
for (let run = 0; run < RUNS; run += 1) one.push(await build(outputDir, ['--kommun', '0160', '--force']));
add('cli_one_report_s', round(median(one.map((r) => r.wallMs)) / 1000, 2), 's', '≤ 3');

// Publish the website, as `make` does; from here on the output folder is a live site.
const published = await runCli(['publish', '--output', outputDir, '--efficiency', efficiency]);
add('publish_full_s', round(published.wallMs / 1000, 1), 's');

// `build --kommun X` on a published site also refreshes that page, the index and the manifest.
const oneWithSite: BuildRun[] = [];
for (let run = 0; run < RUNS; run += 1) oneWithSite.push(await build(outputDir, ['--kommun', '0160', '--force']));
add('cli_one_report_with_site_s', round(median(oneWithSite.map((r) => r.wallMs)) / 1000, 2), 's', '≤ 3');

// The server, warm, on the published site: 50 forced regenerations through the HTTP endpoint.
const config = { ...defaultConfig(process.env), outputDir, efficiencyFile: efficiency };
const edition = await prepareEdition(config);
const server = await startServer({ config, edition, port: 0, token: 'bench-token' });
const codes = edition.municipalities.slice(0, 50).map((m) => m.kommunkod);
const latencies: number[] = [];
try {
  for (const code of codes) {
    const started = performance.now();
    const response = await fetch(new URL(`api/rapporter/${code}/regenerate`, server.url), {
      method: 'POST',
      headers: { authorization: 'Bearer bench-token' },
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`regenerate ${code}: HTTP ${response.status}`);
    latencies.push(performance.now() - started);
  }
} finally {
  await server.close();
}
latencies.sort((a, b) => a - b);
add('server_p50_ms', round(latencies[Math.floor(latencies.length * 0.5)]!), 'ms', '≤ 600');
add('server_p95_ms', round(latencies[Math.floor(latencies.length * 0.95)]!), 'ms', '≤ 1200');

// Last of the build scenarios: it leaves reports built from other templates than the site's.
const templateRuns: BuildRun[] = [];
for (let run = 0; run < Math.min(RUNS, Number(process.env.BENCH_TEMPLATE_RUNS ?? 1)); run += 1) {
  const templates = await changedTemplates(run);
  templateRuns.push(await build(outputDir, ['--templates', templates]));
  await removeDir(templates);
}
add('template_changed_s', round(median(templateRuns.map((r) => r.wallMs)) / 1000, 1), 's');
add('template_changed_reports_rendered', templateRuns[0]!.stats.rendered, 'reports', '290');

const htmlDir = path.join(outputDir, 'html');
const floor = await benchPrintFloor(chromium, fontEnv, htmlDir);
// The floor prints the same documents as the cold build: every report and every brief.
add('print_floor_s', round(floor.wallMs / 1000, 1), 's');
add('print_floor_documents', floor.reports + floor.briefs, 'documents');
add('print_floor_ms_per_report', round(floor.wallMsPerReport), 'ms');
add('print_floor_pdf_only_ms_per_report', round(floor.pdfMsPerReport), 'ms');
add('print_floor_pdf_only_ms_per_brief', round(floor.pdfMsPerBrief), 'ms');
add('cold_vs_print_floor', round(coldWall / floor.wallMs, 2), '×', '≤ 1.3');
add('share_of_wall_time_outside_printing', round(1 - floor.wallMs / coldWall, 2), 'share');

const naiveDir = await tempDir('naive');
const naive = await benchNaive(chromium, fontEnv, htmlDir, naiveDir, 20);
add('naive_ms_per_report', round(naive), 'ms');
// Conservative since issue 16: our time per report includes printing its brief.
add('speedup_vs_naive', round(naive / (coldWall / rendered), 1), '×', '≥ 8');

await Promise.all([removeDir(naiveDir), removeDir(outputDir), removeDir(work)]);
const out = path.join(PROJECT_ROOT, 'output', 'bench');
await mkdir(out, { recursive: true });
await writeFile(
  path.join(out, 'results.json'),
  `${JSON.stringify({ measuredAt: new Date().toISOString(), runs: RUNS, results }, null, 1)}\n`,
);
console.log('\n| metric | value | unit | target |\n|---|---:|---|---|');
for (const r of results) console.log(`| ${r.name} | ${r.value} | ${r.unit} | ${r.target ?? ''} |`);
