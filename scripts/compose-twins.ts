/**
 * Composes the Markdown twins of all (or some) municipalities in memory, without Chromium:
 * edition data (cached analysis) → model → templates → charts → Markdown. Used by the language
 * test over all 290 twins and by scripts/shared-sentences.ts.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadMapGeometry } from '../pipeline/charts/index.ts';
import { compileTemplates, composeReport, loadTemplates, MarkdownBlockCache } from '../pipeline/compose/index.ts';
import { buildChartContext, buildReportCharts } from '../pipeline/compose/report-charts.ts';
import { defaultConfig, PROJECT_ROOT } from '../pipeline/config.ts';
import { loadEditionData } from '../pipeline/run/edition-data.ts';
import { loadPanel } from '../pipeline/run/cached-panel.ts';
import pkg from '../package.json' with { type: 'json' };
import {
  buildModelContext,
  buildMunicipalityReport,
  buildUnrankedReport,
  type MunicipalityReport,
} from '../pipeline/model/index.ts';
import { composeUnranked, loadUnrankedTemplates } from '../pipeline/compose/compose-unranked.ts';
import type { PanelResult } from '../pipeline/analyse/panel/types.ts';

/** A composed twin with the view model it was composed from. */
export interface Twin {
  markdown: string;
  report: MunicipalityReport;
}

/** kommunkod → Markdown twin, in the order of the efficiency table, then the unranked municipalities' short reports. */
export async function composeTwins(codes?: string[], root = PROJECT_ROOT): Promise<Map<string, string>> {
  const sources = await twinSources(root, {}, true);
  const twins = await composeRanked(sources, codes);
  return new Map([
    ...[...twins].map(([code, twin]): [string, string] => [code, twin.markdown]),
    ...composeUnrankedFrom(sources, codes),
  ]);
}

/** kommunkod → Markdown twin of the short report of each unranked municipality (docs/method.md §3). */
export async function composeUnrankedTwins(
  codes?: string[],
  root = PROJECT_ROOT,
  options: TwinOptions = {},
): Promise<Map<string, string>> {
  return composeUnrankedFrom(await twinSources(root, options, false), codes);
}

/**
 * What the twins are composed from besides the shipped data: the bootstrap settings (intervals)
 * and the yearly panel (the history chapter). Default: the build's (configured bootstrap, cached panel).
 */
export interface TwinOptions {
  bootstrap?: { replicates: number; seed: number };
  history?: PanelResult;
}

/** The analysed table the twins of `options` are composed from (cached with the analysed edition). */
export async function twinEditionData(options: TwinOptions = {}, root = PROJECT_ROOT) {
  const config = defaultConfig();
  return loadEditionData(path.join(root, 'data'), config.cacheDir, pkg.version, {
    bootstrap: options.bootstrap ?? config.bootstrap,
  });
}

/** kommunkod → twin and view model, in the order of the efficiency table. */
export async function composeTwinsWithReports(
  codes?: string[],
  root = PROJECT_ROOT,
  options: TwinOptions = {},
): Promise<Map<string, Twin>> {
  return composeRanked(await twinSources(root, options, true), codes);
}

type TwinSources = Awaited<ReturnType<typeof twinSources>>;

/**
 * What both kinds of twin are composed from, read once: the same analysis as a build (bootstrap
 * intervals, and with `withHistory` the yearly panel), the report templates and the model context.
 */
async function twinSources(root: string, options: TwinOptions, withHistory: boolean) {
  const dataDir = path.join(root, 'data');
  const templatesDir = path.join(root, 'templates');
  const templates = compileTemplates(await loadTemplates(templatesDir, root));
  const data = await twinEditionData(options, root);
  const history = withHistory ? (options.history ?? (await loadPanel(dataDir, defaultConfig().cacheDir))) : undefined;
  const model = buildModelContext({
    ...(history ? { history } : {}),
    municipalities: data.municipalities,
    table: data.table,
    keyFigures: data.keyFigures,
    series: data.series,
    themes: templates.themes.map((theme) => ({ id: theme.id, titel: theme.titel })),
  });
  return { root, dataDir, templatesDir, templates, data, model };
}

/** The ranked municipalities' twins with their view models. */
async function composeRanked({ dataDir, templates, data, model }: TwinSources, codes?: string[]) {
  const map = loadMapGeometry(JSON.parse(await readFile(path.join(dataDir, 'geo', 'kommuner.topo.json'), 'utf8')));
  const charts = buildChartContext(model, map);
  const blocks = new MarkdownBlockCache();
  const out = new Map<string, Twin>();
  for (const row of data.table) {
    if (codes && !codes.includes(row.kommunkod)) continue;
    const report = buildMunicipalityReport(model, row.kommunkod);
    const composed = composeReport({
      report,
      templates,
      charts: buildReportCharts(charts, report),
      meta: { utgava: 'test', generator: 'test' },
      blocks,
    });
    out.set(row.kommunkod, { markdown: composed.markdown, report });
  }
  return out;
}

/** The unranked municipalities' short-report twins. */
function composeUnrankedFrom({ root, templatesDir, data, model }: TwinSources, codes?: string[]) {
  const templates = loadUnrankedTemplates(templatesDir, root);
  const out = new Map<string, string>();
  for (const row of data.unranked) {
    if (codes && !codes.includes(row.kommunkod)) continue;
    const view = buildUnrankedReport(model, row);
    out.set(row.kommunkod, composeUnranked(view, templates, 'report', { utgava: 'test', generator: 'test' }).markdown);
  }
  return out;
}
