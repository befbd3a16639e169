/**
 * The website server. Plain `node:http`: serving static files plus one report check and one
 * API endpoint needs no framework, and every dependency fewer is one less to audit in a
 * process that faces the internet.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSession, type Edition } from '../build/index.ts';
import type { PipelineConfig } from '../config.ts';
import type { BrowserSession } from '../print/index.ts';
import { currentEditionDir } from '../publish/index.ts';
import { checkBearerToken } from './check-bearer-token.ts';
import { EditionWatcher } from './edition-watcher.ts';
import { QueueFullError } from './render-queue.ts';
import { ReportRegenerator, type RegenerationEvent, type RegenerationStats } from './report-regenerator.ts';
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
}

/** A running server. */
export interface RunningServer {
  url: string;
  stats: RegenerationStats;
  /** Stops accepting requests, ends open connections and closes the browser. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024;

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
  const regenerator = new ReportRegenerator(editions, session, { maxWaiting: options.maxWaiting ?? 8, onEvent: options.onRegeneration });

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
    if (target && (await regenerator.knows(target.kommunkod, target.slug))) {
      try {
        await regenerator.ensureFresh(target.kommunkod);
      } catch (error) {
        if (error instanceof QueueFullError) return sendText(res, 503, 'Rapporten tas fram, försök igen om en stund.', { 'Retry-After': '10' });
        // Serve the previous version if there is one: an older report beats an error page.
        log('error', `Cannot regenerate the report ${target.kommunkod}`, error);
      }
    }
    const root = await currentEditionDir(config.outputDir);
    if (!root) return sendText(res, 503, 'Webbplatsen är inte publicerad ännu.', { 'Retry-After': '30' });
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
      log('error', `Cannot regenerate the report ${kommunkod}`, error);
      return sendText(res, 500, 'Rapporten kunde inte tas fram.');
    }
  };

  const server = createServer({ maxHeaderSize: 8 * 1024, requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 2_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      const aborted = (error as NodeJS.ErrnoException)?.code === 'ERR_STREAM_PREMATURE_CLOSE';
      if (!aborted) log('error', `Request ${req.method} failed`, error);
      if (!res.headersSent) sendText(res, 500, 'Internt fel.');
      else res.destroy();
    });
  });
  // Drop clients that stop reading or writing for two minutes (a queued render takes less).
  server.timeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    stats: regenerator.stats,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (!options.session) await session.close();
    },
  };
}
