/**
 * The build scenarios of issue 6, each a fresh CLI process (so start-up counts, as it does for
 * a user): a cold edition, a no-op rebuild, one changed row, one changed template, one report.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { lastBuildFile, type BuildStats } from '../pipeline/run/index.ts';
import { PROJECT_ROOT } from '../pipeline/config.ts';
import { runMeasured, type RunResult } from './process-tree.ts';

const CLI = path.join(PROJECT_ROOT, 'bin', 'kommunrapport.js');

export interface BuildRun extends RunResult {
  stats: BuildStats;
}

/** Runs `kommunrapport <args>` in a child process with plain (CI) output; throws unless it exits 0. */
export async function runCli(args: string[]): Promise<RunResult> {
  const result = await runMeasured(process.execPath, [CLI, ...args], { ...process.env, CI: '1' });
  if (result.code !== 0)
    throw new Error(`kommunrapport ${args.join(' ')} exited ${result.code}:\n${result.stderr.slice(-2000)}`);
  return result;
}

/** Runs `kommunrapport build …` and reads back the build's statistics. */
export async function runBuild(outputDir: string, args: string[]): Promise<BuildRun> {
  const result = await runCli(['build', '--output', outputDir, ...args]);
  const stats = JSON.parse(await readFile(lastBuildFile(outputDir), 'utf8')) as BuildStats;
  return { ...result, stats };
}

/** A fresh temporary folder. */
export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `kommunrapport-bench-${prefix}-`));
}

/**
 * Changes one municipality's row in an efficiency table: its grundskola potential and total
 * potential grow by 1 % of its total potential per step (a typical data correction).
 */
export async function changeOneRow(file: string, kommunkod: string, step: number): Promise<void> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const header = lines[0]!.split(',');
  const col = (name: string) => header.indexOf(name);
  const i = lines.findIndex((line) => line.startsWith(`${kommunkod},`));
  const cells = lines[i]!.split(',');
  const area = Number(cells[col('potential_grundskola_kr')]);
  const delta = Math.round(Number(cells[col('potential_kr')]) * 0.01 * step);
  cells[col('potential_grundskola_kr')] = String(area + delta);
  cells[col('potential_kr')] = String(Number(cells[col('potential_kr')]) + delta);
  lines[i] = cells.join(',');
  await writeFile(file, lines.join('\n'));
}

/** A copy of templates/ whose first theme has one more sentence. */
export async function changedTemplates(step: number): Promise<string> {
  const dir = await tempDir('templates');
  await cp(path.join(PROJECT_ROOT, 'templates'), dir, { recursive: true });
  const theme = path.join(dir, 'teman', '1-karnuppdraget.md');
  await writeFile(theme, `${await readFile(theme, 'utf8')}\nÄndring ${step} för mätningen.\n`);
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
