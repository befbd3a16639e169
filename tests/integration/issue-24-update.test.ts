/**
 * Issue 24, point 2: `data update` where users run it. A data folder that is a mount point,
 * a commit killed halfway (completed by the next reader), SIGTERM while fetching (exit 130 with
 * a message), a second updater (locked out), and hostile answers: huge, HTML, `NaN`, next_url
 * to another origin or to a file, one municipality sent twice with different values.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kpisToFetch } from '../../pipeline/update/index.ts';
import { metasFor, startStandIn, valuesFromDataDir, type Fault, type StandIn } from '../helpers/kolada-stand-in.ts';
import {
  cleanUp,
  copyData,
  DATA,
  tempDataFolder,
  hashDir,
  killMidCommitPreload,
  untilRequested,
  world,
} from '../helpers/kolada-world.ts';
import { runCli, startCli } from '../helpers/run-cli.ts';

const DISK = valuesFromDataDir(DATA);
const FETCHED = await kpisToFetch(DATA);
/** The fetched KPIs that the world below has 2023 values for (a forecast such as N02842 has none). */
const WRITTEN = FETCHED.filter((kpi) => DISK.get(kpi)?.has(2022));
const isRoot = process.getuid?.() === 0;

/** How many of the fetched KPI files already have a 2023 line. */
function filesWith2023(dataDir: string): number {
  return FETCHED.filter((kpi) =>
    readFileSync(
      path.join(dataDir, 'kolada', `ddf--datapoints--${kpi.toLowerCase()}--by--geo--year.csv`),
      'utf8',
    ).includes(',2023,'),
  ).length;
}

let tmp: string;
let dataDir: string;
let standIn: StandIn | undefined;
const mounted: string[] = [];

beforeEach(() => {
  ({ tmp, dataDir } = tempDataFolder('kr-update24-'));
});

afterEach(async () => {
  for (const dir of mounted.splice(0)) execFileSync('umount', [dir]);
  await cleanUp(tmp, standIn);
  standIn = undefined;
});

async function serve(faults: Fault[] = []) {
  standIn = await startStandIn({ values: world(DISK), metas: metasFor(DISK.keys()), faults, pageSize: 2000 });
  return standIn;
}

const update = (args: string[] = [], env?: NodeJS.ProcessEnv) =>
  runCli(['data', 'update', '--data', dataDir, '--api-url', standIn!.url, '--year', '2023', ...args], {
    timeoutMs: 120_000,
    env,
  });

describe('data update where users run it (issue 24)', () => {
  it.runIf(isRoot)('succeeds when the data folder is a mount point (a volume)', async () => {
    rmSync(dataDir, { recursive: true });
    mkdirSync(dataDir);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dataDir]);
    mounted.push(dataDir);
    copyData(dataDir);
    await serve();
    const result = await update();
    expect(result.stderr).not.toMatch(/EXDEV|ERROR/);
    expect(result.code).toBe(0);
    expect(filesWith2023(dataDir)).toBe(WRITTEN.length);
    expect(readdirSync(tmp)).toEqual(['data']); // nothing staged beside the volume
  });

  it('completes a commit killed halfway (kill -9) before anything reads the data folder', async () => {
    await serve();
    // A faithful kill -9: the process SIGKILLs itself just before its third rename into data/.
    const preload = killMidCommitPreload(tmp, 3);
    const killed = await update([], { NODE_OPTIONS: `--require ${preload}` });
    expect(killed.signal).toBe('SIGKILL');
    expect(filesWith2023(dataDir)).toBe(2); // half-updated on disk, as the probe found
    // The next reader (analyse, build, serve call this first) completes it.
    const { completeInterruptedUpdate } = await import('../../pipeline/update/commit-update.ts');
    expect(await completeInterruptedUpdate(dataDir)).toBe(WRITTEN.length + 2 - 2);
    expect(filesWith2023(dataDir)).toBe(WRITTEN.length);
    expect(existsSync(path.join(dataDir, 'kolada', 'provenance.json'))).toBe(true);
    expect(readFileSync(path.join(dataDir, 'kommuner.csv'), 'utf8').split(/\r?\n/)[1]).toMatch(/,2023$/);
    expect(existsSync(path.join(dataDir, '.kolada-update', 'journal.json'))).toBe(false);
  });

  it('a second run also completes the interrupted commit first, and says so', async () => {
    await serve();
    const preload = killMidCommitPreload(tmp, 5);
    expect((await update([], { NODE_OPTIONS: `--require ${preload}` })).signal).toBe('SIGKILL');
    const again = await update(['--dry-run']);
    expect(again.stderr).toMatch(
      /Completed the commit an interrupted update had begun \(\d+ file\(s\) moved into place\)/,
    );
    expect(again.code).toBe(0);
    expect(filesWith2023(dataDir)).toBe(WRITTEN.length);
  });

  it('SIGTERM while fetching exits 130 with a message and leaves the data folder as it was', async () => {
    await serve([{ match: /page=2/, kind: 'stall' }]);
    const before = hashDir(dataDir);
    const run = startCli(
      ['data', 'update', '--data', dataDir, '--api-url', standIn!.url, '--year', '2023', '--timeout', '60'],
      { timeoutMs: 60_000 },
    );
    await untilRequested(standIn!, /page=2/);
    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/Interrupted \(SIGTERM\)/);
    expect(result.stderr).toMatch(/ERROR Interrupted: the update was stopped before anything in .*data was changed/);
    expect(hashDir(dataDir)).toBe(before);
  });

  it('locks out a second updater of the same data folder', async () => {
    await serve([{ match: /page=2/, kind: 'stall' }]);
    const first = startCli(
      ['data', 'update', '--data', dataDir, '--api-url', standIn!.url, '--year', '2023', '--timeout', '60'],
      { timeoutMs: 60_000 },
    );
    await untilRequested(standIn!, /page=2/);
    const second = await update(['--retries', '0']);
    first.child.kill('SIGTERM');
    await first.done;
    expect(second.stderr).toMatch(/ERROR Cannot update .*data: another `kommunrapport data update` is updating it/);
    expect(second.code).toBe(3);
  });

  const hostile: { name: string; fault: Fault; message: RegExp; requests?: number }[] = [
    {
      name: 'an answer of 1.4 GB (Content-Length)',
      fault: { match: /page=2/, kind: 'huge', bytes: 1.4 * 1024 ** 3 },
      message: /page=2&per_page=2000: the answer is larger than 64 MB \(Content-Length 1\.4 GB\)/,
      requests: 1,
    },
    {
      name: 'an answer of 200 MB without Content-Length',
      fault: { match: /page=2/, kind: 'huge-chunked' },
      message: /page=2&per_page=2000: the answer is larger than 64 MB \(more than 64 MB read\)/,
      requests: 1,
    },
    {
      name: 'an HTML maintenance page',
      fault: { match: /page=2/, kind: 'html' },
      message:
        /page=2&per_page=2000: the answer is HTML, not JSON \(text\/html; charset=utf-8; starts "<!DOCTYPE html>/,
    },
    {
      name: '`NaN`',
      fault: { match: /page=2/, kind: 'nan' },
      message: /page=2&per_page=2000: the answer is not JSON \(application\/json; starts "NaN"/,
      requests: 1,
    },
    {
      name: 'next_url to another host',
      fault: { match: /page=1|\/year\/2023$/, kind: 'foreign-next' },
      message:
        /`next_url` "http:\/\/kolada\.example\.invalid\/v3\/data\/kpi\/N00901\/year\/2023\?page=2" leaves http:\/\/127\.0\.0\.1:\d+; only pages of the API asked are followed/,
    },
    {
      name: 'next_url to a file',
      fault: { match: /\/data\/.*\/year\/2023$/, kind: 'file-next' },
      message: /`next_url` "file:\/\/\/etc\/passwd" leaves http:\/\/127\.0\.0\.1:\d+/,
    },
    {
      name: 'a municipality sent twice with different values',
      fault: { match: /\/data\//, kind: 'duplicate', times: 1 },
      message: /[NU]\d{5} 2023: municipality 0\d{3} sent twice with different values \([\d.]+ and [\d.]+\)/,
    },
  ];
  for (const { name, fault, message, requests } of hostile) {
    it(`exits 3 naming ${name}, the data folder unchanged`, async () => {
      await serve([fault]);
      const before = hashDir(dataDir);
      const rss = process.memoryUsage().rss;
      const result = await update(['--retries', '2']);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/network error|cut off/);
      expect(result.code).toBe(3);
      expect(hashDir(dataDir)).toBe(before);
      if (requests) {
        // Not retried: every faulty page was asked for once (two requests may be in flight at once).
        const hits = standIn!.log.filter((r) => fault.match.test(r.path)).map((r) => r.path);
        expect(hits.length, 'not retried').toBeGreaterThanOrEqual(requests);
        expect(hits.length, 'not retried').toBe(new Set(hits).size);
      }
      expect(process.memoryUsage().rss - rss).toBeLessThan(512 * 1024 ** 2);
    });
  }
});
