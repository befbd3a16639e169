/**
 * The publish stage's entry: builds a complete new edition of the website next to the live
 * one, then switches `output/site` to it atomically (see swap-site.ts). A failure anywhere
 * before the switch removes the half-built folder and leaves the live site untouched.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readAllRecords, readRecord, type Edition, type ReportRecord } from '../run/index.ts';
import { PipelineError } from '../errors.ts';
import { PublishError } from './publish-error.ts';
import { withPublishLock } from './publish-lock.ts';
import { normaliseBaseUrl, stateFileOf } from './site-paths.ts';
import { readSiteState, serialiseSiteState } from './site-state.ts';
import { compileSiteTemplates, loadSiteTemplateSources } from './site-templates.ts';
import { currentEditionDir, editionsDir, newEditionName, pruneEditions, switchSite } from './swap-site.ts';
import type { PublishOptions, PublishResult, SiteState } from './types.ts';
import { writeEdition, type EditionJob } from './write-edition.ts';

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
  const baseUrlOption = checkedBaseUrl(options.baseUrl);
  // A failed build is the caller's error to report, not a publishing error. Observed before
  // the first await, so a publish failing early leaves no rejection unhandled.
  let builtError: unknown;
  options.built?.catch((error: unknown) => (builtError = error));
  const templates = compileSiteTemplates(await loadSiteTemplateSources(edition.config.templatesDir));

  return withPublishLock(
    editionsDir(outputDir),
    async () => {
      const liveDir = await currentEditionDir(outputDir);
      const previous = await previousEdition(liveDir);
      const baseUrl = baseUrlOption ?? previous?.state.baseUrl ?? null;
      const now = options.now?.() ?? new Date();
      const dir = path.join(editionsDir(outputDir), newEditionName(now));
      await mkdir(dir, { recursive: true });
      try {
        const job = { edition, templates, dir, previous, baseUrl, updatedAt: now.toISOString() };
        // Editions older than the live one go now, while the new one is written (it ends up as
        // the live edition, with the current one kept as the previous for requests still on it).
        const [{ state, composed, unsettled }] = await Promise.all([
          writeEdition(editionJob(job, options)),
          pruneEditions(outputDir, [dir, liveDir]),
        ]);
        const pages = Object.keys(state.pages).length;
        refuseFewerPages(pages, previous, options);
        await writeFile(stateFileOf(dir), serialiseSiteState(state));
        await switchSite(outputDir, dir);
        const withoutReport = edition.municipalities.length - pages;
        const messages = publishMessages(edition, { withoutReport, unsettled, baseUrl });
        return { siteDir: dir, pages, composed, withoutReport, messages };
      } catch (error) {
        await Promise.all([rm(dir, { recursive: true, force: true }), rm(stateFileOf(dir), { force: true })]).catch(
          () => undefined,
        );
        if (error instanceof PipelineError || error === builtError) throw error;
        throw new PublishError(
          `Cannot publish the site in ${path.join(outputDir, 'site')}; the previous edition is still live`,
          { cause: error },
        );
      }
    },
    options.lockWaitMs,
  );
}

/** The job of writing the new edition: all its pages, or the pages of `options.codes` with the others carried over. */
function editionJob(
  job: Omit<EditionJob, 'records' | 'codes' | 'built' | 'reports'>,
  options: PublishOptions,
): EditionJob {
  const { outputDir } = job.edition.config;
  return {
    ...job,
    // Refreshing some pages needs only their records; the others are carried over as they are.
    records: (built) =>
      options.codes && job.previous ? readRecords(outputDir, built ?? options.codes) : readAllRecords(outputDir),
    codes: options.codes,
    built: options.built,
    reports: options.reports,
  };
}

/** The normalised `--base-url`, or undefined when none is given; throws for one that is not an absolute http(s) address. */
function checkedBaseUrl(option: string | undefined): string | undefined {
  if (option === undefined) return undefined;
  const baseUrl = normaliseBaseUrl(option);
  if (!baseUrl) {
    throw new PublishError(`Cannot use the base URL “${option}”: expected an absolute http(s) address`, {
      hint: 'For example --base-url https://example.se/kommunrapport/',
    });
  }
  return baseUrl;
}

/** The live edition's folder and state, the previous of the new one; undefined when there is none or it has no state. */
async function previousEdition(dir: string | undefined): Promise<{ dir: string; state: SiteState } | undefined> {
  const state = dir ? await readSiteState(dir) : undefined;
  return dir && state ? { dir, state } : undefined;
}

/** What the publish tells its user: reports still missing or being rebuilt, and the base URL's effect. */
function publishMessages(
  edition: Edition,
  { withoutReport, unsettled, baseUrl }: { withoutReport: number; unsettled: string[]; baseUrl: string | null },
): string[] {
  const messages: string[] = [];
  if (withoutReport > 0)
    messages.push(
      `${withoutReport} municipalities have no published report yet (run \`kommunrapport build\`); the index lists them without a link.`,
    );
  if (unsettled.length > 0)
    messages.push(
      `${unsettled.length} report(s) were being rebuilt while publishing (${unsettled.join(', ')}): their previous page is kept, or they are left out until the next publish.`,
    );
  if (baseUrl && edition.baseUrl !== baseUrl)
    messages.push(
      `The reports were printed ${edition.baseUrl ? `for the base URL ${edition.baseUrl}` : 'without a base URL'}: run \`kommunrapport build\` to print ${baseUrl} into them (their web address).`,
    );
  if (!baseUrl)
    messages.push(
      'No --base-url: canonical links and sitemap.xml are left out (a sitemap needs absolute URLs), and the PDFs do not name their web page.',
    );
  return messages;
}

/**
 * A full publish never replaces the live edition with one that has fewer report pages unless
 * asked to (`--allow-fewer`): reports missing from output/ (a failed or partial build, a cache
 * that was wrong) must not take pages off the live site. A refresh of named pages carries the
 * others over, so it cannot lose any.
 */
function refuseFewerPages(
  pages: number,
  previous: { state: { pages: Record<string, unknown> } } | undefined,
  options: PublishOptions,
): void {
  const live = previous ? Object.keys(previous.state.pages).length : 0;
  if (options.codes || options.allowFewer || pages >= live) return;
  throw new PublishError(
    `Cannot publish: the new edition would have ${pages} report page(s), fewer than the ${live} of the live edition; the live site is unchanged`,
    {
      hint: 'Build the missing reports first (`kommunrapport build`), or publish anyway with --allow-fewer.',
    },
  );
}

async function readRecords(outputDir: string, codes: string[]): Promise<ReportRecord[]> {
  const records = await Promise.all(codes.map((code) => readRecord(outputDir, code)));
  return records.filter((record): record is ReportRecord => !!record);
}
