/**
 * Caps on open connections, all clients together and per client address (issue 24): beyond
 * them a new connection gets a short 503 and is closed, before any request is read, so that
 * thousands of clients that never read cannot take the process to its file limit.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ServerLimits } from './server-limits.ts';

const REFUSAL =
  'HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 26\r\nRetry-After: 5\r\nConnection: close\r\n\r\nFör många anslutningar.\n';

/** Open connections now, for tests and the shutdown. */
export interface ConnectionCounts {
  total: () => number;
  from: (address: string) => number;
}

/** Counts `server`'s connections and refuses those over `limits`. */
export function guardConnections(
  server: Server,
  limits: Pick<ServerLimits, 'maxConnections' | 'maxConnectionsPerAddress'>,
): ConnectionCounts {
  const byAddress = new Map<string, number>();
  let total = 0;
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const mine = byAddress.get(address) ?? 0;
    if (total >= limits.maxConnections || mine >= limits.maxConnectionsPerAddress) {
      // Written directly: the HTTP parser has not read anything yet. The socket is destroyed
      // soon even if the client never reads the refusal.
      socket.end(REFUSAL);
      setTimeout(() => socket.destroy(), 1000).unref();
      return;
    }
    total += 1;
    byAddress.set(address, mine + 1);
    socket.once('close', () => {
      total -= 1;
      const left = (byAddress.get(address) ?? 1) - 1;
      if (left > 0) byAddress.set(address, left);
      else byAddress.delete(address);
    });
  });
  return { total: () => total, from: (address) => byAddress.get(address) ?? 0 };
}
