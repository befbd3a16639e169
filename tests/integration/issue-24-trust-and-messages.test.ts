/**
 * Issue 24, points 4 and 5 (the parts that need disk, processes or signals): a cached edition
 * that parses but is implausible is recomputed; a full publish does not replace the live site
 * with fewer pages unless allowed; ENOTDIR/ENAMETOOLONG/EISDIR are disk errors naming the path;
 * a bad browser path is a browser error naming it; a hanging browser's whole process group is
 * killed; SIGTERM during start-up exits 130 with a message; the print assets are not written
 * again when already in place (`serve` starts on a full disk).
 */
import { execFileSync, execSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEditionData } from '../../pipeline/run/edition-data.ts';
import { prepareEdition } from '../../pipeline/run/index.ts';
import { PROJECT_ROOT } from '../../pipeline/config.ts';
import { formatError } from '../../pipeline/cli/print-error.ts';
import { writeFileAtomic } from '../../pipeline/io/write-atomic.ts';
import { BrowserSession } from '../../pipeline/print/browser-session.ts';
import { publishSite } from '../../pipeline/publish/index.ts';
import { startCli } from '../helpers/run-cli.ts';
import { tempConfig } from '../helpers/temp-config.ts';

const DATA = path.join(PROJECT_ROOT, 'data');
const isRoot = process.getuid?.() === 0;

describe('trust nothing the build did not write itself', () => {
  it('recomputes a cached edition that parses but has empty tables', async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'kr-cache24-'));
    const first = await loadEditionData(DATA, cacheDir, 'test');
    expect(first.cached).toBe(false);
    const [file] = (await readdir(cacheDir)).filter((name) => name.startsWith('edition-data-'));
    const json = JSON.parse(await readFile(path.join(cacheDir, file!), 'utf8'));
    await writeFile(path.join(cacheDir, file!), JSON.stringify({ ...json, table: [], keyFigures: [] }));
    const second = await loadEditionData(DATA, cacheDir, 'test');
    expect(second.cached).toBe(false);
    expect(second.table.length + second.unranked.length).toBe(290);
    // Written without a schema version (an older or foreign writer): recomputed as well.
    const { schema: _schema, ...unversioned } = JSON.parse(await readFile(path.join(cacheDir, file!), 'utf8'));
    await writeFile(path.join(cacheDir, file!), JSON.stringify(unversioned));
    expect((await loadEditionData(DATA, cacheDir, 'test')).cached).toBe(false);
    expect((await loadEditionData(DATA, cacheDir, 'test')).cached).toBe(true);
  }, 180_000);

  it('refuses to replace a live edition of 2 report pages with one of 0, unless allowed', async () => {
    const config = await tempConfig();
    const live = path.join(config.outputDir, 'sites', '20260101T000000000Z-aaaaaa');
    await mkdir(live, { recursive: true });
    const page = (code: string) => ({
      modelKey: 'k',
      entry: { kommunkod: code, page: `kommun/${code}/`, pdf: `pdf/${code}.pdf` },
    });
    await writeFile(
      path.join(live, '.site-state.json'),
      JSON.stringify({
        version: 1,
        templatesHash: 'x',
        baseUrl: null,
        pages: { '0160': page('0160'), '0180': page('0180') },
      }),
    );
    await symlink(path.relative(config.outputDir, live), path.join(config.outputDir, 'site'));
    const edition = await prepareEdition(config);
    await expect(publishSite(edition)).rejects.toThrow(
      /Cannot publish: the new edition would have 0 report page\(s\), fewer than the 2 of the live edition; the live site is unchanged/,
    );
    expect(await readdir(path.join(config.outputDir, 'sites'))).toEqual(['20260101T000000000Z-aaaaaa']);
    const allowed = await publishSite(edition, { allowFewer: true });
    expect(allowed.pages).toBe(0);
  }, 300_000);
});

describe('every remaining message right', () => {
  it('reports ENOTDIR, ENAMETOOLONG and EISDIR as disk errors naming the path (exit 6)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kr-paths24-'));
    await writeFile(path.join(dir, 'a-file'), 'x');
    await mkdir(path.join(dir, 'a-folder'));
    const cases = [
      { file: path.join(dir, 'a-file', 'data', 'effektivitet.csv'), errno: 'ENOTDIR' },
      { file: path.join(dir, 'x'.repeat(300), 'effektivitet.csv'), errno: 'ENAMETOOLONG' },
      { file: path.join(dir, 'a-folder'), errno: 'EISDIR' },
    ];
    for (const { file, errno } of cases) {
      const error = await writeFileAtomic(file, 'x').catch((e: unknown) => e);
      const { text, code } = formatError(error, false);
      expect(code, errno).toBe(6);
      expect(text, errno).toContain(`ERROR Cannot write ${file}: `);
      expect(text, errno).toContain(`(${errno})`);
      expect(text, errno).not.toMatch(/Internal error|^\s+at /m);
    }
  });

  it('reports a browser path that is a folder or not executable as exit 5 naming the browser', async () => {
    for (const executablePath of ['/etc', '/etc/passwd']) {
      const session = new BrowserSession({ executablePath, recycleAfter: 0, timeoutMs: 5000, launchTimeoutMs: 5000 });
      const error = await session.withPage(async () => undefined).catch((e: unknown) => e);
      await session.close();
      const { text, code } = formatError(error, false);
      expect(code, executablePath).toBe(5);
      expect(text, executablePath).toContain(
        `Failed to launch the browser process ${executablePath}: it cannot be executed (EACCES`,
      );
      expect(text, executablePath).not.toContain('Cannot write');
    }
  }, 30_000);

  it('kills the whole process group of a browser that hangs at launch', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kr-hang24-'));
    const marker = `${Math.floor(Math.random() * 1e6) + 1000}.25`;
    const fake = path.join(dir, 'chromium');
    await writeFile(fake, `#!/bin/sh\nsleep ${marker}\n`);
    await chmod(fake, 0o755);
    const session = new BrowserSession({
      executablePath: fake,
      recycleAfter: 0,
      timeoutMs: 5000,
      launchTimeoutMs: 1000,
    });
    const started = Date.now();
    const error = await session.withPage(async () => undefined).catch((e: unknown) => e);
    await session.close();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(formatError(error, false).text).toMatch(
      /Failed to launch the browser process .*chromium: Chromium did not answer within 1 s/,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const left = execSync('ps -e -o args=', { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(`sleep ${marker}`));
    expect(left).toEqual([]);
  }, 30_000);

  it('exits 130 with a message on SIGTERM during start-up', async () => {
    const output = await mkdtemp(path.join(os.tmpdir(), 'kr-early24-'));
    const run = startCli(['build', '--kommun', '0160', '--output', output], { timeoutMs: 60_000 });
    // While the pipeline loads and the edition is prepared (seconds), before `build` listens
    // for signals itself; the ~0.1 s in which Node boots, before any of our code runs, cannot be.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(result.signal).toBeNull();
    expect(result.code).toBe(130);
    // Before `build` listens: "Interrupted (SIGTERM)"; on a warm cache it may already be printing.
    expect(result.stderr).toMatch(/Interrupted \(SIGTERM\)|Interrupted: finishing the reports in progress/);
  }, 60_000);

  it.runIf(isRoot)(
    'prepares an edition on a full disk when the print assets are already there',
    async () => {
      const config = await tempConfig();
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', config.outputDir]);
      try {
        await prepareEdition(config);
        // Fill the disk to the last byte.
        await writeFile(path.join(config.outputDir, 'filler'), Buffer.alloc(16 * 1024 * 1024)).catch(() => undefined);
        await expect(writeFile(path.join(config.outputDir, 'one-more'), 'x')).rejects.toThrow(/ENOSPC/);
        const again = await prepareEdition(config);
        expect(again.municipalities).toHaveLength(290);
      } finally {
        execFileSync('umount', [config.outputDir]);
      }
    },
    300_000,
  );
});
