/**
 * One publisher at a time per output folder. Publishing reads the live edition, builds the
 * next and prunes old ones; two publishers interleaving could drop each other's pages or
 * delete an edition being built. In-process callers queue on a promise; other processes
 * (a `build` while `serve` runs) are kept out by an exclusive lock file holding the pid.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PublishError } from './publish-error.ts';

const queues = new Map<string, Promise<unknown>>();

/** Runs `fn` holding the publish lock of `dir` (waits up to `waitMs` for another process). */
export async function withPublishLock<T>(dir: string, fn: () => Promise<T>, waitMs = 120_000): Promise<T> {
  const previous = queues.get(dir) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(async () => {
    const release = await acquireFileLock(dir, waitMs);
    try {
      return await fn();
    } finally {
      await release();
    }
  });
  queues.set(dir, run);
  try {
    return await run;
  } finally {
    if (queues.get(dir) === run) queues.delete(dir);
  }
}

async function acquireFileLock(dir: string, waitMs: number): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, '.publish.lock');
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(await readFile(file, 'utf8').catch(() => ''));
    if (!isAlive(owner)) {
      // Left by a publisher that died; nobody else holds it.
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new PublishError(`Cannot publish: another kommunrapport process (pid ${owner}) is publishing into ${dir}`, {
        hint: `Wait for it to finish, or remove ${file} if that process is gone.`,
      });
    }
    await sleep(100);
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
