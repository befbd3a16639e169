/** `kommunrapport build [--kommun X]…`: prints the PDF reports and their Markdown twins. */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { PipelineConfig } from '../../config.ts';
import { ExitCode } from '../../errors.ts';
import { inputFingerprint, lastFingerprint } from '../../run/input-fingerprint.ts';
import { createSessionFor, type BrowserSession } from '../../print/index.ts';
import { removeOrphanedOutputs } from '../../run/remove-orphaned-outputs.ts';
import { escapeTerminalLine } from '../escape-terminal.ts';
import { createProgress } from '../progress.ts';
import { createAnalysisProgress } from '../analysis-progress.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { CONFIG_HELP, CONFIG_OPTIONS, resolveConfig } from '../resolve-config.ts';
import { summarise } from '../summarise.ts';
import type { Command, CommandContext } from '../types.ts';

const HELP = `Usage: kommunrapport build [--kommun CODE|NAME]… [options]

Prints one PDF (output/pdf/) and one Markdown twin (output/md/) per municipality.
Reports whose inputs did not change since the last build are skipped.

  --kommun X          only this municipality (code or name; repeatable)
${CONFIG_HELP}
`;

export const buildCommand: Command = async (ctx) => {
  const { values } = parseArgsOrThrow(ctx.argv);
  if (values.help) {
    ctx.stdout.write(HELP);
    return ExitCode.ok;
  }
  const config = resolveConfig(ctx, values);
  // When reports will likely be printed (named ones, --force, or inputs that changed since the
  // last build), start Chromium now: its launch (~1 s) overlaps with preparing the edition.
  const fingerprint = await inputFingerprint(config);
  const likelyStale =
    Boolean(values.kommun?.length) || config.force || fingerprint !== (await lastFingerprint(config.outputDir));
  const session = likelyStale ? createSessionFor(config) : undefined;
  void session?.warmUp();
  // Preparing the edition keeps the event loop busy for ~0.6 s: let puppeteer load first, so
  // Chromium is spawned now and boots on the other core meanwhile (one report: −0.3 s).
  await session?.driver().catch(() => undefined);
  try {
    return await build(ctx, values, config, session, fingerprint);
  } finally {
    await session?.close();
  }
};

async function build(
  ctx: CommandContext,
  values: BuildValues,
  config: PipelineConfig,
  session: BrowserSession | undefined,
  fingerprint: string,
): Promise<number> {
  // Loaded after Chromium was started, so the launch overlaps with loading the pipeline.
  const run = await import('../../run/index.ts');
  const { buildReports, prepareEdition, selectMunicipalities, shardCodes } = run;
  const { publishSite } = await import('../../publish/index.ts');
  const progress = createAnalysisProgress(ctx.stderr, ctx.interactive);
  const edition = await prepareEdition(config, { onProgress: progress.onProgress }).finally(progress.stop);
  const codes = shardCodes(selectMunicipalities(edition.municipalities, values.kommun ?? []), config.shard);
  const abort = new AbortController();
  const release = onInterrupt(() => {
    ctx.stderr.write('\nInterrupted: finishing the reports in progress; completed reports are kept.\n');
    abort.abort();
  });
  try {
    const building = buildReports(edition, {
      codes,
      session,
      onEvent: createProgress(ctx.stderr, ctx.interactive),
      signal: abort.signal,
    });
    const { site, builtCodes, publishing } = await publishAlongside(values, edition, codes, building, publishSite);
    const summary = await building.catch(async (error: unknown) => {
      // The publish gives up with the build: let it remove its half-built edition and lock first.
      await publishing?.catch(() => undefined);
      throw error;
    });
    // Chromium is done: it shuts down (~0.2 s) while the manifest, statistics and pages are
    // written; the `finally` of buildCommand waits for this same close.
    void session?.close();
    const anyFailed =
      summary.outcomes.some((o) => o.status === 'failed') || summary.briefs.some((o) => o.status === 'failed');
    // A partial build (named municipalities, a shard) does not vouch for the whole edition.
    const complete = !values.kommun?.length && !config.shard && !anyFailed && !abort.signal.aborted;
    await recordBuild(ctx, run, edition, summary, complete ? fingerprint : undefined);
    if (site) {
      await (publishing ?? publishSite(edition, { codes: await builtCodes }));
      ctx.stderr.write(`Website updated: ${path.join(config.outputDir, 'site')}/\n`);
    }
    ctx.stderr.write(summarise(summary, codes.length));
    if (abort.signal.aborted) return ExitCode.interrupted;
    return anyFailed ? ExitCode.partial : ExitCode.ok;
  } finally {
    release();
  }
}

/**
 * A build of named municipalities also refreshes their pages, the index and the site's
 * manifest, so a data fix reaches the website in one command (a full build leaves that to
 * `publish`, which `make` runs next). For a few reports (one round of printing) the other
 * pages are carried over while they print (`publishing`); a longer build would hold the
 * publish lock, and so keep a running server from publishing, for all its duration.
 */
async function publishAlongside(
  values: BuildValues,
  edition: Edition,
  codes: string[],
  building: Promise<BuildSummary>,
  publishSite: PublishModule['publishSite'],
) {
  const { config } = edition;
  const builtCodes = building.then((summary) =>
    summary.outcomes.filter((o) => o.status !== 'failed').map((o) => o.kommunkod),
  );
  const site = values.kommun?.length ? await siteExists(config.outputDir) : false;
  const publishing =
    site && codes.length <= config.concurrency ? publishSite(edition, { codes, built: builtCodes }) : undefined;
  // Both are awaited later; until then a rejection must not count as unhandled.
  builtCodes.catch(() => undefined);
  publishing?.catch(() => undefined);
  return { site, builtCodes, publishing };
}

/** Calls `handler` at the first SIGINT or SIGTERM; returns what stops listening. */
function onInterrupt(handler: () => void): () => void {
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

type BuildValues = ReturnType<typeof parseArgsOrThrow>['values'];
type RunModule = typeof import('../../run/index.ts');
type PublishModule = typeof import('../../publish/index.ts');
type Edition = Awaited<ReturnType<RunModule['prepareEdition']>>;
type BuildSummary = Awaited<ReturnType<RunModule['buildReports']>>;

/**
 * What a build leaves behind besides the reports: files of former municipalities removed, the
 * manifest, and the build's statistics (with the inputs' fingerprint when the build was complete).
 */
async function recordBuild(
  ctx: CommandContext,
  run: RunModule,
  edition: Edition,
  summary: BuildSummary,
  fingerprint: string | undefined,
): Promise<void> {
  const { outputDir } = edition.config;
  const orphans = await removeOrphanedOutputs(outputDir, edition.municipalities);
  if (orphans.length > 0)
    ctx.stderr.write(
      `${escapeTerminalLine(`Removed ${orphans.length} file(s) named after a former or removed municipality: ${orphans.join(', ')}`)}\n`,
    );
  await run.writeManifest(outputDir, `kommunrapport ${edition.version}`);
  await run.writeBuildStats(outputDir, summary, fingerprint);
}

function parseArgsOrThrow(argv: string[]) {
  return parseCommandArgs(
    argv,
    { ...CONFIG_OPTIONS, kommun: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    'build',
  );
}

async function siteExists(outputDir: string): Promise<boolean> {
  return lstat(path.join(outputDir, 'site')).then(
    () => true,
    () => false,
  );
}
