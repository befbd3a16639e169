import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TocGuesser } from '../../../pipeline/build/toc-guess.ts';

const toc = [
  { id: 'a', title: 'Sammanfattning' },
  { id: 'b', title: 'Verksamheterna i kronor' },
  { id: 'c', title: 'Metod' },
] as const;

describe('TocGuesser', () => {
  it('guesses nothing before it has learnt, then from the lengths last seen', () => {
    const guesser = new TocGuesser();
    expect(guesser.guess([...toc])).toBeUndefined();
    guesser.learn([...toc], { a: 3, b: 4, c: 9 }, 10, '0160');
    expect(guesser.guess([...toc], '2584')).toEqual({ a: 3, b: 4, c: 9 });
  });

  it("uses a municipality's own chapter lengths before the last seen ones (tailored reports differ)", () => {
    const guesser = new TocGuesser();
    guesser.learn([...toc], { a: 3, b: 4, c: 10 }, 11, '2584');
    guesser.learn([...toc], { a: 3, b: 4, c: 8 }, 9, '0160');
    expect(guesser.guess([...toc], '2584')).toEqual({ a: 3, b: 4, c: 10 });
    expect(guesser.guess([...toc], '0160')).toEqual({ a: 3, b: 4, c: 8 });
    expect(guesser.guess([...toc], '0180')).toEqual({ a: 3, b: 4, c: 8 });
  });

  it('keeps both kinds of lengths across runs and reads the older saved list', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'toc-guess-'));
    const file = path.join(dir, 'toc-spans.json');
    const first = new TocGuesser();
    first.learn([...toc], { a: 3, b: 4, c: 10 }, 11, '2584');
    first.learn([...toc], { a: 3, b: 4, c: 8 }, 9, '0160');
    await first.save(file);
    const again = await TocGuesser.load(file);
    expect(again.guess([...toc], '2584')).toEqual({ a: 3, b: 4, c: 10 });
    await writeFile(file, JSON.stringify([['Sammanfattning', 2], ['Verksamheterna i kronor', 5]]));
    expect((await TocGuesser.load(file)).guess([...toc], '2584')).toEqual({ a: 3, b: 5, c: 10 });
  });
});
