/**
 * Everything a build needs that is the same for all reports, computed once per run: data,
 * analysis, model context, compiled templates, map geometry, assets and the cache salt.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { AnalysisResult } from '../analyse/types.ts';
import { loadMapGeometry } from '../charts/index.ts';
import { compileTemplates, loadTemplates, type CompiledTemplates } from '../compose/index.ts';
import { buildChartContext, type ChartContext } from '../compose/report-charts.ts';
import type { PipelineConfig } from '../config.ts';
import { PROJECT_ROOT } from '../config.ts';
import { hashParts } from '../io/hash.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { loadEfficiencyTable, loadMunicipalities, type Municipality } from '../load/index.ts';
import { buildModelContext, type ModelContext } from '../model/index.ts';
import { chromiumVersion } from '../print/chromium-version.ts';
import { loadEditionData } from './edition-data.ts';

const require = createRequire(import.meta.url);
const pkg = require('../../package.json') as { version: string };

/** Font files shipped from npm and embedded in every PDF. */
export const FONT_FILES = [
  ['@fontsource/source-sans-3', 'source-sans-3-latin-400-normal.woff2'],
  ['@fontsource/source-sans-3', 'source-sans-3-latin-400-italic.woff2'],
  ['@fontsource/source-sans-3', 'source-sans-3-latin-600-normal.woff2'],
  ['@fontsource/source-sans-3', 'source-sans-3-latin-700-normal.woff2'],
  ['@fontsource/source-serif-4', 'source-serif-4-latin-600-normal.woff2'],
] as const;

export interface Edition {
  config: PipelineConfig;
  municipalities: Municipality[];
  analysis: Pick<AnalysisResult, 'ar' | 'table' | 'keyFigures'>;
  model: ModelContext;
  templates: CompiledTemplates;
  charts: ChartContext;
  /** Folder Chromium loads report HTML and assets from (the only `file:` access allowed). */
  htmlDir: string;
  /** Hash of templates, styles, fonts, the pipeline and Chromium versions: part of every cache key. */
  salt: string;
  chromium: string;
  version: string;
}

/** Loads and prepares the edition; throws `DataError`/`TemplateError` before anything is printed. */
export async function prepareEdition(config: PipelineConfig): Promise<Edition> {
  const templateSources = await loadTemplates(config.templatesDir, PROJECT_ROOT);
  const templates = compileTemplates(templateSources);
  const municipalities = await loadMunicipalities(path.join(config.dataDir, 'kommuner.csv'));
  const analysis = await loadEditionData(config.dataDir, config.cacheDir, pkg.version);
  const table = config.efficiencyFile ? await loadEfficiencyTable(config.efficiencyFile, municipalities) : analysis.table;
  const model = buildModelContext({
    municipalities,
    table,
    keyFigures: analysis.keyFigures,
    series: analysis.series,
    themes: templates.themes.map((theme) => ({ id: theme.id, titel: theme.titel })),
  });
  const map = loadMapGeometry(JSON.parse(await readFile(path.join(config.dataDir, 'geo', 'kommuner.topo.json'), 'utf8')));
  const htmlDir = path.join(config.outputDir, 'html');
  const fonts = await copyAssets(htmlDir, templates.css);
  const chromium = await chromiumVersion(config.chromiumPath, config.cacheDir);
  const salt = hashParts([
    pkg.version,
    chromium,
    ...[templateSources.report, templateSources.layout, ...templateSources.themes, ...templateSources.styles].flatMap((s) => [s.file, s.text]),
    ...fonts,
  ]);
  return {
    config,
    municipalities,
    analysis: { ar: table[0]?.ar ?? analysis.ar, table, keyFigures: analysis.keyFigures },
    model,
    templates,
    charts: buildChartContext(model, map),
    htmlDir,
    salt,
    chromium,
    version: pkg.version,
  };
}

/** Copies the stylesheet and fonts next to the report HTML; returns the fonts' hashes. */
async function copyAssets(htmlDir: string, css: string): Promise<string[]> {
  const assets = path.join(htmlDir, 'assets');
  await mkdir(path.join(assets, 'fonts'), { recursive: true });
  await writeFileAtomic(path.join(assets, 'rapport.css'), css);
  return Promise.all(
    FONT_FILES.map(async ([pkgName, file]) => {
      const source = path.join(path.dirname(require.resolve(`${pkgName}/package.json`)), 'files', file);
      await copyFile(source, path.join(assets, 'fonts', file));
      return hashParts([await readFile(source)]);
    }),
  );
}
