/**
 * The website's templates (`templates/site/`): Handlebars pages whose `{{…}}` HTML-escapes
 * every data value, plus the stylesheet and script copied into the site. Loaded once per
 * publish; rendering them is pure.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { PROJECT_ROOT } from '../config.ts';
import { TemplateError } from '../errors.ts';
import { hashParts } from '../io/hash.ts';

/** Compiled site templates and static assets. */
export interface SiteTemplates {
  index: (context: object) => string;
  kommun: (context: object) => string;
  /** The page of a municipality with no comparable area (issue 20 point 1). */
  kommunOrankad: (context: object) => string;
  jamfor: (context: object) => string;
  data: (context: object) => string;
  /** The accessibility statement (`tillganglighet/`). */
  tillganglighet: (context: object) => string;
  /** The page served for a missing address (`404.html`). */
  notFound: (context: object) => string;
  /** Static files for `assets/` (name → text). */
  assets: Record<string, string>;
  /** Hash of every file, so pages made with other templates are recomposed. */
  hash: string;
}

/** Source text of the site templates, by file name (`index.hbs`, `_head.hbs`, `site.css`, …). */
export type SiteTemplateSources = Record<string, string>;

/** `templates/site` below the configured templates folder, else the project's own. */
export async function loadSiteTemplateSources(templatesDir: string): Promise<SiteTemplateSources> {
  const own = path.join(templatesDir, 'site');
  const dir = (await readdir(own).catch(() => undefined)) ? own : path.join(PROJECT_ROOT, 'templates', 'site');
  const names = (await readdir(dir)).filter((name) => /\.(hbs|css|js)$/.test(name)).sort();
  const texts = await Promise.all(names.map((name) => readFile(path.join(dir, name), 'utf8')));
  return Object.fromEntries(names.map((name, i) => [name, texts[i]!]));
}

/**
 * Compiles the sources in an isolated Handlebars environment with `strict: true`, so a field
 * missing from the data throws instead of printing nothing. `_name.hbs` files are partials.
 */
export function compileSiteTemplates(sources: SiteTemplateSources): SiteTemplates {
  const hbs = Handlebars.create();
  const compile = (name: string) => {
    const source = sources[name];
    if (source === undefined)
      throw new TemplateError(`templates/site/${name}`, undefined, 'The site template is missing');
    try {
      // Parse now: Handlebars compiles lazily and would report a syntax error only at the first render.
      hbs.parse(source);
    } catch (error) {
      const message = (error as Error).message;
      const line = /line (\d+)/.exec(message)?.[1];
      throw new TemplateError(
        `templates/site/${name}`,
        line ? Number(line) : undefined,
        message.split('\n')[0] ?? message,
        { cause: error },
      );
    }
    return hbs.compile(source, { strict: true });
  };
  for (const name of Object.keys(sources).filter((n) => n.startsWith('_') && n.endsWith('.hbs'))) {
    hbs.registerPartial(name.slice(1, -4), compile(name));
  }
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  const assets = Object.fromEntries(Object.entries(sources).filter(([name]) => !name.endsWith('.hbs')));
  return {
    index: compile('index.hbs'),
    kommun: compile('kommun.hbs'),
    kommunOrankad: compile('kommun-orankad.hbs'),
    jamfor: compile('jamfor.hbs'),
    data: compile('data.hbs'),
    tillganglighet: compile('tillganglighet.hbs'),
    notFound: compile('404.hbs'),
    assets,
    hash: hashParts(Object.entries(sources).flat()),
  };
}
