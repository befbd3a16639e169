/**
 * Moves a checked update into the data folder as one step, with a journal (issue 24).
 *
 * Everything happens inside the data folder, in a hidden staging folder: a data folder that is
 * a mount point (a Docker or Kubernetes volume) is its own file system, and a rename from
 * beside it would fail with EXDEV. The commit:
 *
 * 1. writes the new files into `next/` (fsynced) and reads them back through the loaders;
 * 2. links the files they replace into `backup/`;
 * 3. writes `journal.json` (the list of files): from here on the update is decided;
 * 4. renames each file of `next/` into place;
 * 5. removes the journal, then `next/` and `backup/`.
 *
 * A run that finds a journal (the previous one was killed between 3 and 5) completes the renames
 * before anything else: every file of `next/` was complete and checked before the journal was
 * written, and a file already renamed is simply no longer in `next/`. A rename that fails in
 * the run itself puts the backups back and removes the journal.
 */
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { PipelineError } from '../errors.ts';
import { withExclusiveLock } from '../io/exclusive-lock.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { loadKoladaSeries, loadMunicipalities } from '../load/index.ts';
import { UpdateValidationError } from './kolada-errors.ts';

/** The staging folder's name inside the data folder (hidden: the loaders and caches skip it). */
export const STAGING_NAME = '.kolada-update';
const JOURNAL = 'journal.json';
/** The lock file of a data folder's updater. */
export const UPDATE_LOCK_NAME = '.kolada-update.lock';

interface Journal {
  version: 1;
  /** Paths relative to the data folder, and whether each replaces an existing file. */
  files: { rel: string; existed: boolean }[];
}

/** The staging folder of a data folder: inside it, so a rename into place stays on its file system. */
export function stagingDirOf(dataDir: string): string {
  return path.join(path.resolve(dataDir), STAGING_NAME);
}

/** Writes, checks and commits `staged` (relative path → text) into `dataDir`; see the module comment. */
export async function commitStaged(dataDir: string, staged: Map<string, string>): Promise<void> {
  const stagingDir = stagingDirOf(dataDir);
  const nextDir = path.join(stagingDir, 'next');
  const backupDir = path.join(stagingDir, 'backup');
  await rm(nextDir, { recursive: true, force: true });
  await rm(backupDir, { recursive: true, force: true });
  for (const [rel, text] of staged) await writeFileAtomic(path.join(nextDir, rel), text);
  await readBack(nextDir, [...staged.keys()]);
  const journal: Journal = { version: 1, files: [] };
  for (const rel of staged.keys()) {
    const target = path.join(dataDir, rel);
    const existed = existsSync(target);
    if (existed) {
      await mkdir(path.dirname(path.join(backupDir, rel)), { recursive: true });
      await link(target, path.join(backupDir, rel)).catch(() => copyFile(target, path.join(backupDir, rel)));
    }
    journal.files.push({ rel, existed });
  }
  await writeFileAtomic(path.join(stagingDir, JOURNAL), JSON.stringify(journal));
  try {
    await applyJournal(dataDir, journal);
  } catch (error) {
    await rollBack(dataDir, journal);
    throw new UpdateValidationError(
      `Could not move the updated files into ${dataDir}: ${(error as Error).message}; the previous files were put back`,
      { cause: error },
    );
  }
  await finish(stagingDir);
}

/**
 * Completes a commit that an earlier run left half-done (killed after writing its journal).
 * Returns the number of files it moved into place, or undefined when there was no journal.
 */
export async function recoverInterruptedCommit(dataDir: string): Promise<number | undefined> {
  const stagingDir = stagingDirOf(dataDir);
  let journal: Journal;
  try {
    journal = JSON.parse(await readFile(path.join(stagingDir, JOURNAL), 'utf8')) as Journal;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // A journal is written atomically; an unreadable one was never complete: nothing was renamed.
    await finish(stagingDir);
    return undefined;
  }
  const moved = await applyJournal(dataDir, journal);
  await finish(stagingDir);
  return moved;
}

/**
 * For the readers of the data folder (`analyse`, `build`, `serve`): completes a commit an
 * interrupted `data update` left, under the updater's lock, so no report is made from a data
 * folder that is half old and half new. Returns the number of files moved (0: nothing to do).
 */
export async function completeInterruptedUpdate(dataDir: string, waitMs = 30_000): Promise<number> {
  if (!existsSync(path.join(stagingDirOf(dataDir), JOURNAL))) return 0;
  const busy = () =>
    new PipelineError(`Cannot read ${dataDir}: a \`kommunrapport data update\` is committing into it`, {
      hint: 'Run this command again when the update has finished.',
    });
  return withExclusiveLock(
    path.join(path.resolve(dataDir), UPDATE_LOCK_NAME),
    { waitMs, busy },
    async () => (await recoverInterruptedCommit(dataDir)) ?? 0,
  );
}

/** Renames every file of `next/` named by the journal into place; returns how many it moved. */
async function applyJournal(dataDir: string, journal: Journal): Promise<number> {
  const nextDir = path.join(stagingDirOf(dataDir), 'next');
  let moved = 0;
  for (const { rel } of journal.files) {
    const from = path.join(nextDir, rel);
    if (!existsSync(from)) continue; // renamed before the interruption
    await mkdir(path.dirname(path.join(dataDir, rel)), { recursive: true });
    await rename(from, path.join(dataDir, rel));
    moved += 1;
  }
  return moved;
}

/** Puts the backups back (and removes files that did not exist), then drops the journal. */
async function rollBack(dataDir: string, journal: Journal): Promise<void> {
  const backupDir = path.join(stagingDirOf(dataDir), 'backup');
  for (const { rel, existed } of journal.files) {
    const target = path.join(dataDir, rel);
    if (existed && existsSync(path.join(backupDir, rel))) await rename(path.join(backupDir, rel), target);
    else if (!existed) await rm(target, { force: true });
  }
  await rm(path.join(stagingDirOf(dataDir), JOURNAL), { force: true });
}

/** The journal goes first: without it, what is left of `next/` and `backup/` is garbage. */
async function finish(stagingDir: string): Promise<void> {
  await rm(path.join(stagingDir, JOURNAL), { force: true });
  await rm(path.join(stagingDir, 'next'), { recursive: true, force: true });
  await rm(path.join(stagingDir, 'backup'), { recursive: true, force: true });
}

/** Reads the new files the way `analyse` and `build` will. */
async function readBack(nextDir: string, files: string[]): Promise<void> {
  const kpis = files
    .map((rel) => /ddf--datapoints--(\w+)--by--geo--year\.csv$/.exec(rel)?.[1])
    .filter((k): k is string => !!k);
  if (kpis.length) await loadKoladaSeries(path.join(nextDir, 'kolada'), kpis);
  if (files.includes('kommuner.csv')) await loadMunicipalities(path.join(nextDir, 'kommuner.csv'));
}
