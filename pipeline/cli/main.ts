/** The command-line entry: maps argv to a command and the command's result to an exit code. */
import { ExitCode, UsageError } from '../errors.ts';
import { formatError } from './print-error.ts';
import type { Command, CommandContext } from './types.ts';

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  analyse: { summary: 'run the DEA analysis on data/ and write output/data/effektivitet.csv', load: async () => (await import('./commands/analyse.ts')).analyseCommand },
  build: { summary: 'print the PDF reports (all, or --kommun X)', load: async () => (await import('./commands/build.ts')).buildCommand },
  preview: { summary: 'render pages of chosen reports to PNG for review', load: async () => (await import('./commands/preview.ts')).previewCommand },
  dea: { summary: 'run the DEA engine on any CSV file', load: async () => (await import('./commands/dea.ts')).deaCommand },
  publish: { summary: 'publish the built reports as a website in output/site/', load: async () => (await import('./commands/publish.ts')).publishCommand },
  serve: { summary: 'serve output/site and regenerate stale reports on request', load: async () => (await import('./commands/serve.ts')).serveCommand },
  data: { summary: 'data update --year Y: fetch Kolada key figures into data/', load: async () => (await import('./commands/data-update.ts')).dataUpdateCommand },
  validate: { summary: 'check an external efficiency table', load: async () => (await import('./commands/validate.ts')).validateCommand },
};

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`);
  return ['Usage: kommunrapport <command> [options]', '', 'Commands:', ...rows, '', 'Run `kommunrapport <command> --help` for its options.', ''].join('\n');
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
  const name = argv[0];
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      ctx.stdout.write(usage());
      return name ? ExitCode.ok : ExitCode.usage;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`Unknown command “${name}”`, { hint: `Commands: ${Object.keys(COMMANDS).join(', ')}` });
    return await (await command.load())(ctx);
  } catch (error) {
    const { text, code } = formatError(error, Boolean(ctx.env.DEBUG));
    ctx.stderr.write(text);
    return code;
  }
}
