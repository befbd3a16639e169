/**
 * `kommunrapport data update` end to end against a local Kolada v3 stand-in (never the real
 * API): the real CLI in a child process, a copy of data/ in a temp folder, then `analyse`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kpisToFetch, stagingDirOf } from '../../pipeline/update/index.ts';
import {
  metasFor,
  startStandIn,
  valuesFromDataDir,
  type Fault,
  type KpiMetaFixture,
  type StandIn,
  type Values,
} from '../helpers/kolada-stand-in.ts';
import { cleanUp, DATA, tempDataFolder, hashDir, world as koladaWorld } from '../helpers/kolada-world.ts';
import { runCli } from '../helpers/run-cli.ts';

const DISK = valuesFromDataDir(DATA);
const KPIS = [...DISK.keys()].sort();
/** The KPIs the model and the reports need (26 when written: two requests of ≤ 25 per year chunk). */
const FETCHED = await kpisToFetch(DATA);
const N = FETCHED.length;
/** The fetched KPIs that Kolada's world below has 2023 values for (a forecast such as N02842 has none). */
const W = FETCHED.filter((kpi) => DISK.get(kpi)?.has(2022)).length;
/** The first KPI of a request (the ids are requested in order). */
const FIRST = FETCHED[0]!;

/** Kolada's world: what is on disk, plus 2023 = 2022 × 1.01, with U21468 missing (null) for 0114. */
function world(): Values {
  const values = koladaWorld(DISK);
  values.get('U21468')!.get(2023)!.set('0114', null);
  return values;
}

let tmp: string;
let dataDir: string;
let standIn: StandIn | undefined;

beforeEach(() => {
  ({ tmp, dataDir } = tempDataFolder('kr-update-'));
});

afterEach(async () => {
  await cleanUp(tmp, standIn);
  standIn = undefined;
});

async function serve(options: { values?: Values; metas?: KpiMetaFixture[]; faults?: Fault[]; pageSize?: number } = {}) {
  standIn = await startStandIn({
    values: options.values ?? world(),
    metas: options.metas ?? metasFor(KPIS),
    faults: options.faults,
    pageSize: options.pageSize ?? 2000,
    genderSplit: new Set(['N01951', 'N15507']),
  });
  return standIn;
}

function update(args: string[]) {
  return runCli(['data', 'update', '--data', dataDir, '--api-url', standIn!.url, ...args], { timeoutMs: 120_000 });
}

const line = (kpi: string, code: string, year: number) =>
  readFileSync(path.join(dataDir, 'kolada', `ddf--datapoints--${kpi.toLowerCase()}--by--geo--year.csv`), 'utf8')
    .split('\r\n')
    .find((l) => l.startsWith(`${code},${year},`));

describe('kommunrapport data update (local Kolada v3 stand-in)', () => {
  it('--dry-run prints what would change and writes nothing', async () => {
    await serve();
    const before = hashDir(tmp);
    const result = await update(['--year', '2023', '--dry-run']);
    expect(result.stderr).not.toMatch(/ERROR|Error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Dry run: nothing written\\. Kolada 2023, ${N} KPIs`));
    expect(result.stdout).toMatch(/N15027 {2}2023 {8}290 {8}0 {3}290 {8}0 {2}final/);
    expect(result.stdout).toMatch(/U21468 {2}2023 {8}285 /);
    expect(result.stdout).toMatch(
      new RegExp(
        `would write ${W + 2} file\\(s\\) in .*data/: ${W} KPI file\\(s\\) in kolada/ \\(0 new\\), kommuner\\.csv \\(changed\\), kolada/provenance\\.json \\(new\\)`,
      ),
    );
    expect(result.stdout).toMatch(/kommuner\.csv: invanare and ar would be from 2023/);
    expect(hashDir(tmp)).toBe(before);
    expect(existsSync(stagingDirOf(dataDir))).toBe(false);
  });

  it('fetches a year through 429/503/cut-off answers politely, writes it with provenance, and analyse follows it', async () => {
    await serve({
      faults: [
        { match: /^\/v3\/kpi\//, kind: '503', times: 1 },
        { match: /^\/v3\/data\/kpi\/[^?]+$/, kind: '429', times: 1, retryAfter: '1' },
        { match: /page=2/, kind: 'truncated', times: 1 },
      ],
    });
    const kommuner2022 = readFileSync(path.join(dataDir, 'kommuner.csv'), 'utf8');
    const lines2022 = line('N15027', '0114', 2022);
    const result = await update(['--year', '2023']);
    expect(result.stderr).toMatch(
      /WARN HTTP 503 Service Unavailable: http:\/\/127\.0\.0\.1:\d+\/v3\/kpi\/.*; try 2\/5 in 1\.0 s/,
    );
    expect(result.stderr).toMatch(/WARN HTTP 429 Too Many Requests: .*\/data\/kpi\/.*; try 2\/5/);
    expect(result.stderr).toMatch(/WARN the answer is not complete JSON .*page=2/);
    expect(result.code).toBe(0);
    // A good citizen: never more than two requests at once, ≤ 25 ids per segment, Retry-After honoured.
    expect(standIn!.maxInFlight).toBeLessThanOrEqual(2);
    for (const { path: p } of standIn!.log)
      for (const segment of p.split('?')[0]!.split('/')) expect(segment.split(',').length).toBeLessThanOrEqual(25);
    const firstPages = standIn!.log.filter((r) => /^\/v3\/data\/kpi\/[^?]+$/.test(r.path));
    expect(firstPages).toHaveLength(Math.ceil(N / 25) + 1);
    const retried = firstPages.filter((r) => firstPages.filter((o) => o.path === r.path).length === 2);
    expect(retried[1]!.at - retried[0]!.at).toBeGreaterThanOrEqual(950);
    // The year is written in the loaders' format, other years untouched, null = missing.
    expect(line('N15027', '0114', 2023)).toBe(
      `0114,2023,${Math.round(Number(lines2022!.split(',')[2]) * 1.01 * 1000) / 1000}`,
    );
    expect(line('N15027', '0114', 2022)).toBe(lines2022);
    expect(line('U21468', '0114', 2023)).toBeUndefined();
    expect(line('U21468', '0115', 2023)).toBeDefined();
    const kommuner = readFileSync(path.join(dataDir, 'kommuner.csv'), 'utf8');
    expect(kommuner).not.toBe(kommuner2022);
    expect(kommuner.split(/\r?\n/)[1]).toMatch(/^0114,Upplands Väsby,.*,2023$/);
    const provenance = JSON.parse(readFileSync(path.join(dataDir, 'kolada', 'provenance.json'), 'utf8'));
    expect(provenance.attribution).toBe('Källa: Kolada');
    expect(provenance.kpis.N15027.years['2023']).toMatchObject({
      status: 'final',
      municipalities: 290,
      apiUrl: standIn!.url,
    });
    expect(provenance.kpis.U21468.years['2023'].municipalities).toBe(285);
    expect(existsSync(stagingDirOf(dataDir))).toBe(false);

    const analysed = await runCli(['analyse', '--data', dataDir, '--out', path.join(tmp, 'out')]);
    expect(analysed.stderr).not.toMatch(/ERROR/);
    expect(analysed.code).toBe(0);
    expect(analysed.stdout).toMatch(/^Efficiency analysis 2023: wrote /);
    expect(readFileSync(path.join(tmp, 'out', 'data', 'effektivitet.csv'), 'utf8').split('\n')[1]).toMatch(/,2023,/);
  });

  const failures: { name: string; setup: () => Parameters<typeof serve>[0]; args?: string[]; message: RegExp }[] = [
    {
      name: 'a page without `values`',
      setup: () => ({ faults: [{ match: /page=2/, kind: 'missing-values' }] }),
      message: new RegExp(
        `http://127\\.0\\.0\\.1:\\d+/v3/data/kpi/[A-Z0-9,]+/year/2023\\?page=2&per_page=2000: the answer has no \`values\` list`,
      ),
    },
    {
      name: 'a KPI Kolada does not know',
      setup: () => ({ metas: metasFor(KPIS.filter((k) => k !== 'N09022')) }),
      message: new RegExp(`Kolada does not know KPI N09022: http://127\\.0\\.0\\.1:\\d+/v3/kpi/${FIRST},.*N09022`),
    },
    {
      name: 'a value outside the plausible range',
      setup: () => {
        const values = world();
        values.get('N20007')!.get(2023)!.set('0180', 1e9);
        return { values };
      },
      message:
        /N20007 2023: 1 value\(s\) outside the plausible range .*0180: 1000000000 \(http:\/\/127\.0\.0\.1:\d+\/v3\/data\/kpi\//,
    },
    {
      name: 'an unknown municipality code',
      setup: () => ({ faults: [{ match: /\/data\//, kind: 'unknown-code' }] }),
      message: /[NU]\d{5} 2023: unknown municipality code `0999` \(not in kommuner\.csv\): http:\/\/127\.0\.0\.1/,
    },
    {
      name: 'a KPI in the answer that was not asked for',
      setup: () => ({ faults: [{ match: /\/data\//, kind: 'unknown-kpi', times: 1 }] }),
      message:
        /unknown KPI `N99999` in the answer \(asked for [NU]\d{5}.*\): http:\/\/127\.0\.0\.1:\d+\/v3\/data\/kpi\/[NU]\d{5}/,
    },
    {
      name: 'a body cut off at every try',
      setup: () => ({ faults: [{ match: /page=3/, kind: 'truncated' }] }),
      args: ['--retries', '1'],
      message: /page=3&per_page=2000: the answer is not complete JSON .*; gave up after 2 tries/,
    },
    {
      name: 'a stalled answer',
      setup: () => ({ faults: [{ match: /\/kpi\//, kind: 'stall' }] }),
      args: ['--retries', '0', '--timeout', '0.5'],
      message: /\/v3\/kpi\/[NU]\d{5}.*: network error: no answer within 0\.5 s; gave up after 1 try/,
    },
  ];
  for (const failure of failures) {
    it(`exits 3 and leaves the data folder byte-identical on ${failure.name}`, async () => {
      await serve(failure.setup());
      const before = hashDir(dataDir);
      const result = await update(['--year', '2023', ...(failure.args ?? [])]);
      expect(result.stderr).toMatch(failure.message);
      expect(result.code).toBe(3);
      expect(hashDir(dataDir)).toBe(before);
    });
  }

  it('resumes after an interruption, asking only for the pages it lacks', async () => {
    await serve({ faults: [{ match: /page=3/, kind: '503', times: 1 }] });
    const before = hashDir(dataDir);
    const first = await update(['--year', '2023', '--retries', '0']);
    expect(first.stderr).toMatch(/page=3&per_page=2000: HTTP 503 Service Unavailable; gave up after 1 try/);
    expect(first.code).toBe(3);
    expect(hashDir(dataDir)).toBe(before);
    const asked = standIn!.log.length;
    const second = await update(['--year', '2023']);
    expect(second.code).toBe(0);
    // Only pages from the failed one on: metadata and the pages before came from the staging cache.
    const again = standIn!.log.slice(asked).map((r) => r.path);
    expect(again[0]).toMatch(new RegExp(`^/v3/data/kpi/${FIRST},[^?]+\\?page=3&per_page=2000$`));
    for (const p of again) expect(Number(/\?page=(\d+)/.exec(p)?.[1])).toBeGreaterThanOrEqual(3);
    expect(second.stdout).toMatch(new RegExp(`: ${again.length} requests, [3-9] pages from the staging cache`));
  });

  it('splits 26 years into requests of ≤ 25, keeps unpublished years, records preliminary years and changed titles', async () => {
    const values = world();
    for (const byYear of values.values()) for (const year of [...byYear.keys()]) if (year < 2021) byYear.delete(year);
    await serve({
      values,
      metas: metasFor(KPIS, {
        publ_period: '2023',
        prel_publication_date: '2024-01-01',
        publication_date: '2999-01-01',
      }),
    });
    const old = line('N15027', '0114', 2005);
    const first = await update(['--from', '1998', '--year', '2023']);
    expect(first.code).toBe(0);
    const dataUrls = standIn!.log.filter((r) => r.path.startsWith('/v3/data/')).map((r) => r.path.split('?')[0]);
    expect(new Set(dataUrls).size).toBe(2 * Math.ceil(N / 25));
    expect(first.stdout).toMatch(
      /^not published by Kolada, kept as on disk: 1998–2020 for (?:\w+, )*N00901, N01951, .*N15027/m,
    );
    expect(first.stdout).toMatch(/^not published by Kolada, kept as on disk: 1998–2021 for .*U21468, U23471$/m);
    expect(line('N15027', '0114', 2005)).toBe(old);
    const provenance = JSON.parse(readFileSync(path.join(dataDir, 'kolada', 'provenance.json'), 'utf8'));
    expect(provenance.kpis.N15027.years['2023'].status).toBe('preliminary');
    expect(provenance.kpis.N15027.years['2022'].status).toBe('final');
    expect(provenance.kpis.N15027.years['2005']).toBeUndefined();

    await standIn!.close();
    const metas = metasFor(KPIS);
    metas.find((m) => m.id === 'N15027')!.title = 'Kostnad grundskola F-9, kr/elev (ny definition)';
    await serve({ values, metas });
    const second = await update(['--year', '2023']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(
      /NOTE N15027: Kolada changed its title since the last fetch: “Nyckeltal N15027” → “Kostnad grundskola F-9, kr\/elev \(ny definition\)”/,
    );
    expect(
      JSON.parse(readFileSync(path.join(dataDir, 'kolada', 'provenance.json'), 'utf8')).kpis.N15027.years['2023']
        .status,
    ).toBe('final');
  });
});
