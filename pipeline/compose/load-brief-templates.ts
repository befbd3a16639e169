/** Reads the brief's template files (`templates/kort/`): the compose stage's I/O for the brief. */
import path from 'node:path';
import { readTemplateSource } from './read-template-source.ts';
import type { BriefTemplateSources } from './compose-brief.ts';
import type { TemplateSource } from './types.ts';

/** The brief's templates, in `<templatesDir>/kort/`. */
export const BRIEF_DIR = 'kort';

/** Reads `kort/sida-1.md`, `kort/sida-2.md`, `kort/layout.html.hbs` and `kort/kort.css`. */
export async function loadBriefTemplates(
  templatesDir: string,
  root = path.dirname(templatesDir),
): Promise<BriefTemplateSources> {
  const read = (name: string): Promise<TemplateSource> =>
    readTemplateSource(path.join(templatesDir, BRIEF_DIR, name), root, "the brief's template");
  const [page1, page2, layout, style] = await Promise.all([
    read('sida-1.md'),
    read('sida-2.md'),
    read('layout.html.hbs'),
    read('kort.css'),
  ]);
  return { pages: [page1, page2], layout, style };
}
