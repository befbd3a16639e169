/**
 * Runs a command and samples the memory of its whole process tree from /proc (Node and every
 * Chromium helper). `/usr/bin/time` misses Chromium's reparented helpers (chromium-notes.md).
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export interface RunResult {
  wallMs: number;
  code: number | null;
  stderr: string;
  /** Peak of the summed RSS (upper bound: shared pages count once per process). */
  peakRssMb: number;
  /** Peak of the summed PSS (shared pages split between processes). */
  peakPssMb: number;
}

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended between readdir and read.
    }
  }
  return byParent;
}

const PAGE_KB = 4;

function treePids(root: number): number[] {
  const byParent = children();
  const pids = [root];
  for (let i = 0; i < pids.length; i += 1) pids.push(...(byParent.get(pids[i]!) ?? []));
  return pids;
}

/** Summed RSS in MB from `statm` (a counter read: ~0.2 ms for the whole tree). */
function treeRssMb(pids: number[]): number {
  let pages = 0;
  for (const pid of pids) {
    try {
      pages += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return (pages * PAGE_KB) / 1024;
}

/**
 * Summed PSS in MB from `smaps_rollup`. Expensive: it walks every mapping under the process's
 * memory lock (~70 ms and ~35 ms CPU for a build's tree), so it is sampled rarely.
 */
function treePssMb(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return kb / 1024;
}

/**
 * Runs `command args` to completion, sampling its tree's RSS every 100 ms and its PSS every 2 s
 * (sampling smaps_rollup every 100 ms took a third of a core and slowed the build it measured
 * by ~20 %).
 */
export function runMeasured(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let peakRssMb = 0;
    let peakPssMb = 0;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let ticks = 0;
    const timer = setInterval(() => {
      if (!child.pid) return;
      const pids = treePids(child.pid);
      peakRssMb = Math.max(peakRssMb, treeRssMb(pids));
      if (ticks++ % 20 === 10) peakPssMb = Math.max(peakPssMb, treePssMb(pids));
    }, 100);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({
        wallMs: performance.now() - started,
        code,
        stderr,
        peakRssMb: Math.round(peakRssMb),
        peakPssMb: Math.round(peakPssMb),
      });
    });
  });
}
