/**
 * The server against a real edition: static serving rules, traversal attempts, on-demand
 * regeneration after a data change (one render for many concurrent requests), the queue
 * limit and the token-protected regenerate endpoint.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReports, prepareEdition, type Edition } from '../../pipeline/run/index.ts';
import { PROJECT_ROOT } from '../../pipeline/config.ts';
import { formatNumber } from '../../pipeline/format/index.ts';
import { publishSite } from '../../pipeline/publish/index.ts';
import { startServer, type RunningServer } from '../../pipeline/serve/index.ts';
import { tempConfig } from '../helpers/temp-config.ts';

const TOKEN = 'test-token-7f3a';
let edition: Edition;
let server: RunningServer;

beforeAll(async () => {
  // The data change below must not touch the repository's data/.
  const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'kommunrapport-data-')), 'data');
  await cp(path.join(PROJECT_ROOT, 'data'), dataDir, { recursive: true });
  const config = await tempConfig({ dataDir });
  edition = await prepareEdition(config);
  await buildReports(edition, { codes: ['0160', '0180', '1280'] });
  await publishSite(edition);
  server = await startServer({ config, edition, port: 0, token: TOKEN, limits: { watchIntervalMs: 100 } });
});

afterAll(async () => {
  await server?.close();
});

/** A raw request: `fetch` would normalise `..` and backslashes before sending them. */
function raw(
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path: target, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const sha = (bytes: ArrayBuffer | Buffer) =>
  createHash('sha256')
    .update(Buffer.from(bytes as ArrayBuffer))
    .digest('hex');

describe('static serving', () => {
  it('sends types, validators and cache headers, answers 304, HEAD and 405', async () => {
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('public, max-age=60');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(index.headers.get('content-encoding')).toBe('gzip');
    expect(index.headers.get('vary')).toBe('Accept-Encoding');
    expect(await index.text()).toContain('<html lang="sv">');
    const plain = await raw('GET', '/index.html');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(plain.body));
    const etag = plain.headers.etag as string;
    const lastModified = index.headers.get('last-modified')!;
    expect((await raw('GET', '/', { 'If-None-Match': etag })).status).toBe(304);
    expect(
      (await raw('GET', '/', { 'If-None-Match': index.headers.get('etag')!, 'Accept-Encoding': 'gzip' })).status,
    ).toBe(304);
    const notModified = await raw('GET', '/', { 'If-Modified-Since': lastModified });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBe('');
    const head = await raw('HEAD', '/pdf/0160-taby.pdf');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('application/pdf');
    expect(head.headers['cache-control']).toBe('public, max-age=3600');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(10_000);
    expect(head.body).toBe('');
    const put = await raw('PUT', '/index.html');
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD');
    const folder = await raw('GET', '/kommun/0160-taby');
    expect([folder.status, folder.headers.location]).toEqual([301, '0160-taby/']);
    expect(server.stats.renders).toBe(0);
  });

  it.each([
    '/../../secret.txt',
    '/kommun/../../../secret.txt',
    '/%2e%2e/%2e%2e/secret.txt',
    '/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/%252e%252e/%252e%252e/secret.txt',
    '/..%5c..%5csecret.txt',
    '/..\\..\\secret.txt',
    '/.site-state.json',
    '/kommun/0160-taby/../../../../secret.txt',
    '/etc/passwd',
  ])('answers 404 to %s without leaking paths', async (target) => {
    await writeFile(path.join(edition.config.outputDir, 'secret.txt'), 'SECRET');
    const res = await raw('GET', target);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('SECRET');
    expect(res.body).not.toContain(edition.config.outputDir);
    expect(res.body).not.toMatch(/\/tmp|node:|at /);
  });

  it('refuses oversized headers and request bodies', async () => {
    expect((await raw('GET', '/', { 'X-Big': 'x'.repeat(20_000) })).status).toBe(431);
    expect(
      (
        await raw(
          'POST',
          '/api/rapporter/0160/regenerate',
          { 'Content-Length': '5000', Authorization: `Bearer ${TOKEN}` },
          'x'.repeat(5000),
        )
      ).status,
    ).toBe(413);
  });
});

describe('on-demand regeneration', () => {
  it('regenerates a report whose data row changed since it was printed', async () => {
    const before = await fetch(`${server.url}pdf/0160-taby.pdf`);
    const beforeHash = sha(await before.arrayBuffer());
    const csv = path.join(edition.config.dataDir, 'kommuner.csv');
    const text = await readFile(csv, 'utf8');
    await writeFile(
      csv,
      text
        .replace(/^(0160,Täby,.*),75137,2022$/m, '$1,80123,2022')
        .replace(/^(0180,Stockholm,.*),984748,2022$/m, '$1,990001,2022'),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    const after = await fetch(`${server.url}pdf/0160-taby.pdf`);
    expect(after.status).toBe(200);
    expect(after.headers.get('content-type')).toBe('application/pdf');
    expect(sha(await after.arrayBuffer())).not.toBe(beforeHash);
    expect(server.stats.renders).toBe(1);
    const page = await (await fetch(`${server.url}kommun/0160-taby/`)).text();
    expect(page).toContain(`${formatNumber(80_123)} invånare`);
    expect(server.stats.renders).toBe(1);
  });

  it('renders a stale report once for ten concurrent requests', async () => {
    const renders = server.stats.renders;
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        fetch(`${server.url}${i % 2 ? 'pdf/0180-stockholm.pdf' : 'kommun/0180-stockholm/'}`),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const pages = await Promise.all(responses.filter((_, i) => i % 2 === 0).map((r) => r.text()));
    for (const page of pages) expect(page).toContain(`${formatNumber(990_001)} invånare`);
    expect(server.stats.renders).toBe(renders + 1);
  });

  it('answers 503 with Retry-After when the render queue is full', async () => {
    const full = await startServer({ config: edition.config, edition, port: 0, limits: { maxWaitingRenders: 0 } });
    try {
      const res = await fetch(`${full.url}kommun/0114-upplands-vasby/`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('10');
    } finally {
      await full.close();
    }
  });
});

describe('regenerate endpoint', () => {
  const endpoint = '/api/rapporter/1280/regenerate';

  it('refuses a missing or wrong token and other methods', async () => {
    const missing = await raw('POST', endpoint);
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await raw('POST', endpoint, { Authorization: 'Bearer wrong' })).status).toBe(403);
    expect((await raw('POST', endpoint, { Authorization: `Basic ${TOKEN}` })).status).toBe(401);
    expect((await raw('GET', endpoint, { Authorization: `Bearer ${TOKEN}` })).status).toBe(405);
    expect((await raw('POST', '/api/rapporter/9999/regenerate', { Authorization: `Bearer ${TOKEN}` })).status).toBe(
      404,
    );
  });

  it('rebuilds the report with the right token', async () => {
    const renders = server.stats.renders;
    const res = await raw('POST', endpoint, { Authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ kommunkod: '1280', status: 'rendered' });
    expect(server.stats.renders).toBe(renders + 1);
    const manifest = (await (await fetch(`${server.url}manifest.json`)).json()) as {
      reports: { kommunkod: string; generatedAt: string }[];
    };
    expect(manifest.reports.find((r) => r.kommunkod === '1280')!.generatedAt).toBe(JSON.parse(res.body).generatedAt);
  });

  it("rebuilds an unranked municipality's short report with the right token", async () => {
    // An unranked one (docs/method.md §3) has no row of the ranking: the build composes its short report.
    const code = edition.analysis.unranked?.[0]?.kommunkod;
    expect(code, 'the shipped edition has unranked municipalities').toBeDefined();
    const res = await raw('POST', `/api/rapporter/${code}/regenerate`, { Authorization: `Bearer ${TOKEN}` });
    expect(res.status, res.body).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ kommunkod: code, status: 'rendered' });
  });

  it('does not exist without KOMMUNRAPPORT_TOKEN', async () => {
    const off = await startServer({ config: edition.config, edition, port: 0 });
    try {
      const res = await fetch(`${off.url}api/rapporter/1280/regenerate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
