/**
 * The one configuration type, resolved once at the edge (CLI) and passed down explicitly.
 * Precedence: defaults < environment < command-line flags.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_REPLICATES, DEFAULT_SEED, parseReplicates, parseSeed } from './analyse/uncertainty/defaults.ts';

/** The project root: the folder holding data/, templates/ and package.json. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface PipelineConfig {
  /** Folder with kommuner.csv, modell.yaml, kolada/ and geo/. */
  dataDir: string;
  /** Folder with rapport.md, layout.html.hbs, teman/ and stil/. */
  templatesDir: string;
  /** Where reports, the site and caches are written. */
  outputDir: string;
  /**
   * Where content-addressed data caches live (the analysed edition, Chromium's version). Safe
   * to share between output folders: entries are keyed by the hash of their inputs.
   */
  cacheDir: string;
  /** An external efficiency table replacing our own analysis (interchange format). */
  efficiencyFile?: string;
  /** Chromium binary; `PUPPETEER_EXECUTABLE_PATH` overrides the Debian default. */
  chromiumPath: string;
  /** Pages printing in parallel in one browser (2 measured fastest on 2 cores). */
  concurrency: number;
  /**
   * Relaunch Chromium after this many renders to bound its memory (a long-running server).
   * Measured in a full build: the renderers' RSS is flat from the 30th report to the 150th,
   * and a relaunch costs ~3 s, so a whole edition is printed by one browser.
   */
  recycleAfter: number;
  /** Timeout for one page load or print, ms. */
  timeoutMs: number;
  /** Attempts per report before it is reported as failed. */
  attempts: number;
  /** Re-render even when the cache says a report is up to date. */
  force: boolean;
  /** Data year; by default the latest in which the model's key figures are complete. */
  year?: number;
  /** This process builds shard `index` of `count` (0-based). */
  shard?: { index: number; count: number };
  /**
   * Simar–Wilson bootstrap of our own analysis: B replicates (0 = no intervals) and the seed.
   * Part of the analysed edition's cache key. `KOMMUNRAPPORT_BOOTSTRAP` and `KOMMUNRAPPORT_SEED`
   * override the defaults (B = 2000, a fixed seed).
   */
  bootstrap: { replicates: number; seed: number };
  /**
   * Absolute URL (ending in `/`) the website is published at; the PDFs name their web page with
   * it and it is part of their cache key. Undefined: the one the live site was published with
   * (`publish --base-url`, remembered); null: none.
   */
  baseUrl?: string | null;
}

/** Defaults for a run from the project folder. */
export function defaultConfig(env: NodeJS.ProcessEnv = {}): PipelineConfig {
  return {
    dataDir: path.join(PROJECT_ROOT, 'data'),
    templatesDir: path.join(PROJECT_ROOT, 'templates'),
    outputDir: path.join(PROJECT_ROOT, 'output'),
    cacheDir: path.join(PROJECT_ROOT, 'output', '.cache'),
    chromiumPath: env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
    concurrency: 2,
    recycleAfter: 500,
    timeoutMs: 60_000,
    attempts: 3,
    force: false,
    bootstrap: {
      replicates: parseReplicates(env.KOMMUNRAPPORT_BOOTSTRAP ?? '') ?? DEFAULT_REPLICATES,
      seed: parseSeed(env.KOMMUNRAPPORT_SEED ?? '') ?? DEFAULT_SEED,
    },
  };
}

/** The folder Chromium may read report HTML and assets from (the only `file:` access allowed). */
export function htmlDirOf(config: Pick<PipelineConfig, 'outputDir'>): string {
  return path.join(config.outputDir, 'html');
}
