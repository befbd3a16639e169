/**
 * Sends one file of the site with validators (ETag, Last-Modified), 304 handling, HEAD and
 * cache headers. Paths come from `resolveRequestPath`, and the resolved file must still lie
 * inside the site root after following links, so nothing outside the root is ever read.
 */
import type { Stats } from 'node:fs';
import { open, readFile, realpath, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { cacheControl, contentType } from './content-types.ts';
import { gzipped, isCompressible, shouldGzip } from './gzip-cache.ts';
import { ifRangeAllows, parseRange } from './parse-range.ts';
import type { SitePath } from './resolve-request-path.ts';
import { NOT_FOUND_FILE } from '../publish/index.ts';

/** Strict CSP for our own pages: everything from the site itself, nothing inline but SVG data. */
const HTML_CSP =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Answers with a short plain-text body (no paths, no stack). */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  // Already answered (a shutdown answers waiting requests itself) or the client has gone.
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  const body = `${text}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** Answers 404 with the edition's own page (`<root>/404.html`, in the site's design), else plain text. */
export async function sendNotFound(res: ServerResponse, root: string | undefined): Promise<void> {
  const page = root ? await readFile(path.join(root, NOT_FOUND_FILE)).catch(() => undefined) : undefined;
  if (!page) return sendText(res, 404, 'Sidan finns inte.');
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  res.writeHead(404, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': page.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': HTML_CSP,
  });
  res.end(res.req.method === 'HEAD' ? undefined : page);
}

/**
 * Serves `sitePath` from `root`; answers 404 for anything missing or outside the root.
 * `chunkBytes` bounds what is read ahead of a client that reads slowly (default 16 kB).
 */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  sitePath: SitePath,
  { chunkBytes = 16 * 1024 } = {},
): Promise<void> {
  const opened = await openInsideRoot(req, res, root, sitePath);
  if (!opened) return;
  const { file, handle, info } = opened;
  try {
    // Published files are replaced, never changed in place, so inode + size + mtime identify a version.
    const type = contentType(file);
    const gzip = shouldGzip(type, info.size, req.headers['accept-encoding']);
    // Each encoding is its own representation and needs its own validator.
    const etag = `"${info.ino.toString(36)}-${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}${gzip ? '-gz' : ''}"`;
    const headers: Record<string, string | number> = {
      ETag: etag,
      'Last-Modified': info.mtime.toUTCString(),
      'Cache-Control': cacheControl(file),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    };
    if (isCompressible(type)) headers.Vary = 'Accept-Encoding';
    if (file.endsWith('.html')) headers['Content-Security-Policy'] = HTML_CSP;
    if (isNotModified(req, etag, info.mtime)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    headers['Content-Type'] = type;
    if (file.endsWith('.pdf')) headers['Content-Disposition'] = `inline; filename="${path.basename(file)}"`;
    if (gzip) {
      const body = await gzipped(etag, handle);
      res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    await sendBytes(req, res, { handle, info, etag, headers, chunkBytes });
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Opens the file `sitePath` names, following links only inside `root` (a folder asked for as
 * a folder: its index.html). Answers itself (404, or 301 to the folder's address) and returns
 * undefined when there is nothing to send.
 */
async function openInsideRoot(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  sitePath: SitePath,
): Promise<{ file: string; handle: FileHandle; info: Stats } | undefined> {
  let real: string;
  try {
    real = await realpath(path.join(root, ...sitePath.segments));
  } catch {
    return void (await sendNotFound(res, root));
  }
  if (real !== root && !real.startsWith(root + path.sep)) return void (await sendNotFound(res, root));
  const handle = await open(real, 'r').catch(() => undefined);
  const info = await handle?.stat();
  if (!handle || !info) return void (await sendNotFound(res, root));
  if (info.isDirectory()) {
    await handle.close();
    if (!sitePath.folder) {
      // Relative redirect keeps the site working under any base path.
      const last = sitePath.segments[sitePath.segments.length - 1]!;
      const query = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      return void sendText(res, 301, 'Flyttad.', { Location: `${encodeURIComponent(last)}/${query}` });
    }
    const file = path.join(real, 'index.html');
    const index = await open(file, 'r').catch(() => undefined);
    const indexInfo = await index?.stat();
    if (!index || !indexInfo?.isFile()) {
      await index?.close();
      return void (await sendNotFound(res, root));
    }
    return { file, handle: index, info: indexInfo };
  }
  if (sitePath.folder || !info.isFile()) {
    await handle.close();
    return void (await sendNotFound(res, root));
  }
  return { file: path.join(root, ...sitePath.segments), handle, info };
}

/** Sends the file as it is, whole or the byte range asked for (resumable downloads, PDF.js loading page by page). */
async function sendBytes(
  req: IncomingMessage,
  res: ServerResponse,
  {
    handle,
    info,
    etag,
    headers,
    chunkBytes,
  }: { handle: FileHandle; info: Stats; etag: string; headers: Record<string, string | number>; chunkBytes: number },
): Promise<void> {
  headers['Accept-Ranges'] = 'bytes';
  const range =
    req.method === 'GET' && ifRangeAllows(header(req.headers['if-range']), etag, info.mtime)
      ? parseRange(req.headers.range, info.size)
      : undefined;
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${info.size}`, 'Content-Length': 0 });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: info.size - 1 };
  headers['Content-Length'] = Math.max(0, end - start + 1);
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${info.size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || info.size === 0) {
    res.end();
    return;
  }
  // The handle is closed by the caller as soon as the response ends or its socket closes
  // (pipeline rejects then), never left to the garbage collector.
  // Written only as fast as the client reads: at most one chunk waits in memory per response.
  await pipeline(handle.createReadStream({ start, end, autoClose: false, highWaterMark: chunkBytes }), res);
}

/** RFC 9110 §13.2.2: If-None-Match wins; If-Modified-Since is compared in whole seconds. */
function isNotModified(req: IncomingMessage, etag: string, mtime: Date): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    return inm.trim() === '*' || inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
  }
  const ims = req.headers['if-modified-since'];
  if (!ims) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && Math.floor(mtime.getTime() / 1000) <= Math.floor(since / 1000);
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
