/**
 * The publish stage's entry: builds a complete new edition of the website next to the live
 * one, then switches `output/site` to it atomically (see swap-site.ts). A failure anywhere
 * before the switch removes the half-built folder and leaves the live site untouched.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { readAllRecords, readRecord, type Edition, type ReportRecord } from '../run/index.ts';
import { PipelineError } from '../errors.ts';
import { PublishError } from './publish-error.ts';
import { withPublishLock } from './publish-lock.ts';
import { normaliseBaseUrl } from './site-paths.ts';
import { readSiteState } from './site-state.ts';
import { compileSiteTemplates, loadSiteTemplateSources } from './site-templates.ts';
import { currentEditionDir, editionsDir, newEditionName, pruneEditions, switchSite } from './swap-site.ts';
import type { PublishOptions, PublishResult } from './types.ts';
import { writeEdition } from './write-edition.ts';

/**
 * Publishes the built reports of `edition.config.outputDir` as a website in `output/site/`.
 *
 * Without `codes`, every built report gets a page (unchanged pages are reused). With `codes`
 * (after `build --kommun X`, or a regeneration in the server), only those pages are
 * recomposed; the index, sitemap and manifest are always rewritten. The base URL is
 * remembered from the previous edition when not given.
 */
export async function publishSite(edition: Edition, options: PublishOptions = {}): Promise<PublishResult> {
  const { outputDir } = edition.config;
  let baseUrlOption: string | undefined;
  if (options.baseUrl !== undefined) {
    baseUrlOption = normaliseBaseUrl(options.baseUrl);
    if (!baseUrlOption) {
      throw new PublishError(`Cannot use the base URL “${options.baseUrl}”: expected an absolute http(s) address`, {
        hint: 'For example --base-url https://example.se/kommunrapport/',
      });
    }
  }
  // A failed build is the caller's error to report, not a publishing error. Observed before
  // the first await, so a publish failing early leaves no rejection unhandled.
  let builtError: unknown;
  options.built?.catch((error: unknown) => (builtError = error));
  const templates = compileSiteTemplates(await loadSiteTemplateSources(edition.config.templatesDir));

  return withPublishLock(editionsDir(outputDir), async () => {
    const previousDir = await currentEditionDir(outputDir);
    const previousState = previousDir ? await readSiteState(previousDir) : undefined;
    const previous = previousDir && previousState ? { dir: previousDir, state: previousState } : undefined;
    const baseUrl = baseUrlOption ?? previous?.state.baseUrl ?? null;
    const now = options.now?.() ?? new Date();
    const dir = path.join(editionsDir(outputDir), newEditionName(now));
    await mkdir(dir, { recursive: true });
    try {
      // Refreshing some pages needs only their records; the others are carried over as they are.
      const records = (built: string[] | undefined) =>
        options.codes && previous ? readRecords(outputDir, built ?? options.codes) : readAllRecords(outputDir);
      const job = { edition, templates, dir, previous, records, codes: options.codes, built: options.built, reports: options.reports, baseUrl, updatedAt: now.toISOString() };
      // Editions older than the live one go now, while the new one is written (it ends up as
      // the live edition, with the current one kept as the previous for requests still on it).
      const [{ state, composed, unsettled }] = await Promise.all([writeEdition(job), pruneEditions(outputDir, [dir, previousDir])]);
      await switchSite(outputDir, dir);
      const pages = Object.keys(state.pages).length;
      const messages: string[] = [];
      const withoutReport = edition.municipalities.length - pages;
      if (withoutReport > 0) messages.push(`${withoutReport} municipalities have no published report yet (run \`kommunrapport build\`); the index lists them without a link.`);
      if (unsettled.length > 0) messages.push(`${unsettled.length} report(s) were being rebuilt while publishing (${unsettled.join(', ')}): their previous page is kept, or they are left out until the next publish.`);
      if (!baseUrl) messages.push('No --base-url: canonical links are left out and sitemap.xml has relative URLs.');
      return { siteDir: dir, pages, composed, withoutReport, messages };
    } catch (error) {
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      if (error instanceof PipelineError || error === builtError) throw error;
      throw new PublishError(`Cannot publish the site in ${path.join(outputDir, 'site')}; the previous edition is still live`, { cause: error });
    }
  }, options.lockWaitMs);
}

async function readRecords(outputDir: string, codes: string[]): Promise<ReportRecord[]> {
  const records = await Promise.all(codes.map((code) => readRecord(outputDir, code)));
  return records.filter((record): record is ReportRecord => !!record);
}
