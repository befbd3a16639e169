/** The command-line entry: maps argv to a command and the command's result to an exit code. */
import { createRequire } from 'node:module';
import path from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import { PROJECT_ROOT } from '../config.ts';
import { ExitCode, UsageError } from '../errors.ts';
import { formatError } from './print-error.ts';
import type { Command, CommandContext } from './types.ts';

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  analyse: {
    summary: 'run the DEA analysis on data/ and write output/data/effektivitet.csv',
    load: async () => (await import('./commands/analyse.ts')).analyseCommand,
  },
  build: {
    summary: 'print the PDF reports (all, or --kommun X)',
    load: async () => (await import('./commands/build.ts')).buildCommand,
  },
  preview: {
    summary: 'render pages of chosen reports to PNG for review',
    load: async () => (await import('./commands/preview.ts')).previewCommand,
  },
  dea: {
    summary: 'run the DEA engine on any CSV file',
    load: async () => (await import('./commands/dea.ts')).deaCommand,
  },
  publish: {
    summary: 'publish the built reports as a website in output/site/',
    load: async () => (await import('./commands/publish.ts')).publishCommand,
  },
  serve: {
    summary: 'serve output/site and regenerate stale reports on request',
    load: async () => (await import('./commands/serve.ts')).serveCommand,
  },
  data: {
    summary: 'data update --year Y: fetch Kolada key figures into data/',
    load: async () => (await import('./commands/data-update.ts')).dataUpdateCommand,
  },
  validate: {
    summary: 'check an external efficiency table',
    load: async () => (await import('./commands/validate.ts')).validateCommand,
  },
};

/** The command names, for tests that run every command's `--help`. */
export const COMMAND_NAMES = Object.keys(COMMANDS);

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`);
  return [
    'Usage: kommunrapport <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    'Run `kommunrapport <command> --help` (or `kommunrapport help <command>`) for its options;',
    '`kommunrapport --version` prints the version.',
    '',
  ].join('\n');
}

/** The package version (from package.json, so the sources and the bundle agree). */
function version(): string {
  return (createRequire(import.meta.url)(path.join(PROJECT_ROOT, 'package.json')) as { version: string }).version;
}

/**
 * The command a typo most likely meant: the closest name by edit distance, when it is at most
 * two edits away (or three for long names), so `biuld` suggests `build` and `xyz` suggests nothing.
 */
export function suggestCommand(name: string, names: readonly string[] = COMMAND_NAMES): string | undefined {
  const lower = name.toLowerCase();
  const prefixed = names.filter((n) => n.startsWith(lower) && lower.length >= 2);
  if (prefixed.length === 1) return prefixed[0];
  const best = closest(lower, [...names]);
  return distance(lower, best) <= (best.length > 6 ? 3 : 2) ? best : undefined;
}

/** Runs the CLI; returns the process exit code. */
export async function main(argv: string[], overrides: Partial<CommandContext> = {}): Promise<number> {
  const ctx: CommandContext = {
    argv: argv.slice(1),
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
    ...overrides,
  };
  let name = argv[0];
  try {
    if (name === '--version' || name === '-V' || name === 'version') {
      ctx.stdout.write(`kommunrapport ${version()}\n`);
      return ExitCode.ok;
    }
    // `help build` is `build --help`.
    if (name === 'help' && argv[1] !== undefined && argv[1] !== 'help') {
      name = argv[1];
      ctx.argv = name === 'data' ? ['update', '--help'] : ['--help'];
    } else if (!name || name === '--help' || name === '-h' || name === 'help') {
      ctx.stdout.write(usage());
      return name ? ExitCode.ok : ExitCode.usage;
    }
    const command = COMMANDS[name];
    if (!command) {
      const suggestion = suggestCommand(name);
      throw new UsageError(`Unknown command “${name}”${suggestion ? `. Did you mean “${suggestion}”?` : ''}`, {
        hint: `Commands: ${COMMAND_NAMES.join(', ')}. See \`kommunrapport --help\`.`,
      });
    }
    return await (
      await command.load()
    )(ctx);
  } catch (error) {
    const { text, code } = formatError(error, Boolean(ctx.env.DEBUG));
    ctx.stderr.write(text);
    return code;
  }
}
