/**
 * Every limit of `serve` in one place (issue 23 item 4, issue 24 point 3): how much work one
 * client, and all clients together, can make the server do. Each bound keeps the server's
 * memory and open files at a level that does not depend on how many clients misbehave.
 */

/** The limits of a running server. */
export interface ServerLimits {
  /**
   * Open connections of all clients together. A connection beyond it is answered with 503 and
   * closed at once, so the process never nears its file limit (each connection holds one file
   * descriptor, two while a file is being sent).
   */
  maxConnections: number;
  /**
   * Open connections from one client address. Behind a reverse proxy every client has the
   * proxy's address: raise it to about `maxConnections` there, and let the proxy limit clients.
   */
  maxConnectionsPerAddress: number;
  /**
   * Requests one connection may have waiting (HTTP/1.1 pipelining). They are answered in order;
   * at this many the server stops reading from the connection until it has answered some, so a
   * client that pipelines and reads gets every answer, and one that never reads holds one file.
   */
  maxPipelined: number;
  /** Waiting requests beyond which a connection that keeps sending is closed (a flood). */
  maxPipelinedHard: number;
  /** Bytes read ahead from a file per response: what a client that stops reading can hold. */
  readChunkBytes: number;
  /** Largest request head (request line and headers), bytes. */
  maxHeaderBytes: number;
  /** Largest request body, bytes (the API takes none); more is answered 413. */
  maxBodyBytes: number;
  /** Time to receive the request head, ms. */
  headersTimeoutMs: number;
  /** Time to receive the whole request, ms. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open, ms. */
  keepAliveTimeoutMs: number;
  /**
   * A connection on which nothing moves (the client neither sends nor reads) for this long is
   * closed, ms; longer than `regenerationBudgetMs`, so a request waiting for a render is kept.
   */
  idleSocketTimeoutMs: number;
  /** Renders allowed to wait before new ones get 503. */
  maxWaitingRenders: number;
  /** Longest time a request waits for its report to be regenerated, ms. */
  regenerationBudgetMs: number;
  /** How long a failed regeneration is remembered (not retried), ms. */
  failureMemoryMs: number;
  /** Minimum time between checks of data/ and templates/, ms. */
  watchIntervalMs: number;
  /** Longest wait for requests in flight when the server shuts down, ms. */
  shutdownGraceMs: number;
}

/** The defaults, for one server process with the usual file limit of 20 000 or more. */
export const DEFAULT_SERVER_LIMITS: Readonly<ServerLimits> = Object.freeze({
  maxConnections: 2000,
  maxConnectionsPerAddress: 256,
  maxPipelined: 32,
  maxPipelinedHard: 4096,
  readChunkBytes: 16 * 1024,
  maxHeaderBytes: 8 * 1024,
  maxBodyBytes: 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleSocketTimeoutMs: 120_000,
  maxWaitingRenders: 8,
  regenerationBudgetMs: 60_000,
  failureMemoryMs: 60_000,
  watchIntervalMs: 1_000,
  shutdownGraceMs: 3_000,
});

/** `overrides` over the defaults. */
export function resolveServerLimits(overrides: Partial<ServerLimits> = {}): ServerLimits {
  const limits = { ...DEFAULT_SERVER_LIMITS };
  for (const [key, value] of Object.entries(overrides) as [keyof ServerLimits, number | undefined][]) {
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}
