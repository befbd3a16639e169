/**
 * The command line without seams (issue 22, point 5), through the real CLI in a child process:
 * every command's `--help` exits 0, `help <cmd>`, `--version`, did-you-mean for a typo'd command,
 * `analyse`'s condensed notes, and progress while `build` analyses on a cold edition cache.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../pipeline/cli/main.ts';
import { PROJECT_ROOT } from '../../pipeline/config.ts';
import { runCli } from '../helpers/run-cli.ts';

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

describe('--help, help <command>, --version, a typo', () => {
  it.each(COMMAND_NAMES)('`%s --help` prints its usage on stdout and exits 0', async (name) => {
    const result = await runCli(name === 'data' ? ['data', 'update', '--help'] : [name, '--help']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: kommunrapport ${name}\\b`));
    expect(result.stdout).toMatch(/--\w/);
    const viaHelp = await runCli(['help', name]);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(result.stdout);
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`kommunrapport ${pkg.version}\n`);
  });

  it('a typo’d command gets a suggestion, once, and exit 2', async () => {
    const result = await runCli(['biuld', '--kommun', '0160']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^ERROR Unknown command “biuld”\. Did you mean “build”\?\n {2}hint: Commands: analyse, build/,
    );
    expect(result.stderr.match(/biuld/g)).toHaveLength(1);
  });

  it('a wrong option names the problem once and points to --help', async () => {
    const result = await runCli(['analyse', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr.match(/--bogus/g)).toHaveLength(1);
    expect(result.stderr).toMatch(/hint: See `kommunrapport analyse --help`\./);
  });
});

describe('analyse prints a short summary; --verbose lists every note', () => {
  it('condenses the left-out notes by default and lists them with --verbose', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'kr-cli-edges-'));
    temps.push(out);
    const short = await runCli(['analyse', '--bootstrap', '0', '--output', out]);
    expect(short.code, short.stderr).toBe(0);
    const info = short.stderr.split('\n').filter((l) => l.startsWith('INFO '));
    expect(info.length).toBeLessThanOrEqual(8);
    expect(short.stderr).toMatch(/^INFO yearly panel 2015–\d{4}, left out summed over the years: .*gymnasieskola \d+/m);
    expect(short.stderr).toMatch(/^INFO \d+ notes on left-out municipalities condensed above; --verbose lists each/m);
    expect(short.stdout).toMatch(/^Efficiency analysis \d{4}: wrote /);
    const verbose = await runCli(['analyse', '--bootstrap', '0', '--output', out, '--verbose']);
    expect(verbose.code, verbose.stderr).toBe(0);
    const lines = verbose.stderr.split('\n').filter((l) => l.startsWith('INFO '));
    // Every note one by one (the panel's left-out notes per year, area and reason: about 40 since
    // the panel builds its years as the ranking does, with fewer units left out), never condensed.
    expect(lines.length).toBeGreaterThan(30);
    expect(lines.length).toBeGreaterThan(info.length);
    expect(verbose.stderr).toMatch(/^INFO panel 20\d\d: gymnasieskola: \d+ municipalities left out \([a-z_]+\)/m);
    expect(verbose.stderr).not.toMatch(/condensed above/);
  });
});

describe('build on a cold edition cache reports the analysis as it goes', () => {
  it('prints why it analyses, then the DEA and bootstrap progress with an estimate, before the report', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'kr-cli-edges-'));
    temps.push(out);
    // A seed of its own: the shared test cache cannot have this edition, so the analysis runs.
    const seed = String(100_000 + (process.pid % 100_000));
    const result = await runCli(['build', '--kommun', '0160', '--output', out, '--bootstrap', '100', '--seed', seed], {
      timeoutMs: 170_000,
    });
    expect(result.code, result.stderr).toBe(0);
    const stderr = result.stderr;
    expect(stderr).toMatch(
      /^The data, model or settings changed since the last analysis: analysing before anything is printed/m,
    );
    expect(stderr).toMatch(/^DEA per area: 4\/4 areas \(100 %\), done in \d+ s$/m);
    expect(stderr).toMatch(/^Bootstrap intervals: \d+\/100 replicates \(\d+ %\), about \d+ s left$/m);
    expect(stderr).toMatch(/^Bootstrap intervals: 100\/100 replicates \(100 %\), done in \d+ s$/m);
    expect(stderr.indexOf('Bootstrap intervals: 100/100')).toBeLessThan(stderr.indexOf('rendered 0160 Täby'));
  }, 180_000);
});
