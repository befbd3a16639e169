/**
 * The panel's I/O edge, in the orchestrator so that analyse/ stays computation over data passed
 * in: loads data/, runs the panel with a disk cache in `<cacheDir>/panel/`
 * keyed by the model and each year's data (a changed year re-runs that year and the Malmquist
 * comparisons that use it), and memoises the whole result by the hash of data/.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModel } from '../analyse/load-model.ts';
import type { AnalysisProgress } from '../analyse/progress.ts';
import { modelKpis } from '../analyse/model-types.ts';
import type { PanelCache } from '../analyse/panel/run-panel.ts';
import type { PanelResult } from '../analyse/panel/types.ts';
import { hashParts } from '../io/hash.ts';
import { analysisCodeHash } from './analysis-code-hash.ts';
import { JsonFileCache } from '../io/json-file-cache.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { koladaFileName, loadKoladaSeries, loadMunicipalities } from '../load/index.ts';

const FORMAT = 'panel-result-2';

/** Runs (or reads from the cache) the panel for `dataDir`. */
export async function loadPanel(
  dataDir: string,
  cacheDir: string,
  options: { onProgress?: AnalysisProgress } = {},
): Promise<PanelResult & { cached: boolean }> {
  const dir = join(cacheDir, 'panel');
  const model = await loadModel(join(dataDir, 'modell.yaml'));
  const kpis = modelKpis(model);
  // Keyed by the bytes of what the panel reads: the model, the master data and the model's KPI files.
  const files = [
    join(dataDir, 'modell.yaml'),
    join(dataDir, 'kommuner.csv'),
    ...kpis.map((kpi) => join(dataDir, 'kolada', koladaFileName(kpi))),
  ];
  const salt = await analysisCodeHash();
  const dataHash = hashParts([
    FORMAT,
    salt,
    ...(await Promise.all(files.map(async (file) => hashParts([await readFile(file)])))),
  ]);
  const whole = join(dir, `result-${dataHash.slice(0, 16)}.json`);
  try {
    const cached = JSON.parse(await readFile(whole, 'utf8')) as PanelResult & { schema?: string };
    // Written by this version and not empty (issue 24), else recomputed.
    if (
      cached.schema === FORMAT &&
      Array.isArray(cached.years) &&
      cached.years.length > 0 &&
      Array.isArray(cached.history) &&
      cached.history.length > 0
    ) {
      const { schema: _schema, ...result } = cached;
      return { ...result, cached: true };
    }
  } catch {
    // Not cached yet: run below.
  }
  const municipalities = await loadMunicipalities(join(dataDir, 'kommuner.csv'));
  const series = await loadKoladaSeries(join(dataDir, 'kolada'), kpis);
  await mkdir(dir, { recursive: true });
  // Per-year and per-comparison results in one JSON file.
  const cache = await JsonFileCache.load<unknown>(join(dir, 'parts.json'));
  // The analysis (HiGHS) is loaded only when the cache misses.
  const { runPanel } = await import('../analyse/panel/run-panel.ts');
  const result = await runPanel({ municipalities, series, model, cache, salt, onProgress: options.onProgress });
  await cache.save();
  await writeFileAtomic(whole, JSON.stringify({ schema: FORMAT, ...result }));
  return { ...result, cached: false };
}
