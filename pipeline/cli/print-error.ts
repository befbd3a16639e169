/** Prints an error for users: a `PipelineError` chain as a numbered list, anything else with its stack. */
import { asDiskError, BrowserLaunchError, DiskError, PipelineError } from '../errors.ts';
import { escapeTerminal } from './escape-terminal.ts';

/**
 * Formats `error` and returns the exit code to use. A permission or space failure of the
 * file system is shown as a `DiskError` (one line naming the path, exit 6) wherever it was
 * thrown or wrapped. Control characters (from data such as municipality names) are escaped.
 */
export function formatError(error: unknown, debug: boolean): { text: string; code: number } {
  // A browser binary that cannot be executed (EACCES) is the browser's failure, not the disk's.
  const disk =
    error instanceof DiskError
      ? error
      : error instanceof BrowserLaunchError
        ? undefined
        : asDiskError(error instanceof PipelineError ? error.cause : error);
  if (disk) error = disk;
  if (!(error instanceof PipelineError)) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { text: escapeTerminal(`ERROR Internal error (a bug in kommunrapport):\n${text}\n`), code: 70 };
  }
  const lines = [`ERROR ${error.message}`];
  // A disk error's errno is already in its message; its cause would only repeat it.
  let cause = disk ? undefined : error.cause;
  for (let i = 1; cause && i < 6; i += 1) {
    const message = cause instanceof Error ? cause.message : String(cause);
    lines.push(`  ${i}. because: ${message.split('\n')[0]}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  if (debug) {
    for (let e: unknown = error; e instanceof Error; e = e.cause) if (e.stack) lines.push(e.stack);
  }
  return { text: escapeTerminal(`${lines.join('\n')}\n`), code: error.code };
}
