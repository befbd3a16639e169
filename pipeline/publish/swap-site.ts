/**
 * Atomic publishing. Each publish writes a complete edition into `output/sites/<id>/`;
 * `output/site` is a symlink to the live one. Switching means creating a new symlink under a
 * temporary name and renaming it over `output/site`: rename(2) replaces the link atomically,
 * so a visitor (or the server, which resolves the link per request) sees either the old or
 * the new edition, never a mix. The previous edition is kept for requests still reading it.
 */
import { randomBytes } from 'node:crypto';
import { lstat, readdir, realpath, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { STATE_SUFFIX } from './site-paths.ts';

/** `output/site`: the symlink visitors are served from. */
export function siteLink(outputDir: string): string {
  return path.join(outputDir, 'site');
}

/** `output/sites/`: where editions are built. */
export function editionsDir(outputDir: string): string {
  return path.join(outputDir, 'sites');
}

/** The live edition's folder, or undefined when nothing was published yet. */
export async function currentEditionDir(outputDir: string): Promise<string | undefined> {
  try {
    return await realpath(siteLink(outputDir));
  } catch {
    return undefined;
  }
}

/** A fresh, sortable edition folder name: `20250312T101530123Z-9f3a1c`. */
export function newEditionName(now: Date): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
}

/** Points `output/site` at `editionDir` atomically. */
export async function switchSite(outputDir: string, editionDir: string): Promise<void> {
  const link = siteLink(outputDir);
  const target = path.relative(outputDir, editionDir);
  const tmp = `${link}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await symlink(target, tmp, 'dir');
  try {
    const existing = await lstat(link).catch(() => undefined);
    if (existing?.isDirectory()) {
      // A real folder from an older layout cannot be replaced by rename; move it aside once.
      await rename(link, path.join(editionsDir(outputDir), `legacy-${newEditionName(new Date())}`));
    }
    await rename(tmp, link);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Removes every edition except `keep` (the live and the previous one, and failed leftovers). */
export async function pruneEditions(outputDir: string, keep: (string | undefined)[]): Promise<number> {
  const dir = editionsDir(outputDir);
  const kept = new Set(keep.filter((k): k is string => !!k).map((k) => path.basename(k)));
  // An edition's state file (`<id>.state.json`) goes with its folder.
  const names = (await readdir(dir).catch(() => [] as string[])).filter(
    (name) =>
      !name.startsWith('.') && !kept.has(name.endsWith(STATE_SUFFIX) ? name.slice(0, -STATE_SUFFIX.length) : name),
  );
  await Promise.all(names.map((name) => rm(path.join(dir, name), { recursive: true, force: true })));
  return names.length;
}
