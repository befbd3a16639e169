/** Content hashes for cache keys and the manifest. */
import { createHash } from 'node:crypto';

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
