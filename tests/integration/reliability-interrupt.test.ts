/**
 * Issue 7: the CLI interrupted in the middle of a batch, by Ctrl-C (SIGINT) and by a power
 * cut (SIGKILL). Afterwards no PDF is truncated, only complete files have their final names,
 * and the next run renders only what is missing.
 */
import { mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/pdf.ts';
import { chromiumProcesses, killChromium, runCli, startCli, type CliResult } from '../helpers/run-cli.ts';

const CODES = ['0160', '0180', '0114', '0980', '2584', '1280'];
const args = (out: string) => ['build', '--output', out, ...CODES.flatMap((code) => ['--kommun', code])];

/** Every file below `dir`, relative to it. */
async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** Checks what an interrupted run left: complete PDFs under final names, temp names otherwise. */
async function expectOnlyCompletePdfs(out: string): Promise<string[]> {
  // The briefs are in pdf/kort/ (issue 16).
  const names = (await readdir(path.join(out, 'pdf')).catch(() => [] as string[])).filter((name) => name !== 'kort');
  expect(names.filter((name) => !name.endsWith('.pdf') && !name.endsWith('.tmp'))).toEqual([]);
  const pdfs = names.filter((name) => name.endsWith('.pdf'));
  for (const name of pdfs) {
    const file = path.join(out, 'pdf', name);
    expect((await stat(file)).size, name).toBeGreaterThan(0);
    const pdf = await readPdf(file);
    expect(pdf.pages, name).toBeGreaterThanOrEqual(10);
  }
  return pdfs.map((name) => name.slice(0, 4));
}

/** Reports the cache records as complete (a PDF renamed just before the kill has no record yet). */
async function recorded(out: string): Promise<string[]> {
  const names = await readdir(path.join(out, '.cache', 'reports')).catch(() => [] as string[]);
  return names.filter((name) => /^\d{4}\.json$/.test(name)).map((name) => name.slice(0, 4));
}

/** Runs the build again and checks that it finishes exactly what was missing. */
async function expectResumed(out: string, done: string[]): Promise<void> {
  const again = await runCli(args(out));
  expect(again.code, again.stderr).toBe(0);
  for (const code of done) expect(again.stderr).toMatch(new RegExp(`\\] skipped\\s+${code} `));
  expect(again.stderr).toContain(`${CODES.length - done.length} rendered, ${done.length} up to date, 0 failed`);
  expect((await expectOnlyCompletePdfs(out)).sort()).toEqual([...CODES].sort());
  for (const dir of ['pdf', 'md', 'html'])
    expect((await filesBelow(path.join(out, dir))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
}

describe('Ctrl-C during a build', () => {
  let interrupted: CliResult | undefined;

  it('exits 130, keeps only complete PDFs, and the next run completes only the rest', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'kr-sigint-'));
    const run = startCli(args(out));
    try {
      await run.waitForStderr(/^\[\s*1\/6\] rendered/);
      run.signalGroup('SIGINT');
      interrupted = await run.done;
      expect(interrupted.code, interrupted.stderr).toBe(130);
      expect(interrupted.stderr).toContain('Interrupted: finishing the reports in progress');
      expect(chromiumProcesses(run.tmpdir)).toEqual([]);
      const pdfs = await expectOnlyCompletePdfs(out);
      const done = await recorded(out);
      expect(pdfs).toEqual(expect.arrayContaining(done));
      expect(done.length).toBeGreaterThanOrEqual(1);
      expect(done.length).toBeLessThan(CODES.length);
      await expectResumed(out, done);
    } finally {
      run.signalGroup('SIGKILL');
      killChromium(run.tmpdir);
    }
  });

  // puppeteer's own signal handlers (off since) used to exit the process on Ctrl-C.
  it('finishes the reports in progress and prints the summary before exiting', () => {
    expect(interrupted?.stderr).toMatch(/Done in .* not started \(interrupted\)\./);
  });
});

describe('SIGKILL during a build (a power cut)', () => {
  const stale = path.join('.cache', 'reports', '0160.json.999999.deadbeef.tmp');
  let out: string;

  it('leaves no truncated PDF, and the next run completes only what is missing', async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'kr-sigkill-'));
    const run = startCli(args(out));
    try {
      await run.waitForStderr(/^\[\s*1\/6\] rendered/);
      run.signalGroup('SIGKILL');
      const result = await run.done;
      expect(result.signal).toBe('SIGKILL');
    } finally {
      // Nothing can clean up after SIGKILL: the orphaned Chromium is ours to end.
      killChromium(run.tmpdir);
    }
    const pdfs = await expectOnlyCompletePdfs(out);
    const done = await recorded(out);
    expect(pdfs).toEqual(expect.arrayContaining(done));
    // What a kill between write and rename leaves behind (writeFileAtomic's temp name).
    await writeFile(path.join(out, stale), '{');
    await writeFile(path.join(out, 'pdf', '0999-x.pdf.999999.deadbeef.tmp'), '%PDF-1.7 trunc');
    await expectResumed(out, done);
  });

  it('the next run also removes temp files in .cache/reports', async () => {
    expect((await filesBelow(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
