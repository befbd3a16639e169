/**
 * Everything a build needs that is the same for all reports, computed once per run: data,
 * analysis, model context, compiled templates, map geometry, assets and the cache salt.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { AnalysisResult } from '../analyse/types.ts';
import type { AnalysisProgress } from '../analyse/progress.ts';
import { loadMapGeometry } from '../charts/index.ts';
import { compileTemplates, loadTemplates, MarkdownBlockCache, type CompiledTemplates } from '../compose/index.ts';
import { compileBriefTemplates, type BriefTemplates } from '../compose/compose-brief.ts';
import { loadBriefTemplates } from '../compose/load-brief-templates.ts';
import { buildChartContext, type ChartContext } from '../compose/report-charts.ts';
import type { PipelineConfig } from '../config.ts';
import { htmlDirOf, PROJECT_ROOT } from '../config.ts';
import { hashParts } from '../io/hash.ts';
import { JsonFileCache } from '../io/json-file-cache.ts';
import { writeFileAtomic, writeFileIfChanged } from '../io/write-atomic.ts';
import { loadEfficiencyTableWithUnranked, type Municipality, type UnrankedRow } from '../load/index.ts';
import { buildModelContext, type ModelContext } from '../model/index.ts';
import { chromiumVersion } from '../print/chromium-version.ts';
import { printFontFiles } from '../print/print-fonts.ts';
import { CompositionMemo } from './composition-memo.ts';
import { loadEditionData } from './edition-data.ts';
import { hashFolder } from './input-fingerprint.ts';
import { allPhrases, PHRASES_DIR } from '../model/phrases.ts';
import { withDiskCache } from './map-cache.ts';
import { isPreliminary, readProvenance } from '../update/provenance.ts';
import { readPublishedBaseUrl } from '../io/site-state-file.ts';

const require = createRequire(import.meta.url);
// From the project root, so this works from the TypeScript sources and from the bundle in dist/.
const pkg = require(path.join(PROJECT_ROOT, 'package.json')) as { version: string };

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
  analysis: Pick<AnalysisResult, 'ar' | 'table' | 'keyFigures'> & {
    /** Municipalities with no scored area: a short report each, no rank (absent: none). */
    unranked?: UnrankedRow[];
  };
  model: ModelContext;
  templates: CompiledTemplates;
  charts: ChartContext;
  /** Folder Chromium loads report HTML and assets from (the only `file:` access allowed). */
  htmlDir: string;
  /** Hash of templates, styles, fonts, the pipeline and Chromium versions: part of every cache key. */
  salt: string;
  /** Reports composed lately in this process, for the pages published right after them. */
  compositions: CompositionMemo;
  /** Markdown blocks parsed for earlier reports (most advice text is the same in every report). */
  markdownBlocks: MarkdownBlockCache;
  version: string;
  /** Where the website is published (config, else the live site's); the PDFs name their web page. */
  baseUrl: string | null;
  /** The two-page brief (issue 16): its compiled templates and its own cache salt. */
  brief: { templates: BriefTemplates; salt: string };
}

/**
 * Loads and prepares the edition; throws `DataError`/`TemplateError` before anything is printed.
 * `onProgress` hears of the analysis and the yearly panel when their caches miss (a minute or more).
 */
export async function prepareEdition(
  config: PipelineConfig,
  options: { onProgress?: AnalysisProgress } = {},
): Promise<Edition> {
  const { templateSources, templates, briefTemplates, specsSaved } = await loadEditionTemplates(config);
  const { municipalities, ar, table, unranked, keyFigures, model } = await loadEditionModel(config, templates, options);
  const mapText = await readFile(path.join(config.dataDir, 'geo', 'kommuner.topo.json'), 'utf8');
  const map = withDiskCache(loadMapGeometry(JSON.parse(mapText)), config.cacheDir, hashParts([mapText]));
  const htmlDir = htmlDirOf(config);
  const fonts = await copyAssets(htmlDir, templates.css, briefTemplates.css);
  const printFonts = await Promise.all(printFontFiles().map(async (file) => hashParts([await readFile(file)])));
  const chromium = await chromiumVersion(config.chromiumPath, config.cacheDir);
  await specsSaved;
  const baseUrl = config.baseUrl !== undefined ? config.baseUrl : await readPublishedBaseUrl(config.outputDir);
  const { salt, briefSalt } = await editionSalts({
    templateSources,
    briefTemplates,
    common: [pkg.version, baseUrl ?? '', chromium],
    assets: [...fonts, ...printFonts],
  });
  return {
    config,
    municipalities,
    analysis: { ar, table, unranked, keyFigures },
    model,
    templates,
    charts: buildChartContext(model, map),
    htmlDir,
    salt,
    compositions: new CompositionMemo(path.join(config.cacheDir, 'compositions')),
    markdownBlocks: new MarkdownBlockCache(),
    version: pkg.version,
    baseUrl,
    brief: { templates: briefTemplates, salt: briefSalt },
  };
}

/**
 * The report's and the brief's templates, compiled. Precompiled Handlebars templates are kept
 * between runs, so a start does not parse every template again (~0.1 s). They are generated
 * JavaScript that is run: as trusted as the rest of the cache folder (which also decides what
 * is printed). `specsSaved` settles when that cache is saved (never rejects).
 */
async function loadEditionTemplates(config: PipelineConfig) {
  const templateSources = await loadTemplates(config.templatesDir, PROJECT_ROOT);
  const specs = await JsonFileCache.load<string>(path.join(config.cacheDir, 'handlebars-specs.json'));
  const templates = compileTemplates(templateSources, specs);
  const briefTemplates = compileBriefTemplates(await loadBriefTemplates(config.templatesDir, PROJECT_ROOT), specs);
  // Not awaited before going on: the cache is an optimisation and the edition does not need it.
  const specsSaved = specs.save().catch(() => undefined);
  return { templateSources, templates, briefTemplates, specsSaved };
}

/** The data, the efficiency table (ours, or the external one), the yearly panel and the model context. */
async function loadEditionModel(
  config: PipelineConfig,
  templates: CompiledTemplates,
  options: { onProgress?: AnalysisProgress },
) {
  const analysis = await loadEditionData(config.dataDir, config.cacheDir, pkg.version, {
    // An external efficiency table replaces ours: its intervals are its own (or absent).
    bootstrap: config.efficiencyFile ? undefined : config.bootstrap,
    year: config.year,
    onProgress: options.onProgress,
  });
  const { municipalities } = analysis;
  const { rows: table, unranked } = config.efficiencyFile
    ? await loadEfficiencyTableWithUnranked(config.efficiencyFile, municipalities)
    : { rows: analysis.table, unranked: analysis.unranked };
  // The yearly panel (issue 13) describes our own analysis, so an external table goes without it.
  const history = config.efficiencyFile
    ? undefined
    : await (await import('./cached-panel.ts')).loadPanel(config.dataDir, config.cacheDir, options);
  const model = buildModelContext({
    municipalities,
    table,
    keyFigures: analysis.keyFigures,
    series: analysis.series,
    themes: templates.themes.map((theme) => ({ id: theme.id, titel: theme.titel })),
    preliminar: await editionIsPreliminary(config.dataDir, table[0]?.ar ?? analysis.ar),
    ...(history ? { history } : {}),
  });
  return { municipalities, ar: table[0]?.ar ?? analysis.ar, table, unranked, keyFigures: analysis.keyFigures, model };
}

/**
 * The report's and the brief's cache salts. `common` (version, base URL, Chromium) and `assets`
 * (fonts) go into both. The brief links the report's stylesheets too, so they are part of its
 * salt; the report's Markdown templates are not (a changed advice text re-renders the reports,
 * not the briefs).
 */
async function editionSalts({
  templateSources,
  briefTemplates,
  common,
  assets,
}: {
  templateSources: Awaited<ReturnType<typeof loadTemplates>>;
  briefTemplates: BriefTemplates;
  common: string[];
  assets: string[];
}): Promise<{ salt: string; briefSalt: string }> {
  // Every phrase file read and checked now: a broken one fails before the first report.
  allPhrases();
  const salt = hashParts([
    ...common,
    // The sentences the model and the theme chapter pick (templates/fraser/*.md).
    ...(await hashFolder(PHRASES_DIR)),
    ...[
      templateSources.report,
      templateSources.layout,
      ...templateSources.themes,
      ...templateSources.styles,
      ...(templateSources.history ? [templateSources.history] : []),
    ].flatMap((s) => [s.file, s.text]),
    ...assets,
  ]);
  const briefSalt = hashParts([
    'brief-1',
    ...common,
    // The charts' labels and alt texts (templates/fraser/diagram.md) are not in the brief's view.
    ...(await hashFolder(PHRASES_DIR)),
    ...[...briefTemplates.sources, templateSources.layout, ...templateSources.styles].flatMap((s) => [s.file, s.text]),
    ...assets,
  ]);
  return { salt, briefSalt };
}

/**
 * The values a report's HTML shell shows besides the report (edition and generator). One
 * function for the build and the website, so a body the build composed is the body the page
 * would compose.
 */
export function compositionMeta(edition: Pick<Edition, 'analysis' | 'version'> & Partial<Pick<Edition, 'baseUrl'>>): {
  utgava: string;
  generator: string;
  webbplats: string | null;
} {
  return {
    utgava: `${edition.analysis.ar} (kommunrapport ${edition.version})`,
    generator: `kommunrapport ${edition.version}`,
    webbplats: edition.baseUrl ?? null,
  };
}

/** Whether Kolada calls any fetched KPI of `year` preliminary; false for data without provenance. */
async function editionIsPreliminary(dataDir: string, year: number): Promise<boolean> {
  const provenance = await readProvenance(dataDir);
  return isPreliminary(provenance, Object.keys(provenance?.kpis ?? {}), year);
}

/**
 * Copies the stylesheets and fonts next to the report HTML; returns the fonts' hashes. Files
 * already in place are not written again, so `serve` starts on a full or read-only disk.
 */
async function copyAssets(htmlDir: string, css: string, briefCss: string): Promise<string[]> {
  const assets = path.join(htmlDir, 'assets');
  await mkdir(path.join(assets, 'fonts'), { recursive: true });
  await writeFileIfChanged(path.join(assets, 'rapport.css'), css);
  await writeFileIfChanged(path.join(assets, 'kort.css'), briefCss);
  return Promise.all(
    FONT_FILES.map(async ([pkgName, file]) => {
      const bytes = await readFile(path.join(path.dirname(require.resolve(`${pkgName}/package.json`)), 'files', file));
      // Atomic: the server's Chromium may be reading the fonts of the previous copy.
      await writeFileIfChanged(path.join(assets, 'fonts', file), bytes);
      return hashParts([bytes]);
    }),
  );
}
