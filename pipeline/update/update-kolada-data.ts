/**
 * `kommunrapport data update`: fetches every Kolada KPI the model and the master data need
 * for the given years, checks it, and writes it into the data folder all or nothing.
 *
 * The answers are kept in a staging folder beside the data folder (`.<name>.kolada-update/`)
 * until the update is in place, so a re-run after an interruption asks Kolada only for pages
 * it has not got. New files are written there, read back through the loaders, and only then
 * renamed into place; any failure before that leaves the data folder byte for byte as it was.
 */
import { existsSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { loadModel } from '../analyse/load-model.ts';
import { modelKpis } from '../analyse/model-types.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { koladaFileName, loadKoladaSeries, loadMunicipalities } from '../load/index.ts';
import { CONTEXT_KPI_IDS } from '../model/model-context.ts';
import { checkFetched, type DiskValues, type FetchedValues, type KpiYearSummary } from './check-fetched.ts';
import { KoladaClient, type ClientEvent } from './kolada-client.ts';
import { UpdateValidationError } from './kolada-errors.ts';
import type { KoladaKpiMeta } from './kolada-types.ts';
import { emptyKpiFile, kpiFileValues, mergeKpiFile, parseKpiFile, serializeKpiFile, type KpiFile } from './kpi-file.ts';
import { PageCache } from './page-cache.ts';
import { isMunicipalityCode, municipalityTotals, parseDataPage, parseKpiPage } from './parse-kolada-page.ts';
import { dataUrls, kpiMetaUrls } from './plan-requests.ts';
import { definitionChanges, mergeProvenance, PROVENANCE_FILE, readProvenance, yearStatus, type DefinitionChange, type YearStatus } from './provenance.ts';

/** The population KPI of `kommuner.csv` (`invanare`). */
export const POPULATION_KPI = 'N01951';

export const DEFAULT_API_URL = 'https://api.kolada.se/v3';

export interface UpdateOptions {
  dataDir: string;
  apiUrl: string;
  years: number[];
  dryRun?: boolean;
  timeoutMs?: number;
  attempts?: number;
  baseDelayMs?: number;
  /** The clock, for tests (fetch dates, preliminary status). */
  now?: Date;
  onEvent?: (event: UpdateEvent) => void;
  /** Called with the result before anything is written (also in a dry run); may throw to refuse the update. */
  beforeWrite?: (result: UpdateResult) => void | Promise<void>;
}

export type UpdateEvent = ClientEvent | { type: 'plan'; requests: number; kpis: number; years: number[] } | { type: 'more-pages'; count: number };

export interface FileChange {
  /** Path relative to the data folder. */
  file: string;
  status: 'new' | 'changed' | 'unchanged';
}

export interface UpdateResult {
  kpis: string[];
  years: number[];
  summaries: (KpiYearSummary & { status?: YearStatus })[];
  files: FileChange[];
  /** Year `kommuner.csv`'s population was updated to, if it was. */
  populationYear?: number;
  definitionChanges: DefinitionChange[];
  dryRun: boolean;
  /** Requests sent to Kolada (retries included) and pages taken from the staging cache. */
  requests: number;
  cachedPages: number;
  ms: number;
  /** The files the update writes (or would write): path relative to the data folder → text. */
  staged: ReadonlyMap<string, string>;
}

/** The staging folder of a data folder: beside it, so a rename into place stays on one file system. */
export function stagingDirOf(dataDir: string): string {
  return path.join(path.dirname(path.resolve(dataDir)), `.${path.basename(path.resolve(dataDir))}.kolada-update`);
}

/** The KPIs an update fetches: the model's, the report context's and the population. */
export async function kpisToFetch(dataDir: string): Promise<string[]> {
  const model = await loadModel(path.join(dataDir, 'modell.yaml'));
  return [...new Set([...modelKpis(model), ...CONTEXT_KPI_IDS, POPULATION_KPI].map((k) => k.toUpperCase()))].sort();
}

/** Runs the update; see the module comment. Throws `PipelineError` (exit 3) on any failure. */
export async function updateKoladaData(options: UpdateOptions): Promise<UpdateResult> {
  const started = performance.now();
  const dataDir = path.resolve(options.dataDir);
  const now = options.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const { years } = options;
  const dryRun = options.dryRun ?? false;
  const kpis = await kpisToFetch(dataDir);
  const kommunerFile = path.join(dataDir, 'kommuner.csv');
  const municipalities = await loadMunicipalities(kommunerFile);
  const known = new Set(municipalities.map((m) => m.kommunkod));
  const stagingDir = stagingDirOf(dataDir);
  const client = new KoladaClient({
    cache: new PageCache(path.join(stagingDir, 'pages'), { readOnly: dryRun }),
    timeoutMs: options.timeoutMs,
    attempts: options.attempts,
    baseDelayMs: options.baseDelayMs,
    onEvent: options.onEvent,
  });

  const metaUrls = kpiMetaUrls(options.apiUrl, kpis);
  const urls = dataUrls(options.apiUrl, kpis, years);
  options.onEvent?.({ type: 'plan', requests: metaUrls.length + urls.length, kpis: kpis.length, years });
  const counted = <T>(parse: (json: unknown, url: string) => { values: T[]; nextUrl?: string }) => (json: unknown, url: string) => {
    const page = parse(json, url);
    if (page.nextUrl) options.onEvent?.({ type: 'more-pages', count: 1 });
    return page;
  };

  // KPI metadata: titles, definitions, publication dates. A KPI Kolada does not know stops the update.
  const metas = new Map<string, KoladaKpiMeta>();
  const metaSource = new Map<string, string>();
  const metaDone = Promise.all(
    metaUrls.map(async (url) => {
      for (const meta of await client.getAll(url, counted(parseKpiPage))) {
        metas.set(meta.id.toUpperCase(), meta);
      }
      for (const kpi of kpis) if (url.includes(kpi)) metaSource.set(kpi, url);
    }),
  );
  // The figures, following next_url, checked page by page against what was asked for.
  const fetched: FetchedValues = new Map(kpis.map((kpi) => [kpi, new Map(years.map((y) => [y, new Map()]))]));
  const statuses = new Map<string, Map<number, string[]>>();
  const problems: string[] = [];
  const yearSet = new Set(years);
  // Metadata and figures are fetched side by side (the client keeps it to two requests at once).
  const dataDone = Promise.all(
    urls.map(async (url) => {
      const asked = new Set(/\/data\/kpi\/([^/]+)\//.exec(url)![1]!.split(','));
      await client.getAll(url, counted(parseDataPage), (pageUrl, page) => {
        for (const row of page.values) {
          if (!asked.has(row.kpi)) problems.push(`unknown KPI \`${row.kpi}\` in the answer (asked for ${[...asked].join(',')}): ${pageUrl}`);
          else if (!yearSet.has(row.period)) problems.push(`${row.kpi}: year ${row.period} in the answer, which was not asked for: ${pageUrl}`);
          else if (isMunicipalityCode(row.municipality) && !known.has(row.municipality)) {
            problems.push(`${row.kpi} ${row.period}: unknown municipality code \`${row.municipality}\` (not in kommuner.csv): ${pageUrl}`);
          }
        }
        for (const point of municipalityTotals(page.values)) {
          const byYear = fetched.get(point.kpi)?.get(point.year);
          if (!byYear || !known.has(point.kommunkod)) continue;
          byYear.set(point.kommunkod, point.value);
          if (point.status) {
            if (!statuses.has(point.kpi)) statuses.set(point.kpi, new Map());
            const list = statuses.get(point.kpi)!;
            list.set(point.year, [...(list.get(point.year) ?? []), point.status]);
          }
        }
      });
    }),
  );
  await Promise.all([metaDone, dataDone]);
  const unknownKpis = kpis.filter((kpi) => !metas.has(kpi));
  if (unknownKpis.length) {
    throw new UpdateValidationError(
      unknownKpis.map((kpi) => `Kolada does not know KPI ${kpi}: ${metaSource.get(kpi)} returned no entry for it`).join('\n'),
      { hint: 'Check the KPI id in modell.yaml (it may have been retired or renamed in Kolada). Nothing in the data folder was changed.' },
    );
  }

  if (problems.length) throw tooMany('Kolada answered with codes the update does not know', problems);

  // What is on disk now, and the checks.
  const files = new Map<string, { file: string; text?: string; parsed: KpiFile }>();
  const disk: DiskValues = new Map();
  for (const kpi of kpis) {
    const file = path.join(dataDir, 'kolada', koladaFileName(kpi));
    const text = existsSync(file) ? await readFile(file, 'utf8') : undefined;
    const parsed = text === undefined ? emptyKpiFile(kpi) : parseKpiFile(text, file, kpi);
    files.set(kpi, { file, text, parsed });
    disk.set(kpi, kpiFileValues(parsed));
  }
  const check = checkFetched(fetched, disk, kpis, years, known.size);
  if (check.problems.length) {
    const urlOf = (kpi: string, year: number) => urls.find((u) => u.includes(kpi) && new RegExp(`/year/(.*,)?${year}(,|$)`).test(u)) ?? options.apiUrl;
    throw tooMany(`The values fetched from ${options.apiUrl} failed the checks`, check.problems.map((p) => `${p.message} (${urlOf(p.kpi, p.year)})`));
  }

  // The new files, in memory.
  const staged = new Map<string, string>();
  const changes: FileChange[] = [];
  const provenanceYears = new Map<string, Map<number, { status: YearStatus; municipalities: number }>>();
  const summaries: UpdateResult['summaries'] = [];
  for (const summary of check.summaries) {
    const status = summary.published ? yearStatus(metas.get(summary.kpi)!, summary.year, today, statuses.get(summary.kpi)?.get(summary.year)) : undefined;
    summaries.push({ ...summary, status });
    if (!summary.published) continue;
    if (!provenanceYears.has(summary.kpi)) provenanceYears.set(summary.kpi, new Map());
    provenanceYears.get(summary.kpi)!.set(summary.year, { status: status!, municipalities: summary.municipalities });
  }
  for (const kpi of kpis) {
    const { text, parsed } = files.get(kpi)!;
    const replace = new Map<number, Map<string, number>>();
    for (const [year, byCode] of fetched.get(kpi)!) {
      const present = [...byCode].filter((e): e is [string, number] => e[1] !== null);
      if (present.length) replace.set(year, new Map(present));
    }
    if (replace.size === 0) continue;
    const next = serializeKpiFile(mergeKpiFile(parsed, replace));
    const rel = path.join('kolada', koladaFileName(kpi));
    changes.push({ file: rel, status: text === undefined ? 'new' : text === next ? 'unchanged' : 'changed' });
    if (text !== next) staged.set(rel, next);
  }
  const kommunerText = await readFile(kommunerFile, 'utf8');
  const population = updatedPopulation(kommunerText, fetched.get(POPULATION_KPI)!, known.size);
  if (population && population.text !== kommunerText) {
    staged.set('kommuner.csv', population.text);
    changes.push({ file: 'kommuner.csv', status: 'changed' });
  }
  const previous = await readProvenance(dataDir);
  const provenance = mergeProvenance(previous, metas, provenanceYears, options.apiUrl, now);
  staged.set(PROVENANCE_FILE, JSON.stringify(provenance, null, 2) + '\n');
  changes.push({ file: PROVENANCE_FILE, status: previous ? 'changed' : 'new' });

  const result: UpdateResult = {
    kpis,
    years,
    summaries,
    files: changes,
    populationYear: population?.text !== kommunerText ? population?.year : undefined,
    definitionChanges: definitionChanges(previous, metas),
    dryRun,
    requests: client.requests,
    cachedPages: client.cachedPages,
    ms: 0,
    staged,
  };
  await options.beforeWrite?.(result);
  if (!dryRun) {
    await stageAndCommit(dataDir, stagingDir, staged);
    await rm(stagingDir, { recursive: true, force: true });
  }
  result.ms = performance.now() - started;
  return result;
}

function tooMany(title: string, problems: string[]): UpdateValidationError {
  const shown = problems.slice(0, 20).map((p) => `  - ${p}`);
  if (problems.length > 20) shown.push(`  … and ${problems.length - 20} more`);
  return new UpdateValidationError([`${title}; nothing was written:`, ...shown].join('\n'));
}

/**
 * `kommuner.csv` with `invanare` and `ar` from the latest fetched year in which Kolada has the
 * population of every municipality; undefined when no such year is newer than the file's.
 */
export function updatedPopulation(text: string, population: Map<number, Map<string, number | null>>, knownCount: number): { text: string; year: number } | undefined {
  const years = [...population].filter(([, byCode]) => [...byCode.values()].filter((v) => v !== null).length === knownCount).map(([y]) => y);
  if (years.length === 0 || text.includes('"')) return undefined;
  const year = Math.max(...years);
  const values = population.get(year)!;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const header = lines[0]!.replace(/^\uFEFF/, '').split(',');
  const [code, inv, ar] = ['kommunkod', 'invanare', 'ar'].map((c) => header.indexOf(c));
  if (code! < 0 || inv! < 0 || ar! < 0) return undefined;
  if (lines.slice(1).some((line) => line && Number(line.split(',')[ar!]) > year)) return undefined;
  const next = lines.map((line, i) => {
    if (i === 0 || !line) return line;
    const cells = line.split(',');
    const value = values.get(cells[code!]!);
    if (value == null) return line;
    cells[inv!] = String(Math.round(value));
    cells[ar!] = String(year);
    return cells.join(',');
  });
  return { text: next.join(eol), year };
}

/**
 * Writes the staged files, reads them back through the loaders, then renames them into place.
 * The originals are hard-linked (or copied) aside first, so a rename that fails halfway is
 * undone and the data folder is left as it was.
 */
async function stageAndCommit(dataDir: string, stagingDir: string, staged: Map<string, string>): Promise<void> {
  const nextDir = path.join(stagingDir, 'next');
  const backupDir = path.join(stagingDir, 'backup');
  await rm(nextDir, { recursive: true, force: true });
  await rm(backupDir, { recursive: true, force: true });
  for (const [rel, text] of staged) await writeFileAtomic(path.join(nextDir, rel), text);
  // Read back what will be published, the way analyse and build will read it.
  const kpis = [...staged.keys()].map((rel) => /ddf--datapoints--(\w+)--by--geo--year\.csv$/.exec(rel)?.[1]).filter((k): k is string => !!k);
  if (kpis.length) await loadKoladaSeries(path.join(nextDir, 'kolada'), kpis);
  if (staged.has('kommuner.csv')) await loadMunicipalities(path.join(nextDir, 'kommuner.csv'));

  const moved: { rel: string; existed: boolean }[] = [];
  try {
    for (const rel of staged.keys()) {
      const target = path.join(dataDir, rel);
      const existed = existsSync(target);
      if (existed) {
        await mkdir(path.dirname(path.join(backupDir, rel)), { recursive: true });
        await link(target, path.join(backupDir, rel)).catch(() => copyFile(target, path.join(backupDir, rel)));
      }
      await mkdir(path.dirname(target), { recursive: true });
      await rename(path.join(nextDir, rel), target);
      moved.push({ rel, existed });
    }
  } catch (error) {
    for (const { rel, existed } of moved.reverse()) {
      const target = path.join(dataDir, rel);
      if (existed) await rename(path.join(backupDir, rel), target);
      else await rm(target, { force: true });
    }
    throw new UpdateValidationError(`Could not move the updated files into ${dataDir}: ${(error as Error).message}; the previous files were put back`, { cause: error });
  }
}
