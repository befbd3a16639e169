/**
 * Guesses where each chapter of a report starts from the chapter lengths seen in reports
 * printed earlier in the run. A good guess means one print per report instead of two.
 */
import type { TocHeading } from '../print/index.ts';

/** Cover and table of contents come before the first chapter. */
const FIRST_CHAPTER_PAGE = 3;

const chapterKey = (title: string) => title.replace(/^\d+\.\s*/, '');

export class TocGuesser {
  private spans = new Map<string, number>();

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
