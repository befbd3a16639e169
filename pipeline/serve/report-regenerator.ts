/**
 * On-demand regeneration: a report is stale when its printed key differs from the key of the
 * current inputs (the view model and the edition's salt: templates, fonts, Chromium), or its page was composed
 * from another view model or PDF. Stale reports are rebuilt on the server's warm browser,
 * then their page, the index and the manifest are published, before the request is answered.
 */
import { debuglog } from 'node:util';
import { buildReports, readRecord, reportKey, type Edition, type ReportOutcome } from '../run/index.ts';
import { buildMunicipalityReport, slugify, type MunicipalityReport } from '../model/index.ts';
import type { BrowserSession } from '../print/index.ts';
import { currentEditionDir, pageModelKey, publishSite, readSiteState } from '../publish/index.ts';
import type { SiteState } from '../publish/types.ts';
import type { EditionWatcher } from './edition-watcher.ts';
import { RenderQueue } from './render-queue.ts';
import { PipelineError } from '../errors.ts';

const debug = debuglog('pipeline:serve');

/** Counters the server exposes (tests assert on `renders`). */
export interface RegenerationStats {
  /** Reports printed by Chromium. */
  renders: number;
  /** Regeneration jobs run (a job may only republish a page). */
  jobs: number;
  failures: number;
}

export type RegenerationEvent = { type: 'job'; kommunkod: string; forced: boolean; outcome: ReportOutcome; ms: number };

/** What `ensureFresh` found: the report is current, was brought up to date, or the previous version must do. */
export type Freshness = 'fresh' | 'regenerated' | 'failed' | 'pending' | 'stopping';

export interface RegeneratorOptions {
  maxWaiting: number;
  onEvent?: (event: RegenerationEvent) => void;
  /** Called when a regeneration failed (the server logs it once per attempt). */
  onError?: (kommunkod: string, error: unknown) => void;
  /** A failed report is not tried again for this long (unless its inputs change), ms. Default 60 000. */
  failureMemoryMs?: number;
  /**
   * A request waits at most this long for its report; then it gets the previous version, ms.
   * Default 60 000: half the server's socket timeout, within browsers' patience.
   */
  budgetMs?: number;
  /** Longest wait for another process's publish lock, ms. Default 15 000 (well within the budget). */
  lockWaitMs?: number;
}

export class ReportRegenerator {
  readonly stats: RegenerationStats = { renders: 0, jobs: 0, failures: 0 };
  private readonly queue: RenderQueue;
  private states = new Map<string, Promise<SiteState | undefined>>();
  /** Reports whose last regeneration failed: not retried on every request. */
  private failed = new Map<string, { until: number; edition: Edition }>();
  private running = new Set<Promise<unknown>>();
  private readonly stop = new AbortController();

  constructor(
    private readonly editions: EditionWatcher,
    private readonly session: BrowserSession,
    private readonly options: RegeneratorOptions,
  ) {
    this.queue = new RenderQueue(options.maxWaiting);
  }

  /** Whether `kommunkod` is a municipality of the current edition (and `slug` its slug). */
  async knows(kommunkod: string, slug?: string): Promise<boolean> {
    const municipality = (await this.editions.current()).model.byCode.get(kommunkod);
    return !!municipality && (slug === undefined || slugify(municipality.kommun) === slug);
  }

  /**
   * Regenerates the report when stale, waiting at most the request budget. Never rejects
   * except with `QueueFullError`: a failure, a job still running after the budget or a server
   * shutting down all mean "serve the previous version".
   */
  async ensureFresh(kommunkod: string): Promise<Freshness> {
    if (this.stop.signal.aborted) return 'stopping';
    const edition = await this.editions.current();
    // An unranked municipality's short report is printed by `build` (render-unranked.ts): served as it is.
    if (!edition.model.rowByCode.has(kommunkod)) return 'fresh';
    // The view model is built once here and handed on to the build and the publish.
    const report = buildMunicipalityReport(edition.model, kommunkod);
    if (await this.isFresh(edition, kommunkod, report)) return 'fresh';
    const failed = this.failed.get(kommunkod);
    if (failed && failed.edition === edition && failed.until > Date.now()) return 'failed';
    const job = this.queue.run(kommunkod, () => this.job(kommunkod, false, { edition, report }));
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<'pending'>(
      (resolve) => (timer = setTimeout(() => resolve('pending'), this.options.budgetMs ?? 60_000)),
    );
    try {
      return await Promise.race([
        job.then(
          (): Freshness => 'regenerated',
          (): Freshness => (this.stop.signal.aborted ? 'stopping' : 'failed'),
        ),
        budget,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Rebuilds the report even when it looks current (the token-protected endpoint). */
  regenerate(kommunkod: string): Promise<ReportOutcome> {
    if (this.stop.signal.aborted) return Promise.reject(new ShuttingDownError());
    return this.queue.run(`${kommunkod}:force`, () => this.job(kommunkod, true));
  }

  /**
   * Stops: no new jobs; the running one gets no further print attempt. Resolves when it has
   * ended, or after `graceMs` (the caller then closes the browser, which ends it).
   */
  async shutdown(graceMs: number): Promise<void> {
    this.stop.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
    ]);
    clearTimeout(timer);
  }

  /** Jobs running now (tests, shutdown). */
  get busy(): boolean {
    return this.running.size > 0;
  }

  private async isFresh(edition: Edition, kommunkod: string, report: MunicipalityReport): Promise<boolean> {
    const key = reportKey(edition, report);
    const record = await readRecord(edition.config.outputDir, kommunkod);
    if (record?.key !== key) return false;
    const page = (await this.siteState(edition.config.outputDir))?.pages[kommunkod];
    return (
      page?.modelKey === pageModelKey(edition, report) &&
      page.entry.contentHash === record.sha256 &&
      page.entry.generatedAt === record.generatedAt
    );
  }

  /** The live edition's state, read once per edition folder (editions never change). */
  private async siteState(outputDir: string): Promise<SiteState | undefined> {
    const dir = await currentEditionDir(outputDir);
    if (!dir) return undefined;
    let state = this.states.get(dir);
    if (!state) {
      state = readSiteState(dir);
      this.states.clear();
      this.states.set(dir, state);
    }
    return state;
  }

  private job(
    kommunkod: string,
    forced: boolean,
    built?: { edition: Edition; report: MunicipalityReport },
  ): Promise<ReportOutcome> {
    if (this.stop.signal.aborted) return Promise.reject(new ShuttingDownError());
    const running = this.runJob(kommunkod, forced, built);
    this.running.add(running);
    const forget = () => this.running.delete(running);
    running.then(forget, forget);
    return running;
  }

  /** `known`: the view model `ensureFresh` built, used when the edition is still the same. */
  private async runJob(
    kommunkod: string,
    forced: boolean,
    known?: { edition: Edition; report: MunicipalityReport },
  ): Promise<ReportOutcome> {
    const started = performance.now();
    this.stats.jobs += 1;
    const edition = await this.editions.current();
    try {
      const run = forced ? { ...edition, config: { ...edition.config, force: true } } : edition;
      // An unranked municipality (docs/method.md §3) has the short report, which the build composes itself.
      const ranked = edition.model.rowByCode.has(kommunkod);
      const report = !ranked
        ? undefined
        : known?.edition === edition
          ? known.report
          : buildMunicipalityReport(edition.model, kommunkod);
      const reports = report ? new Map([[kommunkod, report]]) : undefined;
      let built = 0;
      const building = buildReports(run, {
        codes: [kommunkod],
        session: this.session,
        signal: this.stop.signal,
        reports,
      }).then((summary) => {
        built = performance.now();
        const outcome = summary.outcomes[0];
        if (!outcome) throw new ShuttingDownError();
        if (outcome.status === 'rendered') this.stats.renders += 1;
        if (outcome.status === 'failed') throw outcome.error ?? new Error(`Regeneration of ${kommunkod} failed`);
        return outcome;
      });
      // Publishing starts at once: the other pages are carried over while the report prints.
      // Its view of the build is handled here too, so a publish that fails before it looks at
      // the build (and a build that fails as well) leaves no rejection unhandled.
      const builtCodes = building.then(() => [kommunkod]);
      builtCodes.catch(() => undefined);
      const publishing = publishSite(edition, {
        codes: [kommunkod],
        built: builtCodes,
        reports,
        lockWaitMs: Math.min(this.options.lockWaitMs ?? 15_000, this.options.budgetMs ?? 60_000),
      });
      const [outcome] = await Promise.all([building, publishing]);
      debug('%s: build %d ms, then publish %d ms', kommunkod, built - started, performance.now() - built);
      this.failed.delete(kommunkod);
      this.options.onEvent?.({ type: 'job', kommunkod, forced, outcome, ms: performance.now() - started });
      return outcome;
    } catch (error) {
      if (!this.stop.signal.aborted) {
        this.stats.failures += 1;
        // Remembered: the next requests get the previous version without another attempt.
        this.failed.set(kommunkod, { until: Date.now() + (this.options.failureMemoryMs ?? 60_000), edition });
        this.options.onError?.(kommunkod, error);
      }
      throw error;
    }
  }
}

/** The server is shutting down: no new regeneration starts. */
export class ShuttingDownError extends PipelineError {
  constructor() {
    super('The server is shutting down', { code: 5 });
  }
}
