/**
 * The server against hostile and unlucky clients (issue 17): a pipelining flood on one socket
 * that never reads, Range requests for PDFs, a regeneration whose publish and print both fail
 * (Chromium cannot even be spawned), and a publish lock held by another process while a
 * visitor waits. Everything on 127.0.0.1 with bounded counts and times.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { chmod, cp, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReports, prepareEdition, type Edition } from '../../pipeline/run/index.ts';
import { PROJECT_ROOT } from '../../pipeline/config.ts';
import { BrowserSession } from '../../pipeline/print/index.ts';
import { publishSite } from '../../pipeline/publish/index.ts';
import { startServer, type RunningServer } from '../../pipeline/serve/index.ts';
import { tempConfig } from '../helpers/temp-config.ts';

let edition: Edition;
let server: RunningServer;
let pdfBytes: Buffer;
const PDF = '/pdf/0160-taby.pdf';
const PAGE = '/kommun/0160-taby/';
const failures: unknown[] = [];
const onFailure = (error: unknown) => failures.push(error);

beforeAll(async () => {
  process.on('unhandledRejection', onFailure);
  process.on('uncaughtException', onFailure);
  const config = await tempConfig();
  edition = await prepareEdition(config);
  await buildReports(edition, { codes: ['0160'] });
  await publishSite(edition);
  pdfBytes = await readFile(path.join(config.outputDir, 'pdf', '0160-taby.pdf'));
  server = await startServer({ config, edition, port: 0, limits: { watchIntervalMs: 60_000 } });
});

afterAll(async () => {
  await server?.close();
  process.off('unhandledRejection', onFailure);
  process.off('uncaughtException', onFailure);
});

/** One request on a connection of its own (no keep-alive: the descriptor counts stay honest). */
function get(
  base: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; ms: number }> {
  const url = new URL(base);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: 'GET', path: target, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: Buffer.concat(chunks),
            ms: Date.now() - started,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const openFds = () => readdirSync('/proc/self/fd').length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('one connection cannot exhaust the server', () => {
  it('bounds descriptors and memory under 3 000 pipelined PDF requests on a socket that never reads, and serves others meanwhile', async () => {
    // Let the first requests' lazy work (gzip cache, site state) settle before the baseline.
    await get(server.url, PDF);
    await get(server.url, '/');
    await sleep(200);
    const baseFds = openFds();
    const baseRss = process.memoryUsage().rss;
    const url = new URL(server.url);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.pause(); // never read: the responses pile up on the server's side
    socket.write(`GET ${PDF} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`.repeat(3000));
    let maxFds = 0;
    let maxRss = 0;
    const others: number[] = [];
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      maxFds = Math.max(maxFds, openFds());
      maxRss = Math.max(maxRss, process.memoryUsage().rss);
      const other = await get(server.url, '/index.html');
      others.push(other.status);
      expect(other.ms).toBeLessThan(5000);
      await sleep(100);
    }
    const pdf = await get(server.url, PDF);
    expect(pdf.status).toBe(200);
    expect(pdf.body.equals(pdfBytes)).toBe(true);
    expect(others.every((status) => status === 200)).toBe(true);
    expect(maxFds - baseFds).toBeLessThan(64);
    expect((maxRss - baseRss) / 2 ** 20).toBeLessThan(150);

    socket.destroy();
    let fds = openFds();
    for (let i = 0; i < 50 && fds > baseFds + 2; i += 1) {
      await sleep(100);
      fds = openFds();
    }
    expect(fds).toBeLessThanOrEqual(baseFds + 2);
  }, 60_000);
});

describe('Range requests for PDFs', () => {
  const size = () => pdfBytes.length;

  it('advertises Accept-Ranges and answers a single range with 206', async () => {
    const full = await get(server.url, PDF);
    expect(full.headers['accept-ranges']).toBe('bytes');
    const first = await get(server.url, PDF, { Range: 'bytes=0-99' });
    expect(first.status).toBe(206);
    expect(first.headers['content-range']).toBe(`bytes 0-99/${size()}`);
    expect(Number(first.headers['content-length'])).toBe(100);
    expect(first.body.equals(pdfBytes.subarray(0, 100))).toBe(true);
    const tail = await get(server.url, PDF, { Range: 'bytes=-50' });
    expect(tail.status).toBe(206);
    expect(tail.headers['content-range']).toBe(`bytes ${size() - 50}-${size() - 1}/${size()}`);
    expect(tail.body.equals(pdfBytes.subarray(size() - 50))).toBe(true);
    const open = await get(server.url, PDF, { Range: `bytes=${size() - 10}-` });
    expect(open.status).toBe(206);
    expect(open.body.equals(pdfBytes.subarray(size() - 10))).toBe(true);
    const beyondEnd = await get(server.url, PDF, { Range: `bytes=${size() - 10}-${size() + 1000}` });
    expect(beyondEnd.status).toBe(206);
    expect(beyondEnd.body.length).toBe(10);
  });

  it('answers an unsatisfiable range with 416, a multi-range or a stale If-Range with the full body', async () => {
    const unsatisfiable = await get(server.url, PDF, { Range: `bytes=${size()}-` });
    expect(unsatisfiable.status).toBe(416);
    expect(unsatisfiable.headers['content-range']).toBe(`bytes */${size()}`);
    const multi = await get(server.url, PDF, { Range: 'bytes=0-9,20-29' });
    expect(multi.status).toBe(200);
    expect(multi.body.equals(pdfBytes)).toBe(true);
    const stale = await get(server.url, PDF, { Range: 'bytes=0-9', 'If-Range': '"not-the-etag"' });
    expect(stale.status).toBe(200);
    expect(stale.body.length).toBe(size());
    const etag = (await get(server.url, PDF)).headers.etag as string;
    const current = await get(server.url, PDF, { Range: 'bytes=0-9', 'If-Range': etag });
    expect(current.status).toBe(206);
    const garbage = await get(server.url, PDF, { Range: 'pages=1-2' });
    expect(garbage.status).toBe(200);
  });
});

describe('a server that does not die', () => {
  it('answers, and remembers, a regeneration whose publish fails early and whose browser cannot be spawned', async () => {
    // A copy of the site whose report is stale (no record), whose site templates are broken
    // (publish fails before the print does) and whose "Chromium" cannot be executed (EACCES).
    const root = await mkdtemp(path.join(os.tmpdir(), 'kr-hardening-'));
    const outputDir = path.join(root, 'output');
    const templatesDir = path.join(root, 'templates');
    await cp(edition.config.outputDir, outputDir, { recursive: true, verbatimSymlinks: true });
    await cp(path.join(PROJECT_ROOT, 'templates'), templatesDir, { recursive: true });
    const config = { ...edition.config, outputDir, templatesDir };
    const broken = await prepareEdition(config);
    await rm(path.join(outputDir, '.cache', 'reports', '0160.json'));
    await writeFile(path.join(templatesDir, 'site', 'index.hbs'), '{{#if broken}} never closed');
    const notExecutable = path.join(root, 'chromium');
    await writeFile(notExecutable, '#!/bin/sh\nexit 1\n');
    await chmod(notExecutable, 0o644);
    const session = new BrowserSession({ executablePath: notExecutable, recycleAfter: 0, timeoutMs: 10_000 });
    const unlucky = await startServer({
      config,
      edition: broken,
      port: 0,
      session,
      limits: { watchIntervalMs: 60_000 },
    });
    try {
      const before = failures.length;
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const res = await get(unlucky.url, PAGE);
        statuses.push(res.status);
        if (res.status === 503) expect(res.headers['retry-after']).toMatch(/^\d+$/);
        else expect(res.body.toString()).toContain('Täby');
        expect(res.ms).toBeLessThan(30_000);
      }
      await sleep(500);
      expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
      // One attempt, then the failure is remembered for a while instead of retried per request.
      expect(unlucky.stats.jobs).toBe(1);
      expect(failures.slice(before)).toEqual([]);
      expect((await get(unlucky.url, '/index.html')).status).toBe(200);
    } finally {
      await unlucky.close();
      await session.close();
    }
  }, 90_000);
});

describe('locks never outlast a request', () => {
  it('answers a visitor within a bounded time while another process holds the publish lock', async () => {
    const lock = path.join(edition.config.outputDir, 'sites', '.publish.lock');
    // A live process that is not us (vitest's main process) holds the lock.
    await writeFile(lock, String(process.ppid));
    await rm(path.join(edition.config.outputDir, '.cache', 'reports', '0160.json'));
    try {
      const res = await get(server.url, PAGE);
      expect([200, 503]).toContain(res.status);
      expect(res.ms).toBeLessThan(40_000);
      if (res.status === 200) expect(res.body.toString()).toContain('Täby');
    } finally {
      await rm(lock, { force: true });
    }
  }, 90_000);
});

describe('manifest hashes', () => {
  it('lists the SHA-256 of each published PDF, as sha256sum computes it', async () => {
    // Read from one edition folder: a regeneration left running by the test above may
    // publish a newer edition at any moment.
    const site = await realpath(path.join(edition.config.outputDir, 'site'));
    const manifest = JSON.parse(await readFile(path.join(site, 'manifest.json'), 'utf8')) as {
      reports: { kommunkod: string; sha256: string; bytes: number; pdf: string }[];
    };
    expect(manifest.reports.length).toBeGreaterThan(0);
    for (const entry of manifest.reports) {
      const bytes = await readFile(path.join(site, entry.pdf));
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(entry.bytes).toBe(bytes.length);
    }
  });
});
