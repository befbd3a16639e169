/**
 * Sensitivity of the DEA results to the model choices (docs/method.md §5). Runs the chosen
 * model of data/modell.yaml and variants of it on the same data, and prints Markdown tables:
 * national potential, mean reduction per area, Spearman rank correlation of the composite and
 * of each area's θ with the chosen model, how many of the top 15 lack an area, and each
 * variant's rank correlation with Kolada's model-adjusted result deviations (validation only:
 * those KPIs are never model variables).
 *
 * Usage: `npx tsx scripts/sensitivity.ts [--data DIR]` (default data/). About a minute (17 analyses).
 */
import { resolveDataYear } from '../pipeline/analyse/data-year.ts';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  analyse,
  loadModel,
  modelKpis,
  parseModel,
  type AnalysisResult,
  type DeaModel,
} from '../pipeline/analyse/index.ts';
import { median, spearman } from '../pipeline/stats/index.ts';
import {
  AREAS,
  loadKoladaSeries,
  loadMunicipalities,
  type Area,
  type EfficiencyRow,
  type KoladaSeries,
} from '../pipeline/load/index.ts';

/** Kolada's model-adjusted result deviations per area (validation only). */
const REFERENCES: Partial<Record<Area, string[]>> = {
  grundskola: ['U15459', 'U15461', 'U15457'],
  gymnasieskola: ['U17448', 'U17449'],
};

const SHORT: Record<Area, string> = { grundskola: 'G', gymnasieskola: 'Gy', aldreomsorg: 'Ä', bibliotek: 'B' };

interface Variant {
  name: string;
  /** Composite and rank per kommunkod. */
  composite: Map<string, { score: number; rank: number }>;
  result: AnalysisResult;
}

const { values } = parseArgs({ options: { data: { type: 'string', default: 'data' } } });
const dataDir = resolve(values.data);
const root = fileURLToPath(new URL('../', import.meta.url));

const [municipalities, chosen, previous] = await Promise.all([
  loadMunicipalities(join(dataDir, 'kommuner.csv')),
  loadModel(join(dataDir, 'modell.yaml')),
  readFile(join(root, 'scripts/previous-model.yaml'), 'utf8').then((text) =>
    parseModel(text, 'scripts/previous-model.yaml'),
  ),
]);
const referenceKpis = Object.values(REFERENCES).flat();
const ALTERNATIVE_KPIS = ['N15822', 'N17833', 'N17479', 'N17691', 'N01813', 'N00954', 'N09810', 'N09808'];
const series = await loadKoladaSeries(join(dataDir, 'kolada'), [
  ...new Set([...modelKpis(chosen), ...modelKpis(previous), ...referenceKpis, ...ALTERNATIVE_KPIS]),
]);
const names = new Map(municipalities.map((m) => [m.kommunkod, m.kommun]));
// `year: latest`: the data year follows the data, as in runAnalysis.
chosen.year ||= resolveDataYear(series, modelKpis(chosen))!.year;

const withAreas = (model: DeaModel, change: (a: DeaModel['areas'][number]) => DeaModel['areas'][number]): DeaModel => ({
  ...model,
  areas: model.areas.map(change),
});
const run = async (model: DeaModel) => analyse({ municipalities, series, model });
const fromTable = (table: EfficiencyRow[]) =>
  new Map(table.map((r) => [r.kommunkod, { score: r.effektivitet, rank: r.rang }]));

const variants: Variant[] = [];
const add = (name: string, result: AnalysisResult, composite = fromTable(result.table)) =>
  variants.push({ name, result, composite });

add('chosen (BM + VRS, data/modell.yaml)', await run(chosen));
add('without structure variables', await run(withAreas(chosen, (a) => ({ ...a, structure: [] }))));
add('CRS (with structure variables)', await run(withAreas({ ...chosen, rts: 'crs' }, (a) => ({ ...a, rts: 'crs' }))));
add(
  'gymnasieskola without the 100-pupil floor',
  await run(withAreas(chosen, (a) => ({ ...a, cost: { ...a.cost, minVolume: 0 } }))),
);
add(
  'äldreomsorg without the coverage output N20892',
  await run(
    withAreas(chosen, (a) =>
      a.area === 'aldreomsorg' ? { ...a, outputs: a.outputs.filter((v) => v.kpi !== 'N20892') } : a,
    ),
  ),
);
add('composite without bibliotek', variants[0]!.result, compositeWithout(variants[0]!.result.table, 'bibliotek'));
// Alternatives considered per area (docs/method.md §2): one change at a time against the chosen model.
const v = (kpi: string, title: string, unit: string, higherIsBetter: boolean) => ({ kpi, title, unit, higherIsBetter });
const sv = (
  kpi: string,
  title: string,
  favourable: 'lower' | 'higher',
  transform: 'value' | 'reference-cost' = 'value',
) => ({ ...v(kpi, title, '%', favourable === 'higher'), transform, favourable });
const inArea = (area: Area, change: (a: DeaModel['areas'][number]) => DeaModel['areas'][number]) =>
  withAreas(chosen, (a) => (a.area === area ? change(a) : a));
const alternatives: [string, DeaModel][] = [
  [
    'grundskola: structure N15001 only (as before)',
    inArea('grundskola', (a) => ({ ...a, structure: a.structure.filter((x) => x.kpi === 'N15001') })),
  ],
  [
    'grundskola: structure N15820 only',
    inArea('grundskola', (a) => ({ ...a, structure: a.structure.filter((x) => x.kpi === 'N15820') })),
  ],
  [
    'grundskola: + foreign background N15822',
    inArea('grundskola', (a) => ({ ...a, structure: [...a.structure, sv('N15822', 'Utländsk bakgrund', 'lower')] })),
  ],
  [
    'gymnasieskola: + foreign background N17833',
    inArea('gymnasieskola', (a) => ({ ...a, structure: [...a.structure, sv('N17833', 'Utländsk bakgrund', 'lower')] })),
  ],
  [
    'gymnasieskola: högskolebehörighet N17479 instead of examen inom 3 år N17451 (main before)',
    inArea('gymnasieskola', (a) => ({
      ...a,
      outputs: a.outputs.map((x) => (x.kpi === 'N17451' ? v('N17479', 'Högskolebehörighet', '%', true) : x)),
    })),
  ],
  [
    'gymnasieskola: + betygspoäng N17691',
    inArea('gymnasieskola', (a) => ({ ...a, outputs: [...a.outputs, v('N17691', 'Betygspoäng', 'poäng', true)] })),
  ],
  [
    'äldreomsorg: structure 80+ share N01813 + tätortsgrad N00954 instead of N20900',
    inArea('aldreomsorg', (a) => ({
      ...a,
      structure: [sv('N01813', 'Andel 80+', 'lower'), sv('N00954', 'Tätortsgrad', 'higher')],
    })),
  ],
  [
    'bibliotek: + e-book loans N09810',
    inArea('bibliotek', (a) => ({ ...a, outputs: [...a.outputs, v('N09810', 'E-boklån', 'lån/inv', true)] })),
  ],
  [
    'bibliotek: + opening hours N09808',
    inArea('bibliotek', (a) => ({ ...a, outputs: [...a.outputs, v('N09808', 'Öppettimmar', 'timmar/vecka', true)] })),
  ],
];
for (const [name, model] of alternatives) add(name, await run(model));
const old = await run(previous);
add('previous model of main (own-cost-weighted composite)', old, ownCostComposite(old.table));

const base = variants[0]!;
const out: string[] = [];
const bn = (kr: number) => `${(kr / 1e9).toFixed(1).replace('.', ',')}`;
const pc = (v: number) => `${(v * 100).toFixed(0)} %`;
const rho = (v: number) => (Number.isNaN(v) ? '–' : v.toFixed(2).replace('.', ','));

out.push(
  '| variant | potential, bn SEK (all areas) | without bibliotek | mean reduction G / Gy / Ä / B | ρ composite | ρ grundskola | ρ gymnasieskola | ρ äldreomsorg | ρ bibliotek | top 15 lacking an area |',
);
out.push('|---|---|---|---|---|---|---|---|---|---|');
for (const v of variants) {
  const s = v.result.summary;
  const areaRho = AREAS.map((area) => rho(correlateArea(base.result.table, v.result.table, area)));
  const top15 = [...v.composite]
    .sort((a, b) => a[1].rank - b[1].rank)
    .slice(0, 15)
    .map(([code]) => code);
  const byCode = new Map(v.result.table.map((r) => [r.kommunkod, r]));
  const missing = (code: string) =>
    AREAS.filter((a) => byCode.get(code)!.areas[a].effektivitet === null).map((a) => SHORT[a]);
  const lacking = top15.filter((code) => missing(code).length);
  out.push(
    `| ${v.name} | ${bn(s.potentialKr)} | ${bn(s.potentialUtanProxyKr)} | ${AREAS.map((a) => pc(s.perArea[a].meanReduction)).join(' / ')} | ${rho(correlateComposite(base.composite, v.composite))} | ${areaRho.join(' | ')} | ${lacking.length}${lacking.length ? ` (${lacking.map((c) => `${names.get(c)} ${missing(c).join('+')}`).join(', ')})` : ''} |`,
  );
}
out.push('', 'Study 2025: 91 bn SEK; mean reduction 24 % / 37 % / 28 % / 47 %.', '');
out.push('| variant | ' + AREAS.flatMap((a) => (REFERENCES[a] ?? []).map((k) => `ρ(θ ${a}, ${k})`)).join(' | ') + ' |');
out.push('|---|' + referenceKpis.map(() => '---').join('|') + '|');
// Rows whose validated areas are the chosen model's are left out (they repeat the first row).
const validation = variants.map((x) => ({
  name: x.name,
  cells: AREAS.flatMap((a) => (REFERENCES[a] ?? []).map((k) => validate(x.result.table, a, k, series, chosen.year))),
}));
for (const row of validation) {
  if (row !== validation[0] && row.cells.join() === validation[0]!.cells.join()) continue;
  out.push(`| ${row.name} | ${row.cells.join(' | ')} |`);
}
process.stdout.write(out.join('\n') + '\n');

/** ρ between two variants' composites over the municipalities both rank. */
function correlateComposite(a: Variant['composite'], b: Variant['composite']): number {
  const codes = [...a.keys()].filter((c) => b.has(c));
  return spearman(
    codes.map((c) => a.get(c)!.score),
    codes.map((c) => b.get(c)!.score),
  );
}

/** ρ between two variants' θ in one area over the municipalities both score. */
function correlateArea(a: EfficiencyRow[], b: EfficiencyRow[], area: Area): number {
  const bm = new Map(b.map((r) => [r.kommunkod, r.areas[area].effektivitet]));
  const pairs = a
    .filter((r) => r.areas[area].effektivitet !== null && bm.get(r.kommunkod) != null)
    .map((r) => [r.areas[area].effektivitet!, bm.get(r.kommunkod)!] as const);
  return spearman(
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  );
}

/** "ρ (n)" of an area's θ with a reference KPI. */
function validate(table: EfficiencyRow[], area: Area, kpi: string, s: KoladaSeries, year: number): string {
  const pairs = table.flatMap((r) => {
    const ref = s.get(kpi)?.get(r.kommunkod)?.get(year);
    return r.areas[area].effektivitet !== null && ref !== undefined
      ? [[r.areas[area].effektivitet!, ref] as const]
      : [];
  });
  return `${rho(
    spearman(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    ),
  )} (${pairs.length})`;
}

/** The chosen composite with one area's weight set to 0 (the others renormalised). */
function compositeWithout(table: EfficiencyRow[], area: Area): Variant['composite'] {
  const w = { ...variants[0]!.result.summary.weights, [area]: 0 };
  const total = AREAS.reduce((s, a) => s + w[a], 0);
  const medians = Object.fromEntries(
    AREAS.map((a) => [
      a,
      median(table.flatMap((r) => (r.areas[a].effektivitet === null ? [] : [r.areas[a].effektivitet!]))),
    ]),
  );
  const scores = table.map(
    (r) => AREAS.reduce((s, a) => s + w[a] * (r.areas[a].effektivitet ?? medians[a]!), 0) / total,
  );
  return withRanks(table, scores);
}

/** The previous composite: Σ cost·θ / Σ cost over the areas a municipality has. */
function ownCostComposite(table: EfficiencyRow[]): Variant['composite'] {
  const scores = table.map((r) => {
    const present = AREAS.map((a) => r.areas[a]).filter((a) => a.effektivitet !== null);
    return (
      present.reduce((s, a) => s + a.kostnadKr! * a.effektivitet!, 0) / present.reduce((s, a) => s + a.kostnadKr!, 0)
    );
  });
  return withRanks(table, scores);
}

function withRanks(table: EfficiencyRow[], scores: number[]): Variant['composite'] {
  const order = scores.map((_, i) => i).sort((i, j) => scores[j]! - scores[i]! || table[i]!.rang - table[j]!.rang);
  const out = new Map<string, { score: number; rank: number }>();
  order.forEach((i, position) => out.set(table[i]!.kommunkod, { score: scores[i]!, rank: position + 1 }));
  return out;
}
