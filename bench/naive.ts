/**
 * The naive baseline: one `chromium --headless --print-to-pdf` process per report, on our own
 * reports' HTML (what a shell loop around the Chromium CLI would do), with the same print fonts.
 */
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Mean ms per report over `count` HTML files from `htmlDir`. */
export async function benchNaive(
  chromium: string,
  env: Record<string, string>,
  htmlDir: string,
  outDir: string,
  count = 20,
): Promise<number> {
  const files = (await readdir(htmlDir))
    .filter((name) => name.endsWith('.html'))
    .sort()
    .slice(0, count);
  const started = performance.now();
  for (const name of files) {
    await run(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--no-pdf-header-footer',
        `--print-to-pdf=${path.join(outDir, name.replace(/\.html$/, '.pdf'))}`,
        pathToFileURL(path.join(htmlDir, name)).href,
      ],
      { env: { ...process.env, ...env } },
    );
  }
  return (performance.now() - started) / files.length;
}
