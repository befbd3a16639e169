/**
 * An external efficiency table (`--efficiency`) must keep a row for every municipality: building
 * one it lacks stops with the file and the municipality named (it said "Internal error: no data
 * for kommunkod …"), before anything is printed.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../pipeline/errors.ts';
import { serializeEfficiencyTable } from '../../pipeline/load/index.ts';
import { buildReports, prepareEdition } from '../../pipeline/run/index.ts';
import { loadEditionData } from '../../pipeline/run/edition-data.ts';
import { tempConfig } from '../helpers/temp-config.ts';

const TABY = '0160';

describe('an external efficiency table without a row for a municipality', () => {
  it('stops the build of that municipality naming the file and the municipality', async () => {
    const config = await tempConfig({ bootstrap: { replicates: 0, seed: 1 } });
    const data = await loadEditionData(config.dataDir, config.cacheDir, 'test-missing-row', {
      bootstrap: config.bootstrap,
    });
    const file = path.join(config.outputDir, 'effektivitet-utan-taby.csv');
    const rows = data.table.filter((row) => row.kommunkod !== TABY).map((row, i) => ({ ...row, rang: i + 1 }));
    await writeFile(file, serializeEfficiencyTable(rows, data.unranked));
    const edition = await prepareEdition({ ...config, efficiencyFile: file });
    const error = await buildReports(edition, { codes: [TABY] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(
      /effektivitet-utan-taby\.csv: no row for 0160 Täby; expected a row for every municipality/,
    );
  }, 300_000);
});
