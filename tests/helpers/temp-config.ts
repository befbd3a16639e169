/** A pipeline config that writes into a fresh temporary folder (never into the repo). */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig, type PipelineConfig } from '../../pipeline/config.ts';

/** Shared by all tests: the analysed edition is cached by the hash of data/, so reuse is safe. */
export const TEST_CACHE_DIR = path.join(os.tmpdir(), 'kommunrapport-test-cache');

export async function tempConfig(overrides: Partial<PipelineConfig> = {}): Promise<PipelineConfig> {
  const outputDir = await mkdtemp(path.join(os.tmpdir(), 'kommunrapport-test-'));
  return { ...defaultConfig(process.env), outputDir, cacheDir: TEST_CACHE_DIR, ...overrides };
}
