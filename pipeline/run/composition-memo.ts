/**
 * Composed reports kept for the website page that is published after the PDF: the page shows
 * the same composed body, so it is not composed again (~70–130 ms per page).
 * - In memory, the last few of this process (the server and `build --kommun X` publish right
 *   after printing), with their charts.
 * - On disk (the cache folder), every report's body and table of contents, for `publish` in
 *   another process after a full build (`make`): 290 pages in ~3 s instead of ~20 s.
 * Both are keyed by the report key, so a changed view model or template is never served.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import type { ChartMarkup, ComposedReport } from '../compose/index.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';

export type ComposedBody = Pick<ComposedReport, 'bodyHtml' | 'toc'>;

export interface MemoisedComposition {
  charts: Record<string, ChartMarkup>;
  composed: ComposedBody;
}

export class CompositionMemo {
  /** The least recently stored go first (`peek` reads without counting as a use). */
  private readonly entries: LRUCache<string, { key: string; value: MemoisedComposition }>;

  /** `dir`: where bodies are persisted (none: memory only). */
  constructor(
    private readonly dir?: string,
    capacity = 8,
  ) {
    this.entries = new LRUCache({ max: capacity });
  }

  set(kommunkod: string, key: string, value: MemoisedComposition): void {
    this.entries.set(kommunkod, { key, value });
  }

  /** The composition of `kommunkod` if it was made in this process from the inputs behind `key`. */
  get(kommunkod: string, key: string): MemoisedComposition | undefined {
    const entry = this.entries.peek(kommunkod);
    return entry?.key === key ? entry.value : undefined;
  }

  /** Keeps the body for a later process. A cache: not synced to disk, failures ignored. */
  async persist(kommunkod: string, key: string, composed: ComposedBody): Promise<void> {
    if (!this.dir) return;
    try {
      await writeFileAtomic(
        this.file(kommunkod),
        JSON.stringify({ key, bodyHtml: composed.bodyHtml, toc: composed.toc }),
        { durable: false },
      );
    } catch {
      // The page is composed again when it is published.
    }
  }

  /** The persisted body of `kommunkod` if it was made from the inputs behind `key`. */
  async load(kommunkod: string, key: string): Promise<ComposedBody | undefined> {
    if (!this.dir) return undefined;
    try {
      const stored = JSON.parse(await readFile(this.file(kommunkod), 'utf8')) as ComposedBody & { key: string };
      return stored.key === key ? { bodyHtml: stored.bodyHtml, toc: stored.toc } : undefined;
    } catch {
      return undefined;
    }
  }

  private file(kommunkod: string): string {
    return path.join(this.dir!, `${kommunkod}.json`);
  }
}
