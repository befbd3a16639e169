/**
 * The base URL the live site was published with (`publish --base-url`, remembered in the
 * edition's state), so that `build` can print each report's web address into its PDF. Imports
 * nothing of the build stage, so the build may use it without an import cycle.
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { STATE_FILE, stateFileOf } from './site-paths.ts';

/** The live edition's base URL, or null when nothing is published or it has none. */
export async function readPublishedBaseUrl(outputDir: string): Promise<string | null> {
  const dir = await realpath(path.join(outputDir, 'site')).catch(() => undefined);
  if (!dir) return null;
  for (const file of [stateFileOf(dir), path.join(dir, STATE_FILE)]) {
    try {
      const { baseUrl } = JSON.parse(await readFile(file, 'utf8')) as { baseUrl?: unknown };
      return typeof baseUrl === 'string' ? baseUrl : null;
    } catch {
      // Not there: try the older place.
    }
  }
  return null;
}
