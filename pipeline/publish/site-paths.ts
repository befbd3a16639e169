/**
 * Where things live in the site. All links are relative, so the site works under any base
 * path (a sub-folder on a web host, a file share); only `--base-url` adds absolute URLs.
 */

/** `kommun/0160-taby/`: the page's folder, linked with a trailing slash (clean URLs). */
export function pagePath(kommunkod: string, slug: string): string {
  return `kommun/${kommunkod}-${slug}/`;
}

/** `pdf/0160-taby.pdf` */
export function pdfPath(kommunkod: string, slug: string): string {
  return `pdf/${kommunkod}-${slug}.pdf`;
}

/** The accessibility statement (tillgänglighetsredogörelse), linked from every page's footer. */
export const STATEMENT_PATH = 'tillganglighet/';

/** The page a server answers 404 with (in the site's design, links from the root). */
export const NOT_FOUND_FILE = '404.html';

/** From a municipality page (two folders deep) back to the site root. */
export const PAGE_ROOT = '../../';

/** An edition's bookkeeping lives beside its folder, never in it (see io/site-state-file.ts). */
export { LEGACY_STATE_FILE as STATE_FILE, STATE_SUFFIX, stateFileOf } from '../io/site-state-file.ts';

/**
 * Validates and normalises `--base-url` to an absolute http(s) URL ending in `/`; returns
 * undefined for an invalid value so the caller can word the error.
 */
export function normaliseBaseUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.search || url.hash || url.username || url.password) return undefined;
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/** `base` + site-relative `rel`, or null without a base URL. */
export function absoluteUrl(base: string | null | undefined, rel: string): string | null {
  return base ? new URL(rel, base).href : null;
}
