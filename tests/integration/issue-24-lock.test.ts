/**
 * Issue 24, point 1: the publish lock is exclusive across containers. Two publishers in two PID
 * namespaces (both node as pid 1, as in two containers sharing `output/`) never hold it at
 * once, and a lock whose lease is fresh is never broken, whoever it names.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SELF } from '../../pipeline/io/exclusive-lock.ts';
import { withPublishLock } from '../../pipeline/publish/publish-lock.ts';
import { bundlePublishLock } from '../helpers/publish-lock-bundle.ts';

const canUnshare =
  process.getuid?.() === 0 && spawnSync('unshare', ['--pid', '--fork', '--mount-proc', '--uts', 'true']).status === 0;

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the publish lock across containers', () => {
  it.runIf(canUnshare)(
    'keeps two publishers in two PID namespaces (both pid 1) apart',
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'kr-lock-ns-'));
      const log = path.join(dir, 'log');
      const bundle = await bundlePublishLock(dir);
      const script = path.join(dir, 'take.mjs');
      await writeFile(
        script,
        `
      import { appendFileSync } from 'node:fs';
      import { withPublishLock } from ${JSON.stringify(bundle)};
      const [dir, log, name, hold] = process.argv.slice(2);
      await withPublishLock(dir, async () => {
        appendFileSync(log, 'in ' + name + ' pid ' + process.pid + '\\n');
        await new Promise((r) => setTimeout(r, Number(hold)));
        appendFileSync(log, 'out ' + name + '\\n');
      }, 20000);
    `,
      );
      const container = (name: string, hold: number) =>
        spawn(
          'unshare',
          [
            '--pid',
            '--fork',
            '--mount-proc',
            '--uts',
            'sh',
            '-c',
            `hostname ${name} && exec "$0" "$@"`,
            process.execPath,
            script,
            dir,
            log,
            name,
            String(hold),
          ],
          { stdio: 'inherit' },
        );
      const a = container('container-a', 2500);
      await waitFor(async () => (await readFile(log, 'utf8').catch(() => '')).includes('in container-a'), 15_000);
      const b = container('container-b', 100);
      await Promise.all([a, b].map((child) => new Promise((resolve) => child.on('close', resolve))));
      const lines = (await readFile(log, 'utf8')).trim().split('\n');
      expect(lines).toEqual(['in container-a pid 1', 'out container-a', 'in container-b pid 1', 'out container-b']);
    },
    60_000,
  );

  it('never breaks a fresh lock of a holder in another container, even one naming our own pid', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kr-lock-sim-'));
    const file = path.join(dir, '.publish.lock');
    for (const pid of [process.pid, 1, spawnSync('true').pid!]) {
      const other = {
        host: 'another-container',
        boot: SELF.boot,
        pidns: 'pid:[4026599999]',
        pid,
        token: 'theirs',
        since: new Date().toISOString(),
      };
      await writeFile(file, JSON.stringify(other));
      await expect(
        withPublishLock(dir, async () => 'ran', 600),
        `pid ${pid}`,
      ).rejects.toThrow(/another kommunrapport process \(pid \d+ on host another-container\) is publishing/);
      expect(JSON.parse(await readFile(file, 'utf8')).token).toBe('theirs');
    }
  });

  it('takes over a lock whose holder stopped renewing its lease', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kr-lock-sim-'));
    const file = path.join(dir, '.publish.lock');
    await writeFile(
      file,
      JSON.stringify({ host: 'gone-container', boot: SELF.boot, pidns: 'pid:[4026599999]', pid: 1, token: 'theirs' }),
    );
    const old = new Date(Date.now() - 61_000);
    await utimes(file, old, old);
    expect(await withPublishLock(dir, async () => 'ran', 600)).toBe('ran');
  });

  it('renews the lease while held, so a long publish keeps its lock', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kr-lock-lease-'));
    const events: string[] = [];
    const first = withPublishLock(
      dir,
      async () => {
        events.push('in 1');
        await new Promise((resolve) => setTimeout(resolve, 1500));
        events.push('out 1');
      },
      5000,
      400,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Another process (simulated: its own queue is bypassed through a differently spelled
    // path would still share ours, so a child process takes the second turn).
    const bundleDir = await mkdtemp(path.join(os.tmpdir(), 'kr-lock-lease-b-'));
    const bundle = await bundlePublishLock(bundleDir);
    const child = spawn(process.execPath, [
      '--input-type=module',
      '-e',
      `
      import { withPublishLock } from ${JSON.stringify(bundle)};
      await withPublishLock(${JSON.stringify(dir)}, async () => console.log('in 2 ' + Date.now()), 10000, 400);
    `,
    ]);
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    await first;
    const released = Date.now();
    await new Promise((resolve) => child.on('close', resolve));
    expect(events).toEqual(['in 1', 'out 1']);
    expect(Number(/in 2 (\d+)/.exec(out)?.[1])).toBeGreaterThanOrEqual(released - 50);
  }, 30_000);
});
