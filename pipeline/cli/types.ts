/** What a CLI command gets from `main`: its own arguments and the process's streams. */
export interface CommandContext {
  /** Arguments after the command name. */
  argv: string[];
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Directory paths in arguments are resolved against. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal (progress bars) or a log (plain lines). */
  interactive: boolean;
}

/**
 * A command returns its exit code. Expected failures are thrown as `PipelineError`
 * (`pipeline/errors.ts`) and printed by `main`; anything else is a bug and printed with its stack.
 */
export type Command = (ctx: CommandContext) => Promise<number>;
