/**
 * The site's fixed pages: the accessibility statement (tillgänglighetsredogörelse, which the
 * accessibility law requires of a public body's website) and the 404 page. Rendering is pure;
 * this writes the two files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatDate } from './format-file-info.ts';
import { absoluteUrl, NOT_FOUND_FILE, STATEMENT_PATH } from './site-paths.ts';
import type { SiteTemplates } from './site-templates.ts';

interface PageMeta {
  ar: number;
  baseUrl: string | null;
  generator: string;
  updatedAt: string;
}

/** `tillganglighet/index.html`, one folder below the root. */
export function renderStatementPage(templates: SiteTemplates, meta: PageMeta): string {
  return templates.tillganglighet({
    head: {
      title: 'Tillgänglighetsredogörelse – Kommunrapport',
      description:
        'Hur tillgänglig webbplatsen och rapporterna är, vad som inte fungerar fullt ut och hur du anmäler brister.',
      generator: meta.generator,
      canonical: absoluteUrl(meta.baseUrl, STATEMENT_PATH),
      section: 'tillganglighet',
      ogType: 'website',
      root: '../',
      ar: meta.ar,
      updated: formatDate(meta.updatedAt),
    },
    ar: meta.ar,
  });
}

/**
 * `404.html`, answered for any missing address at any depth, so its links cannot be relative:
 * they start from the base URL's path (`/kommunrapport/`), or `/` without a base URL (the site
 * at the root of its host, as `serve` serves it).
 */
export function renderNotFoundPage(templates: SiteTemplates, meta: PageMeta): string {
  return templates.notFound({
    head: {
      title: 'Sidan finns inte – Kommunrapport',
      description: 'Adressen leder inte till någon sida på webbplatsen.',
      generator: meta.generator,
      canonical: null,
      section: 'notfound',
      ogType: 'website',
      root: meta.baseUrl ? new URL(meta.baseUrl).pathname : '/',
      ar: meta.ar,
      updated: formatDate(meta.updatedAt),
    },
  });
}

/** Writes both pages into the edition folder `dir`. */
export async function writePublicPages(templates: SiteTemplates, dir: string, meta: PageMeta): Promise<void> {
  await mkdir(path.join(dir, STATEMENT_PATH), { recursive: true });
  await Promise.all([
    writeFile(path.join(dir, STATEMENT_PATH, 'index.html'), renderStatementPage(templates, meta)),
    writeFile(path.join(dir, NOT_FOUND_FILE), renderNotFoundPage(templates, meta)),
  ]);
}
