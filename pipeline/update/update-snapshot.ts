/**
 * The two states `describeUpdate` compares, read at the edge: the data folder as it is, and the
 * same folder with the files an update staged laid over it (nothing is written for that).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadModel } from '../analyse/load-model.ts';
import { modelKpis, type DeaModel } from '../analyse/model-types.ts';
import { koladaFileName, loadMunicipalities } from '../load/index.ts';
import type { KoladaSeries, Municipality } from '../load/types.ts';
import type { DataSnapshot } from './describe-update.ts';
import { kpiFileValues, parseKpiFile } from './kpi-file.ts';

/** The data folder before an update: its model, municipalities and snapshot, with the KPI texts for the overlay. */
export interface DataFolderState {
  model: DeaModel;
  municipalities: Municipality[];
  snapshot: DataSnapshot;
  kpis: string[];
}

/** Reads the model's KPIs and `populationKpi` from `dataDir` (a KPI without a file has no values). */
export async function readDataFolderState(dataDir: string, populationKpi: string): Promise<DataFolderState> {
  const model = await loadModel(path.join(dataDir, 'modell.yaml'));
  const municipalities = await loadMunicipalities(path.join(dataDir, 'kommuner.csv'));
  const kpis = [...new Set([...modelKpis(model), populationKpi].map((k) => k.toUpperCase()))];
  const texts = new Map<string, string>();
  for (const kpi of kpis) {
    const file = path.join(dataDir, 'kolada', koladaFileName(kpi));
    if (existsSync(file)) texts.set(path.join('kolada', koladaFileName(kpi)), await readFile(file, 'utf8'));
  }
  return {
    model,
    municipalities,
    kpis,
    snapshot: { series: seriesOf(kpis, texts), populationYear: populationYear(municipalities) },
  };
}

/**
 * The snapshot after an update that staged `staged` (path relative to the data folder → text):
 * staged KPI files replace the folder's, and a staged `kommuner.csv` moves the population year.
 */
export function stagedSnapshot(
  state: DataFolderState,
  staged: ReadonlyMap<string, string>,
  populationYearAfter: number | undefined,
): DataSnapshot {
  const series: KoladaSeries = new Map(state.snapshot.series);
  const overlay = seriesOf(
    state.kpis,
    new Map([...staged].filter(([rel]) => state.kpis.some((kpi) => rel === path.join('kolada', koladaFileName(kpi))))),
  );
  for (const [kpi, byCode] of overlay) if (byCode.size) series.set(kpi, byCode);
  return { series, populationYear: populationYearAfter ?? state.snapshot.populationYear };
}

function seriesOf(kpis: string[], texts: ReadonlyMap<string, string>): KoladaSeries {
  const series: KoladaSeries = new Map();
  for (const kpi of kpis) {
    const rel = path.join('kolada', koladaFileName(kpi));
    const byCode = new Map<string, Map<number, number>>();
    const text = texts.get(rel);
    if (text !== undefined) {
      for (const [year, values] of kpiFileValues(parseKpiFile(text, rel, kpi))) {
        for (const [code, value] of values) {
          if (!byCode.has(code)) byCode.set(code, new Map());
          byCode.get(code)!.set(year, value);
        }
      }
    }
    series.set(kpi, byCode);
  }
  return series;
}

function populationYear(municipalities: Municipality[]): number | undefined {
  return municipalities.length ? Math.max(...municipalities.map((m) => m.ar)) : undefined;
}
