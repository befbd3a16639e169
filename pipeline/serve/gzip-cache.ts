/**
 * gzip for text files. The index holds all 290 municipalities and the map (~300 kB of HTML,
 * ~50 kB gzipped), so compression matters on phones. Published files never change in place,
 * so a compressed copy is cached by the file's ETag; a small LRU bounds the memory.
 */
import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg\+xml)/;
const MAX_ENTRIES = 64;
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const cache = new Map<string, Buffer>();

/** Whether a file of this content type is sent gzipped to clients that accept it. */
export function isCompressible(type: string): boolean {
  return COMPRESSIBLE.test(type);
}

/** Whether a response of `type` and `size` is worth compressing for a client sending `acceptEncoding`. */
export function shouldGzip(type: string, size: number, acceptEncoding: string | undefined): boolean {
  return size > 1024 && size <= MAX_FILE_BYTES && isCompressible(type) && acceptsGzip(acceptEncoding);
}

/**
 * Whether `Accept-Encoding` names gzip with a weight above 0 (RFC 9110 §12.5.3: spaces are
 * allowed around `;` and `=`, so `gzip ; q=0` refuses gzip as `gzip;q=0` does).
 */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.split(';').map((p) => p.trim());
    if (name?.toLowerCase() !== 'gzip' && name?.toLowerCase() !== 'x-gzip') continue;
    const q = params.map((p) => /^q\s*=\s*([0-9.]+)$/i.exec(p)?.[1]).find((v) => v !== undefined);
    return q === undefined || Number(q) > 0;
  }
  return false;
}

/** The gzipped bytes of the open file, from the cache when its ETag was seen before. */
export async function gzipped(etag: string, handle: FileHandle): Promise<Buffer> {
  const hit = cache.get(etag);
  if (hit) {
    cache.delete(etag);
    cache.set(etag, hit);
    return hit;
  }
  const bytes = await gzipAsync(await handle.readFile());
  cache.set(etag, bytes);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return bytes;
}
