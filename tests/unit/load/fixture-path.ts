import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A fixture path relative to the working directory, so error messages are stable. */
export function fixture(path: string): string {
  return relative(process.cwd(), fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url)));
}

/** The message of whatever `promise` rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a rejection');
}
