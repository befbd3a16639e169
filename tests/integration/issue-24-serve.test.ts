/**
 * Issue 24, point 3: bounded work per client in `serve`. Connections are capped per address and
 * in total (the refused get a 503 at once), a client that pipelines many requests and reads
 * gets every answer, open files go back to their idle level when clients leave, and every
 * request gets an access-log line in the combined log format without the bearer token.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareEdition } from '../../pipeline/run/index.ts';
import { startServer, type RunningServer } from '../../pipeline/serve/index.ts';
import { tempConfig } from '../helpers/temp-config.ts';

let server: RunningServer;
let port: number;
const accessLog: string[] = [];

beforeAll(async () => {
  const config = await tempConfig();
  // A published site of three files is all these tests read.
  const edition = path.join(config.outputDir, 'sites', '20260101T000000000Z-aaaaaa');
  await mkdir(edition, { recursive: true });
  await writeFile(path.join(edition, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(path.join(edition, 'small.txt'), 'liten\n');
  await writeFile(path.join(edition, 'big.pdf'), randomBytes(8 * 1024 * 1024));
  await symlink(path.relative(config.outputDir, edition), path.join(config.outputDir, 'site'));
  server = await startServer({
    config,
    edition: await prepareEdition(config),
    port: 0,
    token: 'hemlig-nyckel',
    limits: { maxConnections: 12, maxConnectionsPerAddress: 6, watchIntervalMs: 60_000 },
    accessLog: (line) => accessLog.push(line),
  });
  port = Number(new URL(server.url).port);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

/** A connection from `localAddress` that sends `request` and then reads nothing. */
function slowReader(localAddress: string, request = 'GET /big.pdf HTTP/1.1\r\nHost: x\r\n\r\n'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () => {
      socket.pause();
      socket.write(request);
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

/** Everything a connection from `localAddress` receives for `request` until the server closes it. */
function exchange(localAddress: string, request: string | Buffer, ms = 10_000): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () => socket.write(request));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    const done = () => resolve(Buffer.concat(chunks).toString('latin1'));
    socket.on('close', done);
    setTimeout(() => {
      socket.destroy();
      done();
    }, ms);
  });
}

const openFds = async () => (await readdir('/proc/self/fd')).length;
const until = async (check: () => boolean | Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await check()) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 25));
};

describe('serve under slow readers and pipelining (issue 24)', () => {
  it('answers every request of a client that pipelines 200 and reads', async () => {
    const request = 'GET /small.txt HTTP/1.1\r\nHost: x\r\n\r\n';
    const text = await exchange(
      '127.0.0.1',
      request.repeat(199) + request.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'),
    );
    expect(text.match(/HTTP\/1\.1 200 OK/g)?.length).toBe(200);
  });

  it('caps connections per address: the one over the cap gets 503 at once, other addresses are served', async () => {
    const idle = await openFds();
    const slow = await Promise.all(Array.from({ length: 6 }, () => slowReader('127.0.0.2')));
    await until(() => server.connections() === 6);
    const refused = await exchange('127.0.0.2', 'GET /small.txt HTTP/1.1\r\nHost: x\r\n\r\n', 3000);
    expect(refused).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n[\s\S]*Retry-After: 5/);
    const other = await exchange('127.0.0.3', 'GET /small.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(other).toMatch(/^HTTP\/1\.1 200 OK/);
    for (const socket of slow) socket.destroy();
    await until(() => server.connections() === 0);
    expect(server.connections()).toBe(0);
    // The files the slow readers held open are closed: back to the idle count.
    await until(async () => (await openFds()) <= idle + 2);
    expect(await openFds()).toBeLessThanOrEqual(idle + 2);
  });

  it('caps connections in total', async () => {
    const slow = (
      await Promise.all(
        ['127.0.0.4', '127.0.0.5'].map((address) => Promise.all(Array.from({ length: 6 }, () => slowReader(address)))),
      )
    ).flat();
    await until(() => server.connections() === 12);
    const refused = await exchange('127.0.0.6', 'GET /small.txt HTTP/1.1\r\nHost: x\r\n\r\n', 3000);
    expect(refused).toMatch(/^HTTP\/1\.1 503 Service Unavailable/);
    for (const socket of slow) socket.destroy();
    await until(() => server.connections() === 0);
  });

  it('writes one combined-log-format line per request, never the token, with control and bidi characters escaped', async () => {
    accessLog.length = 0;
    // A wrong token (403 at once); the header arrives as UTF-8 bytes, as curl sends it.
    await exchange(
      '127.0.0.1',
      Buffer.from(
        'POST /api/rapporter/0114/regenerate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer hemlig-fel\r\nUser-Agent: curl "8" \u202eevil\r\nReferer: https://example.se/\r\nConnection: close\r\n\r\n',
        'utf8',
      ),
    );
    await exchange('127.0.0.1', 'GET /small.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await until(() => accessLog.length >= 2);
    expect(accessLog.join('\n')).not.toContain('hemlig');
    expect(accessLog[1]).toMatch(
      /^127\.0\.0\.1 - - \[\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "GET \/small\.txt HTTP\/1\.1" 200 6 "-" "-"$/,
    );
    expect(accessLog[0]).toMatch(
      /^127\.0\.0\.1 - - \[.*\] "POST \/api\/rapporter\/0114\/regenerate HTTP\/1\.1" 403 \d+ "https:\/\/example\.se\/" "curl \\"8\\" \\u202eevil"$/,
    );
  });
});
