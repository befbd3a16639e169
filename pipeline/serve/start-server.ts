/**
 * The website server. Plain `node:http`: serving static files plus one report check and one
 * API endpoint needs no framework, and every dependency fewer is one less to audit in a
 * process that faces the internet. Its limits are in server-limits.ts; its routes in
 * handle-request.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createSession, type Edition } from '../run/index.ts';
import type { PipelineConfig } from '../config.ts';
import type { BrowserSession } from '../print/index.ts';
import { formatAccessLogLine } from './access-log.ts';
import { guardConnections } from './connection-guard.ts';
import { EditionWatcher } from './edition-watcher.ts';
import { createRequestHandler } from './handle-request.ts';
import { ReportRegenerator, type RegenerationEvent, type RegenerationStats } from './report-regenerator.ts';
import { sendText } from './send-file.ts';
import { resolveServerLimits, type ServerLimits } from './server-limits.ts';

type Log = (level: 'info' | 'warn' | 'error', message: string, error?: unknown) => void;

/** Options of `startServer`. */
export interface ServerOptions {
  config: PipelineConfig;
  /** 0 picks a free port (tests). Default 8080. */
  port?: number;
  /** Default 127.0.0.1: expose it deliberately with `--host 0.0.0.0`. */
  host?: string;
  /** An edition already prepared from `config`. */
  edition?: Edition;
  /** A browser session to use (closed by `close()` only when the server created it). */
  session?: BrowserSession;
  /** Enables `POST /api/rapporter/<kod>/regenerate`; without it the endpoint does not exist. */
  token?: string;
  /** The server's limits over `DEFAULT_SERVER_LIMITS` (server-limits.ts). */
  limits?: Partial<ServerLimits>;
  /** Log lines for the CLI (the server itself never prints). */
  log?: Log;
  /** Receives one access-log line per request (combined log format, no newline). */
  accessLog?: (line: string) => void;
  /** Observes each regeneration (tests count renders through `stats` as well). */
  onRegeneration?: (event: RegenerationEvent) => void;
}

/** A running server. */
export interface RunningServer {
  url: string;
  stats: RegenerationStats;
  /** Open connections now (all clients). */
  connections: () => number;
  /**
   * Shuts down within a bounded time: stops accepting connections, lets the running
   * regeneration finish or aborts it, answers the requests still waiting, ends open
   * connections and closes the browser (when the server created it).
   */
  close(): Promise<void>;
}

/** The requests of one connection, in order. */
interface SocketQueue {
  tail: Promise<void>;
  pending: number;
  /** True while reading is paused because `maxPipelined` requests wait. */
  paused: boolean;
  closed: Promise<void>;
}

/** Requests in flight, and responses not yet ended (answered 503 if a shutdown finds them). */
interface InFlight {
  work: Set<Promise<void>>;
  waiting: Set<ServerResponse>;
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => (setTimeout(resolve, ms) as unknown as NodeJS.Timeout).unref());

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const limits = resolveServerLimits(options.limits);
  const log = options.log ?? (() => undefined);
  const { regenerator, session } = await startRegeneration(options, limits, log);
  let stopping = false;
  const handle = createRequestHandler({
    config: options.config,
    regenerator,
    limits,
    token: options.token,
    log,
    stopping: () => stopping,
  });
  const inFlight: InFlight = { work: new Set(), waiting: new Set() };
  const ordered = inOrderPerConnection(limits, inFlight, log, (req, res) => {
    if (stopping)
      return sendText(res, 503, 'Servern startas om, försök igen om en stund.', {
        'Retry-After': '10',
        Connection: 'close',
      });
    return handle(req, res);
  });
  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: 2_000,
    },
    (req, res) => {
      if (options.accessLog) logAccess(req, res, options.accessLog);
      ordered(req, res);
    },
  );
  server.timeout = limits.idleSocketTimeoutMs;
  const connections = guardConnections(server, limits);
  await listen(server, options.port ?? 8080, options.host ?? '127.0.0.1');
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}/`,
    stats: regenerator.stats,
    connections: connections.total,
    close: () => {
      stopping = true;
      closing ??= shutDown(server, regenerator, options.session ? undefined : session, inFlight, limits);
      return closing;
    },
  };
}

/** The edition watcher, the browser session and the regenerator of stale reports. */
async function startRegeneration(
  options: ServerOptions,
  limits: ServerLimits,
  log: Log,
): Promise<{ regenerator: ReportRegenerator; session: BrowserSession }> {
  const editions = new EditionWatcher({
    config: options.config,
    initial: options.edition,
    intervalMs: limits.watchIntervalMs,
    onError: (error) =>
      log('error', 'Changed data or templates could not be loaded; still serving the previous edition', error),
    onReload: () => log('info', 'Data or templates changed: edition prepared again'),
  });
  const edition = await editions.start();
  const session = options.session ?? createSession(edition);
  const regenerator = new ReportRegenerator(editions, session, {
    maxWaiting: limits.maxWaitingRenders,
    onEvent: options.onRegeneration,
    onError: (kommunkod, error) =>
      log('error', `Cannot regenerate the report ${kommunkod}; serving its previous version`, error),
    budgetMs: limits.regenerationBudgetMs,
    failureMemoryMs: limits.failureMemoryMs,
  });
  return { regenerator, session };
}

/**
 * A request listener that answers the requests of one connection one after another (HTTP/1.1
 * pipelining), so a client that sends many and never reads holds one file open, not many. At
 * `maxPipelined` waiting requests the connection is not read from until some are answered;
 * a connection that still floods past `maxPipelinedHard` (one read can carry thousands of tiny
 * requests) is closed.
 */
function inOrderPerConnection(
  limits: ServerLimits,
  inFlight: InFlight,
  log: Log,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void,
) {
  const sockets = new WeakMap<Socket, SocketQueue>();
  const queueOf = (socket: Socket): SocketQueue => {
    let queue = sockets.get(socket);
    if (!queue) {
      queue = {
        tail: Promise.resolve(),
        pending: 0,
        paused: false,
        closed: new Promise((resolve) => socket.once('close', () => resolve())),
      };
      sockets.set(socket, queue);
    }
    return queue;
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const queue = queueOf(socket);
    if (queue.pending >= limits.maxPipelinedHard) return void socket.destroy();
    queue.pending += 1;
    if (queue.pending >= limits.maxPipelined && !queue.paused) {
      queue.paused = true;
      socket.pause();
    }
    // This request's turn ends when its response has ended or the connection has gone.
    const ended = Promise.race([new Promise<void>((resolve) => res.once('close', () => resolve())), queue.closed]);
    const turn = queue.tail;
    queue.tail = turn.then(() => ended);
    const work = turn
      // Nothing is opened for a request whose client has left.
      .then(() => (socket.destroyed || res.destroyed ? undefined : handle(req, res)))
      .catch((error: unknown) => {
        const aborted = (error as NodeJS.ErrnoException)?.code === 'ERR_STREAM_PREMATURE_CLOSE';
        if (!aborted) log('error', `Request ${req.method} failed`, error);
        if (!res.headersSent) sendText(res, 500, 'Internt fel.');
        else if (!res.writableEnded) res.destroy();
      })
      .finally(() => {
        queue.pending -= 1;
        if (queue.paused && queue.pending < limits.maxPipelined) {
          queue.paused = false;
          if (!socket.destroyed) socket.resume();
        }
        inFlight.work.delete(work);
      });
    inFlight.work.add(work);
    inFlight.waiting.add(res);
    res.once('close', () => inFlight.waiting.delete(res));
  };
}

/** Writes the access-log line of `req` when its response has finished or was cut off. */
function logAccess(req: IncomingMessage, res: ServerResponse, write: (line: string) => void): void {
  let bytes = 0;
  const count = (chunk: unknown) => {
    if (typeof chunk === 'string') bytes += Buffer.byteLength(chunk);
    else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
  };
  const originalWrite = res.write.bind(res) as (...args: unknown[]) => boolean;
  const originalEnd = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: unknown[]) => (
    count(chunk),
    originalWrite(chunk, ...rest)
  )) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => (
    typeof chunk !== 'function' && count(chunk),
    originalEnd(chunk, ...rest)
  )) as typeof res.end;
  res.once('close', () => {
    write(
      formatAccessLogLine({
        remoteAddress: req.socket.remoteAddress,
        method: req.method,
        url: req.url,
        httpVersion: req.httpVersion,
        // 499 (nginx): the client closed the connection before an answer was sent.
        status: res.headersSent ? res.statusCode : 499,
        bytes: req.method === 'HEAD' ? 0 : bytes,
        referer: headerText(req.headers.referer),
        userAgent: headerText(req.headers['user-agent']),
        time: new Date(),
      }),
    );
  });
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

/** The bounded shutdown `RunningServer.close` describes. */
async function shutDown(
  server: Server,
  regenerator: ReportRegenerator,
  ownSession: BrowserSession | undefined,
  inFlight: InFlight,
  limits: ServerLimits,
): Promise<void> {
  server.close();
  server.closeIdleConnections();
  // Let the running regeneration finish (no further print attempts), then close the browser,
  // which ends a job still printing; each step is bounded.
  await regenerator.shutdown(5000);
  if (ownSession) await ownSession.shutdown(3000);
  await regenerator.shutdown(2000);
  // The requests still waiting are answered (previous version, or 503) before the
  // connections are closed.
  await Promise.race([Promise.allSettled([...inFlight.work]), sleep(limits.shutdownGraceMs)]);
  const unanswered = [...inFlight.waiting].filter((res) => !res.headersSent && !res.destroyed);
  for (const res of unanswered)
    sendText(res, 503, 'Servern startas om, försök igen om en stund.', { 'Retry-After': '10', Connection: 'close' });
  await Promise.race([
    Promise.allSettled(unanswered.map((res) => new Promise((resolve) => res.once('close', resolve)))),
    sleep(1000),
  ]);
  server.closeAllConnections();
}
