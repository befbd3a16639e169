/**
 * The routes of `serve`: the site's files (a report regenerated first when its inputs
 * changed), and `POST /api/rapporter/<kod>/regenerate` when a token is set.
 */
import { access } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { PipelineConfig } from '../config.ts';
import { currentEditionDir } from '../publish/index.ts';
import { checkBearerToken } from './check-bearer-token.ts';
import { QueueFullError } from './render-queue.ts';
import { ShuttingDownError, type Freshness, type ReportRegenerator } from './report-regenerator.ts';
import { regenerateTarget, reportTarget, resolveRequestPath } from './resolve-request-path.ts';
import { sendFile, sendNotFound, sendText } from './send-file.ts';
import type { ServerLimits } from './server-limits.ts';

/** What the routes need. */
export interface RouteContext {
  config: PipelineConfig;
  regenerator: ReportRegenerator;
  limits: ServerLimits;
  token?: string;
  log: (level: 'info' | 'warn' | 'error', message: string, error?: unknown) => void;
  /** True once the server is shutting down. */
  stopping: () => boolean;
}

/** The request handler: routes one request and answers it. */
export function createRequestHandler(ctx: RouteContext): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    if (Number(req.headers['content-length'] ?? 0) > ctx.limits.maxBodyBytes || req.headers['transfer-encoding']) {
      return sendText(res, 413, 'För stor begäran.', { Connection: 'close' });
    }
    const sitePath = resolveRequestPath(req.url ?? '');
    const notFound = async () => sendNotFound(res, await currentEditionDir(ctx.config.outputDir));
    if (!sitePath) return notFound();
    const regen = regenerateTarget(sitePath);
    if (regen !== null || sitePath.segments[0] === 'api') {
      if (!ctx.token || regen === null) return notFound();
      if (req.method !== 'POST') return sendText(res, 405, 'Metoden stöds inte.', { Allow: 'POST' });
      return regenerate(ctx, req, res, regen);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendText(res, 405, 'Metoden stöds inte.', { Allow: 'GET, HEAD' });
    let freshness: Freshness | undefined;
    const target = reportTarget(sitePath);
    if (target && (await ctx.regenerator.knows(target.kommunkod, target.slug))) {
      try {
        // Never longer than the request's budget; on failure the previous version is served.
        freshness = await ctx.regenerator.ensureFresh(target.kommunkod);
      } catch (error) {
        if (error instanceof QueueFullError)
          return sendText(res, 503, 'Rapporten tas fram, försök igen om en stund.', { 'Retry-After': '10' });
        throw error;
      }
    }
    const root = await currentEditionDir(ctx.config.outputDir);
    if (!root) return sendText(res, 503, 'Webbplatsen är inte publicerad ännu.', { 'Retry-After': '30' });
    if (freshness && freshness !== 'fresh' && freshness !== 'regenerated') {
      // No previous version to fall back on: try again later rather than "not found".
      const exists = await access(path.join(root, ...sitePath.segments)).then(
        () => true,
        () => false,
      );
      if (!exists)
        return sendText(res, 503, 'Rapporten tas fram, försök igen om en stund.', {
          'Retry-After': freshness === 'failed' ? '60' : '10',
        });
    }
    return sendFile(req, res, root, sitePath, { chunkBytes: ctx.limits.readChunkBytes });
  };
}

/** `POST /api/rapporter/<kod>/regenerate` with a bearer token. */
async function regenerate(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  kommunkod: string,
): Promise<void> {
  const auth = checkBearerToken(req.headers.authorization, ctx.token!);
  if (auth === 'missing')
    return sendText(res, 401, 'Inloggning krävs.', { 'WWW-Authenticate': 'Bearer realm="kommunrapport"' });
  if (auth === 'wrong') return sendText(res, 403, 'Fel nyckel.');
  if (!(await ctx.regenerator.knows(kommunkod))) return sendText(res, 404, 'Kommunen finns inte.');
  try {
    const outcome = await ctx.regenerator.regenerate(kommunkod);
    const body = JSON.stringify({
      kommunkod,
      status: outcome.status,
      generatedAt: outcome.record?.generatedAt ?? null,
      ms: Math.round(outcome.ms),
    });
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  } catch (error) {
    if (error instanceof QueueFullError)
      return sendText(res, 503, 'Kön är full, försök igen om en stund.', { 'Retry-After': '10' });
    if (error instanceof ShuttingDownError || ctx.stopping())
      return sendText(res, 503, 'Servern startas om, försök igen om en stund.', {
        'Retry-After': '10',
        Connection: 'close',
      });
    ctx.log('error', `Cannot regenerate the report ${kommunkod}`, error);
    return sendText(res, 500, 'Rapporten kunde inte tas fram.');
  }
}
