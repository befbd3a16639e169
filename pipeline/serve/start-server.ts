/**
 * The website server. Plain `node:http`: serving static files plus one report check and one
 * API endpoint needs no framework, and every dependency fewer is one less to audit in a
 * process that faces the internet.
 */
import { access } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { createSession, type Edition } from '../run/index.ts';
import type { PipelineConfig } from '../config.ts';
import type { BrowserSession } from '../print/index.ts';
import { currentEditionDir } from '../publish/index.ts';
import { checkBearerToken } from './check-bearer-token.ts';
import { EditionWatcher } from './edition-watcher.ts';
import { QueueFullError } from './render-queue.ts';
import { ReportRegenerator, ShuttingDownError, type Freshness, type RegenerationEvent, type RegenerationStats } from './report-regenerator.ts';
import { regenerateTarget, reportTarget, resolveRequestPath } from './resolve-request-path.ts';
import { sendFile, sendText } from './send-file.ts';

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
  /** Renders allowed to wait before new ones get 503. Default 8. */
  maxWaiting?: number;
  /** Minimum time between checks of data/ and templates/, ms. Default 1000. */
  watchIntervalMs?: number;
  /** Log lines for the CLI (the server itself never prints). */
  log?: (level: 'info' | 'warn' | 'error', message: string, error?: unknown) => void;
  /** Observes each regeneration (tests count renders through `stats` as well). */
  onRegeneration?: (event: RegenerationEvent) => void;
  /** Longest time a request waits for its report to be regenerated, ms. Default 60 000. */
  regenerationBudgetMs?: number;
  /** How long a failed regeneration is remembered (not retried), ms. Default 60 000. */
  failureMemoryMs?: number;
}

/** A running server. */
export interface RunningServer {
  url: string;
  stats: RegenerationStats;
  /**
   * Shuts down within a bounded time: stops accepting connections, lets the running
   * regeneration finish or aborts it, answers the requests still waiting, ends open
   * connections and closes the browser (when the server created it).
   */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024;
/**
 * Requests one connection may have waiting (HTTP/1.1 pipelining). They are handled one after
 * another, so a client that sends thousands and never reads holds one file open, not thousands;
 * beyond this many its connection is closed.
 */
const MAX_PIPELINED = 32;

/** The requests of one connection, in order. */
interface SocketQueue {
  tail: Promise<void>;
  pending: number;
  closed: Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => (setTimeout(resolve, ms) as unknown as NodeJS.Timeout).unref());

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { config } = options;
  const log = options.log ?? (() => undefined);
  const editions = new EditionWatcher({
    config,
    initial: options.edition,
    intervalMs: options.watchIntervalMs,
    onError: (error) => log('error', 'Changed data or templates could not be loaded; still serving the previous edition', error),
    onReload: () => log('info', 'Data or templates changed: edition prepared again'),
  });
  const edition = await editions.start();
  const session = options.session ?? createSession(edition);
  const regenerator = new ReportRegenerator(editions, session, {
    maxWaiting: options.maxWaiting ?? 8,
    onEvent: options.onRegeneration,
    onError: (kommunkod, error) => log('error', `Cannot regenerate the report ${kommunkod}; serving its previous version`, error),
    budgetMs: options.regenerationBudgetMs,
    failureMemoryMs: options.failureMemoryMs,
  });
  let stopping = false;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES || req.headers['transfer-encoding']) {
      return sendText(res, 413, 'För stor begäran.', { Connection: 'close' });
    }
    const sitePath = resolveRequestPath(req.url ?? '');
    if (!sitePath) return sendText(res, 404, 'Sidan finns inte.');
    const regen = regenerateTarget(sitePath);
    if (regen !== null || sitePath.segments[0] === 'api') {
      if (!options.token || regen === null) return sendText(res, 404, 'Sidan finns inte.');
      if (req.method !== 'POST') return sendText(res, 405, 'Metoden stöds inte.', { Allow: 'POST' });
      return regenerate(req, res, regen);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Metoden stöds inte.', { Allow: 'GET, HEAD' });
    const target = reportTarget(sitePath);
    let freshness: Freshness | undefined;
    if (target && (await regenerator.knows(target.kommunkod, target.slug))) {
      try {
        // Never longer than the request's budget; on failure the previous version is served.
        freshness = await regenerator.ensureFresh(target.kommunkod);
      } catch (error) {
        if (error instanceof QueueFullError) return sendText(res, 503, 'Rapporten tas fram, försök igen om en stund.', { 'Retry-After': '10' });
        throw error;
      }
    }
    const root = await currentEditionDir(config.outputDir);
    if (!root) return sendText(res, 503, 'Webbplatsen är inte publicerad ännu.', { 'Retry-After': '30' });
    if (freshness && freshness !== 'fresh' && freshness !== 'regenerated') {
      // No previous version to fall back on: try again later rather than "not found".
      const exists = await access(path.join(root, ...sitePath.segments)).then(() => true, () => false);
      if (!exists) return sendText(res, 503, 'Rapporten tas fram, försök igen om en stund.', { 'Retry-After': freshness === 'failed' ? '60' : '10' });
    }
    return sendFile(req, res, root, sitePath);
  };

  const regenerate = async (req: IncomingMessage, res: ServerResponse, kommunkod: string): Promise<void> => {
    const auth = checkBearerToken(req.headers.authorization, options.token!);
    if (auth === 'missing') return sendText(res, 401, 'Inloggning krävs.', { 'WWW-Authenticate': 'Bearer realm="kommunrapport"' });
    if (auth === 'wrong') return sendText(res, 403, 'Fel nyckel.');
    if (!(await regenerator.knows(kommunkod))) return sendText(res, 404, 'Kommunen finns inte.');
    try {
      const outcome = await regenerator.regenerate(kommunkod);
      const body = JSON.stringify({ kommunkod, status: outcome.status, generatedAt: outcome.record?.generatedAt ?? null, ms: Math.round(outcome.ms) });
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    } catch (error) {
      if (error instanceof QueueFullError) return sendText(res, 503, 'Kön är full, försök igen om en stund.', { 'Retry-After': '10' });
      if (error instanceof ShuttingDownError || stopping) return sendText(res, 503, 'Servern startas om, försök igen om en stund.', { 'Retry-After': '10', Connection: 'close' });
      log('error', `Cannot regenerate the report ${kommunkod}`, error);
      return sendText(res, 500, 'Rapporten kunde inte tas fram.');
    }
  };

  const sockets = new WeakMap<Socket, SocketQueue>();
  const inflight = new Set<Promise<void>>();
  /** Responses not yet ended, answered with 503 if still open when a shutdown closes connections. */
  const waiting = new Set<ServerResponse>();
  const queueOf = (socket: Socket): SocketQueue => {
    let queue = sockets.get(socket);
    if (!queue) {
      queue = { tail: Promise.resolve(), pending: 0, closed: new Promise((resolve) => socket.once('close', () => resolve())) };
      sockets.set(socket, queue);
    }
    return queue;
  };
  const server = createServer({ maxHeaderSize: 8 * 1024, requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 2_000 }, (req, res) => {
    const socket = req.socket;
    const queue = queueOf(socket);
    if (queue.pending >= MAX_PIPELINED) {
      socket.destroy();
      return;
    }
    queue.pending += 1;
    // This request's turn ends when its response has ended or the connection has gone.
    const ended = Promise.race([new Promise<void>((resolve) => res.once('close', () => resolve())), queue.closed]);
    const turn = queue.tail;
    queue.tail = turn.then(() => ended);
    const work = turn
      .then(() => {
        // Nothing is opened for a request whose client has left.
        if (socket.destroyed || res.destroyed) return;
        if (stopping) return sendText(res, 503, 'Servern startas om, försök igen om en stund.', { 'Retry-After': '10', Connection: 'close' });
        return handle(req, res);
      })
      .catch((error: unknown) => {
        const aborted = (error as NodeJS.ErrnoException)?.code === 'ERR_STREAM_PREMATURE_CLOSE';
        if (!aborted) log('error', `Request ${req.method} failed`, error);
        if (!res.headersSent) sendText(res, 500, 'Internt fel.');
        else if (!res.writableEnded) res.destroy();
      })
      .finally(() => {
        queue.pending -= 1;
        inflight.delete(work);
      });
    inflight.add(work);
    waiting.add(res);
    res.once('close', () => waiting.delete(res));
  });
  // Drop clients that stop reading or writing for two minutes (a queued render takes less).
  server.timeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    stats: regenerator.stats,
    close: () => {
      closing ??= (async () => {
        stopping = true;
        server.close();
        server.closeIdleConnections();
        // Let the running regeneration finish (no further print attempts), then close the
        // browser, which ends a job still printing; each step is bounded.
        await regenerator.shutdown(5000);
        if (!options.session) await session.shutdown(3000);
        await regenerator.shutdown(2000);
        // The requests still waiting are answered (previous version, or 503) before the
        // connections are closed.
        await Promise.race([Promise.allSettled([...inflight]), sleep(3000)]);
        const unanswered = [...waiting].filter((res) => !res.headersSent && !res.destroyed);
        for (const res of unanswered) sendText(res, 503, 'Servern startas om, försök igen om en stund.', { 'Retry-After': '10', Connection: 'close' });
        await Promise.race([Promise.allSettled(unanswered.map((res) => new Promise((resolve) => res.once('close', resolve)))), sleep(1000)]);
        server.closeAllConnections();
      })();
      return closing;
    },
  };
}
