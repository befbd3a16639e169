/**
 * A hash of the code that computes an edition's figures (pipeline/analyse/, pipeline/load/,
 * pipeline/stats/), part of the keys of the analysed-edition and panel caches: a changed model
 * or parser re-runs the analysis rather than serving figures of the old code. Where the sources
 * are absent (an installed bundle), the package version stands in.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../config.ts';
import { hashParts } from '../io/hash.ts';

const FOLDERS = ['analyse', 'load', 'stats'];

let memo: Promise<string> | undefined;

/** The hash of the analysis sources, computed once per process. */
export function analysisCodeHash(): Promise<string> {
  memo ??= computeHash();
  return memo;
}

async function computeHash(): Promise<string> {
  const root = join(PROJECT_ROOT, 'pipeline');
  try {
    const files: string[] = [];
    for (const folder of FOLDERS) {
      const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true });
      files.push(...entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name)));
    }
    files.sort();
    return hashParts(
      await Promise.all(files.map(async (file) => `${relative(root, file)}:${hashParts([await readFile(file)])}`)),
    );
  } catch {
    const pkg = JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    return `version:${pkg.version}`;
  }
}
