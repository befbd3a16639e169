/**
 * Issue 7: a 100 MB input file is streamed with bounded memory (slow, so not in the unit
 * project). The generated file lives in os.tmpdir().
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { afterAll, expect, it } from 'vitest';
import { koladaFileName, loadKoladaSeries } from '../../pipeline/load/index.ts';

let dir: string;
afterAll(() => rm(dir, { recursive: true, force: true }));

it('streams a 100 MB Kolada file with bounded memory', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kr-large-'));
  const out = createWriteStream(path.join(dir, koladaFileName('N01951')));
  const padding = 'x'.repeat(40);
  out.write('geo,year,n01951,kommentar\n');
  let bytes = 0;
  for (let i = 0; bytes < 100 * 1024 * 1024; i += 1) {
    // 1000 codes × 20 years: the result stays small, so memory measures the reading.
    const line = `${String(i % 1000).padStart(4, '0')},${2000 + (((i / 1000) | 0) % 20)},${(i % 97) + 0.5},${padding}\n`;
    bytes += line.length;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');

  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  try {
    const series = await loadKoladaSeries(dir, ['N01951']);
    expect(series.get('N01951')?.size).toBe(1000);
    expect(series.get('N01951')?.get('0007')?.size).toBe(20);
  } finally {
    clearInterval(sampler);
  }
  // Reading the whole file into one string would need ≥ 100 MB of heap.
  expect((peak - baseline) / 1024 / 1024).toBeLessThan(64);
});
