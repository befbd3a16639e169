/**
 * An exclusive lock on a folder, shared by processes in different containers (issue 24).
 *
 * The lock is a file created exclusively: a complete temporary file is hard-linked to the lock
 * name, which fails with EEXIST when the name exists (the effect of `open(O_CREAT|O_EXCL)`,
 * without a moment in which the file is there but still empty). It names its holder by host
 * name, boot id, PID namespace, pid and a random token, and carries a lease: the holder renews
 * the file's modification time every `leaseMs / 4`.
 *
 * Containers that share a volume all run node as pid 1, and a holder in another PID namespace
 * looks dead to `kill(pid, 0)`. So a process's liveness is asked only of a holder in the same
 * host, boot and PID namespace; every other holder keeps the lock while its lease is fresh,
 * and loses it only when it stopped renewing for `leaseMs` (crashed, or its machine is gone).
 * Breaking a stale lock is itself exclusive: only the holder of a short-lived break lock may
 * remove it, after reading it again, so of several processes finding it stale one removes it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { link, mkdir, readFile, rm, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Default lease: a holder that has not renewed for this long is gone. */
export const DEFAULT_LEASE_MS = 60_000;
/** A break lock older than this was left by a process that died while breaking (it takes ms). */
const BREAK_STALE_MS = 10_000;

/** Who this process is, as written into its lock files. */
export interface LockIdentity {
  host: string;
  /** /proc/sys/kernel/random/boot_id; '' where the kernel does not tell. */
  boot: string;
  /** The PID namespace (`pid:[4026531836]`); '' where unknown. */
  pidns: string;
  pid: number;
}

/** What a lock file says about its holder (older versions wrote only `pid` or `pid boot`). */
export interface LockOwner {
  pid: number;
  host?: string;
  boot?: string;
  pidns?: string;
  token?: string;
}

/** Options of `withExclusiveLock`. */
export interface ExclusiveLockOptions {
  /** How long to wait for a live holder, ms. */
  waitMs: number;
  /** Lease of the lock, ms (default 60 s); renewed every quarter of it while held. */
  leaseMs?: number;
  /** The error to throw when the wait is over; gets the holder as the lock file names it. */
  busy: (owner: LockOwner, file: string) => Error;
  /** This process as other processes see it (tests simulate other containers with it). */
  identity?: LockIdentity;
}

/** This process's identity. */
export const SELF: LockIdentity = {
  host: os.hostname(),
  boot: readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()),
  pidns: readOr(() => readlinkSync('/proc/self/ns/pid')),
  pid: process.pid,
};

/** Tokens of the lock files this process holds. */
const held = new Set<string>();

function readOr(read: () => string): string {
  try {
    return read();
  } catch {
    return '';
  }
}

/** Runs `fn` holding the lock file `file`, renewing its lease until `fn` settles. */
export async function withExclusiveLock<T>(
  file: string,
  options: ExclusiveLockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const release = await acquire(file, options);
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** The lock file's text for a holder. */
export function lockText(identity: LockIdentity, token: string): string {
  return `${JSON.stringify({ ...identity, token, since: new Date().toISOString() })}\n`;
}

/** Parses a lock file: the JSON form, or the bare `pid` / `pid boot` older versions wrote. */
export function parseLockText(text: string): LockOwner | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) };
  const spaced = /^(\d+)\s+(\S+)$/.exec(trimmed);
  if (spaced) return { pid: Number(spaced[1]), boot: spaced[2] };
  try {
    const value = JSON.parse(trimmed) as Record<string, unknown>;
    if (!Number.isInteger(value.pid)) return undefined;
    const text = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : undefined);
    return {
      pid: value.pid as number,
      host: text('host'),
      boot: text('boot'),
      pidns: text('pidns'),
      token: text('token'),
    };
  } catch {
    return undefined;
  }
}

/**
 * Whether the holder a lock file names can no longer hold it. `ageMs` is the time since the
 * holder last renewed the lease; a fresh lease of a holder we cannot see is never broken.
 */
export function isStaleOwner(
  owner: LockOwner | undefined,
  ageMs: number,
  leaseMs: number,
  self: LockIdentity = SELF,
): boolean {
  if (ageMs >= leaseMs) return true;
  if (!owner || owner.pid <= 0) return false; // being written by an older version, or foreign: wait for the lease
  // The same machine (host name and boot id) rebooted since: nothing from before runs.
  if (owner.host !== undefined && owner.host === self.host && owner.boot && self.boot && owner.boot !== self.boot)
    return true;
  if (owner.host === undefined) {
    // An older version's lock (no host, no namespace): stale if its pid is gone here or it
    // is from another boot. A lock naming our own pid is held by nobody in this process.
    if (owner.boot && self.boot && owner.boot !== self.boot) return true;
    if (owner.pid === self.pid) return !(owner.token && held.has(owner.token));
    return !isAlive(owner.pid);
  }
  const sameNamespace =
    owner.host === self.host && owner.boot === self.boot && !!owner.pidns && owner.pidns === self.pidns;
  if (!sameNamespace) return false; // another container or machine: only its lease tells
  if (owner.pid === self.pid) return !(owner.token && held.has(owner.token));
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

async function acquire(file: string, options: ExclusiveLockOptions): Promise<() => Promise<void>> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const identity = options.identity ?? SELF;
  await mkdir(path.dirname(file), { recursive: true });
  const token = randomBytes(8).toString('hex');
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    if (await createExclusive(file, lockText(identity, token))) {
      held.add(token);
      return holdLease(file, token, leaseMs);
    }
    const text = await readFile(file, 'utf8').catch(() => undefined);
    const info = await stat(file).catch(() => undefined);
    if (text === undefined || !info) continue; // released meanwhile
    const owner = parseLockText(text);
    if (isStaleOwner(owner, Date.now() - info.mtimeMs, leaseMs, identity)) {
      await breakStaleLock(file, text);
      continue;
    }
    if (Date.now() >= deadline) throw options.busy(owner ?? { pid: 0 }, file);
    await sleep(Math.min(100, Math.max(1, deadline - Date.now())));
  }
}

/** Renews the lease of a held lock until the returned release is called. */
function holdLease(file: string, token: string, leaseMs: number): () => Promise<void> {
  const ours = async () => parseLockText(await readFile(file, 'utf8').catch(() => ''))?.token === token;
  const timer = setInterval(
    () => {
      void (async () => {
        if (await ours()) {
          const now = new Date();
          await utimes(file, now, now).catch(() => undefined);
        }
      })();
    },
    Math.max(10, Math.floor(leaseMs / 4)),
  );
  timer.unref();
  return async () => {
    clearInterval(timer);
    held.delete(token);
    // Remove it only if it is still ours (never someone else's that replaced it).
    if (await ours()) await unlink(file).catch(() => undefined);
  };
}

/**
 * Removes the lock `file` if it still holds `staleText`. Only the holder of `file.break` does
 * this, so a lock that another process has meanwhile taken afresh is never removed.
 */
async function breakStaleLock(file: string, staleText: string): Promise<void> {
  const breaker = `${file}.break`;
  const token = randomBytes(8).toString('hex');
  if (!(await createExclusive(breaker, lockText(SELF, token)))) {
    // Someone else is breaking it: wait, unless that breaker died while at it.
    const age = Date.now() - ((await stat(breaker).catch(() => undefined))?.mtimeMs ?? Date.now());
    if (age > BREAK_STALE_MS) await rm(breaker, { force: true });
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
