/** Writes the page of an unranked municipality (no comparable area) into the edition folder. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { composeUnranked, loadUnrankedTemplates } from '../compose/compose-unranked.ts';
import { PROJECT_ROOT } from '../config.ts';
import { hashParts } from '../io/hash.ts';
import { buildUnrankedReport } from '../model/build-unranked-report.ts';
import type { Edition } from '../run/prepare-edition.ts';
import { compositionMeta } from '../run/prepare-edition.ts';
import { renderUnrankedPage } from './render-unranked-page.ts';
import type { SiteTemplates } from './site-templates.ts';
import type { ManifestEntry } from './types.ts';

/** Whether `code` is an unranked municipality of the edition (it has no row in the ranked table). */
export function isUnranked(edition: Pick<Edition, 'analysis'>, code: string): boolean {
  return (edition.analysis.unranked ?? []).some((row) => row.kommunkod === code);
}

/** Composes and writes `kommun/<kod>-<slug>/index.html`; returns the page's site-state entry. */
export async function writeUnrankedPage(
  edition: Edition,
  templates: SiteTemplates,
  code: string,
  entry: ManifestEntry,
  dir: string,
  options: { baseUrl: string | null; generator: string; updatedAt: string },
): Promise<{ modelKey: string; entry: ManifestEntry }> {
  const row = edition.analysis.unranked!.find((r) => r.kommunkod === code)!;
  const view = buildUnrankedReport(edition.model, row);
  const unrankedTemplates = loadUnrankedTemplates(edition.config.templatesDir, PROJECT_ROOT);
  const { bodyHtml } = composeUnranked(view, unrankedTemplates, 'report', compositionMeta(edition));
  const html = renderUnrankedPage(templates, { view, bodyHtml, pdf: entry, ...options });
  await mkdir(path.join(dir, entry.page), { recursive: true });
  await writeFile(path.join(dir, entry.page, 'index.html'), html);
  return { modelKey: hashParts(['unranked-page-1', ...unrankedTemplates.salt, JSON.stringify(view)]), entry };
}
