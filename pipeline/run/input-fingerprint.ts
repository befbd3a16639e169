/**
 * A hash of everything a build reads (data/, templates/, an external efficiency table, the
 * Chromium path). When it equals the last build's, a build is almost surely a no-op; when it
 * differs, the CLI starts Chromium right away, in parallel with preparing the edition.
 * Light on purpose: the CLI loads it before the rest of the pipeline.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { PipelineConfig } from '../config.ts';
import { hashParts } from '../io/hash.ts';
import { lastBuildFile } from './build-stats.ts';

/** Names and contents of every file below `dir`, sorted, as hash parts. */
export async function hashFolder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  // Hidden entries are not inputs: `data update` stages its answers in data/.kolada-update/.
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => !isHidden(path.relative(dir, file)))
    .sort();
  return Promise.all(files.map(async (file) => `${path.relative(dir, file)}:${hashParts([await readFile(file)])}`));
}

/** Whether a path relative to an input folder lies in or is a hidden entry (`.name`). */
export function isHidden(relative: string): boolean {
  return relative.split(path.sep).some((part) => part.startsWith('.'));
}

/** The fingerprint of a build's inputs; unreadable inputs give a fingerprint that never matches. */
export async function inputFingerprint(config: PipelineConfig): Promise<string> {
  try {
    const [data, templates, efficiency] = await Promise.all([
      hashFolder(config.dataDir),
      hashFolder(config.templatesDir),
      config.efficiencyFile ? readFile(config.efficiencyFile) : Promise.resolve(''),
    ]);
    return hashParts([
      config.chromiumPath,
      ...(config.year ? [`year ${config.year}`] : []),
      ...data,
      '|',
      ...templates,
      '|',
      efficiency,
    ]);
  } catch {
    return `unreadable-${Date.now()}`;
  }
}

/** The fingerprint recorded by the last build into `outputDir`, if any. */
export async function lastFingerprint(outputDir: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(lastBuildFile(outputDir), 'utf8')) as { fingerprint?: string }).fingerprint;
  } catch {
    return undefined;
  }
}
