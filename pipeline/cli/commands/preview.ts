/**
 * `kommunrapport preview [--kommun X]… [--pages 1-4]`: prints the chosen reports (default: the
 * review archetypes) and renders their pages to PNG with poppler's pdftoppm, for a person to look at.
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildReports, prepareEdition, selectMunicipalities, type Edition } from '../../run/index.ts';
import { ExitCode, PipelineError, UsageError } from '../../errors.ts';
import { AREAS } from '../../load/types.ts';
import { createAnalysisProgress } from '../analysis-progress.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { CONFIG_HELP, CONFIG_OPTIONS, resolveConfig } from '../resolve-config.ts';
import type { Command } from '../types.ts';

const run = promisify(execFile);

const HELP = `Usage: kommunrapport preview [--kommun X]… [--pages FIRST-LAST] [--dpi N]

Builds the chosen reports (default: the best and the worst, one with missing areas, the
longest name, Gotland, Stockholm, the smallest municipality) and writes PNG pages to
output/preview/.

${CONFIG_HELP}
`;

/** Codes of the review archetypes of issue 4. */
export function archetypes(edition: Edition): string[] {
  const byRank = [...edition.analysis.table].sort((a, b) => a.rang - b.rang);
  const missing = byRank.find((row) => AREAS.some((area) => row.areas[area].effektivitet === null));
  const longest = [...edition.municipalities].sort((a, b) => b.kommun.length - a.kommun.length)[0];
  const smallest = [...edition.municipalities].sort((a, b) => a.invanare - b.invanare)[0];
  const codes = [
    byRank[0]?.kommunkod,
    byRank.at(-1)?.kommunkod,
    missing?.kommunkod,
    longest?.kommunkod,
    '0980',
    '0180',
    smallest?.kommunkod,
  ];
  return [...new Set(codes.filter((code): code is string => !!code && edition.model.byCode.has(code)))];
}

export const previewCommand: Command = async (ctx) => {
  const { values } = parseCommandArgs(
    ctx.argv,
    {
      ...CONFIG_OPTIONS,
      kommun: { type: 'string', multiple: true },
      pages: { type: 'string', default: '1-4' },
      dpi: { type: 'string', default: '60' },
      help: { type: 'boolean', short: 'h' },
    },
    'preview',
  );
  if (values.help) {
    ctx.stdout.write(HELP);
    return ExitCode.ok;
  }
  const [first, last] = (/^(\d+)-(\d+)$/.exec(values.pages ?? '') ?? []).slice(1).map(Number);
  if (!first || !last) throw new UsageError(`Cannot use --pages ${values.pages}: expected FIRST-LAST, e.g. 1-4`);
  const config = resolveConfig(ctx, values);
  const progress = createAnalysisProgress(ctx.stderr, ctx.interactive);
  const edition = await prepareEdition(config, { onProgress: progress.onProgress }).finally(progress.stop);
  const codes = values.kommun?.length
    ? selectMunicipalities(edition.municipalities, values.kommun)
    : archetypes(edition);
  const summary = await buildReports(edition, { codes });
  const out = path.join(config.outputDir, 'preview');
  await mkdir(out, { recursive: true });
  for (const outcome of summary.outcomes) {
    if (!outcome.record) {
      ctx.stderr.write(`FAILED ${outcome.kommunkod} ${outcome.kommun}: ${outcome.error?.message}\n`);
      continue;
    }
    const prefix = path.join(out, outcome.record.pdf.replace(/^pdf\//, '').replace(/\.pdf$/, ''));
    try {
      await run('pdftoppm', [
        '-png',
        '-r',
        values.dpi ?? '60',
        '-f',
        String(first),
        '-l',
        String(last),
        path.join(config.outputDir, outcome.record.pdf),
        prefix,
      ]);
    } catch (error) {
      throw new PipelineError('Cannot render PNG pages with pdftoppm', {
        cause: error,
        hint: 'Install poppler-utils (`make deps`).',
      });
    }
    ctx.stdout.write(`${prefix}-*.png  (${outcome.kommun}, ${outcome.record.pages} pages)\n`);
  }
  return summary.outcomes.some((o) => o.status === 'failed') ? ExitCode.partial : ExitCode.ok;
};
