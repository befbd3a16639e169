import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnalysisProgress } from '../../analyse/index.ts';
import { serializeHistory, serializeMalmquist } from '../../analyse/panel/index.ts';
import { loadPanel } from '../../run/cached-panel.ts';

/**
 * Runs (or reads from its cache) the yearly panel and writes `effektivitet-historik.csv` and
 * `malmquist.csv` to `outDir` atomically; returns the summary lines for stdout and the panel's
 * notes (the caller prints them in full or condensed).
 */
export async function writePanelFiles(
  dataDir: string,
  cacheDir: string,
  outDir: string,
  onProgress?: AnalysisProgress,
): Promise<{ text: string; messages: string[] }> {
  const started = performance.now();
  const panel = await loadPanel(dataDir, cacheDir, { onProgress });
  await mkdir(outDir, { recursive: true });
  const files = [
    [join(outDir, 'effektivitet-historik.csv'), serializeHistory(panel.history)],
    [join(outDir, 'malmquist.csv'), serializeMalmquist(panel.malmquist)],
  ] as const;
  for (const [file, text] of files) {
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, text);
    await rename(temp, file);
  }
  const rho = panel.rankCorrelations
    .map((r) => `${r.franAr}→${r.tillAr} ${r.rho.toFixed(2)} (${r.antal})${r.jamforbar ? '' : '*'}`)
    .join(', ');
  const text = [
    '',
    `Panel ${panel.years[0]}–${panel.latest} (${panel.years.length} years${panel.cached ? ', cached' : ''}, ${((performance.now() - started) / 1000).toFixed(1)} s): wrote ${files.map(([f]) => f).join(', ')}`,
    ...panel.leftOutYears.map((y) => `  year ${y.ar} left out: ${y.skal}`),
    ...panel.missingAreas.map((m) => `  ${m.ar}: ${m.omrade} missing (${m.skal})`),
    `  year-to-year rank correlation of the like-for-like composite on the common frontier (municipalities with both years): ${rho}`,
    ...(panel.rankCorrelations.some((r) => !r.jamforbar)
      ? [
          '  * a year with an area missing for every municipality: only municipalities without that area in the latest year are compared',
        ]
      : []),
    '',
  ].join('\n');
  return { text, messages: panel.messages };
}
