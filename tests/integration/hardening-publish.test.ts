/**
 * Publishing and writing under concurrency and failing disks (issue 17): the publish lock is
 * taken by exactly one process when stale, a lock naming our own pid (a restarted container)
 * is stale, an edition published while a build rewrites PDFs is consistent, the manifests'
 * `sha256` is the file's SHA-256, and a failed write leaves no temporary file behind.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, realpath, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReports, prepareEdition, writeManifest, type Edition } from '../../pipeline/run/index.ts';
import { writeFileAtomic } from '../../pipeline/io/write-atomic.ts';
import { publishSite } from '../../pipeline/publish/index.ts';
import { withPublishLock } from '../../pipeline/publish/publish-lock.ts';
import { tempConfig } from '../helpers/temp-config.ts';
import { bundlePublishLock } from '../helpers/publish-lock-bundle.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
let edition: Edition;

beforeAll(async () => {
  edition = await prepareEdition(await tempConfig());
  await buildReports(edition, { codes: ['0160', '0180'] });
}, 180_000);

describe('manifest hashes', () => {
  it('writes the SHA-256 of each PDF into output/manifest.json', async () => {
    const { outputDir } = edition.config;
    await writeManifest(outputDir, 'test');
    const manifest = JSON.parse(await readFile(path.join(outputDir, 'manifest.json'), 'utf8')) as {
      reports: { sha256: string; bytes: number; pdf: string }[];
    };
    expect(manifest.reports).toHaveLength(2);
    for (const entry of manifest.reports) {
      const bytes = await readFile(path.join(outputDir, entry.pdf));
      expect(entry.sha256).toBe(sha256(bytes));
      expect(entry.bytes).toBe(bytes.length);
    }
  });
});

describe('a consistent edition while a build runs', () => {
  it('never publishes a page whose manifest entry does not describe the PDF it links', async () => {
    const { outputDir } = edition.config;
    // A build in progress: it has renamed a new PDF into place (same size, other bytes) and
    // not yet written its record.
    const file = path.join(outputDir, 'pdf', '0180-stockholm.pdf');
    const bytes = await readFile(file);
    const changed = Buffer.from(bytes);
    changed[changed.length - 2] = changed[changed.length - 2] === 0x20 ? 0x0a : 0x20;
    await writeFile(path.join(outputDir, 'pdf', 'next.tmp'), changed);
    execFileSync('mv', [path.join(outputDir, 'pdf', 'next.tmp'), file]);
    try {
      const result = await publishSite(edition);
      const site = await realpath(path.join(outputDir, 'site'));
      expect(result.siteDir).toBe(site);
      const manifest = JSON.parse(await readFile(path.join(site, 'manifest.json'), 'utf8')) as {
        reports: { kommunkod: string; sha256: string; contentHash: string; bytes: number; pdf: string; page: string }[];
      };
      expect(manifest.reports.map((r) => r.kommunkod)).toContain('0160');
      for (const entry of manifest.reports) {
        const pdf = await readFile(path.join(site, entry.pdf));
        expect(entry.sha256, entry.kommunkod).toBe(sha256(pdf));
        expect(entry.bytes, entry.kommunkod).toBe(pdf.length);
        const page = await readFile(path.join(site, entry.page, 'index.html'), 'utf8');
        expect(page, entry.kommunkod).toContain(entry.pdf.split('/').pop());
      }
    } finally {
      await writeFile(file, bytes);
    }
  }, 60_000);
});

describe('briefs checked by hash like reports (issue 24)', () => {
  it('never lists a brief whose linked file is not the one its hash describes', async () => {
    const { outputDir } = edition.config;
    // A build has renamed a new brief into place and not yet written its record.
    const file = path.join(outputDir, 'pdf', 'kort', '0180-stockholm.pdf');
    const bytes = await readFile(file);
    const changed = Buffer.from(bytes);
    changed[changed.length - 2] = changed[changed.length - 2] === 0x20 ? 0x0a : 0x20;
    await writeFile(path.join(outputDir, 'pdf', 'kort', 'next.tmp'), changed);
    execFileSync('mv', [path.join(outputDir, 'pdf', 'kort', 'next.tmp'), file]);
    try {
      await publishSite(edition);
      const site = await realpath(path.join(outputDir, 'site'));
      const manifest = JSON.parse(await readFile(path.join(site, 'manifest.json'), 'utf8')) as {
        reports: { kommunkod: string; kort?: { pdf: string; contentHash: string } }[];
      };
      const stockholm = manifest.reports.find((r) => r.kommunkod === '0180')!;
      if (stockholm.kort)
        expect(sha256(await readFile(path.join(site, stockholm.kort.pdf)))).toBe(stockholm.kort.contentHash);
      else await expect(readFile(path.join(site, 'pdf', 'kort', '0180-stockholm.pdf'))).rejects.toThrow(/ENOENT/);
      const taby = manifest.reports.find((r) => r.kommunkod === '0160')!;
      expect(sha256(await readFile(path.join(site, taby.kort!.pdf)))).toBe(taby.kort!.contentHash);
    } finally {
      await writeFile(file, bytes);
    }
  }, 60_000);
});

describe('the publish lock', () => {
  it('treats a lock naming our own pid (a restarted container) as stale', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kr-lock-'));
    await writeFile(path.join(dir, '.publish.lock'), String(process.pid));
    const started = Date.now();
    expect(await withPublishLock(dir, async () => 'ran', 3000)).toBe('ran');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('treats a lock naming a live pid from another boot as stale', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kr-lock-'));
    await writeFile(path.join(dir, '.publish.lock'), `${process.ppid} 00000000-0000-0000-0000-000000000000\n`);
    expect(await withPublishLock(dir, async () => 'ran', 3000)).toBe('ran');
  });

  it('keeps a lock of a live process on this boot and gives up after the wait', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kr-lock-'));
    const boot = (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim();
    await writeFile(path.join(dir, '.publish.lock'), `${process.ppid} ${boot}\n`);
    await expect(withPublishLock(dir, async () => 'ran', 500)).rejects.toThrow(/another kommunrapport process/);
  });

  it('lets exactly one of several publishers take a stale lock at a time (one process, the folder spelled differently)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kr-lock-race-'));
    const gone = spawnSync('true').pid!;
    const events: string[] = [];
    for (let round = 0; round < 30; round += 1) {
      await writeFile(path.join(dir, '.publish.lock'), String(gone));
      // Each spelling of the folder used to get a queue of its own: they met only at the file.
      // Start times a few ms apart interleave their file operations.
      await Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          await withPublishLock(
            `${dir}${'/.'.repeat(i)}`,
            async () => {
              events.push('in');
              await new Promise((resolve) => setTimeout(resolve, 5));
              events.push('out');
            },
            10_000,
          );
        }),
      );
    }
    expect(events).toHaveLength(480);
    expect(events.join(' ')).toBe(Array(240).fill('in out').join(' '));
  });

  it('lets exactly one of several processes take a stale lock at a time', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kr-lock-race-'));
    const log = path.join(dir, 'log');
    const gone = spawnSync('true').pid!;
    // Plain node children (no TypeScript loader) start fast enough to really race.
    const bundle = await bundlePublishLock(dir);
    const script = path.join(dir, 'take.mjs');
    await writeFile(
      script,
      `
      import { appendFileSync } from 'node:fs';
      import { withPublishLock } from ${JSON.stringify(bundle)};
      const [dir, log, at] = process.argv.slice(2);
      while (Date.now() < Number(at)) {}
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      await withPublishLock(dir, async () => {
        appendFileSync(log, 'in ' + process.pid + '\\n');
        await new Promise((r) => setTimeout(r, 30));
        appendFileSync(log, 'out ' + process.pid + '\\n');
      }, 20000);
    `,
    );
    for (let round = 0; round < 5; round += 1) {
      await writeFile(path.join(dir, '.publish.lock'), String(gone));
      const at = Date.now() + 1500;
      const children = Array.from({ length: 6 }, () =>
        spawn(process.execPath, [script, dir, log, String(at)], { stdio: 'inherit' }),
      );
      await Promise.all(children.map((child) => new Promise((resolve) => child.on('close', resolve))));
    }
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(60);
    let inside = 0;
    for (const line of lines) {
      inside += line.startsWith('in ') ? 1 : -1;
      expect(inside, lines.join(', ')).toBeLessThanOrEqual(1);
    }
  }, 120_000);
});

describe('failed writes', () => {
  it('removes the temporary file when a write fails (disk full)', async () => {
    const full = await mkdtemp(path.join(os.tmpdir(), 'kr-full-'));
    const root = process.getuid?.() === 0;
    if (!root) return; // needs a small tmpfs; as root the test always runs
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', full]);
    try {
      await mkdir(path.join(full, 'pdf'));
      const error = await writeFileAtomic(path.join(full, 'pdf', 'big.pdf'), Buffer.alloc(1024 * 1024, 1)).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(String((error as Error).message)).toContain(path.join(full, 'pdf', 'big.pdf'));
      expect(await readdir(path.join(full, 'pdf'))).toEqual([]);
    } finally {
      execFileSync('umount', [full]);
    }
  });
});
