/**
 * Where a worker thread's module is: from dist/ the bundle's `<name>.mjs` next to the calling
 * chunk (an esbuild entry point, Makefile); from the TypeScript sources, a small script that
 * registers tsx in the worker (a worker does not inherit the parent's loader hooks) and then
 * imports the worker's .ts file.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** `callerUrl`: the caller's import.meta.url; `bundleName`: the esbuild entry; `source`: the .ts file beside the caller. */
export function workerEntry(
  callerUrl: string,
  bundleName: string,
  source: string,
): { code: string | URL; eval: boolean } {
  if (!callerUrl.endsWith('.ts')) return { code: new URL(`./${bundleName}.mjs`, callerUrl), eval: false };
  // createRequire rather than import.meta.resolve, which vitest's module runner lacks.
  const tsx = pathToFileURL(createRequire(callerUrl).resolve('tsx/esm/api')).href.replace(/index\.cjs$/, 'index.mjs');
  const worker = new URL(source, callerUrl).href;
  return {
    code: `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(worker)}); });`,
    eval: true,
  };
}
