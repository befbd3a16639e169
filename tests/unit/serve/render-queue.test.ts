import { describe, expect, it } from 'vitest';
import {
  QueueFullError,
  RenderQueue,
  checkBearerToken,
  cacheControl,
  contentType,
  shouldGzip,
} from '../../../pipeline/serve/index.ts';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('RenderQueue', () => {
  it('runs one job per key, however many ask', async () => {
    const queue = new RenderQueue(4);
    let runs = 0;
    const gate = deferred();
    const results = Array.from({ length: 10 }, () =>
      queue.run('0160', async () => {
        runs += 1;
        await gate.promise;
        return runs;
      }),
    );
    gate.resolve();
    expect(await Promise.all(results)).toEqual(Array(10).fill(1));
    expect(runs).toBe(1);
    // Once done, the key can run again.
    expect(await queue.run('0160', async () => 'again')).toBe('again');
  });

  it('runs jobs one at a time, in order', async () => {
    const queue = new RenderQueue(4);
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`end ${name}`);
    };
    await Promise.all([queue.run('a', job('a')), queue.run('b', job('b'))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('refuses new keys beyond the waiting limit but lets requests join queued ones', async () => {
    const queue = new RenderQueue(1);
    const gate = deferred();
    const first = queue.run('a', () => gate.promise);
    await new Promise((r) => setTimeout(r, 0)); // 'a' has started: nothing waits
    expect(queue.waiting).toBe(0);
    const second = queue.run('b', async () => 'b');
    expect(queue.waiting).toBe(1);
    expect(() => queue.run('c', async () => 'c')).toThrow(QueueFullError);
    expect(queue.run('b', async () => 'other')).toBe(second);
    gate.resolve();
    await first;
    expect(await second).toBe('b');
  });

  it('goes on after a failed job', async () => {
    const queue = new RenderQueue(2);
    const failed = queue.run('a', async () => {
      throw new Error('boom');
    });
    const next = queue.run('b', async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('ok');
  });
});

describe('checkBearerToken', () => {
  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['Basic abc', 'missing'],
    ['Bearer', 'missing'],
    ['Bearer wrong', 'wrong'],
    ['Bearer s3cret-token-x', 'wrong'],
    ['Bearer s3cret-token', 'ok'],
    ['bearer  s3cret-token ', 'ok'],
  ])('%j → %s', (header, result) => {
    expect(checkBearerToken(header, 's3cret-token')).toBe(result);
  });
});

describe('content types and caching', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8', 'public, max-age=60'],
    ['pdf/0160-taby.pdf', 'application/pdf', 'public, max-age=3600'],
    ['assets/fonts/a.woff2', 'font/woff2', 'public, max-age=604800'],
    ['manifest.json', 'application/json; charset=utf-8', 'public, max-age=300'],
    ['data/effektivitet.csv', 'text/csv; charset=utf-8', 'public, max-age=300'],
    [
      'data/kommunrapport-data.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'public, max-age=300',
    ],
    ['x.exe', 'application/octet-stream', 'public, max-age=300'],
  ])('%s', (file, type, cache) => {
    expect(contentType(file)).toBe(type);
    expect(cacheControl(file)).toBe(cache);
  });
});

describe('shouldGzip', () => {
  it('compresses larger text files for clients that accept gzip', () => {
    expect(shouldGzip('text/html; charset=utf-8', 300_000, 'gzip, deflate, br')).toBe(true);
    expect(shouldGzip('text/html; charset=utf-8', 300_000, undefined)).toBe(false);
    expect(shouldGzip('text/html; charset=utf-8', 300_000, 'gzip;q=0, br')).toBe(false);
    expect(shouldGzip('text/html; charset=utf-8', 500, 'gzip')).toBe(false);
    expect(shouldGzip('application/pdf', 300_000, 'gzip')).toBe(false);
    expect(shouldGzip('font/woff2', 30_000, 'gzip')).toBe(false);
  });
});
