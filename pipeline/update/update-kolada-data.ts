/**
 * `kommunrapport data update`: fetches every Kolada KPI the model and the master data need
 * for the given years, checks it, and writes it into the data folder all or nothing.
 *
 * One updater at a time per data folder (a lock file with a lease, as for publishing). The
 * answers are kept in a hidden staging folder inside the data folder (`.kolada-update/`, on the
 * same file system even when the data folder is a mounted volume) until the update is in
 * place, so a re-run after an interruption asks Kolada only for pages it has not got. New
 * files are written there, read back through the loaders, and committed with a journal
 * (commit-update.ts): any failure before the commit leaves the data folder byte for byte as
 * it was, and a commit cut short by kill -9 is completed by the next run before anything else.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { loadModel } from '../analyse/load-model.ts';
import { modelKpis } from '../analyse/model-types.ts';
import { ExitCode, PipelineError } from '../errors.ts';
import { withExclusiveLock } from '../io/exclusive-lock.ts';
import { koladaFileName, loadMunicipalities } from '../load/index.ts';
import { CONTEXT_KPI_IDS } from '../model/model-context.ts';
import { checkFetched, type DiskValues, type KpiYearSummary } from './check-fetched.ts';
import { commitStaged, recoverInterruptedCommit, stagingDirOf, UPDATE_LOCK_NAME } from './commit-update.ts';
import { fetchFigures, fetchMetas, type FetchedFigures, type FetchedMetas, type FetchPlan } from './fetch-answers.ts';
import { KoladaClient, type ClientEvent } from './kolada-client.ts';
import { UpdateValidationError } from './kolada-errors.ts';
import { emptyKpiFile, kpiFileValues, mergeKpiFile, parseKpiFile, serializeKpiFile, type KpiFile } from './kpi-file.ts';
import { PageCache } from './page-cache.ts';
import { dataUrls, kpiMetaUrls } from './plan-requests.ts';
import {
  definitionChanges,
  mergeProvenance,
  PROVENANCE_FILE,
  readProvenance,
  yearStatus,
  type DefinitionChange,
  type YearStatus,
} from './provenance.ts';

export { stagingDirOf } from './commit-update.ts';

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
  /** Largest answer accepted from the API, bytes (default 64 MB). */
  maxBodyBytes?: number;
  /** Ctrl-C or SIGTERM: stops fetching; once the commit has begun, it is finished first. */
  signal?: AbortSignal;
  /** The clock, for tests (fetch dates, preliminary status). */
  now?: Date;
  onEvent?: (event: UpdateEvent) => void;
  /** Called with the result before anything is written (also in a dry run); may throw to refuse the update. */
  beforeWrite?: (result: UpdateResult) => void | Promise<void>;
}

export type UpdateEvent =
  | ClientEvent
  | { type: 'plan'; requests: number; kpis: number; years: number[] }
  | { type: 'more-pages'; count: number }
  | { type: 'recovered'; files: number };

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

/** An update stopped by Ctrl-C or SIGTERM before its commit: the data folder is unchanged. */
export class UpdateInterruptedError extends PipelineError {
  constructor(dataDir: string) {
    super(`Interrupted: the update was stopped before anything in ${dataDir} was changed`, {
      code: ExitCode.interrupted,
      hint: `The pages already fetched are kept in ${path.join(dataDir, '.kolada-update')}; run the same command again to fetch only the rest.`,
    });
  }
}

/** The KPIs an update fetches: the model's, the report context's and the population. */
export async function kpisToFetch(dataDir: string): Promise<string[]> {
  const model = await loadModel(path.join(dataDir, 'modell.yaml'));
  return [...new Set([...modelKpis(model), ...CONTEXT_KPI_IDS, POPULATION_KPI].map((k) => k.toUpperCase()))].sort();
}

/** Runs the update; see the module comment. Throws `PipelineError` (exit 3, or 130 when interrupted). */
export async function updateKoladaData(options: UpdateOptions): Promise<UpdateResult> {
  const started = performance.now();
  const dataDir = path.resolve(options.dataDir);
  const lock = {
    waitMs: 0,
    busy: () =>
      new PipelineError(`Cannot update ${dataDir}: another \`kommunrapport data update\` is updating it`, {
        hint: 'Wait for it to finish, then run this one again if it is still needed. Nothing in the data folder was changed by this run.',
      }),
  };
  return withExclusiveLock(path.join(dataDir, UPDATE_LOCK_NAME), lock, async () => {
    const recovered = await recoverInterruptedCommit(dataDir);
    if (recovered !== undefined) options.onEvent?.({ type: 'recovered', files: recovered });
    const plan = await planUpdate(options, dataDir);
    const [metas, figures] = await Promise.all([fetchMetas(plan), fetchFigures(plan)]).catch((error: unknown) => {
      throw options.signal?.aborted ? new UpdateInterruptedError(dataDir) : error;
    });
    checkAnswers(plan, metas, figures);
    const disk = await readDiskFiles(dataDir, plan.kpis);
    const check = checkFetched(figures.fetched, disk.values, plan.kpis, plan.years, plan.known.size);
    if (check.problems.length) {
      const urlOf = (kpi: string, year: number) =>
        plan.urls.find((u) => u.includes(kpi) && new RegExp(`/year/(.*,)?${year}(,|$)`).test(u)) ?? options.apiUrl;
      throw tooMany(
        `The values fetched from ${options.apiUrl} failed the checks`,
        check.problems.map((p) => `${p.message} (${urlOf(p.kpi, p.year)})`),
      );
    }
    const next = await composeFiles(options, dataDir, plan, metas, figures, disk.files, check.summaries);
    const result: UpdateResult = {
      ...next.result,
      requests: plan.client.requests,
      cachedPages: plan.client.cachedPages,
      ms: 0,
      staged: next.staged,
    };
    await options.beforeWrite?.(result);
    if (!result.dryRun) {
      if (options.signal?.aborted) throw new UpdateInterruptedError(dataDir);
      // From here on a signal waits: the commit takes milliseconds and is all or nothing.
      await commitStaged(dataDir, next.staged);
      await rm(stagingDirOf(dataDir), { recursive: true, force: true });
    }
    result.ms = performance.now() - started;
    return result;
  });
}

/** The plan of an update: what to fetch, from where, and the client that fetches it. */
async function planUpdate(options: UpdateOptions, dataDir: string): Promise<FetchPlan> {
  const kpis = await kpisToFetch(dataDir);
  const municipalities = await loadMunicipalities(path.join(dataDir, 'kommuner.csv'));
  const client = new KoladaClient({
    cache: new PageCache(path.join(stagingDirOf(dataDir), 'pages'), { readOnly: options.dryRun }),
    timeoutMs: options.timeoutMs,
    attempts: options.attempts,
    baseDelayMs: options.baseDelayMs,
    maxBodyBytes: options.maxBodyBytes,
    signal: options.signal,
    onEvent: options.onEvent,
  });
  const metaUrls = kpiMetaUrls(options.apiUrl, kpis);
  const urls = dataUrls(options.apiUrl, kpis, options.years);
  options.onEvent?.({ type: 'plan', requests: metaUrls.length + urls.length, kpis: kpis.length, years: options.years });
  const onMorePages = () => options.onEvent?.({ type: 'more-pages', count: 1 });
  return {
    client,
    kpis,
    years: options.years,
    known: new Set(municipalities.map((m) => m.kommunkod)),
    metaUrls,
    urls,
    onMorePages,
  };
}

/** A KPI Kolada does not know, or rows nobody asked for, stop the update. */
function checkAnswers(plan: FetchPlan, { metas, metaSource }: FetchedMetas, { problems }: FetchedFigures): void {
  const unknownKpis = plan.kpis.filter((kpi) => !metas.has(kpi));
  if (unknownKpis.length) {
    throw new UpdateValidationError(
      unknownKpis
        .map((kpi) => `Kolada does not know KPI ${kpi}: ${metaSource.get(kpi)} returned no entry for it`)
        .join('\n'),
      {
        hint: 'Check the KPI id in modell.yaml (it may have been retired or renamed in Kolada). Nothing in the data folder was changed.',
      },
    );
  }
  if (problems.length) throw tooMany('Kolada answered with figures the update cannot use', problems);
}

type DiskFiles = Map<string, { text?: string; parsed: KpiFile }>;

/** The KPI files as they are on disk now. */
async function readDiskFiles(dataDir: string, kpis: string[]): Promise<{ files: DiskFiles; values: DiskValues }> {
  const files: DiskFiles = new Map();
  const values: DiskValues = new Map();
  for (const kpi of kpis) {
    const file = path.join(dataDir, 'kolada', koladaFileName(kpi));
    const text = existsSync(file) ? await readFile(file, 'utf8') : undefined;
    const parsed = text === undefined ? emptyKpiFile(kpi) : parseKpiFile(text, file, kpi);
    files.set(kpi, { text, parsed });
    values.set(kpi, kpiFileValues(parsed));
  }
  return { files, values };
}

/** The new files in memory (relative path → text), and the result without its counters. */
async function composeFiles(
  options: UpdateOptions,
  dataDir: string,
  plan: FetchPlan,
  { metas }: FetchedMetas,
  { fetched, statuses }: FetchedFigures,
  disk: DiskFiles,
  checked: KpiYearSummary[],
): Promise<{ staged: Map<string, string>; result: Omit<UpdateResult, 'requests' | 'cachedPages' | 'ms' | 'staged'> }> {
  const now = options.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const staged = new Map<string, string>();
  const changes: FileChange[] = [];
  const provenanceYears = new Map<string, Map<number, { status: YearStatus; municipalities: number }>>();
  const summaries: UpdateResult['summaries'] = checked.map((summary) => {
    const status = summary.published
      ? yearStatus(metas.get(summary.kpi)!, summary.year, today, statuses.get(summary.kpi)?.get(summary.year))
      : undefined;
    if (summary.published) {
      if (!provenanceYears.has(summary.kpi)) provenanceYears.set(summary.kpi, new Map());
      provenanceYears.get(summary.kpi)!.set(summary.year, { status: status!, municipalities: summary.municipalities });
    }
    return { ...summary, status };
  });
  for (const kpi of plan.kpis) {
    const change = stageKpiFile(kpi, disk.get(kpi)!, fetched.get(kpi)!);
    if (!change) continue;
    changes.push(change.change);
    if (change.text !== undefined) staged.set(change.change.file, change.text);
  }
  const kommunerText = await readFile(path.join(dataDir, 'kommuner.csv'), 'utf8');
  const population = updatedPopulation(kommunerText, fetched.get(POPULATION_KPI)!, plan.known.size);
  if (population && population.text !== kommunerText) {
    staged.set('kommuner.csv', population.text);
    changes.push({ file: 'kommuner.csv', status: 'changed' });
  }
  const previous = await readProvenance(dataDir);
  staged.set(
    PROVENANCE_FILE,
    JSON.stringify(mergeProvenance(previous, metas, provenanceYears, options.apiUrl, now), null, 2) + '\n',
  );
  changes.push({ file: PROVENANCE_FILE, status: previous ? 'changed' : 'new' });
  return {
    staged,
    result: {
      kpis: plan.kpis,
      years: plan.years,
      summaries,
      files: changes,
      populationYear: population?.text !== kommunerText ? population?.year : undefined,
      definitionChanges: definitionChanges(previous, metas),
      dryRun: options.dryRun ?? false,
    },
  };
}

/** One KPI file merged with the fetched years; its new text only when it changed. */
function stageKpiFile(
  kpi: string,
  disk: { text?: string; parsed: KpiFile },
  byYear: Map<number, Map<string, number | null>>,
): { change: FileChange; text?: string } | undefined {
  const replace = new Map<number, Map<string, number>>();
  for (const [year, byCode] of byYear) {
    const present = [...byCode].filter((e): e is [string, number] => e[1] !== null);
    if (present.length) replace.set(year, new Map(present));
  }
  if (replace.size === 0) return undefined;
  const next = serializeKpiFile(mergeKpiFile(disk.parsed, replace));
  const file = path.join('kolada', koladaFileName(kpi));
  const status = disk.text === undefined ? 'new' : disk.text === next ? 'unchanged' : 'changed';
  return { change: { file, status }, text: disk.text === next ? undefined : next };
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
export function updatedPopulation(
  text: string,
  population: Map<number, Map<string, number | null>>,
  knownCount: number,
): { text: string; year: number } | undefined {
  const years = [...population]
    .filter(([, byCode]) => [...byCode.values()].filter((v) => v !== null).length === knownCount)
    .map(([y]) => y);
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
