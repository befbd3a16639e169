/**
 * Validation of the gymnasieskola model choice (docs/method.md §2.1, §5): runs the chosen model of
 * data/modell.yaml and gymnasieskola variants of it on the same data (the edition's settings, no
 * bootstrap) and prints a Markdown table: units scored, units flagged `egen_referens`, mean
 * reduction, potential, and Spearman ρ of the gymnasieskola θ (DEA, units without the flag) with
 * cost per pupil N17007, Kolada's result deviations U17448/U17449, the transparent reference index
 * of pipeline/analyse/gymnasieskola-reference.ts, and the same municipality's grundskola θ.
 *
 * Usage: `npx tsx scripts/gymnasieskola-validation.ts [--data DIR]` (default data/). About a minute.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  analyse,
  loadModel,
  modelKpis,
  resolveDataYear,
  type DeaModel,
  type StructureVariable,
} from '../pipeline/analyse/index.ts';
import { FALLBACK_YEARS } from '../pipeline/analyse/area-data.ts';
import {
  GYMNASIESKOLA_REFERENCE_KPIS,
  gymnasieskolaReferenceIndex,
} from '../pipeline/analyse/gymnasieskola-reference.ts';
import { spearman } from '../pipeline/stats/index.ts';
import { loadKoladaSeries, loadMunicipalities, type EfficiencyRow } from '../pipeline/load/index.ts';

const { values } = parseArgs({ options: { data: { type: 'string', default: 'data' } } });
const dataDir = resolve(values.data);
const [municipalities, chosen] = await Promise.all([
  loadMunicipalities(join(dataDir, 'kommuner.csv')),
  loadModel(join(dataDir, 'modell.yaml')),
]);
const EXTRA = ['N17007', 'N17479', 'N17691', 'N17833'];
const series = await loadKoladaSeries(join(dataDir, 'kolada'), [
  ...new Set([...modelKpis(chosen), ...GYMNASIESKOLA_REFERENCE_KPIS, 'U17448', 'U17449', ...EXTRA]),
]);
chosen.year ||= resolveDataYear(series, modelKpis(chosen))!.year;
const year = chosen.year;

type Gy = DeaModel['areas'][number];
const gy = (change: (a: Gy) => Gy): DeaModel => ({
  ...chosen,
  areas: chosen.areas.map((a) => (a.area === 'gymnasieskola' ? change(a) : a)),
});
const out = (kpi: string, title: string, unit = '%') => ({ kpi, title, unit, higherIsBetter: true });
const str = (
  kpi: string,
  title: string,
  favourable: 'lower' | 'higher',
  transform: StructureVariable['transform'] = 'value',
): StructureVariable => ({ kpi, title, unit: '%', higherIsBetter: favourable === 'higher', transform, favourable });
const without = (a: Gy, kpi: string): Gy => ({
  ...a,
  outputs: a.outputs.filter((v) => v.kpi !== kpi),
  structure: a.structure.filter((v) => v.kpi !== kpi),
});
const variants = (process.env.GY_VARIANTS ?? '').split(',').filter(Boolean);
const all: [string, DeaModel][] = [
  ['chosen (data/modell.yaml)', chosen],
  ['without structure variables', gy((a) => ({ ...a, structure: [] }))],
  ['without N17001 (reference cost)', gy((a) => without(a, 'N17001'))],
  ['without N17831 (parents’ education)', gy((a) => without(a, 'N17831'))],
  [
    'main before: högskolebehörighet N17479 instead of examen 3 år N17451',
    gy((a) => ({
      ...a,
      outputs: a.outputs.map((v) => (v.kpi === 'N17451' ? out('N17479', 'Högskolebehörighet') : v)),
    })),
  ],
  [
    '+ N17479 (högskolebehörighet) as a programme-mix structure variable',
    gy((a) => ({ ...a, structure: [...a.structure, str('N17479', 'Högskolebehörighet', 'higher')] })),
  ],
  [
    '+ size N17820 as a structure variable (scale)',
    gy((a) => ({ ...a, structure: [...a.structure, { ...str('N17820', 'Elever', 'higher'), unit: 'antal' }] })),
  ],
  ['examen inom 4 år N17467 only', gy((a) => without(a, 'N17451'))],
  ['+ betygspoäng N17691', gy((a) => ({ ...a, outputs: [...a.outputs, out('N17691', 'Betygspoäng', 'poäng')] }))],
  [
    '+ foreign background N17833',
    gy((a) => ({ ...a, structure: [...a.structure, str('N17833', 'Utländsk bakgrund', 'lower')] })),
  ],
  ['CRS', gy((a) => ({ ...a, rts: 'crs' }))],
];
const rows: string[] = [];
const rho = (v: number) => (Number.isNaN(v) ? '–' : v.toFixed(2));
for (const [name, model] of all.filter(([n], i) => !variants.length || variants.includes(String(i)))) {
  const result = await analyse({ municipalities, series, model, fallbackYears: FALLBACK_YEARS });
  rows.push(measure(name, result.table, result.summary));
}
process.stdout.write(
  [
    '| variant | scored | egen_referens | mean reduction | potential gymnasieskola, bn SEK | national potential, bn SEK | ρ cost N17007 | ρ U17448 | ρ U17449 | ρ reference index | ρ grundskola θ |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n') + '\n',
);

function measure(
  name: string,
  table: EfficiencyRow[],
  summary: {
    potentialKr: number;
    perArea: Record<string, { potentialKr: number; meanReduction: number; units: number }>;
  },
): string {
  const scored = table.filter((r) => r.areas.gymnasieskola.effektivitet !== null);
  const own = scored.filter((r) => !(r.areas.gymnasieskola.flagga ?? '').includes('egen_referens'));
  const theta = new Map(
    own.map((r) => [r.kommunkod, r.areas.gymnasieskola.effektivitetDea ?? r.areas.gymnasieskola.effektivitet!]),
  );
  const index = gymnasieskolaReferenceIndex(series, year, [...theta.keys()]);
  const grund = new Map(
    table.map((r) => [r.kommunkod, r.areas.grundskola.effektivitetDea ?? r.areas.grundskola.effektivitet]),
  );
  const withKpi = (kpi: string) => correlate(theta, (c) => series.get(kpi)?.get(c)?.get(year));
  const s = summary.perArea.gymnasieskola!;
  return `| ${name} | ${scored.length} | ${scored.length - own.length} | ${(s.meanReduction * 100).toFixed(1)} % | ${(s.potentialKr / 1e9).toFixed(1)} | ${(summary.potentialKr / 1e9).toFixed(1)} | ${withKpi('N17007')} | ${withKpi('U17448')} | ${withKpi('U17449')} | ${correlate(theta, (c) => index.get(c))} | ${correlate(theta, (c) => grund.get(c) ?? undefined)} |`;
}

function correlate(theta: Map<string, number>, other: (code: string) => number | undefined): string {
  const pairs = [...theta].flatMap(([c, t]) => {
    const o = other(c);
    return o === undefined || o === null ? [] : [[t, o] as const];
  });
  return `${rho(
    spearman(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    ),
  )}`;
}
