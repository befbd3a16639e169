/** `kommunrapport publish [--base-url URL]`: the built reports as a static website in output/site/. */
import path from 'node:path';
import { prepareEdition, selectMunicipalities } from '../../run/index.ts';
import { ExitCode, UsageError } from '../../errors.ts';
import { normaliseBaseUrl, publishSite } from '../../publish/index.ts';
import { createAnalysisProgress } from '../analysis-progress.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { CONFIG_HELP, CONFIG_OPTIONS, resolveConfig } from '../resolve-config.ts';
import type { Command } from '../types.ts';

const HELP = `Usage: kommunrapport publish [--base-url URL] [options]

Publishes the built reports (output/pdf/) as a website in output/site/: an index of all
municipalities with a map, one page per report, sitemap.xml, robots.txt and manifest.json.
The new edition is built next to the live one and switched in atomically.

  --base-url URL      address the site is served from, e.g. https://example.se/rapporter/
                      (absolute canonical links and sitemap; remembered for later publishes)
  --kommun X          only refresh this municipality's page (repeatable); others are kept
  --allow-fewer       replace the live site even with fewer report pages than it has
${CONFIG_HELP}
`;

/** Publishes the site and prints what it did. */
export const publishCommand: Command = async (ctx) => {
  const { values } = parseArgsOrThrow(ctx.argv);
  if (values.help) {
    ctx.stdout.write(HELP);
    return ExitCode.ok;
  }
  if (values['base-url'] !== undefined && !normaliseBaseUrl(values['base-url'])) {
    throw new UsageError(`Cannot use --base-url ${values['base-url']}: expected an absolute http(s) address`, {
      hint: 'For example --base-url https://example.se/kommunrapport/',
    });
  }
  const config = resolveConfig(ctx, values);
  const started = performance.now();
  const progress = createAnalysisProgress(ctx.stderr, ctx.interactive);
  const edition = await prepareEdition(config, { onProgress: progress.onProgress }).finally(progress.stop);
  const codes = values.kommun ? selectMunicipalities(edition.municipalities, values.kommun) : undefined;
  const result = await publishSite(edition, { baseUrl: values['base-url'], codes, allowFewer: values['allow-fewer'] });
  for (const message of result.messages) ctx.stderr.write(`INFO ${message}\n`);
  const site = path.join(config.outputDir, 'site');
  const where = site.startsWith(ctx.cwd + path.sep) ? path.relative(ctx.cwd, site) : site;
  ctx.stderr.write(
    `Published ${result.pages} report page(s) in ${((performance.now() - started) / 1000).toFixed(1)} s: ${result.composed} composed, ${result.pages - result.composed} unchanged. ` +
      `${where} → ${path.relative(config.outputDir, result.siteDir)}\n`,
  );
  return ExitCode.ok;
};

function parseArgsOrThrow(argv: string[]) {
  return parseCommandArgs(
    argv,
    {
      ...CONFIG_OPTIONS,
      'base-url': { type: 'string' },
      kommun: { type: 'string', multiple: true },
      'allow-fewer': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    'publish',
  );
}
