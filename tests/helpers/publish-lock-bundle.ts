/** The publish lock as a plain ES module, for child processes that race for it (no TypeScript loader: they start fast). */
import path from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../../pipeline/config.ts';

/** Bundles pipeline/publish/publish-lock.ts into `<dir>/lock.mjs`; returns its path. */
export async function bundlePublishLock(dir: string): Promise<string> {
  const bundle = path.join(dir, 'lock.mjs');
  await build({
    entryPoints: [path.join(PROJECT_ROOT, 'pipeline/publish/publish-lock.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    logLevel: 'silent',
  });
  return bundle;
}
