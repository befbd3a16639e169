/**
 * Published files are never half-written: write to a temporary name in the same folder, then
 * rename (atomic on one file system). A crash leaves only a `*.tmp` file, removed next run.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { asDiskError } from '../errors.ts';

const TMP_SUFFIX = '.tmp';

/**
 * Writes `data` to `file` atomically, creating the folder when needed. `durable: false` skips
 * the fsync, for caches: after a power cut such a file may be empty, and is then recomputed.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, { durable = true } = {}): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}${TMP_SUFFIX}`;
  let handle: FileHandle | undefined;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    handle = await open(tmp, 'w');
    await handle.writeFile(data);
    // fsync so a power cut cannot publish a renamed but empty file.
    if (durable) await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tmp, file);
  } catch (error) {
    // Every failed write removes its temporary file (a full disk would otherwise keep it full).
    await handle?.close().catch(() => undefined);
    await rm(tmp, { force: true }).catch(() => undefined);
    throw asDiskError(error, file) ?? error;
  }
}

/**
 * As `writeFileAtomic`, but only when `file` does not already hold exactly `data`: nothing is
 * written (so a full or read-only disk does not matter) when the file is already right.
 */
export async function writeFileIfChanged(file: string, data: string | Uint8Array): Promise<boolean> {
  const current = await readFile(file).catch(() => undefined);
  const next = typeof data === 'string' ? Buffer.from(data) : data;
  if (current && Buffer.compare(current, next) === 0) return false;
  await writeFileAtomic(file, data);
  return true;
}

/**
 * Removes temporary files that an interrupted run left in `dir` (not recursive). A file whose
 * writer is still running (a concurrent build or the server) is left alone.
 */
export async function removeStaleTempFiles(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((name) => name.endsWith(TMP_SUFFIX) && !writerIsAlive(name));
  await Promise.all(stale.map((name) => rm(path.join(dir, name), { force: true })));
  return stale.length;
}

/** The pid in `<file>.<pid>.<random>.tmp` still runs (ours counts as running). */
function writerIsAlive(name: string): boolean {
  const pid = Number(/\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name)?.[1]);
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
