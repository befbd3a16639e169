/**
 * The plan (view models, cache keys, template dry runs) overlaps with printing, yet a template
 * that fails for a later municipality still stops the build before any PDF is written.
 */
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReports, prepareEdition } from '../../pipeline/run/index.ts';
import { PROJECT_ROOT } from '../../pipeline/config.ts';
import { TemplateError } from '../../pipeline/errors.ts';
import { buildMunicipalityReport } from '../../pipeline/model/index.ts';
import { tempConfig } from '../helpers/temp-config.ts';

const THEME = 'teman/1-karnuppdraget.md';

/** A copy of templates/ whose first theme names an unknown field, only for small municipalities. */
async function templatesFailingForSmall(): Promise<{ dir: string; line: number }> {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'kr-plan-')), 'templates');
  await cp(path.join(PROJECT_ROOT, 'templates'), dir, { recursive: true });
  const file = path.join(dir, THEME);
  const lines = (await readFile(file, 'utf8')).split('\n');
  const line = lines.indexOf('---', 1) + 3;
  lines.splice(line - 1, 0, '{{#if fakta.litenKommun.galler}}{{finnsInteIVymodellen}}{{/if}}', '');
  await writeFile(file, lines.join('\n'));
  return { dir, line };
}

describe('a template that fails for a later municipality', () => {
  it('stops the build with file and line, and what was printed meanwhile is not written', async () => {
    const { dir, line } = await templatesFailingForSmall();
    const edition = await prepareEdition(await tempConfig({ templatesDir: dir }));
    const small = (code: string) => buildMunicipalityReport(edition.model, code).fakta.litenKommun.galler;
    // The ranked municipalities: an unranked one has the short report, which has no themes.
    const ranked = edition.analysis.table.map((r) => r.kommunkod);
    const large = ranked.filter((code) => !small(code));
    const smallOne = ranked.find(small)!;
    // The plan yields to the workers every few municipalities (FIFO), so with 40 before the
    // failing one, the first worker has composed and reached its print long before the plan fails.
    const codes = [...large.slice(0, 40), smallOne];
    const printed: string[] = [];

    const build = buildReports(edition, {
      codes,
      // The first report is held before printing until the plan has certainly failed: it is
      // then printed after the failure, and must still not be written.
      beforePrint: async (code) => {
        printed.push(code);
        if (code === codes[0]) await new Promise((resolve) => setTimeout(resolve, 1500));
      },
    });

    const error = await build.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateError);
    expect(String((error as Error).message)).toMatch(
      new RegExp(`templates/${THEME}:${line}: Unknown field \`finnsInteIVymodellen\``),
    );
    expect(printed).toContain(codes[0]);
    expect(printed).not.toContain(smallOne);
    for (const sub of ['pdf', 'md']) {
      expect(await readdir(path.join(edition.config.outputDir, sub)).catch(() => [])).toEqual([]);
    }
  }, 60_000);
});
