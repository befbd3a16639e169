/**
 * Rebuilds data/kommuner.csv and data/kolada/ from ../shared/data/raw (run by hand:
 * `npx tsx pipeline/load/scripts/build-kommuner.ts [RAW_DIR] [DATA_DIR]`). The product itself
 * reads only data/. Sources and licences: data/README.md.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

/** Kolada's group labels → SKR 2023 code and SKR's own name (raw/PROVENANCE.md). */
const GROUPS: Record<string, [string, string]> = {
  Storstäder: ['A1', 'Storstäder'],
  'Pendlingskommun nära storstad': ['A2', 'Pendlingskommun nära storstad'],
  'Större stad': ['B3', 'Större stad'],
  'Pendlingskommun nära större stad': ['B4', 'Pendlingskommun nära större stad'],
  'Lågpendlingskommun nära större stad': ['B5', 'Lågpendlingskommun nära större stad'],
  'Mindre stad/tätort': ['C6', 'Mindre stad/tätort'],
  'Pendlingskommun nära mindre tätort': ['C7', 'Pendlingskommun nära mindre stad/tätort'],
  'Landsbygdskommun, ej nära större stad': ['C8', 'Landsbygdskommun'],
  'Landsbygdskommun med besöksnäring': ['C9', 'Landsbygdskommun med besöksnäring'],
};

/** KPIs copied to data/kolada: the report's context figures plus every KPI of data/modell.yaml. */
export const KOLADA_KPIS = [
  'N00901',
  'N01951',
  'N01956',
  'N01957',
  'N03067',
  'N15001',
  'N17001',
  'N20900',
  'N15027',
  'N15835',
  'N15507',
  'N15428',
  'N17007',
  'N17820',
  'N17461',
  'N17473',
  'N20007',
  'U21468',
  'U23471',
  'N09022',
  'N09801',
  'N09807',
  // Issue 12: model variables, validation references and the alternatives of scripts/sensitivity.ts.
  'N17467',
  'N17479',
  'N17831',
  'N15820',
  'N20892',
  'N09811',
  'U15459',
  'U15461',
  'U15457',
  'U17448',
  'U17449',
  'N15822',
  'N17833',
  'N17451',
  'N17691',
  'N01813',
  'N00954',
  'N09810',
  'N09808',
  // Issue 21: the fact-to-theme map (pipeline/model/theme-kpis.ts).
  'N00096',
  'N02842',
  'N21009',
  'N23005',
  'U17802',
];

const YEAR = 2022;

type Row = Record<string, string>;
const readCsv = (file: string): Row[] => parse(readFileSync(file), { columns: true, bom: true }) as Row[];

function main(rawDir: string, dataDir: string): void {
  const counties = readCsv(join(rawDir, 'municipality_county.csv'));
  const groups = new Map(readCsv(join(rawDir, 'kolada_kommungrupp.csv')).map((r) => [r.kommunkod!, r]));
  const ddf = join(rawDir, 'kolada_ddf');
  const population = new Map(
    readCsv(join(ddf, 'ddf--datapoints--n01951--by--geo--year.csv'))
      .filter((r) => Number(r.year) === YEAR)
      .map((r) => [r.geo!, r.n01951!]),
  );
  const lines = ['kommunkod,kommun,lanskod,lan,kommungrupp_kod,kommungrupp,invanare,ar'];
  for (const c of counties.sort((a, b) => a.municipality_code!.localeCompare(b.municipality_code!))) {
    const code = c.municipality_code!;
    const group = groups.get(code);
    const mapped = group && GROUPS[group.kommungrupp!];
    const pop = population.get(code);
    if (!/^\d{4}$/.test(code) || !mapped || !pop) throw new Error(`Incomplete source data for ${code}`);
    if (group.kommun !== c.municipality_name_short) throw new Error(`Name mismatch for ${code}`);
    const fields = [
      code,
      c.municipality_name_short!,
      c.county_code!,
      c.county_name!,
      mapped[0],
      mapped[1],
      String(Math.round(Number(pop))),
      String(YEAR),
    ];
    lines.push(fields.map((f) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(','));
  }
  if (lines.length !== 291) throw new Error(`Expected 290 municipalities, got ${lines.length - 1}`);
  writeFileSync(join(dataDir, 'kommuner.csv'), lines.join('\n') + '\n');
  mkdirSync(join(dataDir, 'kolada'), { recursive: true });
  for (const kpi of KOLADA_KPIS) {
    const name = `ddf--datapoints--${kpi.toLowerCase()}--by--geo--year.csv`;
    copyFileSync(join(ddf, name), join(dataDir, 'kolada', name));
  }
  process.stdout.write(
    `Wrote ${lines.length - 1} municipalities and ${KOLADA_KPIS.length} Kolada files to ${dataDir}\n`,
  );
}

main(resolve(process.argv[2] ?? '../shared/data/raw'), resolve(process.argv[3] ?? 'data'));
