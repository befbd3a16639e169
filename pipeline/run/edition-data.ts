/**
 * The data part of an edition (municipalities, efficiency table, key figures, the Kolada
 * context figures), cached by the hash of every file in data/: the DEA analysis and the Kolada
 * parsing take seconds, while an unchanged edition should rebuild in well under two (and
 * reading kommuner.csv through csv-parse at every start was ~60 ms of a one-report run).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AnalysisResult, KeyFigureTable } from '../analyse/types.ts';
import type { AnalysisProgress } from '../analyse/progress.ts';
import { hashParts } from '../io/hash.ts';
import { analysisCodeHash } from './analysis-code-hash.ts';
import { hashFolder } from './input-fingerprint.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { loadKoladaSeries, loadMunicipalities } from '../load/index.ts';
import type { EfficiencyRow, KoladaSeries, Municipality, UnrankedRow } from '../load/types.ts';
import { CONTEXT_KPI_IDS } from '../model/index.ts';
import { THEME_KPI_IDS } from '../model/theme-kpis.ts';
import { completeInterruptedUpdate } from '../update/commit-update.ts';

/** Part of the cache key: change it when the cached form changes. */
const FORMAT = 'edition-data-7';

export interface EditionData {
  municipalities: Municipality[];
  ar: number;
  table: EfficiencyRow[];
  /** Municipalities with no scored area (`table` and `unranked` hold every municipality). */
  unranked: UnrankedRow[];
  keyFigures: KeyFigureTable;
  series: KoladaSeries;
}

/** Options of `loadEditionData`. */
export interface EditionDataOptions {
  /** Simar–Wilson bootstrap of the analysis (B = 0: none); part of the cache key. */
  bootstrap?: { replicates: number; seed: number };
  /** Data year; absent: the latest year in which the model's key figures are complete. Part of the cache key. */
  year?: number;
  /** Called with the full analysis result when the cache missed (the `analyse` command prints it). */
  onAnalysed?: (result: AnalysisResult) => void;
  /** Progress of the analysis when the cache missed (DEA per area, bootstrap replicates). */
  onProgress?: AnalysisProgress;
}

/**
 * Loads the edition's data from the cache when data/, the analysis code and the bootstrap settings are unchanged,
 * else analyses and caches it. The bootstrap (B = 2000: tens of seconds) is part of the key, so
 * `make` (analyse, then build), `build --kommun` and the server pay it once per data and settings.
 */
export async function loadEditionData(
  dataDir: string,
  cacheDir: string,
  version: string,
  options: EditionDataOptions = {},
): Promise<EditionData & { cached: boolean }> {
  // A `data update` killed during its commit is completed first: never analyse half the update.
  await completeInterruptedUpdate(dataDir);
  const bootstrap = options.bootstrap ?? { replicates: 0, seed: 0 };
  const settings = bootstrap.replicates > 0 ? `bootstrap:${bootstrap.replicates}:${bootstrap.seed}` : 'bootstrap:none';
  const key = hashParts([
    FORMAT,
    version,
    await analysisCodeHash(),
    settings,
    String(options.year ?? 'latest'),
    ...(await hashFolder(dataDir)),
  ]);
  const file = path.join(cacheDir, `edition-data-${key.slice(0, 16)}.json`);
  try {
    const cached = JSON.parse(await readFile(file, 'utf8')) as SerialisedEditionData;
    // A cache that parses but was not written by this version, or is implausible, is recomputed.
    if (isPlausible(cached, await countMunicipalities(dataDir))) return { ...revive(cached), cached: true };
  } catch {
    // Not cached yet (or unreadable): compute below.
  }
  // The analysis (HiGHS WASM) is loaded only when the cache misses.
  const { runAnalysis } = await import('../analyse/index.ts');
  const [municipalities, analysis, series] = await Promise.all([
    loadMunicipalities(path.join(dataDir, 'kommuner.csv')),
    runAnalysis(dataDir, {
      year: options.year,
      bootstrap: bootstrap.replicates > 0 ? bootstrap : undefined,
      onProgress: options.onProgress,
    }),
    loadKoladaSeries(path.join(dataDir, 'kolada'), CONTEXT_KPI_IDS, THEME_KPI_IDS),
  ]);
  options.onAnalysed?.(analysis);
  const data: EditionData = {
    municipalities,
    ar: analysis.ar,
    table: analysis.table,
    unranked: analysis.unranked ?? [],
    keyFigures: analysis.keyFigures,
    series,
  };
  await writeFileAtomic(file, JSON.stringify({ schema: FORMAT, ...serialise(data) }));
  return { ...data, cached: false };
}

interface SerialisedEditionData {
  /** `FORMAT` of the version that wrote it. */
  schema?: string;
  municipalities: Municipality[];
  ar: number;
  table: EfficiencyRow[];
  unranked: UnrankedRow[];
  keyFigures: [string, KeyFigureTable extends Map<string, infer V> ? V : never][];
  series: [string, [string, [number, number][]][]][];
}

/** The municipalities of kommuner.csv (its data lines), without parsing it. */
async function countMunicipalities(dataDir: string): Promise<number> {
  const text = await readFile(path.join(dataDir, 'kommuner.csv'), 'utf8');
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '').length;
}

/**
 * Whether a cached edition can be trusted (issue 24): written in this schema, one row per
 * municipality of kommuner.csv (290 for Sweden; ranked or unranked), the key figures and series not empty.
 */
export function isPlausible(json: SerialisedEditionData, municipalities: number): boolean {
  return (
    json.schema === FORMAT &&
    Number.isInteger(json.ar) &&
    Array.isArray(json.municipalities) &&
    json.municipalities.length === municipalities &&
    Array.isArray(json.table) &&
    Array.isArray(json.unranked) &&
    json.table.length + json.unranked.length === municipalities &&
    Array.isArray(json.keyFigures) &&
    json.keyFigures.length > 0 &&
    Array.isArray(json.series) &&
    json.series.length > 0
  );
}

function serialise(data: EditionData): SerialisedEditionData {
  return {
    municipalities: data.municipalities,
    ar: data.ar,
    table: data.table,
    unranked: data.unranked,
    keyFigures: [...data.keyFigures],
    series: [...data.series].map(([kpi, byCode]) => [kpi, [...byCode].map(([code, byYear]) => [code, [...byYear]])]),
  };
}

function revive(json: SerialisedEditionData): EditionData {
  return {
    municipalities: json.municipalities,
    ar: json.ar,
    table: json.table,
    unranked: json.unranked,
    keyFigures: new Map(json.keyFigures),
    series: new Map(
      json.series.map(([kpi, byCode]) => [kpi, new Map(byCode.map(([code, byYear]) => [code, new Map(byYear)]))]),
    ),
  };
}
