/** `kommunrapport serve [--port N] [--host H]`: serves output/site and regenerates stale reports. */
import { prepareEdition } from '../../run/index.ts';
import { ExitCode, UsageError } from '../../errors.ts';
import { currentEditionDir, publishSite } from '../../publish/index.ts';
import { startServer } from '../../serve/index.ts';
import { escapeTerminalLine } from '../escape-terminal.ts';
import { formatError } from '../print-error.ts';
import { createAnalysisProgress } from '../analysis-progress.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { CONFIG_HELP, CONFIG_OPTIONS, resolveConfig } from '../resolve-config.ts';
import type { Command } from '../types.ts';

const HELP = `Usage: kommunrapport serve [--port N] [--host H] [options]

Serves the website in output/site/. A report whose data or templates changed since it was
printed is rebuilt when its page or PDF is requested (one render at a time, bounded queue).

  --port N            port to listen on (default 8080; 0 picks a free one)
  --host H            address to listen on (default 127.0.0.1; 0.0.0.0 for all)
  --max-waiting N     renders allowed to wait before answering 503 (default 8)
  --max-connections-per-address N
                      open connections per client address (default 256; behind a
                      reverse proxy, where every client has its address, raise it)
  --no-access-log     no access-log line per request on stdout (combined log format)
${CONFIG_HELP}

Environment:
  KOMMUNRAPPORT_TOKEN enables POST /api/rapporter/<kod>/regenerate with
                      "Authorization: Bearer <token>"; without it the endpoint is off.
`;

/** Runs the server until SIGINT/SIGTERM, then closes it and the browser. */
export const serveCommand: Command = async (ctx) => {
  const { values } = parseArgsOrThrow(ctx.argv);
  if (values.help) {
    ctx.stdout.write(HELP);
    return ExitCode.ok;
  }
  const { port, limits } = listenOptions(values);
  const config = resolveConfig(ctx, values);
  const debug = Boolean(ctx.env.DEBUG);
  const log = (level: 'info' | 'warn' | 'error', message: string, error?: unknown) => {
    ctx.stderr.write(`${level.toUpperCase()} ${escapeTerminalLine(message)}\n`);
    if (error !== undefined) ctx.stderr.write(formatError(error, debug).text.replace(/^/gm, '  '));
  };
  // Listening for the signals before anything is announced: a client (or test) that stops the
  // server as soon as it reads "Serving" must not find the default action (death) in place.
  const stop = listenForStop();
  ctx.stderr.write('Preparing the edition (data, analysis, templates)…\n');
  const progress = createAnalysisProgress(ctx.stderr, ctx.interactive);
  const edition = await prepareEdition(config, { onProgress: progress.onProgress }).finally(progress.stop);
  if (!(await currentEditionDir(config.outputDir))) {
    log('info', 'No site published yet: publishing the built reports first.');
    await publishSite(edition);
  }
  if (stop.signalled()) {
    ctx.stderr.write('Interrupted before the server started.\n');
    return ExitCode.interrupted;
  }
  const token = ctx.env.KOMMUNRAPPORT_TOKEN || undefined;
  const server = await startServer({
    config,
    edition,
    port,
    host: values.host ?? '127.0.0.1',
    token,
    limits,
    log,
    // Access log on stdout, INFO/WARN/ERROR on stderr: a process manager can keep them apart.
    accessLog: values['no-access-log'] ? undefined : (line) => ctx.stdout.write(`${line}\n`),
    onRegeneration: (event) =>
      log(
        'info',
        `${event.outcome.status === 'rendered' ? 'Rendered' : 'Republished'} ${event.kommunkod} ${event.outcome.kommun}${event.forced ? ' (forced)' : ''} in ${(event.ms / 1000).toFixed(1)} s`,
      ),
  });
  ctx.stderr.write(
    `Serving ${config.outputDir}/site at ${server.url}${token ? ' (regenerate endpoint on)' : ''}. Stop with Ctrl+C.\n`,
  );
  await stop.requested;
  ctx.stderr.write(
    'Stopping: finishing or aborting the regeneration in progress, closing the server and the browser…\n',
  );
  await server.close();
  // Bounded: whatever might still hold the event loop (a browser pipe, a client) cannot keep
  // the process alive after the shutdown (the timer itself does not).
  setTimeout(() => process.exit(ExitCode.ok), 2000).unref();
  return ExitCode.ok;
};

/** Resolves `requested` at the first SIGINT or SIGTERM; a second one ends the process at once. */
function listenForStop(): { requested: Promise<void>; signalled: () => boolean } {
  let signalled = false;
  const requested = new Promise<void>((resolve) => {
    const stop = () => {
      signalled = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.once('SIGINT', () => process.exit(ExitCode.interrupted));
      process.once('SIGTERM', () => process.exit(ExitCode.interrupted));
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return { requested, signalled: () => signalled };
}

/** The port and the limits the options ask for, each checked against its range. */
function listenOptions(values: ReturnType<typeof parseArgsOrThrow>['values']) {
  const port = wholeNumber('--port', values.port ?? '8080', 0, 65535);
  const maxWaitingRenders = wholeNumber('--max-waiting', values['max-waiting'] ?? '8', 0, 1000);
  const perAddress = values['max-connections-per-address'];
  const maxConnectionsPerAddress =
    perAddress === undefined ? undefined : wholeNumber('--max-connections-per-address', perAddress, 1, 100_000);
  return { port, limits: { maxWaitingRenders, maxConnectionsPerAddress } };
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`Cannot use ${flag} ${text}: expected a whole number from ${min} to ${max}`);
  return n;
}

function parseArgsOrThrow(argv: string[]) {
  return parseCommandArgs(
    argv,
    {
      ...CONFIG_OPTIONS,
      port: { type: 'string' },
      host: { type: 'string' },
      'max-waiting': { type: 'string' },
      'max-connections-per-address': { type: 'string' },
      'no-access-log': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    'serve',
  );
}
