/** `output/.cache/last-build.json`: what the last build did, for benchmarks and curious users. */
import path from 'node:path';
import { writeFileAtomic } from '../io/write-atomic.ts';
import type { BuildSummary } from './types.ts';

export interface BuildStats {
  wallMs: number;
  rendered: number;
  skipped: number;
  failed: number;
  /** Time inside Chromium's `page.pdf`, summed over all prints (parallel prints overlap). */
  pdfMsTotal: number;
  /** Prints per rendered report (2 when the table of contents needed a second pass). */
  passes: number[];
  pages: number[];
  launches: number;
  /** Fingerprint of the inputs this build read (see input-fingerprint.ts). */
  fingerprint?: string;
  /** The two-page briefs built in the same batch (issue 16). */
  briefs?: { rendered: number; skipped: number; failed: number; pdfMsTotal: number; pages: number[] };
}

/** Where the last build's stats (and its input fingerprint) are kept. */
export function lastBuildFile(outputDir: string): string {
  return path.join(outputDir, '.cache', 'last-build.json');
}

export async function writeBuildStats(
  outputDir: string,
  summary: BuildSummary,
  fingerprint?: string,
): Promise<BuildStats> {
  const rendered = summary.outcomes.filter((o) => o.status === 'rendered');
  const stats: BuildStats = {
    wallMs: Math.round(summary.wallMs),
    rendered: rendered.length,
    skipped: summary.outcomes.filter((o) => o.status === 'skipped').length,
    failed: summary.outcomes.filter((o) => o.status === 'failed').length,
    pdfMsTotal: Math.round(rendered.reduce((sum, o) => sum + (o.pdfMs ?? 0), 0)),
    passes: rendered.map((o) => o.passes ?? 1),
    pages: rendered.map((o) => o.record?.pages ?? 0),
    launches: summary.launches,
    fingerprint,
    briefs: {
      rendered: summary.briefs.filter((o) => o.status === 'rendered').length,
      skipped: summary.briefs.filter((o) => o.status === 'skipped').length,
      failed: summary.briefs.filter((o) => o.status === 'failed').length,
      pdfMsTotal: Math.round(summary.briefs.reduce((sum, o) => sum + (o.pdfMs ?? 0), 0)),
      pages: summary.briefs.filter((o) => o.status === 'rendered').map((o) => o.record?.pages ?? 0),
    },
  };
  await writeFileAtomic(lastBuildFile(outputDir), `${JSON.stringify(stats)}\n`);
  return stats;
}
