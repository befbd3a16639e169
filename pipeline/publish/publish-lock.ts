/**
 * One publisher at a time per output folder. Publishing reads the live edition, builds the
 * next and prunes old ones; two publishers interleaving could drop each other's pages or
 * delete an edition being built. In-process callers queue on a promise; other processes (a
 * `build` while `serve` runs, a cron job in another container sharing `output/`) are kept out
 * by an exclusive lock file with a lease (pipeline/io/exclusive-lock.ts).
 */
import path from 'node:path';
import { withExclusiveLock, type LockOwner } from '../io/exclusive-lock.ts';
import { PublishError } from './publish-error.ts';

const LOCK_NAME = '.publish.lock';
const queues = new Map<string, Promise<unknown>>();

/** Who holds a lock, in words: `pid 1 on host web-7`. */
export function describeOwner(owner: LockOwner): string {
  return `pid ${owner.pid}${owner.host ? ` on host ${owner.host}` : ''}`;
}

/**
 * Runs `fn` holding the publish lock of `dir`. Waits up to `waitMs` for another process to
 * release it; callers answering a request pass their remaining time. `leaseMs` is for tests.
 */
export async function withPublishLock<T>(
  dir: string,
  fn: () => Promise<T>,
  waitMs = 120_000,
  leaseMs?: number,
): Promise<T> {
  // One queue per folder, however the caller spelled its path.
  const key = path.resolve(dir);
  const deadline = Date.now() + waitMs;
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous
    .catch(() => undefined)
    .then(() =>
      withExclusiveLock(
        path.join(key, LOCK_NAME),
        {
          waitMs: Math.max(0, deadline - Date.now()),
          leaseMs,
          busy: (owner, file) =>
            new PublishError(
              `Cannot publish: another kommunrapport process (${describeOwner(owner)}) is publishing into ${key}`,
              {
                hint: `Wait for it to finish. A holder that stopped renewing ${file} for a minute is taken over automatically.`,
              },
            ),
        },
        fn,
      ),
    );
  queues.set(key, run);
  try {
    return await run;
  } finally {
    if (queues.get(key) === run) queues.delete(key);
  }
}
