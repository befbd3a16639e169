/**
 * Outputs named after a municipality's former name (or of a municipality no longer in the
 * data) are orphans: nothing links them and a user browsing output/pdf/ would take them for
 * current. A build removes them and says which.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Municipality } from '../load/types.ts';
import { slugify } from '../model/index.ts';

const OUTPUTS = [
  ['pdf', 'pdf'],
  ['md', 'md'],
  ['html', 'html'],
] as const;

/**
 * Removes `pdf/`, `md/` and `html/` files named `<kod>-<slug>.<ext>` whose slug is not the
 * current one of `kod` (renamed) or whose `kod` is not in `municipalities` (gone). Returns the
 * removed files, relative to `outputDir`.
 */
export async function removeOrphanedOutputs(outputDir: string, municipalities: Municipality[]): Promise<string[]> {
  const slugs = new Map(municipalities.map((m) => [m.kommunkod, slugify(m.kommun)]));
  const removed: string[] = [];
  for (const [dir, ext] of OUTPUTS) {
    const names = await readdir(path.join(outputDir, dir)).catch(() => [] as string[]);
    for (const name of names.sort()) {
      const match = new RegExp(`^(\\d{4})-([a-z0-9-]+)\\.${ext}$`).exec(name);
      if (!match || slugs.get(match[1]!) === match[2]) continue;
      await rm(path.join(outputDir, dir, name), { force: true });
      removed.push(`${dir}/${name}`);
    }
  }
  return removed;
}
