/** The site's stylesheet, script and fonts (the same Source Sans 3 files the PDFs embed). */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FONT_FILES } from '../run/prepare-edition.ts';
import type { SiteTemplates } from './site-templates.ts';

const require = createRequire(import.meta.url);

/** Writes `assets/` of an edition: template assets as they are, fonts from npm. */
export async function copySiteAssets(templates: SiteTemplates, assetsDir: string): Promise<void> {
  await mkdir(path.join(assetsDir, 'fonts'), { recursive: true });
  await Promise.all([
    ...Object.entries(templates.assets).map(([name, text]) => writeFile(path.join(assetsDir, name), text)),
    ...FONT_FILES.map(([pkg, file]) =>
      copyFile(
        path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'files', file),
        path.join(assetsDir, 'fonts', file),
      ),
    ),
  ]);
}
