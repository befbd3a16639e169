/** Hard-links a file into a new edition, copying where links are not possible. */
import { copyFile, link, mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * A hard link costs no space and no time, and is safe here: published files are never
 * changed in place (the build replaces a PDF by renaming a new file over it, which leaves
 * the linked inode untouched).
 */
export async function linkOrCopy(source: string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await link(source, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw error;
    await copyFile(source, target);
  }
}
