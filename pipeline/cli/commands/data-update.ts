import path from 'node:path';
import cliProgress from 'cli-progress';
import { ExitCode, UsageError } from '../../errors.ts';
import {
  DEFAULT_API_URL,
  POPULATION_KPI,
  PROVENANCE_FILE,
  updateKoladaData,
  yearRange,
  type Provenance,
  type UpdateEvent,
  type UpdateResult,
} from '../../update/index.ts';
import { describeUpdate, type UpdateEffect } from '../../update/describe-update.ts';
import { readDataFolderState, stagedSnapshot, type DataFolderState } from '../../update/update-snapshot.ts';
import { formatUpdateEffect, populationRefusal, withTitle } from '../format-update-effect.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import type { Command, CommandContext } from '../types.ts';

const USAGE =
  'usage: kommunrapport data update --year YEAR [--from YEAR] [--api-url URL] [--data DIR] [--dry-run] [--allow-old-population] [--timeout SECONDS] [--retries N]';

const HELP = `Usage: kommunrapport data update --year YEAR [options]

Fetches the Kolada key figures the model and the reports need (and the population, N01951, for
kommuner.csv) for YEAR into the data folder, checked and all or nothing (README "Ny årgång").
Prints per key figure what changed, and the effect on the edition: the data year before and
after, the municipalities per area, the key figures still missing for YEAR.

  --year YEAR         the year to fetch (required)
  --from YEAR         fetch every year from this one to --year (the yearly history)
  --dry-run           fetch and check, print what would change, write nothing
  --allow-old-population
                      write even when kommuner.csv cannot move to YEAR (Kolada lacks the
                      population of some municipality) while the data year would; without
                      it the update refuses (exit 3) and says which municipalities lack it
  --data DIR          data folder (default: data/)
  --api-url URL       Kolada API (default ${DEFAULT_API_URL})
  --timeout SECONDS   per request (default 30)
  --retries N         tries after a failed request, 0 … 10 (default 4)
  --help, -h          this text
`;

/**
 * `kommunrapport data update --year 2023 [--from 2015] [--api-url URL] [--data DIR] [--dry-run]`:
 * fetches the Kolada key figures the model and the master data need and writes them into
 * the data folder, all or nothing (pipeline/update/). `--dry-run` prints what would change.
 */
export const dataUpdateCommand: Command = async (ctx) => {
  const [sub, ...rest] = ctx.argv;
  if (
    sub === 'help' ||
    sub === '--help' ||
    sub === '-h' ||
    (sub === 'update' && (rest.includes('--help') || rest.includes('-h')))
  ) {
    ctx.stdout.write(HELP);
    return 0;
  }
  if (sub !== 'update') throw new UsageError(sub ? `Unknown data command “${sub}”; ${USAGE}` : USAGE);
  const args = parseUpdateArgs(rest);
  const dataDir = path.resolve(ctx.cwd, args.data);
  const progress = createUpdateProgress(ctx);
  // Ctrl-C or SIGTERM stops the fetching (data/ unchanged); a commit under way is finished first.
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    progress.stop();
    ctx.stderr.write(`\nInterrupted (${signal}): stopping; a commit already under way is finished first.\n`);
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // The folder as it is, to say what the update changes (describe-update.ts).
  const before = await readDataFolderState(dataDir, POPULATION_KPI);
  let explained: { effect: UpdateEffect; titles: Map<string, string> } | undefined;
  let result: UpdateResult;
  try {
    result = await updateKoladaData({
      dataDir,
      apiUrl: args.apiUrl.href.replace(/\/+$/, ''),
      years: yearRange(args.from, args.year),
      dryRun: args.dryRun,
      timeoutMs: args.timeout * 1000,
      attempts: args.retries + 1,
      onEvent: progress.event,
      signal: abort.signal,
      beforeWrite: (staged) => {
        explained = explainUpdate(before, staged);
        if (explained.effect.population.mixesYears && !staged.dryRun && !args.allowOldPopulation) {
          throw populationRefusal(explained.effect, before.municipalities, explained.titles, POPULATION_KPI);
        }
      },
    });
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  ctx.stdout.write(formatUpdate(result, path.relative(ctx.cwd, dataDir) || '.', explained));
  if (abort.signal.aborted) {
    ctx.stderr.write(
      `Interrupted after the update was committed: ${path.relative(ctx.cwd, dataDir) || '.'}/ holds the complete update.\n`,
    );
    return ExitCode.interrupted;
  }
  return 0;
};

/** The options of `data update`, checked; a usage error names the option and what it expects. */
function parseUpdateArgs(argv: string[]) {
  const { values } = parseCommandArgs(
    argv,
    {
      year: { type: 'string' },
      from: { type: 'string' },
      'api-url': { type: 'string', default: DEFAULT_API_URL },
      data: { type: 'string', default: 'data' },
      'dry-run': { type: 'boolean', default: false },
      'allow-old-population': { type: 'boolean', default: false },
      timeout: { type: 'string', default: '30' },
      retries: { type: 'string', default: '4' },
    },
    'data update',
    USAGE,
  );
  const year = parseYear(values.year, '--year');
  const from = values.from === undefined ? year : parseYear(values.from, '--from');
  if (from > year) throw new UsageError(`--from ${from} is after --year ${year}; ${USAGE}`);
  const timeout = Number(values.timeout);
  if (!(timeout > 0)) throw new UsageError(`--timeout expects seconds > 0, got “${values.timeout}”`);
  const retries = Number(values.retries);
  if (!Number.isInteger(retries) || retries < 0 || retries > 10)
    throw new UsageError(`--retries expects 0 … 10, got “${values.retries}”`);
  let apiUrl: URL;
  try {
    apiUrl = new URL(values['api-url']);
  } catch (error) {
    throw new UsageError(`--api-url “${values['api-url']}” is not a URL`, { cause: error });
  }
  return {
    year,
    from,
    timeout,
    retries,
    apiUrl,
    data: values.data,
    dryRun: values['dry-run'],
    allowOldPopulation: values['allow-old-population'],
  };
}

/** The effect of the staged update and the KPI titles Kolada gave (from the staged provenance). */
function explainUpdate(
  before: DataFolderState,
  result: UpdateResult,
): { effect: UpdateEffect; titles: Map<string, string> } {
  const provenance = JSON.parse(result.staged.get(PROVENANCE_FILE) ?? '{}') as Partial<Provenance>;
  const titles = new Map(Object.entries(provenance.kpis ?? {}).map(([kpi, p]) => [kpi, p.title]));
  const after = stagedSnapshot(before, result.staged, result.populationYear);
  const effect = describeUpdate({
    model: before.model,
    municipalities: before.municipalities,
    before: before.snapshot,
    after,
    years: result.years,
    populationKpi: POPULATION_KPI,
  });
  return { effect, titles };
}

function parseYear(value: string | undefined, flag: string): number {
  if (value === undefined) throw new UsageError(`${flag} is required; ${USAGE}`);
  if (!/^\d{4}$/.test(value) || Number(value) < 1990 || Number(value) > 2100)
    throw new UsageError(`${flag} expects a year such as 2023, got “${value}”`);
  return Number(value);
}

/** A bar on a terminal, one line per request in logs; retries always as a line. */
function createUpdateProgress(ctx: CommandContext): { event: (e: UpdateEvent) => void; stop: () => void } {
  let bar: cliProgress.SingleBar | undefined;
  let total = 0;
  let done = 0;
  const event = (e: UpdateEvent) => {
    if (e.type === 'plan') {
      total = e.requests;
      ctx.stderr.write(
        `Fetching ${e.kpis} KPIs for ${e.years.length === 1 ? e.years[0] : `${e.years[0]}–${e.years.at(-1)}`} from Kolada\n`,
      );
      if (ctx.interactive) {
        bar = new cliProgress.SingleBar(
          {
            stream: ctx.stderr as NodeJS.WriteStream,
            format: ' {bar} {value}/{total} pages | {what}',
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { what: '' });
      }
    } else if (e.type === 'recovered') {
      ctx.stderr.write(`Completed the commit an interrupted update had begun (${e.files} file(s) moved into place)\n`);
    } else if (e.type === 'more-pages') {
      total += e.count;
      bar?.setTotal(total);
    } else if (e.type === 'response') {
      done += 1;
      const what = `${e.cached ? 'cached' : `${Math.round(e.ms)} ms`} ${shortUrl(e.url)}`;
      if (bar) bar.update(done, { what });
      else ctx.stderr.write(`[${done}/${total}] ${what}\n`);
    } else if (e.type === 'retry') {
      const line = `WARN ${e.reason}: ${e.url}; try ${e.attempt}/${e.attempts} in ${(e.delayMs / 1000).toFixed(1)} s\n`;
      if (bar) bar.update(done, { what: line.trim() });
      else ctx.stderr.write(line);
    }
  };
  return { event, stop: () => bar?.stop() };
}

/** `1998–2005, 2007` */
function spans(years: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < years.length;) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j += 1;
    out.push(i === j ? String(years[i]) : `${years[i]}–${years[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

function shortUrl(url: string): string {
  return url.length > 100 ? `${url.slice(0, 97)}…` : url;
}

/** The summary: per KPI and year what was (or would be) written, files, changed definitions. */
export function formatUpdate(
  result: UpdateResult,
  dataDir: string,
  explained?: { effect: UpdateEffect; titles: ReadonlyMap<string, string> },
): string {
  const titles = explained?.titles ?? new Map<string, string>();
  const years = result.years.length === 1 ? String(result.years[0]) : `${result.years[0]}–${result.years.at(-1)}`;
  const lines = [
    `${result.dryRun ? 'Dry run: nothing written. ' : ''}Kolada ${years}, ${result.kpis.length} KPIs: ${result.requests} requests, ${result.cachedPages} pages from the staging cache, ${(result.ms / 1000).toFixed(1)} s`,
    '',
    `${'KPI'.padEnd(8)}${'year'.padEnd(6)}${'kommuner'.padStart(9)}${'changed'.padStart(9)}${'new'.padStart(6)}${'removed'.padStart(9)}  ${'status'.padEnd(11)}  title (Kolada)`,
  ];
  const unpublished = new Map<string, number[]>();
  for (const s of result.summaries) {
    if (!s.published) {
      unpublished.set(s.kpi, [...(unpublished.get(s.kpi) ?? []), s.year]);
      continue;
    }
    lines.push(
      `${s.kpi.padEnd(8)}${String(s.year).padEnd(6)}${String(s.municipalities).padStart(9)}${String(s.changed).padStart(9)}${String(s.added).padStart(6)}${String(s.removed).padStart(9)}  ${(s.status ?? '').padEnd(11)}  ${titles.get(s.kpi) ?? ''}`.trimEnd(),
    );
  }
  // Years Kolada has no value for (not yet published, or before the KPI existed): grouped.
  const byYears = new Map<string, string[]>();
  for (const [kpi, years] of unpublished) byYears.set(spans(years), [...(byYears.get(spans(years)) ?? []), kpi]);
  for (const [years, kpis] of byYears)
    lines.push(
      `not published by Kolada, kept as on disk: ${years} for ${kpis.length === result.kpis.length ? 'every KPI' : kpis.join(', ')}`,
    );
  lines.push('');
  const verb = result.dryRun ? 'would write' : 'wrote';
  const touched = result.files.filter((f) => f.status !== 'unchanged');
  const ddf = touched.filter((f) => f.file.includes('ddf--datapoints--'));
  const listed = [
    ...(ddf.length
      ? [`${ddf.length} KPI file(s) in kolada/ (${ddf.filter((f) => f.status === 'new').length} new)`]
      : []),
    ...touched.filter((f) => !ddf.includes(f)).map((f) => `${f.file} (${f.status})`),
  ];
  lines.push(`${verb} ${touched.length} file(s) in ${dataDir}/: ${listed.join(', ') || 'none'}`);
  if (result.populationYear)
    lines.push(
      `kommuner.csv: invanare and ar ${result.dryRun ? 'would be' : 'are'} from ${result.populationYear} (Kolada N01951)`,
    );
  for (const c of result.definitionChanges) {
    lines.push(
      `NOTE ${c.kpi}: Kolada changed its ${c.field} since the last fetch: “${c.before ?? ''}” → “${c.after ?? ''}”; check that the model still means the same`,
    );
  }
  if (explained) lines.push('', ...formatUpdateEffect(explained.effect, titles, result.dryRun, POPULATION_KPI));
  if (!result.dryRun)
    lines.push(
      '',
      'Next: kommunrapport analyse, then kommunrapport build and kommunrapport publish (README "Ny årgång").',
    );
  return lines.join('\n') + '\n';
}
