import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '../errors.ts';
import { koladaFileName, loadKoladaSeries, loadMunicipalities } from '../load/index.ts';
import type { AnalysisResult } from './types.ts';
import { analyse } from './analyse.ts';
import { FALLBACK_YEARS } from './area-data.ts';
import { loadModel } from './load-model.ts';
import { modelKpis } from './model-types.ts';
import type { BootstrapSettings } from './uncertainty/bootstrap.ts';
import { resolveDataYear } from './data-year.ts';
import type { AnalysisProgress } from './progress.ts';

/**
 * Loads `kommuner.csv`, `modell.yaml` and `kolada/` from `dataDir` and runs `analyse` for the
 * data year (`options.year`, or the latest year in which the model's key figures are complete),
 * with the Simar–Wilson bootstrap when `options.bootstrap` asks for replicates.
 */
export async function runAnalysis(
  dataDir: string,
  options: { year?: number; bootstrap?: BootstrapSettings; onProgress?: AnalysisProgress } = {},
): Promise<AnalysisResult> {
  const modelFile = join(dataDir, 'modell.yaml');
  const [municipalities, model] = await Promise.all([
    loadMunicipalities(join(dataDir, 'kommuner.csv')),
    loadModel(modelFile),
  ]);
  const kpis = modelKpis(model);
  await checkKpiFiles(modelFile, join(dataDir, 'kolada'), kpis);
  const series = await loadKoladaSeries(join(dataDir, 'kolada'), kpis);
  const dataYear = resolveDataYear(series, kpis, options.year);
  if (!dataYear || dataYear.missing.length) {
    throw new DataError(
      { file: join(dataDir, 'kolada') },
      dataYear
        ? `no values for ${dataYear.year} in ${dataYear.missing.join(', ')}; the model needs every one of its key figures`
        : 'no year in which every key figure of the model has values',
      { hint: 'Fetch the year with `kommunrapport data update --year YEAR`, or choose another year with --year.' },
    );
  }
  return analyse({
    municipalities,
    series,
    model: { ...model, year: dataYear.year },
    bootstrap: options.bootstrap,
    onProgress: options.onProgress,
    fallbackYears: FALLBACK_YEARS,
  });
}

/**
 * A KPI the model names but the Kolada folder lacks is a mistake in the model file (a typo
 * in an id): report it at the model's line rather than only as a missing data file.
 */
async function checkKpiFiles(modelFile: string, koladaDir: string, kpis: string[]): Promise<void> {
  for (const kpi of kpis) {
    const file = join(koladaDir, koladaFileName(kpi));
    try {
      await access(file);
    } catch (error) {
      const lines = (await readFile(modelFile, 'utf8')).split('\n');
      const line = lines.findIndex((text) => text.replace(/#.*/, '').includes(kpi)) + 1;
      throw new DataError(
        { file: modelFile, line: line || undefined },
        `unknown KPI \`${kpi}\`: the Kolada folder has no file for it; expected ${file}`,
        {
          cause: error,
          hint: 'Fix the KPI id in the model file, or copy the file from the Kolada DDF dump (see data/README.md).',
        },
      );
    }
  }
}
