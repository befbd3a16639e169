/** Content types and cache lifetimes of the files a site holds. */
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  // Open data downloads (issue 16): the CSVs are UTF-8; the workbook is Office Open XML.
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pdf': 'application/pdf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The Content-Type for `file`; unknown kinds are served as bytes, never sniffed. */
export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Pages change whenever a report is regenerated, so browsers keep them briefly and then
 * revalidate (cheap: 304). PDFs and fonts change rarely and are large.
 */
export function cacheControl(file: string): string {
  switch (path.extname(file).toLowerCase()) {
    case '.html':
      return 'public, max-age=60';
    case '.pdf':
      return 'public, max-age=3600';
    case '.woff2':
      return 'public, max-age=604800';
    case '.css':
    case '.js':
      return 'public, max-age=3600';
    default:
      return 'public, max-age=300';
  }
}
