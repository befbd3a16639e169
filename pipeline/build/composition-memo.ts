/**
 * The last few composed reports of this process, by municipality and report key. The server
 * and `build --kommun X` publish the page right after printing the PDF: the page shows the same
 * composed body and charts, so it reuses them instead of composing again (~130 ms per page).
 * Small on purpose: a full build composes 290 reports and publishes in another process.
 */
import type { ChartMarkup, ComposedReport } from '../compose/index.ts';

export interface MemoisedComposition {
  charts: Record<string, ChartMarkup>;
  composed: Pick<ComposedReport, 'bodyHtml' | 'toc'>;
}

export class CompositionMemo {
  private readonly entries = new Map<string, { key: string; value: MemoisedComposition }>();

  constructor(private readonly capacity = 8) {}

  set(kommunkod: string, key: string, value: MemoisedComposition): void {
    this.entries.delete(kommunkod);
    this.entries.set(kommunkod, { key, value });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The composition of `kommunkod` if it was made from exactly the inputs behind `key`. */
  get(kommunkod: string, key: string): MemoisedComposition | undefined {
    const entry = this.entries.get(kommunkod);
    return entry?.key === key ? entry.value : undefined;
  }
}
