import { join } from 'node:path';
import { loadKoladaSeries, loadMunicipalities } from '../load/index.ts';
import type { AnalysisResult } from './types.ts';
import { analyse } from './analyse.ts';
import { loadModel } from './load-model.ts';
import { modelKpis } from './model-types.ts';

/** Loads `kommuner.csv`, `modell.yaml` and `kolada/` from `dataDir` and runs `analyse`. */
export async function runAnalysis(dataDir: string): Promise<AnalysisResult> {
  const [municipalities, model] = await Promise.all([
    loadMunicipalities(join(dataDir, 'kommuner.csv')),
    loadModel(join(dataDir, 'modell.yaml')),
  ]);
  const series = await loadKoladaSeries(join(dataDir, 'kolada'), modelKpis(model));
  return analyse({ municipalities, series, model });
}
