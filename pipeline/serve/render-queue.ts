/**
 * Runs regeneration jobs one at a time. Requests for a report already queued or rendering
 * share its promise (one render per report), and at most `maxWaiting` jobs may wait: beyond
 * that `run` throws `QueueFullError`, which the server answers with 503 and Retry-After.
 *
 * One job at a time, not N: jobs share one Chromium on a small machine, and each ends with a
 * publish that must see the previous job's edition.
 */
import { PipelineError } from '../errors.ts';

/** Too many renders are waiting; try again later. */
export class QueueFullError extends PipelineError {
  constructor(readonly waiting: number) {
    super(`Cannot queue another report: ${waiting} renders are already waiting`);
  }
}

export class RenderQueue {
  private jobs = new Map<string, Promise<unknown>>();
  private tail: Promise<unknown> = Promise.resolve();
  private waitingCount = 0;

  constructor(private readonly maxWaiting: number) {}

  /** Jobs queued but not started. */
  get waiting(): number {
    return this.waitingCount;
  }

  /** Runs `job` for `key` after the jobs before it, or joins the one already queued for `key`. */
  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const existing = this.jobs.get(key);
    if (existing) return existing as Promise<T>;
    if (this.waitingCount >= this.maxWaiting) throw new QueueFullError(this.waitingCount);
    this.waitingCount += 1;
    const started = this.tail
      .catch(() => undefined)
      .then(() => {
        this.waitingCount -= 1;
        return job();
      });
    const done = started.finally(() => {
      if (this.jobs.get(key) === done) this.jobs.delete(key);
    });
    this.jobs.set(key, done);
    this.tail = done.catch(() => undefined);
    return done;
  }
}
