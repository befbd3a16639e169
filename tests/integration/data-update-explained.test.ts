/**
 * `data update` explains itself (issue 22, point 6), against the local Kolada v3 stand-in (never
 * the real API): key-figure titles beside the codes, the effect on the edition in the dry run
 * (data year, municipalities per area, figures still missing), and the refusal, with a flag to
 * accept, when kommuner.csv cannot move to the new year while the data year would.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metasFor, startStandIn, valuesFromDataDir, type StandIn, type Values } from '../helpers/kolada-stand-in.ts';
import { cleanUp, DATA, tempDataFolder, world as koladaWorld } from '../helpers/kolada-world.ts';
import { runCli } from '../helpers/run-cli.ts';

const DISK = valuesFromDataDir(DATA);
const KPIS = [...DISK.keys()].sort();
/** Titles as Kolada would give them (the stand-in's own for the rest). */
const TITLES: Record<string, string> = {
  N15027: 'Kostnad grundskola F-9, kr/elev',
  N01951: 'Invånare totalt, antal',
  U21468: 'Brukarbedömning äldreomsorg',
};
/** Nine municipalities Kolada lacks the 2023 population of in the "thin population" world. */
const NO_POPULATION = ['0114', '0115', '0117', '0120', '0123', '0125', '0126', '0127', '0128'];

/** Kolada's world: what is on disk, plus 2023 = 2022 × 1.01; `change` adjusts 2023. */
function world(change: (values: Values) => void = () => undefined): Values {
  const values = koladaWorld(DISK);
  change(values);
  return values;
}

function hashFile(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

let tmp: string;
let dataDir: string;
let standIn: StandIn | undefined;

beforeEach(() => {
  ({ tmp, dataDir } = tempDataFolder('kr-update-explained-'));
});

afterEach(async () => {
  await cleanUp(tmp, standIn);
  standIn = undefined;
});

async function update(values: Values, args: string[]) {
  const metas = metasFor(KPIS).map((m) => ({ ...m, title: TITLES[m.id] ?? m.title }));
  standIn = await startStandIn({ values, metas, pageSize: 2000, genderSplit: new Set(['N01951', 'N15507']) });
  return runCli(['data', 'update', '--data', dataDir, '--api-url', standIn.url, ...args], { timeoutMs: 120_000 });
}

describe('data update explains itself (local Kolada v3 stand-in)', () => {
  it('the dry run names each key figure and says how the edition would move', async () => {
    const result = await update(world(), ['--year', '2023', '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/^N15027 {2}2023 +290 +0 +290 +0 {2}final {8}Kostnad grundskola F-9, kr\/elev$/m);
    expect(out).toMatch(/^N01951 {2}2023 .* Invånare totalt, antal$/m);
    expect(out).toMatch(/^Effect on the edition \(if written\):$/m);
    expect(out).toMatch(
      /^ {2}data year \(the latest in which every key figure of the model is complete\): 2022 → 2023$/m,
    );
    expect(out).toMatch(
      /^ {2}municipalities per area in the data year: grundskola \d+ → \d+, gymnasieskola \d+ → \d+, aldreomsorg \d+ → \d+, bibliotek \d+ → \d+ \(2022 → 2023\)$/m,
    );
    expect(out).toMatch(/^ {2}every key figure of the model is complete for 2023$/m);
    expect(out).toMatch(/^ {2}kommuner\.csv population \(N01951\): 2022 → 2023$/m);
    expect(out).not.toMatch(/WARN/);
  });

  it('the dry run lists the figures still missing for the new year and the units per area that year', async () => {
    // Kolada has published the elderly-care survey (U21468) for 2023 for 160 municipalities only
    // (enough for the update's checks, too few for the data year to move).
    const values = world((v) => {
      const survey = v.get('U21468')!.get(2023)!;
      [...survey.keys()].slice(160).forEach((code) => survey.set(code, null));
    });
    const result = await update(values, ['--year', '2023', '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(
      /^ {2}data year \(the latest in which every key figure of the model is complete\): stays at 2022$/m,
    );
    expect(out).toMatch(
      /^ {2}municipalities per area with complete 2023 figures: grundskola \d+, gymnasieskola \d+, aldreomsorg (\d+), bibliotek \d+$/m,
    );
    const aldreomsorg2023 = Number(/with complete 2023 figures: .*aldreomsorg (\d+)/.exec(out)![1]);
    expect(aldreomsorg2023).toBeLessThanOrEqual(160);
    expect(out).toMatch(
      /^ {2}still missing for 2023 \(these hold the data year back\):\n {4}U21468 Brukarbedömning äldreomsorg: 160 municipalities, needs \d{3}$/m,
    );
  });

  it('refuses to write when kommuner.csv cannot follow the data year, and writes with --allow-old-population', async () => {
    const values = world((v) => {
      for (const code of NO_POPULATION) v.get('N01951')!.get(2023)!.set(code, null);
    });
    const kommuner = path.join(dataDir, 'kommuner.csv');
    const n15027 = path.join(dataDir, 'kolada', 'ddf--datapoints--n15027--by--geo--year.csv');
    const before = [hashFile(kommuner), hashFile(n15027)];

    const dry = await update(values, ['--year', '2023', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(
      /^WARN kommuner\.csv would stay at 2022: Kolada has the population \(N01951 Invånare totalt, antal\) for 2023 for 281 of 290 municipalities, while the data year moves to 2023$/m,
    );
    await standIn!.close();

    const refused = await update(values, ['--year', '2023']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(
      /^ERROR Cannot move kommuner\.csv to 2023: Kolada has the population \(N01951 Invånare totalt, antal\) for 281 of 290 municipalities \(missing: 0114 Upplands Väsby, 0115 Vallentuna, /m,
    );
    expect(refused.stderr).toMatch(
      /the data year would move to 2023 while invanare stays at 2022\. Nothing was written\.\n {2}hint: .*--allow-old-population/,
    );
    expect([hashFile(kommuner), hashFile(n15027)]).toEqual(before);
    await standIn!.close();

    const accepted = await update(values, ['--year', '2023', '--allow-old-population']);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toMatch(
      /^WARN kommuner\.csv stays at 2022: .* for 281 of 290 municipalities, while the data year moves to 2023$/m,
    );
    expect(hashFile(kommuner)).toBe(before[0]);
    expect(hashFile(n15027)).not.toBe(before[1]);
  });
});
