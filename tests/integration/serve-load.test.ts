/**
 * The server under a burst: 500 concurrent requests mixing fresh pages, stale reports,
 * missing files, traversal attempts and unknown methods. Nothing crashes, each stale report
 * renders once, memory stays bounded.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReports, prepareEdition, type Edition } from '../../pipeline/run/index.ts';
import { PROJECT_ROOT } from '../../pipeline/config.ts';
import { publishSite } from '../../pipeline/publish/index.ts';
import { startServer, type RunningServer } from '../../pipeline/serve/index.ts';
import { tempConfig } from '../helpers/temp-config.ts';

let edition: Edition;
let server: RunningServer;

beforeAll(async () => {
  const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'kommunrapport-load-')), 'data');
  await cp(path.join(PROJECT_ROOT, 'data'), dataDir, { recursive: true });
  edition = await prepareEdition(await tempConfig({ dataDir }));
  await buildReports(edition, { codes: ['0160', '0180', '1280'] });
  await publishSite(edition);
  server = await startServer({
    config: edition.config,
    edition,
    port: 0,
    // 500 concurrent connections from one address: above the default per-address cap (256), which
    // tests/integration/issue-24-serve.test.ts covers; here the subject is the load itself.
    limits: { maxWaitingRenders: 8, watchIntervalMs: 50, maxConnectionsPerAddress: 1000 },
  });
  // Make Stockholm and Malmö stale: their population changes after they were printed.
  const csv = path.join(dataDir, 'kommuner.csv');
  const text = await readFile(csv, 'utf8');
  await writeFile(
    csv,
    text
      .replace(/^(0180,Stockholm,.*),(\d+),2022$/m, '$1,990001,2022')
      .replace(/^(1280,Malmö,.*),(\d+),2022$/m, '$1,360001,2022'),
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
});

afterAll(async () => {
  await server?.close();
});

const TARGETS: [method: string, target: string, expected: number[]][] = [
  ['GET', '', [200]],
  ['GET', 'kommun/0160-taby/', [200]],
  ['HEAD', 'pdf/0160-taby.pdf', [200]],
  ['GET', 'pdf/0180-stockholm.pdf', [200, 503]],
  ['GET', 'kommun/1280-malmo/', [200, 503]],
  ['GET', 'finns/inte.html', [404]],
  ['GET', '%2e%2e/%2e%2e/etc/passwd', [404]],
  ['GET', 'kommun/..%252f..%252fpackage.json', [404]],
  ['DELETE', 'index.html', [405]],
];

describe('500 concurrent requests', () => {
  it('are all answered with the right status, each stale report renders once, memory stays bounded', async () => {
    const rssBefore = process.memoryUsage().rss;
    const requests = Array.from({ length: 500 }, (_, i) => TARGETS[i % TARGETS.length]!);
    const results = await Promise.all(
      requests.map(async ([method, target, expected]) => {
        const response = await fetch(new URL(target, server.url), { method });
        await response.arrayBuffer();
        return { target, status: response.status, ok: expected.includes(response.status) };
      }),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(server.stats.renders).toBe(2);
    // Still alive and serving after the burst.
    expect((await fetch(new URL('pdf/0180-stockholm.pdf', server.url))).status).toBe(200);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(400 * 1024 * 1024);
  });
});
