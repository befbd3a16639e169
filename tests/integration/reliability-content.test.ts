/**
 * Issue 7, in real Chromium: a browser killed mid-batch, hostile municipality names, and templates that reference the network or local files.
 */
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildReports,
  createSession,
  prepareEdition,
  type BuildSummary,
  type Edition,
} from '../../pipeline/run/index.ts';
import { PROJECT_ROOT } from '../../pipeline/config.ts';
import { buildMunicipalityReport } from '../../pipeline/model/index.ts';
import { readPdf } from '../helpers/pdf.ts';
import { tempConfig } from '../helpers/temp-config.ts';

let edition: Edition;

beforeAll(async () => {
  edition = await prepareEdition(await tempConfig());
});

const temp = (prefix: string) => mkdtemp(path.join(os.tmpdir(), `kr-${prefix}-`));

/** A copy of data/ with municipality `code` renamed to `name` in kommuner.csv. */
async function dataWithName(code: string, name: string): Promise<string> {
  const dir = path.join(await temp('data'), 'data');
  await cp(path.join(PROJECT_ROOT, 'data'), dir, { recursive: true });
  const file = path.join(dir, 'kommuner.csv');
  const lines = (await readFile(file, 'utf8')).split('\n');
  const index = lines.findIndex((line) => line.startsWith(`${code},`));
  const fields = lines[index]!.split(',');
  fields[1] = `"${name.replace(/"/g, '""')}"`;
  lines[index] = fields.join(',');
  await writeFile(file, lines.join('\n'));
  return dir;
}

/** A copy of templates/ with `edit` applied to the named files. */
async function templatesWith(edits: Record<string, (text: string) => string>): Promise<string> {
  const dir = path.join(await temp('tpl'), 'templates');
  await cp(path.join(PROJECT_ROOT, 'templates'), dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits))
    await writeFile(path.join(dir, file), edit(await readFile(path.join(dir, file), 'utf8')));
  return dir;
}

const pdfPath = (ed: Edition, summary: BuildSummary, code: string) =>
  path.join(ed.config.outputDir, summary.outcomes.find((o) => o.kommunkod === code)!.record!.pdf);

describe('Chromium killed in the middle of a batch', () => {
  it('is relaunched, the affected reports are retried, and every PDF is complete', async () => {
    const codes = ['0160', '0180', '0114', '0980', '2584', '1280'];
    const session = createSession(edition);
    let reported = 0;
    let summary: BuildSummary;
    try {
      summary = await buildReports(edition, {
        codes,
        session,
        onEvent: (event) => {
          if (event.type === 'report' && ++reported === 2) void session.kill();
        },
      });
    } finally {
      await session.close();
    }
    expect(summary.outcomes.map((o) => `${o.kommunkod} ${o.status}`).sort()).toEqual(
      codes.map((c) => `${c} rendered`).sort(),
    );
    expect(summary.launches).toBeGreaterThanOrEqual(2);
    for (const code of codes) {
      const pdf = await readPdf(pdfPath(edition, summary, code));
      expect(pdf.pages).toBeGreaterThanOrEqual(10);
      expect(pdf.pages).toBeLessThanOrEqual(40);
    }
    // The briefs are in pdf/kort/ (issue 16).
    const names = (await readdir(path.join(edition.config.outputDir, 'pdf'))).filter((name) => name !== 'kort');
    expect(names.filter((name) => !name.endsWith('.pdf'))).toEqual([]);
  });
});

describe('a report that fails three times', () => {
  it('is reported with its cause, and the rest of the batch goes on', async () => {
    // Municipalities no other test in this file builds, so none is skipped as up to date.
    const codes = ['0115', '0117', '0120'];
    const attempts: number[] = [];
    const summary = await buildReports(edition, {
      codes,
      beforePrint: (code, attempt) => {
        if (code !== '0117') return;
        attempts.push(attempt);
        throw new Error(`injected failure ${attempt}`);
      },
    });
    expect(attempts).toEqual([1, 2, 3]);
    const failed = summary.outcomes.find((o) => o.kommunkod === '0117')!;
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toBe('0117: Cannot print the report for Österåker after 3 attempts');
    expect((failed.error?.cause as Error).message).toBe('injected failure 3');
    expect(
      summary.outcomes
        .filter((o) => o.status === 'rendered')
        .map((o) => o.kommunkod)
        .sort(),
    ).toEqual(['0115', '0120']);
    // The briefs are in pdf/kort/ (issue 16).
    const names = (await readdir(path.join(edition.config.outputDir, 'pdf'))).filter((name) => name !== 'kort');
    expect(names.some((name) => name.startsWith('0117-'))).toBe(false);
  });
});

describe('a hostile municipality name', () => {
  const tail = ' lång'.repeat(60);
  const hostile = `<script>alert(1)</script> {{kommun.namn}} ](javascript:alert(1)) ../../x${tail}`;
  let ed: Edition;
  let summary: BuildSummary;
  let hostileCode: string;
  const viewer = '0160';

  beforeAll(async () => {
    // Rename a role model of Täby, so the name shows in Täby's report as well as its own.
    hostileCode = buildMunicipalityReport(edition.model, viewer).forebilder[0]!.kommunkod;
    ed = await prepareEdition(await tempConfig({ dataDir: await dataWithName(hostileCode, hostile) }));
    summary = await buildReports(ed, { codes: [hostileCode, viewer] });
  });

  it('is printed literally in both PDFs', async () => {
    expect(summary.outcomes.map((o) => o.status)).toEqual(['rendered', 'rendered']);
    const squash = (text: string) => text.replace(/\s+/g, '');
    for (const code of [hostileCode, viewer]) {
      const pdf = await readPdf(pdfPath(ed, summary, code));
      expect(squash(pdf.text)).toContain(squash(hostile));
    }
    // The file name is a slug: no `..`, no `/`, bounded length.
    expect(summary.outcomes[0]!.record!.pdf).toMatch(/^pdf\/\d{4}-[a-z0-9-]{1,60}\.pdf$/);
  });

  it('is plain text in the Markdown twins: no link, no HTML, no template expansion', async () => {
    for (const code of [hostileCode, viewer]) {
      const outcome = summary.outcomes.find((o) => o.kommunkod === code)!;
      const tree = fromMarkdown(await readFile(path.join(ed.config.outputDir, outcome.record!.md), 'utf8'));
      expect(toString(tree)).toContain(hostile);
      const kinds = new Set<string>();
      const walk = (node: { type: string; url?: string; children?: unknown[] }) => {
        kinds.add(node.type);
        if ('url' in node) expect(node.url).not.toMatch(/^javascript:/i);
        (node.children as (typeof node)[] | undefined)?.forEach(walk);
      };
      walk(tree as never);
      expect(kinds.has('html')).toBe(false);
    }
  });

  it('has no script element and no javascript: link in the printed HTML', async () => {
    for (const code of [hostileCode, viewer]) {
      const name = path.basename(summary.outcomes.find((o) => o.kommunkod === code)!.record!.pdf, '.pdf');
      const html = await readFile(path.join(ed.htmlDir, `${name}.html`), 'utf8');
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
      expect(html).toContain('alert(1)');
    }
  });
});

describe('templates that reference the network or files outside the report folder', () => {
  let server: Server;
  let requests = 0;
  let port: number;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests += 1;
      res.end('body { color: red }');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('builds with a warning naming the blocked URL, and no request leaves the process', async () => {
    const base = `http://127.0.0.1:${port}`;
    const ed = await prepareEdition(
      await tempConfig({
        // One page: the second report replaces the first one's document in place (load-document.ts),
        // and must be guarded just like a navigation.
        concurrency: 1,
        templatesDir: await templatesWith({
          'stil/rapport.css': (text) =>
            `@import url(${base}/x.css);\n${text}\nbody { background-image: url(file:///etc/passwd); }\n`,
          'rapport.md': (text) =>
            text.replace('## Verksamheterna i kronor', `![x](${base}/a.png)\n\n## Verksamheterna i kronor`),
        }),
      }),
    );
    const summary = await buildReports(ed, { codes: ['0160', '0180'] });
    expect(summary.outcomes).toHaveLength(2);
    for (const outcome of summary.outcomes) {
      expect(outcome.status).toBe('rendered');
      expect(outcome.warnings).toHaveLength(1);
      expect(outcome.warnings[0]).toMatch(/^blocked [2-9]\d* request\(s\) to outside the report: /);
      expect(outcome.warnings[0]).toContain(`${base}/`);
      expect(outcome.warnings[0]).toContain('file:///etc/passwd');
    }
    expect(requests).toBe(0);
  });
});
