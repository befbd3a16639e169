/** Prints an error for users: a `PipelineError` chain as a numbered list, anything else with its stack. */
import { PipelineError } from '../errors.ts';

/** Formats `error` and returns the exit code to use. */
export function formatError(error: unknown, debug: boolean): { text: string; code: number } {
  if (!(error instanceof PipelineError)) {
    const text = error instanceof Error ? error.stack ?? error.message : String(error);
    return { text: `ERROR Internal error (a bug in kommunrapport):\n${text}\n`, code: 70 };
  }
  const lines = [`ERROR ${error.message}`];
  let cause = error.cause;
  for (let i = 1; cause && i < 6; i += 1) {
    const message = cause instanceof Error ? cause.message : String(cause);
    lines.push(`  ${i}. because: ${message.split('\n')[0]}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  if (debug) {
    for (let e: unknown = error; e instanceof Error; e = e.cause) if (e.stack) lines.push(e.stack);
  }
  return { text: `${lines.join('\n')}\n`, code: error.code };
}
