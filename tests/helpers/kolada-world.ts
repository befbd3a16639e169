/**
 * The setup the `data update` tests share: a copy of the project's data folder, Kolada's
 * "world" (what is on disk plus a year 2023 = 2022 × 1.01), a hash of a data folder, and a
 * preload that kills the updater (kill -9) in the middle of its commit.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../pipeline/config.ts';
import type { StandIn, Values } from './kolada-stand-in.ts';

/** The project's data folder. */
export const DATA = path.join(PROJECT_ROOT, 'data');

/** Copies what `data update` reads and writes (kommuner.csv, modell.yaml, kolada/) into `dataDir`. */
export function copyData(dataDir: string): void {
  for (const name of ['kommuner.csv', 'modell.yaml', 'kolada'])
    cpSync(path.join(DATA, name), path.join(dataDir, name), { recursive: true });
}

/** Kolada's world: `disk`, plus 2023 = 2022 × 1.01 (rounded to three decimals, nulls kept). */
export function world(disk: Values): Values {
  const values: Values = new Map();
  for (const [kpi, byYear] of disk) {
    const copy = new Map([...byYear].map(([y, byCode]) => [y, new Map(byCode)]));
    copy.set(
      2023,
      new Map(
        [...(byYear.get(2022) ?? new Map())].map(([code, v]) => [
          code,
          v === null ? null : Math.round(v * 1.01 * 1000) / 1000,
        ]),
      ),
    );
    values.set(kpi, copy);
  }
  return values;
}

/** A hash of a folder's files, hidden entries (the staging folder `.kolada-update/`, the lock) left out. */
export function hashDir(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d)
      .sort()
      .filter((n) => !n.startsWith('.'))) {
      const file = path.join(d, name);
      if (statSync(file).isDirectory()) walk(file);
      else hash.update(`${path.relative(dir, file)}\0`).update(readFileSync(file));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

/**
 * Writes a preload (for NODE_OPTIONS=--require) into `dir` with which the updater SIGKILLs
 * itself just before its `n`th rename from the staging folder into data/: a faithful kill -9
 * in the middle of a commit. Returns its path.
 */
export function killMidCommitPreload(dir: string, n: number): string {
  const preload = path.join(dir, 'kill-mid-commit.cjs');
  writeFileSync(
    preload,
    `
      const fsp = require('node:fs').promises;
      const rename = fsp.rename;
      let n = 0;
      fsp.rename = async (from, to) => {
        if (String(from).includes('kolada-update/next/') && !String(to).includes('kolada-update') && ++n === ${n}) process.kill(process.pid, 'SIGKILL');
        return rename(from, to);
      };
      require('node:module').syncBuiltinESMExports();
    `,
  );
  return preload;
}

/** Resolves once the stand-in has been asked for a path that `pattern` matches. */
export function untilRequested(standIn: StandIn, pattern: RegExp): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (standIn.log.some((r) => pattern.test(r.path))) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
  });
}

/** A fresh temporary folder with a copy of the data folder in it (`<tmp>/data`). */
export function tempDataFolder(prefix: string): { tmp: string; dataDir: string } {
  const tmp = mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = path.join(tmp, 'data');
  copyData(dataDir);
  return { tmp, dataDir };
}

/** Closes the stand-in (if one was started) and removes the temporary folder. */
export async function cleanUp(tmp: string, standIn: StandIn | undefined): Promise<void> {
  await standIn?.close();
  rmSync(tmp, { recursive: true, force: true });
}
