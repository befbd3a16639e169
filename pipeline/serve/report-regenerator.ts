/**
 * On-demand regeneration: a report is stale when its printed key differs from the key of the
 * current inputs (the view model and the edition's salt: templates, fonts, Chromium), or its page was composed
 * from another view model or PDF. Stale reports are rebuilt on the server's warm browser,
 * then their page, the index and the manifest are published, before the request is answered.
 */
import { debuglog } from 'node:util';
import { buildReports, readRecord, reportKey, type Edition, type ReportOutcome } from '../build/index.ts';
import { buildMunicipalityReport, slugify } from '../model/index.ts';
import type { BrowserSession } from '../print/index.ts';
import { currentEditionDir, pageModelKey, publishSite, readSiteState } from '../publish/index.ts';
import type { SiteState } from '../publish/types.ts';
import type { EditionWatcher } from './edition-watcher.ts';
import { RenderQueue } from './render-queue.ts';

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

export class ReportRegenerator {
  readonly stats: RegenerationStats = { renders: 0, jobs: 0, failures: 0 };
  private readonly queue: RenderQueue;
  private states = new Map<string, Promise<SiteState | undefined>>();

  constructor(
    private readonly editions: EditionWatcher,
    private readonly session: BrowserSession,
    options: { maxWaiting: number; onEvent?: (event: RegenerationEvent) => void },
  ) {
    this.queue = new RenderQueue(options.maxWaiting);
    this.onEvent = options.onEvent;
  }

  private readonly onEvent?: (event: RegenerationEvent) => void;

  /** Whether `kommunkod` is a municipality of the current edition (and `slug` its slug). */
  async knows(kommunkod: string, slug?: string): Promise<boolean> {
    const municipality = (await this.editions.current()).model.byCode.get(kommunkod);
    return !!municipality && (slug === undefined || slugify(municipality.kommun) === slug);
  }

  /** Regenerates the report when stale; resolves when its page and PDF are current. */
  async ensureFresh(kommunkod: string): Promise<'fresh' | 'regenerated'> {
    const edition = await this.editions.current();
    if (await this.isFresh(edition, kommunkod)) return 'fresh';
    await this.queue.run(kommunkod, () => this.job(kommunkod, false));
    return 'regenerated';
  }

  /** Rebuilds the report even when it looks current (the token-protected endpoint). */
  regenerate(kommunkod: string): Promise<ReportOutcome> {
    return this.queue.run(`${kommunkod}:force`, () => this.job(kommunkod, true));
  }

  private async isFresh(edition: Edition, kommunkod: string): Promise<boolean> {
    const report = buildMunicipalityReport(edition.model, kommunkod);
    const key = reportKey(edition, report);
    const record = await readRecord(edition.config.outputDir, kommunkod);
    if (record?.key !== key) return false;
    const page = (await this.siteState(edition.config.outputDir))?.pages[kommunkod];
    return page?.modelKey === pageModelKey(edition, report) && page.entry.contentHash === record.sha256 && page.entry.generatedAt === record.generatedAt;
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

  private async job(kommunkod: string, forced: boolean): Promise<ReportOutcome> {
    const started = performance.now();
    this.stats.jobs += 1;
    const edition = await this.editions.current();
    const run = forced ? { ...edition, config: { ...edition.config, force: true } } : edition;
    let built = 0;
    const building = buildReports(run, { codes: [kommunkod], session: this.session }).then((summary) => {
      built = performance.now();
      const outcome = summary.outcomes[0]!;
      if (outcome.status === 'rendered') this.stats.renders += 1;
      if (outcome.status === 'failed') {
        this.stats.failures += 1;
        throw outcome.error ?? new Error(`Regeneration of ${kommunkod} failed`);
      }
      return outcome;
    });
    // Publishing starts at once: the other pages are carried over while the report prints.
    const publishing = publishSite(edition, { codes: [kommunkod], built: building.then(() => [kommunkod]) });
    const [outcome] = await Promise.all([building, publishing]);
    debug('%s: build %d ms, then publish %d ms', kommunkod, built - started, performance.now() - built);
    this.onEvent?.({ type: 'job', kommunkod, forced, outcome, ms: performance.now() - started });
    return outcome;
  }
}
