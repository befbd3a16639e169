/**
 * Guesses where each chapter of a report starts from the chapter lengths seen in reports
 * printed before (in this run, or in earlier runs: the lengths are kept in the cache folder).
 * A good guess means one print per report instead of two.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../io/write-atomic.ts';
import type { TocHeading } from '../print/index.ts';

/** Cover and table of contents come before the first chapter. */
const FIRST_CHAPTER_PAGE = 3;

/** Where the chapter lengths are kept between runs. */
export function tocSpansFile(cacheDir: string): string {
  return path.join(cacheDir, 'toc-spans.json');
}

const chapterKey = (title: string) => title.replace(/^\d+\.\s*/, '');

export class TocGuesser {
  private spans = new Map<string, number>();

  /** A guesser with the chapter lengths saved in `file`, if any. */
  static async load(file: string): Promise<TocGuesser> {
    const guesser = new TocGuesser();
    const saved = await readFile(file, 'utf8').then((text) => JSON.parse(text) as [string, number][], () => []);
    if (Array.isArray(saved)) guesser.spans = new Map(saved.filter(([key, span]) => typeof key === 'string' && Number.isInteger(span)));
    return guesser;
  }

  /** Saves the chapter lengths for the next run. */
  save(file: string): Promise<void> {
    return writeFileAtomic(file, JSON.stringify([...this.spans]));
  }

  /** Learns chapter lengths from a printed report. */
  learn(toc: TocHeading[], pages: Record<string, number>, totalPages: number): void {
    toc.forEach((heading, i) => {
      const start = pages[heading.id];
      const next = i + 1 < toc.length ? pages[toc[i + 1]!.id] : totalPages + 1;
      if (start !== undefined && next !== undefined) this.spans.set(chapterKey(heading.title), next - start);
    });
  }

  /** Start pages for `toc`, or undefined before anything was learnt. */
  guess(toc: TocHeading[]): Record<string, number> | undefined {
    if (this.spans.size === 0) return undefined;
    const pages: Record<string, number> = {};
    let page = FIRST_CHAPTER_PAGE;
    for (const heading of toc) {
      pages[heading.id] = page;
      page += this.spans.get(chapterKey(heading.title)) ?? 1;
    }
    return pages;
  }
}
