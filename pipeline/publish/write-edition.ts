/**
 * Fills a new, not yet live edition folder: municipality pages (composed, or carried over from
 * the previous edition when nothing they show changed), PDFs, index, sitemap, manifest, assets.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { compositionMeta, readBriefRecord, type BriefRecord, type Edition, type MemoisedComposition, type ReportRecord } from '../build/index.ts';
import { composeReport } from '../compose/index.ts';
import { buildMapChart, buildReportCharts } from '../compose/report-charts.ts';
import { buildMunicipalityReport, type MunicipalityReport } from '../model/index.ts';
import { buildIndexRows } from './build-index-rows.ts';
import { copySiteAssets } from './copy-site-assets.ts';
import { linkOrCopy } from './link-or-copy.ts';
import { renderIndexPage } from './render-index-page.ts';
import { renderMunicipalityPage } from './render-municipality-page.ts';
import { renderManifest, renderRobots, renderSitemap } from './render-site-files.ts';
import { pagePath, pdfPath, STATE_FILE } from './site-paths.ts';
import { pageModelKey, serialiseSiteState } from './site-state.ts';
import type { SiteTemplates } from './site-templates.ts';
import type { ManifestEntry, SiteState } from './types.ts';

const CARRY_CONCURRENCY = 16;

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
  baseUrl: string | null;
  updatedAt: string;
}

/** Writes the edition; returns its state and how many pages were composed. */
export async function writeEdition(job: EditionJob): Promise<{ state: SiteState; composed: number }> {
  const { edition, templates, dir, previous, baseUrl } = job;
  const { generator } = compositionMeta(edition);
  const known = new Set(edition.municipalities.map((m) => m.kommunkod));
  const prevPages = previous?.state.pages ?? {};
  const pages: SiteState['pages'] = {};
  const sameLook = previous?.state.templatesHash === templates.hash && previous.state.baseUrl === baseUrl;

  // Carrying a page is two hard links and a folder: done in parallel (the libuv pool), ~3× faster.
  const limit = pLimit(CARRY_CONCURRENCY);
  const carry = (code: string): Promise<void> => {
    const page = prevPages[code]!;
    pages[code] = page;
    return limit(async () => {
      await linkOrCopy(path.join(previous!.dir, page.entry.page, 'index.html'), path.join(dir, page.entry.page, 'index.html'));
      await linkOrCopy(path.join(previous!.dir, page.entry.pdf), path.join(dir, page.entry.pdf));
      if (page.entry.kort) await linkOrCopy(path.join(previous!.dir, page.entry.kort.pdf), path.join(dir, page.entry.kort.pdf));
    });
  };

  const only = job.codes && previous ? new Set(job.codes) : undefined;
  const carried = only ? Promise.all(Object.keys(prevPages).filter((code) => known.has(code) && !only.has(code)).map(carry)) : undefined;
  // Waits for the refreshed reports (if they are still printing) while the carrying goes on.
  const [built] = await Promise.all([job.built, carried]);
  const records = new Map((await job.records(built)).filter((r) => known.has(r.kommunkod)).map((r) => [r.kommunkod, r]));
  if (only) {
    // A requested page whose report failed (or has no record) keeps its previous version.
    await Promise.all([...only].filter((code) => prevPages[code] && known.has(code) && !records.has(code)).map(carry));
  }
  let composed = 0;
  for (const [code, record] of records) {
    if (only && !only.has(code)) continue;
    const report = buildMunicipalityReport(edition.model, code);
    const modelKey = pageModelKey(edition, report);
    const entry = manifestEntry(record, await readBriefRecord(edition.config.outputDir, code));
    const prev = prevPages[code];
    if (sameLook && prev?.modelKey === modelKey && prev.entry.contentHash === entry.contentHash && prev.entry.generatedAt === entry.generatedAt && prev.entry.kort?.contentHash === entry.kort?.contentHash) {
      await carry(code);
      continue;
    }
    const { charts, composed: body } = edition.compositions.get(code, modelKey) ?? (await compose(edition, report, modelKey));
    const html = renderMunicipalityPage(templates, { report, composed: body, charts, pdf: entry, baseUrl, generator, updatedAt: job.updatedAt });
    await mkdir(path.join(dir, entry.page), { recursive: true });
    await writeFile(path.join(dir, entry.page, 'index.html'), html);
    await linkOrCopy(path.join(edition.config.outputDir, record.pdf), path.join(dir, entry.pdf));
    if (entry.kort) await linkOrCopy(path.join(edition.config.outputDir, entry.kort.pdf), path.join(dir, entry.kort.pdf));
    pages[code] = { modelKey, entry };
    composed += 1;
  }

  const entries = Object.values(pages).map((p) => p.entry).sort((a, b) => a.kommunkod.localeCompare(b.kommunkod));
  const hrefs = new Map(entries.map((e) => [e.kommunkod, e.page]));
  const rows = buildIndexRows(edition.municipalities, edition.analysis.table, hrefs);
  const ar = edition.analysis.ar;
  const state: SiteState = { version: 1, templatesHash: templates.hash, baseUrl, pages };
  await Promise.all([
    writeFile(path.join(dir, 'index.html'), renderIndexPage(templates, { rows, ar, map: edition.charts.map, baseUrl, generator, updatedAt: job.updatedAt })),
    writeFile(path.join(dir, 'sitemap.xml'), renderSitemap(entries, baseUrl, job.updatedAt)),
    writeFile(path.join(dir, 'robots.txt'), renderRobots(baseUrl)),
    writeFile(path.join(dir, 'manifest.json'), renderManifest(entries, { generator, generatedAt: job.updatedAt, ar, baseUrl })),
    writeFile(path.join(dir, STATE_FILE), serialiseSiteState(state)),
    copySiteAssets(templates, path.join(dir, 'assets')),
  ]);
  return { state, composed };
}

/**
 * The page's body as the build composed it (persisted; then only the cover map is drawn, the
 * other charts are in the body), or composed now.
 */
async function compose(edition: Edition, report: MunicipalityReport, key: string): Promise<MemoisedComposition> {
  const persisted = await edition.compositions.load(report.kommun.kod, key);
  if (persisted) return { charts: { karta: buildMapChart(edition.charts, report.kommun.kod) }, composed: persisted };
  const charts = buildReportCharts(edition.charts, report);
  return { charts, composed: composeReport({ report, templates: edition.templates, charts, meta: compositionMeta(edition), blocks: edition.markdownBlocks }) };
}

/** The manifest entry of a built report (and its brief, if built), with site-relative paths. */
export function manifestEntry(record: ReportRecord, brief?: BriefRecord): ManifestEntry {
  return {
    kommunkod: record.kommunkod,
    kommun: record.kommun,
    slug: record.slug,
    ar: record.ar,
    contentHash: record.sha256,
    bytes: record.bytes,
    pages: record.pages,
    generatedAt: record.generatedAt,
    pdf: pdfPath(record.kommunkod, record.slug),
    page: pagePath(record.kommunkod, record.slug),
    ...(brief ? { kort: { pdf: brief.pdf, bytes: brief.bytes, pages: brief.pages, contentHash: brief.sha256 } } : {}),
  };
}
