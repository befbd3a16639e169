import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompositionMemo, type MemoisedComposition } from '../../../pipeline/run/index.ts';

const composition = (body: string): MemoisedComposition => ({ charts: {}, composed: { bodyHtml: body, toc: [] } });

describe('CompositionMemo', () => {
  it('returns a composition only for the key it was made from', () => {
    const memo = new CompositionMemo();
    memo.set('0180', 'key-a', composition('<p>a</p>'));
    expect(memo.get('0180', 'key-a')?.composed.bodyHtml).toBe('<p>a</p>');
    expect(memo.get('0180', 'key-b')).toBeUndefined();
    expect(memo.get('0160', 'key-a')).toBeUndefined();
  });

  it('keeps the latest composition per municipality', () => {
    const memo = new CompositionMemo();
    memo.set('0180', 'key-a', composition('<p>a</p>'));
    memo.set('0180', 'key-b', composition('<p>b</p>'));
    expect(memo.get('0180', 'key-a')).toBeUndefined();
    expect(memo.get('0180', 'key-b')?.composed.bodyHtml).toBe('<p>b</p>');
  });

  it('forgets the least recently stored beyond its capacity', () => {
    const memo = new CompositionMemo(undefined, 2);
    memo.set('0114', 'k1', composition('1'));
    memo.set('0115', 'k2', composition('2'));
    memo.set('0114', 'k1', composition('1'));
    memo.set('0117', 'k3', composition('3'));
    expect(memo.get('0115', 'k2')).toBeUndefined();
    expect(memo.get('0114', 'k1')).toBeDefined();
    expect(memo.get('0117', 'k3')).toBeDefined();
  });

  it('persists bodies for another process, served only for the same key', async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'kommunrapport-memo-')), 'compositions');
    const body = { bodyHtml: '<h2 id="a">Å</h2>', toc: [{ id: 'a', title: 'Å', depth: 2 }] };
    await new CompositionMemo(dir).persist('0180', 'key-a', body);
    const later = new CompositionMemo(dir);
    expect(later.get('0180', 'key-a')).toBeUndefined(); // memory is per process
    expect(await later.load('0180', 'key-a')).toEqual(body);
    expect(await later.load('0180', 'key-b')).toBeUndefined();
    expect(await later.load('0160', 'key-a')).toBeUndefined();
    expect(await new CompositionMemo().load('0180', 'key-a')).toBeUndefined();
  });
});
