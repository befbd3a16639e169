/**
 * Runs `node bin/kommunrapport.js …` as a child process, the way a user or CI does, in its own
 * process group so a test can signal it (and the Chromium it started) like a terminal would.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../pipeline/config.ts';
import { TEST_CACHE_DIR } from './temp-config.ts';

export interface CliResult {
  /** Exit code, or null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The child's pid, which is also its process group id. */
  pid: number;
  /** The child's own TMPDIR: Chromium's profile lives below it, which identifies its processes. */
  tmpdir: string;
}

export interface CliRun {
  child: ChildProcess;
  /** Resolves when the process has exited. */
  done: Promise<CliResult>;
  /** Resolves with the first stderr line matching `pattern` (rejects if the process exits first). */
  waitForStderr(pattern: RegExp): Promise<string>;
  /**
   * Sends `signal` to the CLI's process group, as Ctrl-C in a terminal does. puppeteer starts
   * Chromium in a group of its own, so Chromium does not get it.
   */
  signalGroup(signal: NodeJS.Signals): void;
  tmpdir: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the group and fail after this long (default 150 s). */
  timeoutMs?: number;
}

const BIN = path.join(PROJECT_ROOT, 'bin', 'kommunrapport.js');

/** Starts the CLI with `args`; see `CliRun`. */
export function startCli(args: string[], options: CliOptions = {}): CliRun {
  // A TMPDIR of its own: puppeteer puts Chromium's profile there, so `chromiumProcesses(tmpdir)`
  // finds exactly the Chromium this run started, even after the CLI is gone.
  const tmpdir = mkdtempSync(path.join(os.tmpdir(), 'kr-cli-'));
  // The analysed edition is cached by the hash of data/, so all test runs can share it.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KOMMUNRAPPORT_CACHE: TEST_CACHE_DIR,
    ...options.env,
    TMPDIR: tmpdir,
  };
  // The tests assert the user-facing format: no stack traces unless DEBUG is set.
  delete env.DEBUG;
  delete env.CI;
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid!;
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void; reject: (e: Error) => void }[] = [];
  let pending = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      for (const waiter of [...waiters]) {
        if (waiter.pattern.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const timer = setTimeout(() => signalGroup('SIGKILL'), options.timeoutMs ?? 150_000);
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const waiter of waiters.splice(0))
        waiter.reject(new Error(`CLI exited before printing ${waiter.pattern}; stderr:\n${stderr}`));
      resolve({ code, signal, stdout, stderr, pid, tmpdir });
    });
  });
  return {
    child,
    done,
    signalGroup,
    tmpdir,
    waitForStderr: (pattern) => new Promise((resolve, reject) => waiters.push({ pattern, resolve, reject })),
  };
}

/** Runs the CLI to completion. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

/** Live (non-zombie) processes whose command line contains `marker`, e.g. a run's TMPDIR. */
export function chromiumProcesses(marker: string): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter(
      (m): m is RegExpExecArray =>
        !!m && !m[2]!.startsWith('Z') && m[3]!.includes(marker) && !m[3]!.includes('kommunrapport.js'),
    )
    .map((m) => Number(m[1]));
}

/** SIGKILLs what `chromiumProcesses(marker)` finds (cleanup after a test killed the CLI). */
export function killChromium(marker: string): void {
  for (const pid of chromiumProcesses(marker)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Lines that look like a JavaScript stack frame (`    at fn (file:1:2)`). */
export function stackLines(text: string): string[] {
  return text.split('\n').filter((line) => /^\s+at .+/.test(line));
}
