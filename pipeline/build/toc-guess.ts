/**
 * Guesses where each chapter of a report starts from the chapter lengths seen in reports
 * printed before (in this run, or in earlier runs: the lengths are kept in the cache folder).
 * A good guess means one print per report instead of two. Chapter lengths differ between
 * municipalities since reports are tailored (area sections, themes in full only where they
 * apply), so each municipality's own lengths from an earlier print come first, then the
 * lengths last seen in any report.
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

const ownKey = (kommunkod: string, title: string) => `${kommunkod}\u0000${chapterKey(title)}`;

type Entries = [string, number][];
const validEntries = (value: unknown): Entries =>
  Array.isArray(value) ? value.filter((e): e is [string, number] => Array.isArray(e) && typeof e[0] === 'string' && Number.isInteger(e[1])) : [];

export class TocGuesser {
  /** Chapter → length last seen in any report. */
  private spans = new Map<string, number>();
  /** Municipality and chapter → that municipality's own length. */
  private own = new Map<string, number>();

  /** A guesser with the chapter lengths saved in `file`, if any (also the older list of lengths). */
  static async load(file: string): Promise<TocGuesser> {
    const guesser = new TocGuesser();
    const saved: unknown = await readFile(file, 'utf8').then((text) => JSON.parse(text), () => undefined);
    if (Array.isArray(saved)) guesser.spans = new Map(validEntries(saved));
    else if (saved && typeof saved === 'object') {
      guesser.spans = new Map(validEntries((saved as { spans?: unknown }).spans));
      guesser.own = new Map(validEntries((saved as { own?: unknown }).own));
    }
    return guesser;
  }

  /** Saves the chapter lengths for the next run. */
  save(file: string): Promise<void> {
    return writeFileAtomic(file, JSON.stringify({ spans: [...this.spans], own: [...this.own] }));
  }

  /** Learns chapter lengths from a printed report of `kommunkod`. */
  learn(toc: TocHeading[], pages: Record<string, number>, totalPages: number, kommunkod?: string): void {
    toc.forEach((heading, i) => {
      const start = pages[heading.id];
      const next = i + 1 < toc.length ? pages[toc[i + 1]!.id] : totalPages + 1;
      if (start === undefined || next === undefined) return;
      this.spans.set(chapterKey(heading.title), next - start);
      if (kommunkod) this.own.set(ownKey(kommunkod, heading.title), next - start);
    });
  }

  /** Start pages for `toc` of `kommunkod`, or undefined before anything was learnt. */
  guess(toc: TocHeading[], kommunkod?: string): Record<string, number> | undefined {
    if (this.spans.size === 0 && this.own.size === 0) return undefined;
    const pages: Record<string, number> = {};
    let page = FIRST_CHAPTER_PAGE;
    for (const heading of toc) {
      pages[heading.id] = page;
      page += (kommunkod ? this.own.get(ownKey(kommunkod, heading.title)) : undefined) ?? this.spans.get(chapterKey(heading.title)) ?? 1;
    }
    return pages;
  }
}
