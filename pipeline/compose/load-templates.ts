/** Reads the template files of a run (the compose stage's only I/O). */
import { readdir } from 'node:fs/promises';
import { readTemplateSource } from './read-template-source.ts';
import path from 'node:path';
import { TemplateError } from '../errors.ts';
import type { TemplateSource, TemplateSources } from './types.ts';

/** Reads `rapport.md`, `layout.html.hbs`, `teman/*.md` and `stil/*.css` from `dir`. */
export async function loadTemplates(dir: string, root = path.dirname(dir)): Promise<TemplateSources> {
  const read = (file: string): Promise<TemplateSource> => readTemplateSource(file, root, 'the template');
  const list = async (sub: string, ext: string) =>
    (await readdir(path.join(dir, sub)).catch(() => [] as string[]))
      .filter((name) => name.endsWith(ext))
      .sort()
      .map((name) => path.join(dir, sub, name));
  const themes = await list('teman', '.md');
  if (themes.length === 0)
    throw new TemplateError(path.relative(root, path.join(dir, 'teman')), undefined, 'No theme templates (*.md) found');
  return {
    report: await read(path.join(dir, 'rapport.md')),
    layout: await read(path.join(dir, 'layout.html.hbs')),
    themes: await Promise.all(themes.filter((file) => path.basename(file) !== 'README.md').map(read)),
    styles: await Promise.all((await list('stil', '.css')).map(read)),
    ...((await list('.', '.md')).some((file) => path.basename(file) === 'utveckling.md')
      ? { history: await read(path.join(dir, 'utveckling.md')) }
      : {}),
  };
}
