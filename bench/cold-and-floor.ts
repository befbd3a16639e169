/**
 * One cold full build (reports + briefs, a fresh CLI process, peak RSS of the process tree) and
 * the print floor of the same documents, without the rest of `make bench`: for a quick check of
 * issue 16's targets (cold ≤ 1.3 × floor, peak RSS < 2 GiB). `npx tsx bench/cold-and-floor.ts`.
 */
import path from 'node:path';
import { defaultConfig } from '../pipeline/config.ts';
import { printFontEnv } from '../pipeline/print/index.ts';
import { removeDir, runBuild, tempDir } from './build-scenarios.ts';
import { benchPrintFloor } from './print-floor.ts';

const { chromiumPath, cacheDir } = defaultConfig(process.env);
const out = await tempDir('cold-floor');
try {
  const cold = await runBuild(out, []);
  const briefs = cold.stats.briefs;
  const floor = await benchPrintFloor(chromiumPath, printFontEnv(cacheDir), path.join(out, 'html'));
  const figures = {
    cold_full_build_s: Number((cold.wallMs / 1000).toFixed(1)),
    reports_rendered: cold.stats.rendered,
    briefs_rendered: briefs?.rendered ?? 0,
    // Two pages each; an unranked municipality's short brief has one by design.
    briefs_over_two_pages: (briefs?.pages ?? []).filter((p) => p > 2).length,
    peak_rss_mb: cold.peakRssMb,
    peak_pss_mb: cold.peakPssMb,
    print_floor_s: Number((floor.wallMs / 1000).toFixed(1)),
    print_floor_documents: floor.reports + floor.briefs,
    print_floor_pdf_only_ms_per_report: Math.round(floor.pdfMsPerReport),
    print_floor_pdf_only_ms_per_brief: Math.round(floor.pdfMsPerBrief),
    cold_vs_print_floor: Number((cold.wallMs / floor.wallMs).toFixed(2)),
  };
  console.log(JSON.stringify(figures, null, 1));
} finally {
  await removeDir(out);
}
