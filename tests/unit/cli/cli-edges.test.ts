/** The command line's edges (issue 22, point 5): did-you-mean, condensed notes, progress lines. */
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { suggestCommand, COMMAND_NAMES } from '../../../pipeline/cli/main.ts';
import { summariseMessages } from '../../../pipeline/cli/summarise-messages.ts';
import { createAnalysisProgress, formatProgressLine } from '../../../pipeline/cli/analysis-progress.ts';

describe('suggestCommand', () => {
  it('suggests the command a typo most likely meant', () => {
    expect(suggestCommand('biuld')).toBe('build');
    expect(suggestCommand('analyze')).toBe('analyse');
    expect(suggestCommand('pubish')).toBe('publish');
    expect(suggestCommand('Serve')).toBe('serve');
    expect(suggestCommand('valid')).toBe('validate');
  });
  it('suggests nothing for a word far from every command', () => {
    expect(suggestCommand('xyzzy')).toBeUndefined();
    expect(suggestCommand('kommun')).toBeUndefined();
  });
  it('knows every command', () => {
    expect(COMMAND_NAMES).toEqual(
      expect.arrayContaining(['analyse', 'build', 'preview', 'dea', 'publish', 'serve', 'data', 'validate']),
    );
  });
});

describe('summariseMessages', () => {
  const messages = [
    'bootstrap: B = 200, seed = 1 (Simar–Wilson 1998, dea-spec §7)',
    'gymnasieskola: 20 municipalities left out (no 2022 value for N17473): 0117, 0120',
    'gymnasieskola: 3 municipalities left out (volume N17473 below 20): 0188',
    'aldreomsorg: 2 municipalities left out (no 2022 value for U21468): 0114, 0115',
    'panel 2015: gymnasieskola: 25 municipalities left out (no 2015 value for N17473): 0117',
    'panel 2016: bibliotek: 4 municipalities left out (no 2016 value for N09022): 0117',
    'panel 2017: bibliotek: 1 municipalities left out (no 2017 value for N09022): 0117',
    'panel 2015: bibliotek left out (Kolada has no 2015 values for N09022); the composite that year is built from the other areas and is not interpolated',
  ];
  it('counts the left-out notes per area, the data year apart from the panel, and keeps the others', () => {
    expect(summariseMessages(messages)).toEqual([
      'bootstrap: B = 200, seed = 1 (Simar–Wilson 1998, dea-spec §7)',
      'panel 2015: bibliotek left out (Kolada has no 2015 values for N09022); the composite that year is built from the other areas and is not interpolated',
      'municipalities left out of an area (missing or unusable key figures): gymnasieskola 23, aldreomsorg 2',
      'yearly panel 2015–2017, left out summed over the years: gymnasieskola 25, bibliotek 5',
      '6 notes on left-out municipalities condensed above; --verbose lists each with its reason and codes',
    ]);
  });
  it('leaves messages without left-out notes as they are', () => {
    expect(summariseMessages(['unchanged data and settings: the analysis was read from the cache'])).toEqual([
      'unchanged data and settings: the analysis was read from the cache',
    ]);
  });
});

describe('analysis progress', () => {
  it('states done, share and the time left', () => {
    expect(formatProgressLine({ step: 'bootstrap', done: 500, total: 2000 }, 15_000)).toBe(
      'Bootstrap intervals: 500/2000 replicates (25 %), about 45 s left',
    );
    expect(formatProgressLine({ step: 'panel', done: 1, total: 8 }, 20_000)).toBe(
      'Yearly panel: 1/8 years (13 %), about 2 min 20 s left',
    );
    expect(formatProgressLine({ step: 'dea', done: 4, total: 4 }, 8_200)).toBe(
      'DEA per area: 4/4 areas (100 %), done in 8 s',
    );
    expect(formatProgressLine({ step: 'bootstrap', done: 0, total: 2000 }, 0)).toBe(
      'Bootstrap intervals: 0/2000 replicates (0 %)',
    );
  });
  it('writes about one line per tenth in logs, after one line saying why the analysis runs', () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    let clock = 0;
    const { onProgress } = createAnalysisProgress(stream, false, () => clock);
    for (let done = 0; done <= 2000; done += 10) {
      clock = done * 10;
      onProgress({ step: 'bootstrap', done, total: 2000 });
    }
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^The data, model or settings changed since the last analysis/);
    expect(lines.slice(1)).toHaveLength(11);
    expect(lines[2]).toBe('Bootstrap intervals: 200/2000 replicates (10 %), about 18 s left');
    expect(lines.at(-1)).toBe('Bootstrap intervals: 2000/2000 replicates (100 %), done in 20 s');
  });
});
