/**
 * A polite HTTP client for Kolada's public API: at most two requests in flight, a timeout per
 * request, retries with exponential backoff on network errors, 429 and 5xx (honouring
 * `Retry-After`), a cut-off body retried like a network error, and a clear error after the
 * last try. An answer larger than `maxBodyBytes` is refused with its own message (never read
 * into memory whole, never retried), and `next_url` is followed only on the origin first asked
 * (never to another host or to `file:`). Answers that passed validation are kept in a page
 * cache, so a re-run after an interruption asks Kolada only for what it does not have yet.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import type { KoladaPage } from './kolada-types.ts';
import { KoladaResponseError } from './kolada-errors.ts';
import { parseJsonBody } from './parse-kolada-page.ts';
import type { PageCache } from './page-cache.ts';

export interface KoladaClientOptions {
  /** Requests in flight at once (default 2). */
  concurrency?: number;
  /** Timeout per request, headers and body (default 30 s). */
  timeoutMs?: number;
  /** Tries per URL, the first included (default 5). */
  attempts?: number;
  /** First backoff; doubles with each try (default 1 s). */
  baseDelayMs?: number;
  /** Longest wait between tries, also for a `Retry-After` (default 120 s). */
  maxDelayMs?: number;
  /** Largest answer accepted, bytes (default 64 MB; a Kolada page of 2000 rows is ~1 MB). */
  maxBodyBytes?: number;
  /** Aborts the requests in flight and the waits between tries (Ctrl-C, SIGTERM). */
  signal?: AbortSignal;
  cache?: PageCache;
  onEvent?: (event: ClientEvent) => void;
  /** For tests of the client alone; the default is the global fetch. */
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export type ClientEvent =
  | { type: 'response'; url: string; cached: boolean; ms: number }
  | { type: 'retry'; url: string; attempt: number; attempts: number; delayMs: number; reason: string };

/** Default `maxBodyBytes`. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

const USER_AGENT = 'kommunrapport (data update; https://www.kolada.se open API)';

export class KoladaClient {
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxBodyBytes: number;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Requests answered by the network (not the cache), for the summary. */
  requests = 0;
  cachedPages = 0;

  constructor(private readonly options: KoladaClientOptions = {}) {
    this.limit = pLimit(options.concurrency ?? 2);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.attempts = Math.max(1, options.attempts ?? 5);
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 120_000;
    this.maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.sleep = options.sleep ?? ((ms) => sleep(ms, undefined, { signal: options.signal }));
  }

  /** Every item of a paged answer, following `next_url` until it is absent. */
  async getAll<T>(
    url: string,
    parse: (json: unknown, url: string) => KoladaPage<T>,
    onPage?: (url: string, page: KoladaPage<T>) => void,
  ): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    const origin = new URL(url).origin;
    for (let next: string | undefined = url; next;) {
      if (seen.has(next))
        throw new KoladaResponseError(next, '`next_url` points back to a page already read; the paging loops');
      seen.add(next);
      const page: KoladaPage<T> = await this.getPage(next, parse);
      onPage?.(next, page);
      items.push(...page.values);
      next = page.nextUrl === undefined ? undefined : sameOrigin(page.nextUrl, next, origin);
    }
    return items;
  }

  /** One page: from the cache when a valid copy is there, else fetched (with retries) and cached. */
  async getPage<T>(url: string, parse: (json: unknown, url: string) => KoladaPage<T>): Promise<KoladaPage<T>> {
    const cached = await this.options.cache?.read(url);
    if (cached !== undefined) {
      try {
        const page = parse(JSON.parse(cached), url);
        this.cachedPages += 1;
        this.options.onEvent?.({ type: 'response', url, cached: true, ms: 0 });
        return page;
      } catch {
        // A damaged cache entry: fetch again.
      }
    }
    return this.limit(async () => {
      const started = performance.now();
      const text = await this.fetchText(url);
      // Shape errors are not retried: Kolada would answer the same again.
      const page = parse(parseJsonBody(text.body, url, text.type), url);
      await this.options.cache?.write(url, text.body);
      this.options.onEvent?.({ type: 'response', url, cached: false, ms: performance.now() - started });
      return page;
    });
  }

  /**
   * A signal that aborts after the timeout (headers and body) or on the caller's signal. Not
   * `AbortSignal.any` with `AbortSignal.timeout`: in Node 20 such a timeout may never fire.
   */
  private deadline(): { signal: AbortSignal; clear: () => void } {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException(`no answer within ${this.timeoutMs} ms`, 'TimeoutError')),
      this.timeoutMs,
    );
    const outer = this.options.signal;
    const onAbort = () => controller.abort(outer!.reason);
    if (outer?.aborted) onAbort();
    outer?.addEventListener('abort', onAbort, { once: true });
    return {
      signal: controller.signal,
      clear: () => {
        clearTimeout(timer);
        outer?.removeEventListener('abort', onAbort);
      },
    };
  }

  private async fetchText(url: string): Promise<{ body: string; type: string | null }> {
    let lastError: KoladaResponseError | undefined;
    for (let attempt = 1; attempt <= this.attempts; attempt += 1) {
      const tried = await this.tryOnce(url);
      if ('body' in tried) return tried;
      lastError = tried.error;
      if (attempt === this.attempts) break;
      await this.waitToRetry(url, attempt, lastError, tried.retryAfterMs);
    }
    // No `cause`: the message already carries the last failure, and a cause chain would repeat it.
    throw new KoladaResponseError(
      url,
      `${lastError!.message.slice(url.length + 2)}; gave up after ${this.attempts} ${this.attempts === 1 ? 'try' : 'tries'}`,
      {
        hint: 'Kolada may be down or limiting requests: run the same command again later; pages already fetched are kept and not asked for again.',
      },
    );
  }

  /**
   * One request: the checked body, or the retryable error it met (with the server's
   * `Retry-After`); throws what must not be retried (a 4xx, an abort, a refused answer).
   */
  private async tryOnce(
    url: string,
  ): Promise<{ body: string; type: string | null } | { error: KoladaResponseError; retryAfterMs?: number }> {
    const deadline = this.deadline();
    try {
      this.requests += 1;
      const response = await this.fetchImpl(url, {
        headers: { accept: 'application/json', 'user-agent': USER_AGENT },
        signal: deadline.signal,
      });
      if (response.ok) {
        const type = response.headers.get('content-type');
        const body = await readCapped(response, url, this.maxBodyBytes);
        parseJsonBody(body, url, type);
        return { body, type };
      }
      await response.body?.cancel().catch(() => undefined);
      const retryable = response.status === 429 || response.status >= 500;
      const error = new KoladaResponseError(url, `HTTP ${response.status} ${response.statusText}`.trim(), {
        retryable,
      });
      if (!retryable) throw error;
      return { error, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) };
    } catch (error) {
      if (error instanceof KoladaResponseError) {
        if (!error.retryable) throw error;
        return { error };
      }
      if (this.options.signal?.aborted) throw error;
      const e = error as Error & { cause?: { code?: string; message?: string } };
      const reason =
        e.name === 'TimeoutError'
          ? `no answer within ${this.timeoutMs / 1000} s`
          : `${e.message}${e.cause?.code ? ` (${e.cause.code})` : e.cause?.message ? ` (${e.cause.message})` : ''}`;
      return { error: new KoladaResponseError(url, `network error: ${reason}`, { retryable: true, cause: error }) };
    } finally {
      deadline.clear();
    }
  }

  /** Says that `url` is tried again and waits: the backoff, or longer when the server asked. */
  private async waitToRetry(
    url: string,
    attempt: number,
    lastError: KoladaResponseError,
    retryAfterMs: number | undefined,
  ): Promise<void> {
    const backoff = this.baseDelayMs * 2 ** (attempt - 1);
    const delayMs = Math.min(this.maxDelayMs, Math.max(retryAfterMs ?? 0, backoff));
    this.options.onEvent?.({
      type: 'retry',
      url,
      attempt: attempt + 1,
      attempts: this.attempts,
      delayMs,
      reason: lastError.message.slice(url.length + 2),
    });
    await this.sleep(delayMs);
  }
}

/**
 * The absolute form of `nextUrl` (relative to the page it came from) when it stays on `origin`;
 * a KoladaResponseError otherwise: an answer must not send the updater to another host or file.
 */
export function sameOrigin(nextUrl: string, pageUrl: string, origin: string): string {
  let next: URL;
  try {
    next = new URL(nextUrl, pageUrl);
  } catch {
    throw new KoladaResponseError(pageUrl, `\`next_url\` ${JSON.stringify(nextUrl)} is not a URL`);
  }
  if (next.origin !== origin || !/^https?:$/.test(next.protocol)) {
    throw new KoladaResponseError(
      pageUrl,
      `\`next_url\` ${JSON.stringify(nextUrl.slice(0, 200))} leaves ${origin}; only pages of the API asked are followed`,
      {
        hint: 'Check --api-url: a proxy or mirror that rewrites next_url to another host is not followed. Nothing in the data folder was changed.',
      },
    );
  }
  return next.href;
}

/** The body as text, refusing (without reading it whole) an answer larger than `max` bytes. */
async function readCapped(response: Response, url: string, max: number): Promise<string> {
  const tooLarge = (size: string) =>
    new KoladaResponseError(
      url,
      `the answer is larger than ${formatBytes(max)} (${size}); a Kolada page is about 1 MB`,
      {
        hint: 'This is not a Kolada page: check --api-url (a proxy or mirror answering with something else?). Nothing in the data folder was changed.',
      },
    );
  const declared = Number(response.headers.get('content-length'));
  if (declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(`Content-Length ${formatBytes(declared)}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > max) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge(`more than ${formatBytes(max)} read`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
