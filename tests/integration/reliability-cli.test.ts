/**
 * Issue 7: the CLI as a user runs it (a child process). Bad input exits 3 and bad templates
 * exit 4 with file and line and without a stack trace, before any PDF is written; a failed
 * build leaves the previous edition in place.
 */
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../pipeline/config.ts';
import { chromiumProcesses, killChromium, runCli, stackLines, startCli, type CliResult } from '../helpers/run-cli.ts';

const temp = (prefix: string) => mkdtemp(path.join(os.tmpdir(), `kr-${prefix}-`));
// The briefs are in pdf/kort/ (issue 16).
const listPdf = async (out: string) =>
  (await readdir(path.join(out, 'pdf')).catch(() => [] as string[])).filter((name) => name !== 'kort').sort();

/** A copy of templates/ with `file`'s line `line` (1-based) replaced by `text`, or `text` inserted before it. */
async function brokenTemplates(
  file: string,
  line: number,
  text: string,
  mode: 'replace' | 'insert' = 'insert',
): Promise<string> {
  const dir = path.join(await temp('tpl'), 'templates');
  await cp(path.join(PROJECT_ROOT, 'templates'), dir, { recursive: true });
  const lines = (await readFile(path.join(dir, file), 'utf8')).split('\n');
  lines.splice(line - 1, mode === 'replace' ? 1 : 0, text);
  await writeFile(path.join(dir, file), lines.join('\n'));
  return dir;
}

function expectUserError(result: CliResult, code: number): string {
  const text = result.stdout + result.stderr;
  expect(result.code, text).toBe(code);
  expect(stackLines(text)).toEqual([]);
  expect(text).not.toContain('Internal error');
  return text;
}

describe.concurrent('bad input through the CLI', () => {
  const bad = path.join(PROJECT_ROOT, 'tests/fixtures/bad-efficiency/effektivitet.csv');

  it('validate FILE exits 3 and lists each problem with file, line and column', async () => {
    const text = expectUserError(await runCli(['validate', bad]), 3);
    expect(text).toContain(`${bad} line 2, column \`effektivitet\`: expected a number > 0 and ≤ 1, got \`Infinity\``);
    expect(text).toContain(
      `${bad} line 4, column \`potential_grundskola_kr\`: potential \`250\` exceeds the cost \`100\``,
    );
  });

  it('build --efficiency FILE exits 3 with file, line and column and writes no PDF', async () => {
    const out = await temp('out');
    const text = expectUserError(await runCli(['build', '--efficiency', bad, '--output', out, '--kommun', '0160']), 3);
    expect(text).toMatch(/^ERROR .*effektivitet\.csv: \d+ problem\(s\)/m);
    expect(text).toContain(`${bad} line 3, column \`potential_kr\`: expected a number ≥ 0, got \`-Infinity\``);
    expect(await listPdf(out)).toEqual([]);
  });
});

describe.concurrent('broken templates through the CLI (exit 4, file and line, no PDF)', () => {
  const cases: [name: string, file: string, line: number, text: string, mode: 'replace' | 'insert', message: RegExp][] =
    [
      [
        'an unknown helper',
        'teman/2-kultur.md',
        11,
        '{{versaler kommun.namn}}',
        'insert',
        /teman\/2-kultur\.md:11: .*versaler/,
      ],
      [
        'broken Handlebars',
        'teman/3-langsiktighet.md',
        8,
        '{{#if fakta.litenKommun.galler}} aldrig stängd',
        'insert',
        /teman\/3-langsiktighet\.md:\d+: Parse error/,
      ],
      [
        'broken front matter',
        'teman/4-budgetprocessen.md',
        3,
        'titel: [Budgetprocessen',
        'replace',
        /teman\/4-budgetprocessen\.md:\d+: Cannot read front matter/,
      ],
      [
        'raw HTML',
        'teman/6-digitalisering.md',
        9,
        '<script>alert(1)</script>',
        'insert',
        /teman\/6-digitalisering\.md:9: Raw HTML is not allowed/,
      ],
      [
        'a javascript: link',
        'rapport.md',
        3,
        '[klicka](javascript:alert(1))',
        'insert',
        /templates\/rapport\.md:3: Link to `javascript:alert\(1\)` is not allowed/,
      ],
    ];

  it.each(cases)('%s', async (_name, file, line, text, mode, message) => {
    const templates = await brokenTemplates(file, line, text, mode);
    const out = await temp('out');
    const shown = expectUserError(
      await runCli(['build', '--templates', templates, '--output', out, '--kommun', '0160']),
      4,
    );
    expect(shown).toMatch(message);
    expect(await listPdf(out)).toEqual([]);
  });
});

describe('a failed build keeps the previous edition', () => {
  let out: string;
  let before: Buffer;
  let pdfName: string;

  beforeAll(async () => {
    out = await temp('prev');
    const first = await runCli(['build', '--output', out, '--kommun', '0160']);
    expect(first.code, first.stderr).toBe(0);
    pdfName = (await listPdf(out))[0]!;
    before = await readFile(path.join(out, 'pdf', pdfName!));
  });

  it('a field the view model lacks: exit 4 naming the template line, the previous PDF byte-identical', async () => {
    const templates = await brokenTemplates('rapport.md', 3, '{{kommun.finnsInte}}');
    const text = expectUserError(
      await runCli(['build', '--templates', templates, '--output', out, '--kommun', '0160', '--force']),
      4,
    );
    expect(text).toMatch(/templates\/rapport\.md:3: Unknown field `finnsInte`/);
    expect(await listPdf(out)).toEqual([pdfName]);
    expect((await readFile(path.join(out, 'pdf', pdfName!))).equals(before)).toBe(true);
  });

  it('raw HTML in a theme: exit 4, the previous PDF byte-identical', async () => {
    const templates = await brokenTemplates('teman/1-karnuppdraget.md', 8, '<img src=x onerror=alert(1)>');
    expectUserError(
      await runCli(['build', '--templates', templates, '--output', out, '--kommun', '0160', '--force']),
      4,
    );
    expect((await readFile(path.join(out, 'pdf', pdfName!))).equals(before)).toBe(true);
  });
});

describe('a template error that shows only for some municipalities', () => {
  // Once a hang: the failing report's compose rejected while another worker printed. The build
  // now dry-runs every stale report's templates before printing anything.
  it('stops the batch before printing, exits 4 and leaves no Chromium running', async () => {
    // In the report's summary, which every report prints (a theme may be left out when nothing points to it).
    const templates = await brokenTemplates(
      'rapport.md',
      2,
      '{{#if fakta.storKommun.galler}}{{kommun.finnsInte}}{{/if}}',
    );
    const out = await temp('out');
    // Kiruna (small) prints while Stockholm (large) fails to compose.
    const run = startCli([
      'build',
      '--templates',
      templates,
      '--output',
      out,
      '--kommun',
      '2584',
      '--kommun',
      '0180',
      '--kommun',
      '0114',
      '--kommun',
      '0980',
    ]);
    try {
      await run.waitForStderr(/^ERROR /);
      const exited = await Promise.race([run.done, new Promise<undefined>((resolve) => setTimeout(resolve, 20_000))]);
      expect(exited, 'the CLI did not exit within 20 s of reporting the error').toBeDefined();
      expect(exited!.code).toBe(4);
      expect(exited!.stderr).toMatch(/rapport\.md:2: Unknown field `finnsInte`/);
      expect(chromiumProcesses(run.tmpdir)).toEqual([]);
      expect(await listPdf(out)).toEqual([]);
    } finally {
      run.signalGroup('SIGKILL');
      killChromium(run.tmpdir);
    }
  });
});
