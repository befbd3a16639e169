/**
 * Raw Kolada answers kept in the staging folder, one file per URL, so a run interrupted
 * halfway (Ctrl-C, a network outage, a validation failure) fetches only the missing pages when
 * run again. Entries older than `maxAgeMs` are ignored: Kolada revises figures.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { hashParts } from '../io/hash.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';

export class PageCache {
  constructor(
    readonly dir: string,
    private readonly options: { readOnly?: boolean; maxAgeMs?: number } = {},
  ) {}

  private file(url: string): string {
    return path.join(this.dir, `${hashParts([url]).slice(0, 32)}.json`);
  }

  async read(url: string): Promise<string | undefined> {
    const file = this.file(url);
    try {
      const info = await stat(file);
      if (Date.now() - info.mtimeMs > (this.options.maxAgeMs ?? 24 * 3600_000)) return undefined;
      const text = await readFile(file, 'utf8');
      const newline = text.indexOf('\n');
      // First line: the URL, so a hash collision or a foreign file is never taken for this page.
      return text.slice(0, newline) === url ? text.slice(newline + 1) : undefined;
    } catch {
      return undefined;
    }
  }

  async write(url: string, body: string): Promise<void> {
    if (this.options.readOnly) return;
    await writeFileAtomic(this.file(url), `${url}\n${body}`, { durable: false });
  }
}
