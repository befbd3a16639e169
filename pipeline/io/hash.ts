/** Content hashes for cache keys and the manifest. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** sha256 hex of the parts, each length-prefixed so `ab`+`c` ≠ `a`+`bc`. */
export function hashParts(parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part) : part;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/** The SHA-256 of `bytes` as `sha256sum` prints it. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The SHA-256 of a file, streamed (as `sha256sum` prints it). */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
