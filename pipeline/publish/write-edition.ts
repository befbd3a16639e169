/**
 * Fills a new, not yet live edition folder: municipality pages (composed, or carried over from
 * the previous edition when nothing they show changed), PDFs, index, sitemap, manifest, assets.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import {
  compositionMeta,
  readBriefRecord,
  readRecord,
  type BriefRecord,
  type Edition,
  type MemoisedComposition,
  type ReportRecord,
} from '../run/index.ts';
import { sha256File } from '../io/hash.ts';
import { composeReport } from '../compose/index.ts';
import { buildMapChart, buildReportCharts } from '../compose/report-charts.ts';
import { buildMunicipalityReport, type MunicipalityReport } from '../model/index.ts';
import { buildIndexRows } from './build-index-rows.ts';
import { copySiteAssets } from './copy-site-assets.ts';
import { linkOrCopy } from './link-or-copy.ts';
import { renderIndexPage } from './render-index-page.ts';
import { renderMunicipalityPage } from './render-municipality-page.ts';
import { renderManifest, renderRobots, renderSitemap } from './render-site-files.ts';
import { pagePath, pdfPath } from './site-paths.ts';
import { pageModelKey } from './site-state.ts';
import { writeOpenData } from './write-open-data.ts';
import { writePublicPages } from './write-public-pages.ts';
import type { SiteTemplates } from './site-templates.ts';
import type { ManifestEntry, SiteState } from './types.ts';

const CARRY_CONCURRENCY = 16;
/** Re-reads of a record whose PDF is being replaced; the build writes the record ms later. */
const CONSISTENCY_ATTEMPTS = 8;
const CONSISTENCY_WAIT_MS = 150;

export interface EditionJob {
  edition: Edition;
  templates: SiteTemplates;
  dir: string;
  previous?: { dir: string; state: SiteState };
  /** Reads the build's records; called once the refreshed reports are built. */
  records: (built: string[] | undefined) => Promise<ReportRecord[]>;
  /** Only these pages are (re)composed; the others are carried over. Undefined: all. */
  codes?: string[];
  /**
   * Resolves with those of `codes` whose reports were built (the others keep their page). The
   * other pages are carried over while it is pending, so publishing overlaps with printing.
   */
  built?: Promise<string[]>;
  /** View models already built from this edition's model, by kommunkod; the others are built here. */
  reports?: ReadonlyMap<string, MunicipalityReport>;
  baseUrl: string | null;
  updatedAt: string;
}

/**
 * Writes the edition; returns its state, how many pages were composed, and the reports left
 * as they were (previous page, or none) because their PDF changed under us and no record
 * describing the new bytes appeared in time.
 */
export async function writeEdition(
  job: EditionJob,
): Promise<{ state: SiteState; composed: number; unsettled: string[] }> {
  const run = startEdition(job);
  const records = await awaitBuiltRecords(run);
  const { composed, unsettled } = await writePages(run, records);
  const workbookKey = await writeSiteFiles(run);
  // The state stays out of the published folder; publishSite writes it beside it.
  const state: SiteState = {
    version: 1,
    templatesHash: job.templates.hash,
    baseUrl: job.baseUrl,
    workbookKey,
    pages: run.pages,
  };
  return { state, composed, unsettled };
}

/** What the steps of writing one edition share. */
interface EditionRun {
  job: EditionJob;
  generator: string;
  /** The edition's municipalities. */
  known: Set<string>;
  prevPages: SiteState['pages'];
  /** The pages of the new edition so far, by kommunkod. */
  pages: SiteState['pages'];
  /** The pages to refresh when only some are (`--kommun`); undefined: all. */
  only: Set<string> | undefined;
  /** Whether the previous edition's pages look as the new ones would (same templates and base URL). */
  sameLook: boolean;
  /** Carries the previous edition's page, PDF and brief of `code` over (hard links). */
  carry: (code: string) => Promise<void>;
}

function startEdition(job: EditionJob): EditionRun {
  const { edition, templates, dir, previous, baseUrl } = job;
  const prevPages = previous?.state.pages ?? {};
  const pages: SiteState['pages'] = {};
  // Carrying a page is two hard links and a folder: done in parallel (the libuv pool), ~3× faster.
  const limit = pLimit(CARRY_CONCURRENCY);
  const carry = (code: string): Promise<void> => {
    const page = prevPages[code]!;
    pages[code] = page;
    return limit(async () => {
      await linkOrCopy(
        path.join(previous!.dir, page.entry.page, 'index.html'),
        path.join(dir, page.entry.page, 'index.html'),
      );
      await linkOrCopy(path.join(previous!.dir, page.entry.pdf), path.join(dir, page.entry.pdf));
      if (page.entry.kort)
        await linkOrCopy(path.join(previous!.dir, page.entry.kort.pdf), path.join(dir, page.entry.kort.pdf));
    });
  };
  return {
    job,
    generator: compositionMeta(edition).generator,
    known: new Set(edition.municipalities.map((m) => m.kommunkod)),
    prevPages,
    pages,
    only: job.codes && previous ? new Set(job.codes) : undefined,
    sameLook: previous?.state.templatesHash === templates.hash && previous.state.baseUrl === baseUrl,
    carry,
  };
}

/**
 * Carries the pages not asked for while the refreshed reports are still printing, then reads
 * the build's records (of known municipalities, by kommunkod); a requested page whose report
 * failed (or has no record) keeps its previous version.
 */
async function awaitBuiltRecords(run: EditionRun): Promise<Map<string, ReportRecord>> {
  const { job, known, prevPages, only, carry } = run;
  const carried = only
    ? Promise.all(
        Object.keys(prevPages)
          .filter((code) => known.has(code) && !only.has(code))
          .map(carry),
      )
    : undefined;
  // allSettled: when the build fails, the caller removes this folder, so the carrying must be
  // over by then (a link made after the removal would bring the folder back).
  const [builtResult, carriedResult] = await Promise.allSettled([job.built, carried]);
  if (builtResult.status === 'rejected') throw builtResult.reason;
  if (carriedResult.status === 'rejected') throw carriedResult.reason;
  const records = new Map(
    (await job.records(builtResult.value)).filter((r) => known.has(r.kommunkod)).map((r) => [r.kommunkod, r]),
  );
  if (only) {
    await Promise.all([...only].filter((code) => prevPages[code] && known.has(code) && !records.has(code)).map(carry));
  }
  return records;
}

/** Writes (or carries over) the page of every refreshed report; counts the composed ones. */
async function writePages(
  run: EditionRun,
  records: Map<string, ReportRecord>,
): Promise<{ composed: number; unsettled: string[] }> {
  const { job, prevPages, only } = run;
  const { edition, dir, previous } = job;
  let composed = 0;
  const unsettled: string[] = [];
  for (const [code, listed] of records) {
    if (only && !only.has(code)) continue;
    // The PDF goes into the edition first and the page is made from the record that
    // describes exactly those bytes (a build may be replacing the PDF right now).
    const record = await linkConsistent(edition.config.outputDir, listed, dir);
    if (!record) {
      unsettled.push(code);
      if (prevPages[code] && previous) await run.carry(code);
      continue;
    }
    const report = job.reports?.get(code) ?? buildMunicipalityReport(edition.model, code);
    const modelKey = pageModelKey(edition, report);
    // The brief too goes in first, checked against its record's hash like the report.
    const entry = manifestEntry(record, await linkBriefConsistent(edition.config.outputDir, code, dir));
    const prev = prevPages[code];
    if (run.sameLook && prev && samePage(prev, { modelKey, entry })) {
      // The same bytes (verified above) under the same name: only the page (and the brief) is carried.
      run.pages[code] = prev;
      await linkOrCopy(
        path.join(previous!.dir, prev.entry.page, 'index.html'),
        path.join(dir, prev.entry.page, 'index.html'),
      );
      continue;
    }
    await writePage(run, report, modelKey, entry);
    run.pages[code] = { modelKey, entry };
    composed += 1;
  }
  return { composed, unsettled };
}

/** Whether the previous page shows the same view model, report and brief. */
function samePage(prev: SiteState['pages'][string], next: SiteState['pages'][string]): boolean {
  return (
    prev.modelKey === next.modelKey &&
    prev.entry.contentHash === next.entry.contentHash &&
    prev.entry.generatedAt === next.entry.generatedAt &&
    prev.entry.kort?.contentHash === next.entry.kort?.contentHash
  );
}

/** Composes (or takes the build's composition of) a municipality's page and writes it. */
async function writePage(
  run: EditionRun,
  report: MunicipalityReport,
  modelKey: string,
  entry: ManifestEntry,
): Promise<void> {
  const { edition, templates, dir, baseUrl, updatedAt } = run.job;
  const { charts, composed: body } =
    edition.compositions.get(report.kommun.kod, modelKey) ?? (await compose(edition, report, modelKey));
  const html = renderMunicipalityPage(templates, {
    report,
    composed: body,
    charts,
    pdf: entry,
    baseUrl,
    generator: run.generator,
    updatedAt,
  });
  await mkdir(path.join(dir, entry.page), { recursive: true });
  await writeFile(path.join(dir, entry.page, 'index.html'), html);
}

/** The index, sitemap, robots.txt, assets, open data, manifest and public pages; returns the workbook's key. */
async function writeSiteFiles(run: EditionRun): Promise<string> {
  const { job, generator } = run;
  const { edition, templates, dir, previous, baseUrl, updatedAt } = job;
  const entries = Object.values(run.pages)
    .map((p) => p.entry)
    .sort((a, b) => a.kommunkod.localeCompare(b.kommunkod));
  const hrefs = new Map(entries.map((e) => [e.kommunkod, e.page]));
  const rows = buildIndexRows(edition.municipalities, edition.analysis.table, hrefs);
  const ar = edition.analysis.ar;
  const sitemap = renderSitemap(entries, baseUrl, updatedAt);
  const [, , , , workbookKey] = await Promise.all([
    writeFile(
      path.join(dir, 'index.html'),
      renderIndexPage(templates, {
        rows,
        ar,
        map: edition.charts.map,
        table: edition.analysis.table,
        baseUrl,
        generator,
        updatedAt,
      }),
    ),
    sitemap === null ? undefined : writeFile(path.join(dir, 'sitemap.xml'), sitemap),
    writeFile(path.join(dir, 'robots.txt'), renderRobots(baseUrl)),
    copySiteAssets(templates, path.join(dir, 'assets')),
    // The manifest lists the open-data files too, so it is written once they are.
    writeOpenData({
      edition,
      templates,
      dir,
      previousDir: previous?.dir,
      previousWorkbookKey: previous?.state.workbookKey,
      pages: hrefs,
      baseUrl,
      updatedAt,
    }).then(async ({ files, workbookKey }) => {
      await writeFile(
        path.join(dir, 'manifest.json'),
        renderManifest(entries, { generator, generatedAt: updatedAt, ar, baseUrl, openData: files }),
      );
      return workbookKey;
    }),
    writePublicPages(templates, dir, { ar, baseUrl, generator, updatedAt }),
  ]);
  return workbookKey;
}

/**
 * The page's body as the build composed it (persisted; then only the cover map is drawn, the
 * other charts are in the body), or composed now.
 */
async function compose(edition: Edition, report: MunicipalityReport, key: string): Promise<MemoisedComposition> {
  const persisted = await edition.compositions.load(report.kommun.kod, key);
  if (persisted) return { charts: { karta: buildMapChart(edition.charts, report.kommun.kod) }, composed: persisted };
  const charts = buildReportCharts(edition.charts, report);
  return {
    charts,
    composed: composeReport({
      report,
      templates: edition.templates,
      charts,
      meta: compositionMeta(edition),
      blocks: edition.markdownBlocks,
    }),
  };
}

/**
 * Links the record's PDF into the edition and checks that the linked bytes are the ones the
 * record describes (SHA-256). Published files are replaced by rename, never changed in place,
 * so the linked inode cannot change afterwards. When a build has replaced the PDF but not yet
 * its record, the record is read again for a short while (the build writes it next); returns
 * the record matching the linked bytes, or undefined (nothing left linked).
 */
async function linkConsistent(outputDir: string, listed: ReportRecord, dir: string): Promise<ReportRecord | undefined> {
  let record: ReportRecord | undefined = listed;
  for (let attempt = 0; attempt < CONSISTENCY_ATTEMPTS && record; attempt += 1) {
    const target = path.join(dir, pdfPath(record.kommunkod, record.slug));
    await rm(target, { force: true });
    await linkOrCopy(path.join(outputDir, record.pdf), target).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
    const linked = await sha256File(target).catch(() => undefined);
    if (linked === record.sha256) return record;
    await rm(target, { force: true });
    await sleep(CONSISTENCY_WAIT_MS);
    record = await readRecord(outputDir, listed.kommunkod);
  }
  return undefined;
}

/**
 * Links the brief of `code` into the edition and returns its record when the linked bytes are
 * the ones it describes (SHA-256), reading the record again for a short while when a build is
 * replacing the brief; undefined (nothing linked, the page without a brief) otherwise.
 */
async function linkBriefConsistent(outputDir: string, code: string, dir: string): Promise<BriefRecord | undefined> {
  for (let attempt = 0; attempt < CONSISTENCY_ATTEMPTS; attempt += 1) {
    const brief = await readBriefRecord(outputDir, code);
    if (!brief) return undefined;
    const target = path.join(dir, brief.pdf);
    await rm(target, { force: true });
    await linkOrCopy(path.join(outputDir, brief.pdf), target).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
    if ((await sha256File(target).catch(() => undefined)) === brief.sha256) return brief;
    await rm(target, { force: true });
    await sleep(CONSISTENCY_WAIT_MS);
  }
  return undefined;
}

/** The manifest entry of a built report (and its brief, if built), with site-relative paths. */
export function manifestEntry(record: ReportRecord, brief?: BriefRecord): ManifestEntry {
  return {
    kommunkod: record.kommunkod,
    kommun: record.kommun,
    slug: record.slug,
    ar: record.ar,
    sha256: record.sha256,
    contentHash: record.sha256,
    bytes: record.bytes,
    pages: record.pages,
    generatedAt: record.generatedAt,
    pdf: pdfPath(record.kommunkod, record.slug),
    page: pagePath(record.kommunkod, record.slug),
    ...(brief ? { kort: { pdf: brief.pdf, bytes: brief.bytes, pages: brief.pages, contentHash: brief.sha256 } } : {}),
  };
}
