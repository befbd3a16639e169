/**
 * Where a site edition's bookkeeping lives, and the base URL it remembers. Here, among the
 * shared leaves, because the build reads the live site's base URL (to print each report's web
 * address into its PDF) and may not import the publish stage that writes it.
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where editions before issue 22 kept their state: inside the published folder, where a copy of
 * the site to a web host published it. Read as a fallback only.
 */
export const LEGACY_STATE_FILE = '.site-state.json';

/** Suffix of an edition's state file, kept beside its folder (`sites/<id>.state.json`), never in it. */
export const STATE_SUFFIX = '.state.json';

/** The state file of the edition in `editionDir`: outside the published folder. */
export function stateFileOf(editionDir: string): string {
  return `${editionDir.replace(/[\\/]+$/, '')}${STATE_SUFFIX}`;
}

/** The state files of the edition in `dir`, newest place first. */
export function stateFilesOf(dir: string): string[] {
  return [stateFileOf(dir), path.join(dir, LEGACY_STATE_FILE)];
}

/** The base URL the live site (`<outputDir>/site`) was published with, or null when nothing is published or it has none. */
export async function readPublishedBaseUrl(outputDir: string): Promise<string | null> {
  const dir = await realpath(path.join(outputDir, 'site')).catch(() => undefined);
  if (!dir) return null;
  for (const file of stateFilesOf(dir)) {
    try {
      const { baseUrl } = JSON.parse(await readFile(file, 'utf8')) as { baseUrl?: unknown };
      return typeof baseUrl === 'string' ? baseUrl : null;
    } catch {
      // Not there: try the older place.
    }
  }
  return null;
}
