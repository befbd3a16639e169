/**
 * One publisher at a time per output folder. Publishing reads the live edition, builds the
 * next and prunes old ones; two publishers interleaving could drop each other's pages or
 * delete an edition being built. In-process callers queue on a promise; other processes
 * (a `build` while `serve` runs) are kept out by an exclusive lock file.
 *
 * The lock file names its holder: pid, boot id (/proc/sys/kernel/random/boot_id) and a random
 * token. It is created complete in one step (a hard link of a written temporary file), so
 * nobody ever reads it half-written. It is stale when its process is gone, when it was written
 * during another boot (pids restart at every boot), or when it names this very process but
 * this process does not hold it (after `kill -9` in a container the next publisher is often
 * pid 1 again). Breaking a stale lock is atomic: only the holder of a short-lived break lock
 * may remove it, after reading it again, so of several processes finding it stale only one
 * removes it, and all of them then race for the free lock, which exactly one wins.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PublishError } from './publish-error.ts';

const LOCK_NAME = '.publish.lock';
/** A break lock older than this was left by a process that died while breaking (it takes ms). */
const BREAK_STALE_MS = 10_000;
const queues = new Map<string, Promise<unknown>>();
/** Tokens of the lock files this process holds. */
const held = new Set<string>();

/** This boot's id ('' where the kernel does not tell). */
const BOOT_ID = (() => {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
})();

/** What a lock file says about its holder. */
interface LockOwner {
  pid: number;
  boot?: string;
  token?: string;
}

/**
 * Runs `fn` holding the publish lock of `dir`. Waits up to `waitMs` for another process to
 * release it; callers answering a request pass their remaining time.
 */
export async function withPublishLock<T>(dir: string, fn: () => Promise<T>, waitMs = 120_000): Promise<T> {
  // One queue per folder, however the caller spelled its path.
  const key = path.resolve(dir);
  const deadline = Date.now() + waitMs;
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(async () => {
    const release = await acquireFileLock(key, Math.max(0, deadline - Date.now()));
    try {
      return await fn();
    } finally {
      await release();
    }
  });
  queues.set(key, run);
  try {
    return await run;
  } finally {
    if (queues.get(key) === run) queues.delete(key);
  }
}

/** The lock file's text for this process. */
function lockText(token: string): string {
  return `${JSON.stringify({ pid: process.pid, boot: BOOT_ID, token, since: new Date().toISOString() })}\n`;
}

/** Parses a lock file: the JSON form, or the bare pid older versions wrote. */
export function parseLockText(text: string): LockOwner | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) };
  const spaced = /^(\d+)\s+(\S+)$/.exec(trimmed);
  if (spaced) return { pid: Number(spaced[1]), boot: spaced[2] };
  try {
    const value = JSON.parse(trimmed) as Partial<LockOwner>;
    return Number.isInteger(value.pid) ? { pid: value.pid!, boot: typeof value.boot === 'string' ? value.boot : undefined, token: typeof value.token === 'string' ? value.token : undefined } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the holder named by a lock file can no longer hold it. */
export function isStaleOwner(owner: LockOwner | undefined): boolean {
  if (!owner || owner.pid <= 0) return true;
  if (owner.boot && BOOT_ID && owner.boot !== BOOT_ID) return true;
  if (owner.pid === process.pid) return !(owner.token && held.has(owner.token));
  return !isAlive(owner.pid);
}

/** Creates `file` with `text` only if it does not exist, complete in one step. */
async function createExclusive(file: string, text: string): Promise<boolean> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, text);
  try {
    await link(tmp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(tmp, { force: true });
  }
}

async function acquireFileLock(dir: string, waitMs: number): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK_NAME);
  const token = randomBytes(8).toString('hex');
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (await createExclusive(file, lockText(token))) {
      held.add(token);
      return async () => {
        held.delete(token);
        // Remove it only if it is still ours (never someone else's that replaced it).
        const owner = parseLockText(await readFile(file, 'utf8').catch(() => ''));
        if (owner?.token === token) await unlink(file).catch(() => undefined);
      };
    }
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue; // released meanwhile
    const owner = parseLockText(text);
    if (isStaleOwner(owner)) {
      await breakStaleLock(file, text);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new PublishError(`Cannot publish: another kommunrapport process (pid ${owner!.pid}) is publishing into ${dir}`, {
        hint: `Wait for it to finish, or remove ${file} if that process is gone.`,
      });
    }
    await sleep(Math.min(100, Math.max(1, deadline - Date.now())));
  }
}

/**
 * Removes the lock `file` if it still holds `staleText`. Only the holder of `file.break` does
 * this, so a lock that another process has meanwhile taken afresh is never removed.
 */
async function breakStaleLock(file: string, staleText: string): Promise<void> {
  const breaker = `${file}.break`;
  const token = randomBytes(8).toString('hex');
  if (!(await createExclusive(breaker, lockText(token)))) {
    // Someone else is breaking it: wait, unless that breaker died while at it.
    const owner = parseLockText(await readFile(breaker, 'utf8').catch(() => ''));
    const age = Date.now() - ((await stat(breaker).catch(() => undefined))?.mtimeMs ?? Date.now());
    if (age > BREAK_STALE_MS || (owner && owner.pid !== process.pid && isStaleOwner(owner))) await rm(breaker, { force: true });
    else await sleep(5);
    return;
  }
  try {
    const current = await readFile(file, 'utf8').catch(() => undefined);
    if (current === staleText) await unlink(file).catch(() => undefined);
  } finally {
    await unlink(breaker).catch(() => undefined);
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
