/**
 * The CLI under unlucky conditions (issue 17): SIGTERM while `serve` regenerates a report, a
 * Chromium that cannot be launched, an unwritable output folder, commands started outside the
 * project folder, and municipalities renamed since the last build.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumProcesses, killChromium, runCli, stackLines, startCli } from '../helpers/run-cli.ts';

let out: string;
const TOKEN = 'hardening-token-42';

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'kr-hardening-cli-'));
  const built = await runCli(['build', '--output', out, '--kommun', '0160']);
  expect(built.code, built.stderr).toBe(0);
  const published = await runCli(['publish', '--output', out]);
  expect(published.code, published.stderr).toBe(0);
}, 180_000);

describe('serve shuts down gracefully', () => {
  it('answers the waiting client, closes Chromium and exits within a bounded time on SIGTERM during a regeneration', async () => {
    const run = startCli(['serve', '--output', out, '--port', '0'], {
      env: { KOMMUNRAPPORT_TOKEN: TOKEN },
      timeoutMs: 120_000,
    });
    try {
      const line = await run.waitForStderr(/^Serving .* at http:/);
      const url = /(http:\/\/\S+?\/)/.exec(line)![1]!;
      const answered = fetch(`${url}api/rapporter/0160/regenerate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}` },
      }).then(
        (res) => res.status,
        (error: Error) => `no answer: ${error.message}`,
      );
      // Chromium is being launched for the job: shut down now.
      for (let i = 0; i < 100 && chromiumProcesses(run.tmpdir).length === 0; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const signalled = Date.now();
      run.child.kill('SIGTERM');
      const result = await Promise.race([
        run.done,
        new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 30_000)),
      ]);
      expect(result, 'serve did not exit within 30 s of SIGTERM').not.toBe('hung');
      if (result === 'hung') return;
      expect(Date.now() - signalled).toBeLessThan(30_000);
      expect(result.code, `signal ${result.signal}\n${result.stderr}`).toBe(0);
      const answer = await answered;
      expect(typeof answer, `${answer}\n${result.stderr}`).toBe('number');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(chromiumProcesses(run.tmpdir)).toEqual([]);
    } finally {
      run.signalGroup('SIGKILL');
      killChromium(run.tmpdir);
    }
  }, 120_000);

  it('exits on SIGINT when idle', async () => {
    const run = startCli(['serve', '--output', out, '--port', '0'], { timeoutMs: 60_000 });
    try {
      await run.waitForStderr(/^Serving .* at http:/);
      // At once, as a script stopping the server would: the handler must already be in place.
      run.child.kill('SIGINT');
      const result = await run.done;
      expect(result.code, `signal ${result.signal}\n${result.stderr}`).toBe(0);
    } finally {
      run.signalGroup('SIGKILL');
    }
  }, 60_000);
});

describe('a Chromium that cannot be launched', () => {
  it.each([
    ['a missing file', async () => '/nonexistent/chromium'],
    [
      'a program that never answers',
      async () => {
        const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'kr-fake-chromium-')), 'chromium');
        // Answers `--version` (so the edition can be prepared) but never speaks the protocol.
        await writeFile(
          file,
          '#!/bin/sh\nif [ "$1" = --version ]; then echo "Chromium 999.0.0.0"; exit 0; fi\nexec sleep 600\n',
        );
        await chmod(file, 0o755);
        return file;
      },
    ],
  ])(
    'gives exit 5 with the README message and no stack for %s, within a bounded time',
    async (_, make) => {
      const started = Date.now();
      const result = await runCli(
        ['build', '--output', await mkdtemp(path.join(os.tmpdir(), 'kr-nochrome-')), '--kommun', '0160'],
        { env: { PUPPETEER_EXECUTABLE_PATH: await make() }, timeoutMs: 120_000 },
      );
      expect(result.code, result.stderr).toBe(5);
      expect(result.stderr).toContain('Failed to launch the browser process');
      expect(result.stderr).not.toContain('Internal error');
      expect(stackLines(result.stderr)).toEqual([]);
      expect(Date.now() - started).toBeLessThan(90_000);
      killChromium(result.tmpdir);
    },
    150_000,
  );
});

describe('an unwritable output folder', () => {
  const root = process.getuid?.() === 0;
  let ro: string;

  beforeAll(async () => {
    ro = await mkdtemp(path.join(os.tmpdir(), 'kr-readonly-'));
    // Root writes through permissions, so a read-only file system stands in for them.
    if (root) execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', ro]);
    else await chmod(ro, 0o555);
  });

  afterAll(async () => {
    if (root) execFileSync('umount', [ro]);
  });

  it.each([['build', '--kommun', '0160'], ['publish']])(
    'reports %s into it in one line with a documented exit code, without retrying',
    async (...args) => {
      const result = await runCli([...args, '--output', ro], { timeoutMs: 120_000 });
      expect(result.code, result.stderr).toBe(6);
      const errors = result.stderr.split('\n').filter((line) => line.startsWith('ERROR'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(ro);
      expect(errors[0]).toMatch(/EROFS|EACCES/);
      expect(result.stderr).not.toContain('Internal error');
      expect(result.stderr).not.toMatch(/attempts/);
      expect(stackLines(result.stderr)).toEqual([]);
      const readme = await readFile(path.join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
      expect(readme).toMatch(/^\| 6 \| .+\|$/m);
    },
    150_000,
  );
});

describe('commands resolve folders the same way from anywhere', () => {
  it('analyse honours KOMMUNRAPPORT_OUTPUT and finds data/ from another working directory', async () => {
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'kr-elsewhere-'));
    const target = path.join(elsewhere, 'custom-output');
    const result = await runCli(['analyse'], { cwd: elsewhere, env: { KOMMUNRAPPORT_OUTPUT: target } });
    expect(result.code, result.stderr).toBe(0);
    expect((await readFile(path.join(target, 'data', 'effektivitet.csv'), 'utf8')).split('\n')[0]).toContain(
      'kommunkod',
    );
    expect(await readdir(elsewhere)).toEqual(['custom-output']);
  }, 120_000);
});

describe('renamed municipalities', () => {
  it('removes and reports the outputs left under an old name', async () => {
    for (const [dir, ext] of [
      ['pdf', 'pdf'],
      ['md', 'md'],
      ['html', 'html'],
    ] as const) {
      await mkdir(path.join(out, dir), { recursive: true });
      await writeFile(path.join(out, dir, `0160-gamla-taby.${ext}`), 'old');
    }
    const result = await runCli(['build', '--output', out, '--kommun', '0160']);
    expect(result.code, result.stderr).toBe(0);
    for (const dir of ['pdf', 'md', 'html']) {
      const names = await readdir(path.join(out, dir));
      expect(names.filter((name) => name.includes('gamla'))).toEqual([]);
    }
    expect(result.stderr).toMatch(/0160-gamla-taby\.pdf/);
    expect(await readdir(path.join(out, 'pdf'))).toContain('0160-taby.pdf');
    await rm(path.join(out, 'html', 'nothing'), { force: true });
  }, 120_000);
});
