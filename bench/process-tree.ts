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

function treeMemory(root: number): { rss: number; pss: number } {
  const byParent = children();
  const pids = [root];
  for (let i = 0; i < pids.length; i += 1) pids.push(...(byParent.get(pids[i]!) ?? []));
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return { rss: rss / 1024, pss: pss / 1024 };
}

/** Runs `command args` to completion, sampling its tree's memory every 100 ms. */
export function runMeasured(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let peakRssMb = 0;
    let peakPssMb = 0;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setInterval(() => {
      if (!child.pid) return;
      const { rss, pss } = treeMemory(child.pid);
      peakRssMb = Math.max(peakRssMb, rss);
      peakPssMb = Math.max(peakPssMb, pss);
    }, 100);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ wallMs: performance.now() - started, code, stderr, peakRssMb: Math.round(peakRssMb), peakPssMb: Math.round(peakPssMb) });
    });
  });
}
