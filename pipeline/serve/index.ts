/** The website server: static site, on-demand regeneration, one token-protected endpoint. */
export { startServer, type RunningServer, type ServerOptions } from './start-server.ts';
export {
  resolveRequestPath,
  reportTarget,
  regenerateTarget,
  type SitePath,
  type ReportTarget,
} from './resolve-request-path.ts';
export { checkBearerToken } from './check-bearer-token.ts';
export { RenderQueue, QueueFullError } from './render-queue.ts';
export { contentType, cacheControl } from './content-types.ts';
export { shouldGzip } from './gzip-cache.ts';
