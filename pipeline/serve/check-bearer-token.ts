/** Checks `Authorization: Bearer <token>` without leaking the token through timing. */
import { createHash, timingSafeEqual } from 'node:crypto';

export type TokenCheck = 'ok' | 'missing' | 'wrong';

/**
 * Compares digests, not the strings: `timingSafeEqual` needs equal lengths, and comparing
 * lengths first would reveal the token's length.
 */
export function checkBearerToken(header: string | undefined, expected: string): TokenCheck {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  if (!match) return 'missing';
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1]!), digest(expected)) ? 'ok' : 'wrong';
}
