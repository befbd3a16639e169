/**
 * Issue 20 point 1 after `data update` (local Kolada v3 stand-in, never the real API): a new
 * year in which one municipality lacks every figure the areas need still yields one table row
 * per municipality of the master data (that one unranked, with its reason codes) and one
 * report per municipality.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, defaultConfig } from '../../pipeline/config.ts';
import { EFFICIENCY_COLUMNS } from '../../pipeline/load/index.ts';
import { buildMunicipalityReport, buildUnrankedReport } from '../../pipeline/model/index.ts';
import { prepareEdition } from '../../pipeline/run/index.ts';
import { metasFor, startStandIn, valuesFromDataDir, type StandIn, type Values } from '../helpers/kolada-stand-in.ts';
import { runCli } from '../helpers/run-cli.ts';
import { TEST_CACHE_DIR } from '../helpers/temp-config.ts';

const DATA = path.join(PROJECT_ROOT, 'data');
const DISK = valuesFromDataDir(DATA);
/** Österåker: every figure of 2023 missing but its population (without it, `data update` keeps the year out). */
const GONE = '0117';
/** A few scattered gaps besides, as real years have. */
const SCATTERED: [kpi: string, code: string][] = [
  ['U21468', '0114'],
  ['N15027', '2584'],
];

/** Kolada's world: what is on disk, plus 2023 = 2022 × 1.01, with GONE's figures and the scattered gaps missing (null). */
function world(): Values {
  const values: Values = new Map();
  for (const [kpi, byYear] of DISK) {
    const copy = new Map([...byYear].map(([y, byCode]) => [y, new Map(byCode)]));
    const next = new Map(
      [...(byYear.get(2022) ?? new Map<string, number | null>())].map(([code, v]) => [
        code,
        v === null || (code === GONE && kpi !== 'N01951') ? null : Math.round(v * 1.01 * 1000) / 1000,
      ]),
    );
    copy.set(2023, next);
    values.set(kpi, copy);
  }
  for (const [kpi, code] of SCATTERED) values.get(kpi)?.get(2023)?.set(code, null);
  return values;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kr-update-unranked-'));
const dataDir = path.join(tmp, 'data');
const outDir = path.join(tmp, 'out');
let standIn: StandIn | undefined;

afterAll(async () => {
  await standIn?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('data update, then analyse and build, with a municipality missing every figure of the new year', () => {
  it('keeps one row and one report per municipality of the master data', async () => {
    for (const name of ['kommuner.csv', 'modell.yaml', 'kolada', 'geo'])
      cpSync(path.join(DATA, name), path.join(dataDir, name), { recursive: true });
    standIn = await startStandIn({
      values: world(),
      metas: metasFor([...DISK.keys()].sort()),
      pageSize: 2000,
      genderSplit: new Set(['N01951', 'N15507']),
    });
    const env = { KOMMUNRAPPORT_BOOTSTRAP: '0' };
    const updated = await runCli(['data', 'update', '--data', dataDir, '--api-url', standIn.url, '--year', '2023'], {
      timeoutMs: 180_000,
      env,
    });
    expect(updated.stderr).not.toMatch(/ERROR/);
    expect(updated.code).toBe(0);

    const analysed = await runCli(['analyse', '--data', dataDir, '--out', outDir], { timeoutMs: 600_000, env });
    expect(analysed.stderr).not.toMatch(/ERROR/);
    expect(analysed.code).toBe(0);
    expect(analysed.stdout).toMatch(/^Efficiency analysis 2023: wrote /);
    const master = readFileSync(path.join(dataDir, 'kommuner.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
    const lines = readFileSync(path.join(outDir, 'data', 'effektivitet.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    expect(lines).toHaveLength(master.length);
    const cells = (line: string) => Object.fromEntries(EFFICIENCY_COLUMNS.map((c, i) => [c, line.split(',')[i]]));
    const gone = cells(lines.find((line) => line.startsWith(`${GONE},`))!);
    expect(gone).toMatchObject({ ar: '2023', effektivitet: '', rang: '', potential_kr: '' });
    for (const area of ['grundskola', 'gymnasieskola', 'aldreomsorg', 'bibliotek'])
      expect(gone[`saknas_${area}`], area).not.toBe('');
    // The ranks run 1…n over the ranked rows; the others (GONE, and any with too little of their
    // weight comparable, docs/method.md §3) have an empty rank.
    const ranks = lines.map((line) => cells(line).rang).filter((rank) => rank !== '');
    expect(ranks.map(Number).sort((a, b) => a - b)).toEqual(ranks.map((_, i) => i + 1));
    expect(ranks.length).toBeLessThan(master.length);

    // Every municipality gets a report: the plan of a full build, then the unranked one printed.
    const edition = await prepareEdition({
      ...defaultConfig({ KOMMUNRAPPORT_BOOTSTRAP: '0' }),
      dataDir,
      outputDir: outDir,
      // The CLI's cache (run-cli.ts): the analysis and the panel are read, not computed again.
      cacheDir: TEST_CACHE_DIR,
    });
    const unranked = new Map((edition.analysis.unranked ?? []).map((row) => [row.kommunkod, row]));
    expect([...unranked.keys()]).toContain(GONE);
    // GONE has no scored area; every other unranked one keeps its areas.
    expect(unranked.get(GONE)!.areas).toBeUndefined();
    for (const [code, row] of unranked) if (code !== GONE) expect(row.areas, code).toBeDefined();
    const views = edition.municipalities.map(({ kommunkod }) =>
      unranked.has(kommunkod)
        ? buildUnrankedReport(edition.model, unranked.get(kommunkod)!)
        : buildMunicipalityReport(edition.model, kommunkod),
    );
    expect(views).toHaveLength(master.length);
    const built = await runCli(['build', '--data', dataDir, '--output', outDir, '--kommun', GONE], {
      timeoutMs: 600_000,
      env,
    });
    expect(built.stderr).toMatch(/1 rendered, 0 up to date, 0 failed/);
    expect(built.code).toBe(0);
    expect(existsSync(path.join(outDir, 'pdf', `${GONE}-osteraker.pdf`))).toBe(true);
    expect(existsSync(path.join(outDir, 'pdf', 'kort', `${GONE}-osteraker.pdf`))).toBe(true);
  }, 1_200_000);
});
