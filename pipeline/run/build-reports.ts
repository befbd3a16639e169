/**
 * Builds the selected reports in two overlapping phases. The plan, in Node only: each report's
 * view model and cache key, and for every stale report a dry run of its templates. The stale
 * reports go through a small pool of workers sharing one browser as soon as the plan finds
 * them: charts → compose → print → write. Nothing is written before the whole plan has passed,
 * so a template error still stops the build before any PDF is touched, while Chromium already
 * prints on the other core (the plan is ~0.5 s of a one-report build, ~1 s of a full one). A
 * failing report is retried, then recorded, and the others go on.
 */
import path from 'node:path';
import { CHART_IDS } from '../compose/report-charts.ts';
import { checkReportTemplates } from '../compose/index.ts';
import { hashParts } from '../io/hash.ts';
import { removeStaleTempFiles } from '../io/write-atomic.ts';
import { buildMunicipalityReport, type MunicipalityReport } from '../model/index.ts';
import { buildBriefView, type BriefView } from '../model/build-brief-view.ts';
import { BRIEF_CHART_IDS, checkBriefTemplates } from '../compose/compose-brief.ts';
import { renderBrief } from './render-brief.ts';
import { createSessionFor, type BrowserSession } from '../print/index.ts';
import { PendingQueue } from './pending-queue.ts';
import type { Edition } from './prepare-edition.ts';
import {
  briefRecordDir,
  readBriefRecord,
  readRecord,
  recordDir,
  type BriefRecord,
  type ReportRecord,
} from './records.ts';
import { outcomeBase } from './printed-document.ts';
import { renderOne } from './render-one.ts';
import { renderUnranked, unrankedKey, type PendingUnranked } from './render-unranked.ts';
import { composeUnranked, loadUnrankedTemplates, type UnrankedTemplates } from '../compose/compose-unranked.ts';
import { buildUnrankedReport } from '../model/build-unranked-report.ts';
import { PROJECT_ROOT } from '../config.ts';
import type { UnrankedRow } from '../load/types.ts';
import { DataError } from '../errors.ts';
import type { BriefOutcome, BuildOptions, BuildSummary, PendingBrief, PendingReport, ReportOutcome } from './types.ts';

/** Creates the browser session a build or the server uses for `edition`. */
export function createSession(edition: Edition): BrowserSession {
  return createSessionFor(edition.config);
}

/** The cache key of a report: its view model and the run's salt (templates, fonts, versions). */
export function reportKey(edition: Pick<Edition, 'salt'>, viewModel: object): string {
  return hashParts([edition.salt, JSON.stringify(viewModel)]);
}

/** The cache key of a brief: its view model and the brief's salt (its templates, styles, fonts, versions). */
export function briefKey(edition: Pick<Edition, 'brief'>, view: BriefView): string {
  return hashParts([edition.brief.salt, JSON.stringify(view)]);
}

/** What the print workers take: a report or a brief (printed in parallel on the page pool). */
type PendingItem =
  | ({ kind: 'report' } & PendingReport)
  | ({ kind: 'brief' } & PendingBrief)
  | { kind: 'unranked'; item: PendingUnranked };

/** The municipalities with no comparable area, and the short report's templates when there are any. */
interface UnrankedPlan {
  rows: ReadonlyMap<string, UnrankedRow>;
  templates: UnrankedTemplates | undefined;
}

export async function buildReports(edition: Edition, options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const { config } = edition;
  const outcomes: ReportOutcome[] = [];
  const briefs: BriefOutcome[] = [];
  const emit = (outcome: ReportOutcome) => {
    outcomes.push(outcome);
    options.onEvent?.({ type: 'report', outcome });
  };
  const dirs = ['pdf', 'pdf/kort', 'md', 'html', '.'].map((dir) => path.join(config.outputDir, dir));
  for (const dir of [...dirs, recordDir(config.outputDir), briefRecordDir(config.outputDir)])
    await removeStaleTempFiles(dir);
  options.onEvent?.({ type: 'start', total: options.codes.length });
  // A municipality with no comparable area gets a short report and brief (render-unranked.ts).
  const rows = new Map((edition.analysis.unranked ?? []).map((row) => [row.kommunkod, row]));
  const unranked = {
    rows,
    templates: rows.size ? loadUnrankedTemplates(edition.config.templatesDir, PROJECT_ROOT) : undefined,
  };
  const session = options.session ?? createSession(edition);
  try {
    await planAndPrint(edition, session, options, unranked, { report: emit, brief: (brief) => briefs.push(brief) });
  } finally {
    if (!options.session) await session.close();
  }
  return { outcomes, briefs, launches: session.launches, wallMs: performance.now() - started };
}

/** Where the outcomes go, as they come. */
interface Emitters {
  report: (outcome: ReportOutcome) => void;
  brief: (outcome: BriefOutcome) => void;
}

/** Plans the reports and prints the stale ones on `config.concurrency` workers as the plan finds them. */
async function planAndPrint(
  edition: Edition,
  session: BrowserSession,
  options: BuildOptions,
  unranked: UnrankedPlan,
  emit: Emitters,
): Promise<void> {
  // A failed plan stops the workers: what they printed meanwhile is dropped, not written.
  const planFailed = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, planFailed.signal]) : planFailed.signal;
  const queue = new PendingQueue<PendingItem>();
  const planned = plan(edition, options.codes, unranked, options.reports, options.briefs ?? true, emit, (item) => {
    // Chromium starts at the first stale report, while the rest of the plan is worked out.
    void session.warmUp();
    queue.push(item);
  }).then(
    () => queue.close(),
    (error: unknown) => {
      planFailed.abort(error);
      queue.close();
      throw error;
    },
  );
  planned.catch(() => undefined); // awaited below, after the workers
  const renderOptions = { ...options, signal, beforeWrite: () => planned };
  const worker = async () => {
    for (let item = await queue.next(); item && !signal.aborted; item = await queue.next()) {
      if (item.kind === 'unranked') {
        const outcome = await renderUnranked(edition, session, unranked.templates!, item.item, renderOptions);
        if (planFailed.signal.aborted) continue;
        if (item.item.kind === 'report') emit.report(outcome as ReportOutcome);
        else emit.brief(outcome as BriefOutcome);
        continue;
      }
      if (item.kind === 'brief') {
        const outcome = await renderBrief(edition, session, item, renderOptions);
        if (!planFailed.signal.aborted) emit.brief(outcome);
        continue;
      }
      const outcome = await renderOne(edition, session, item, renderOptions);
      if (!planFailed.signal.aborted) emit.report(outcome);
    }
  };
  // Workers never reject (renderOne turns failures into outcomes); allSettled is the guard
  // that the browser is closed only after every worker has stopped.
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, edition.config.concurrency) }, worker));
  await planned;
  const crashed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (crashed) throw crashed.reason;
}

/**
 * Phase one: view models, cache keys and a dry run of the templates for every stale report
 * and brief, each stale one handed to `onStale` as soon as it passed. Throws the first
 * `TemplateError`. A municipality's report goes first and its brief right after, so the two
 * print side by side on the page pool.
 */
async function plan(
  edition: Edition,
  codes: string[],
  unranked: UnrankedPlan,
  built: ReadonlyMap<string, MunicipalityReport> | undefined,
  withBriefs: boolean,
  emit: Emitters,
  onStale: (item: PendingItem) => void,
): Promise<void> {
  const chartAlts = Object.fromEntries(CHART_IDS.map((id) => [id, id]));
  const briefChartAlts = Object.fromEntries(BRIEF_CHART_IDS.map((id) => [id, id]));
  const { outputDir, force } = edition.config;
  // All records at once: one by one, their reads (a JSON file and a stat each) took ~1 ms apiece.
  const [records, briefRecords] = force
    ? [[], []]
    : await Promise.all([
        Promise.all(codes.map((code) => readRecord(outputDir, code))),
        withBriefs ? Promise.all(codes.map((code) => readBriefRecord(outputDir, code))) : [],
      ]);
  for (const [i, code] of codes.entries()) {
    // ~1–4 ms per report: let the workers' protocol traffic through now and then.
    if (i % 4 === 3) await new Promise((resolve) => setImmediate(resolve));
    const unrankedRow = unranked.rows.get(code);
    if (unrankedRow && unranked.templates) {
      const common = { edition, templates: unranked.templates, row: unrankedRow, withBriefs, emit, onStale };
      planUnranked(common, records[i], briefRecords[i]);
      continue;
    }
    const started = performance.now();
    if (!built?.has(code) && !edition.model.rowByCode.has(code)) throw missingRow(edition, code);
    const report = built?.get(code) ?? buildMunicipalityReport(edition.model, code);
    const key = reportKey(edition, report);
    const cached = records[i];
    if (cached?.key === key) {
      emit.report({
        ...outcomeBase(code, report),
        status: 'skipped',
        ms: performance.now() - started,
        attempts: 0,
        record: cached,
      });
    } else {
      checkReportTemplates(report, edition.templates, chartAlts);
      onStale({ kind: 'report', code, report, key });
    }
    if (!withBriefs) continue;
    const view = buildBriefView(edition.model, report, undefined, edition.baseUrl);
    const brief = briefKey(edition, view);
    const cachedBrief = briefRecords[i];
    if (cachedBrief?.key === brief) {
      emit.brief({ ...outcomeBase(code, report), status: 'skipped', ms: 0, attempts: 0, record: cachedBrief });
      continue;
    }
    checkBriefTemplates(view, edition.brief.templates, briefChartAlts);
    onStale({ kind: 'brief', code, report, view, key: brief });
  }
}

/**
 * Plans the short report and brief of an unranked municipality: skipped when its record's key
 * matches, else a dry run of the templates and onto the print queue.
 */
function planUnranked(
  p: {
    edition: Edition;
    templates: UnrankedTemplates;
    row: UnrankedRow;
    withBriefs: boolean;
    emit: Emitters;
    onStale: (item: PendingItem) => void;
  },
  record: ReportRecord | undefined,
  briefRecord: BriefRecord | undefined,
): void {
  const view = buildUnrankedReport(p.edition.model, p.row);
  const base = { kommunkod: p.row.kommunkod, kommun: view.kommun.namn, warnings: [], ms: 0, attempts: 0 };
  for (const kind of p.withBriefs ? (['report', 'brief'] as const) : (['report'] as const)) {
    const key = unrankedKey(p.edition, p.templates, view, kind);
    const cached = kind === 'report' ? record : briefRecord;
    if (cached?.key === key) {
      if (kind === 'report') p.emit.report({ ...base, status: 'skipped', record: cached as ReportRecord });
      else p.emit.brief({ ...base, status: 'skipped', record: cached as BriefRecord });
      continue;
    }
    composeUnranked(view, p.templates, kind, { utgava: '', generator: '' });
    p.onStale({ kind: 'unranked', item: { code: p.row.kommunkod, view, kind, key } });
  }
}

/**
 * A municipality of the master data that the efficiency table does not have, ranked or unranked:
 * only possible with an external table (`--efficiency`), which must keep a row for every
 * municipality (an unranked one with an empty composite, docs/method.md §3).
 */
function missingRow(edition: Edition, code: string): DataError {
  const name = edition.model.byCode.get(code)?.kommun ?? '';
  return new DataError(
    { file: edition.config.efficiencyFile ?? 'effektivitet.csv' },
    `no row for ${`${code} ${name}`.trim()}; expected a row for every municipality of the master data (an unranked one with an empty composite and its reason codes, docs/method.md §3)`,
  );
}
