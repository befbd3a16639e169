/**
 * The retry rule shared by reports and briefs: a print is tried up to `attempts` times; a disk
 * that refuses writes or a Chromium that cannot start fails every attempt and every document
 * alike, so it is not retried but ends the run (exit 6 or 5); an abort stops between attempts.
 */
import { asDiskError, isFatalForRun, PdfError } from '../errors.ts';

export type Attempted<T> = { ok: true; value: T; attempts: number } | { ok: false; attempts: number; error: PdfError };

export interface AttemptOptions {
  kommunkod: string;
  /** What is printed, for the error: "the report for Täby". */
  what: string;
  attempts: number;
  signal?: AbortSignal;
}

/**
 * Runs `prepare` once (charts, compose: a failure there is a bug or a data condition, not
 * retried) and then `print` until it succeeds or the attempts are used up.
 */
export async function attemptPrint<P, T>(
  options: AttemptOptions,
  prepare: () => P | Promise<P>,
  print: (prepared: P, attempt: number) => Promise<T>,
): Promise<Attempted<T>> {
  const { kommunkod, what, attempts, signal } = options;
  let lastError: unknown;
  let attempt = 0;
  try {
    const prepared = await prepare();
    for (attempt = 1; attempt <= attempts && !signal?.aborted; attempt += 1) {
      try {
        return { ok: true, value: await print(prepared, attempt), attempts: attempt };
      } catch (error) {
        const fatal = asDiskError(error) ?? (isFatalForRun(error) ? error : undefined);
        if (fatal) throw fatal;
        lastError = error;
      }
    }
  } catch (error) {
    if (isFatalForRun(error)) throw error;
    lastError = error;
  }
  const interrupted = signal?.aborted && attempt <= attempts;
  return {
    ok: false,
    attempts: Math.min(attempt, attempts),
    error: new PdfError(
      kommunkod,
      interrupted ? `Interrupted before ${what} was printed` : `Cannot print ${what} after ${attempts} attempts`,
      { cause: lastError },
    ),
  };
}
