/** `sitemap.xml`, `robots.txt` and `manifest.json` of a site edition. Pure. */
import { escapeHtml } from './escape-html.ts';
import { absoluteUrl, STATEMENT_PATH } from './site-paths.ts';
import type { ManifestEntry } from './types.ts';
import type { OpenDataFile } from './write-open-data.ts';

/**
 * The sitemap lists the start page and every municipality page. The protocol requires absolute
 * URLs, so without `--base-url` there is no sitemap (null).
 */
export function renderSitemap(entries: ManifestEntry[], baseUrl: string | null, updatedAt: string): string | null {
  if (!baseUrl) return null;
  const url = (rel: string, lastmod: string) =>
    `  <url><loc>${escapeHtml(absoluteUrl(baseUrl, rel)!)}</loc><lastmod>${lastmod.slice(0, 10)}</lastmod></url>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url('', updatedAt),
    // The compare page and the open-data page (issue 16) change with every edition.
    url('jamfor/', updatedAt),
    url('data/', updatedAt),
    url(STATEMENT_PATH, updatedAt),
    ...entries.map((entry) => url(entry.page, entry.generatedAt)),
    '</urlset>',
    '',
  ].join('\n');
}

/** Allows everything; names the sitemap when its absolute URL is known. */
export function renderRobots(baseUrl: string | null): string {
  const sitemap = absoluteUrl(baseUrl, 'sitemap.xml');
  return ['User-agent: *', 'Allow: /', ...(sitemap ? ['', `Sitemap: ${sitemap}`] : []), ''].join('\n');
}

/** The published reports (data year, content hash, size and date per report) and the open-data files. */
export function renderManifest(
  entries: ManifestEntry[],
  meta: { generator: string; generatedAt: string; ar: number; baseUrl: string | null; openData?: OpenDataFile[] },
): string {
  const manifest = {
    generator: meta.generator,
    generatedAt: meta.generatedAt,
    ar: meta.ar,
    baseUrl: meta.baseUrl,
    count: entries.length,
    reports: entries,
    openData: meta.openData ?? [],
  };
  return `${JSON.stringify(manifest, null, 1)}\n`;
}
