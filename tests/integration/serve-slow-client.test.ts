/**
 * A slow client (slowloris): a connection that sends part of its headers and then nothing is
 * answered 408 and closed after the server's headersTimeout, so it cannot hold a socket forever.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { prepareEdition } from '../../pipeline/run/index.ts';
import { startServer, type RunningServer } from '../../pipeline/serve/index.ts';
import { tempConfig } from '../helpers/temp-config.ts';

let server: RunningServer;

beforeAll(async () => {
  const config = await tempConfig();
  server = await startServer({ config, edition: await prepareEdition(config), port: 0 });
});

afterAll(async () => {
  await server?.close();
});

it('closes a connection that never finishes its headers, with 408, within ~12 s', async () => {
  const url = new URL(server.url);
  const started = Date.now();
  const result = await new Promise<{ status: string; ms: number }>((resolve) => {
    let status = '';
    const socket = connect(Number(url.port), url.hostname, () => socket.write('GET / HTTP/1.1\r\nHost: x\r\n'));
    socket.on('data', (chunk: Buffer) => (status ||= chunk.toString('latin1').split('\r\n')[0] ?? ''));
    socket.on('close', () => resolve({ status, ms: Date.now() - started }));
    setTimeout(() => {
      socket.destroy();
      resolve({ status: 'still open', ms: Date.now() - started });
    }, 25_000);
  });
  expect(result.status).toBe('HTTP/1.1 408 Request Timeout');
  expect(result.ms).toBeLessThan(13_000);
}, 40_000);
