/** Compiles all template sources once per run and checks the themes' front matter. */
import Handlebars from 'handlebars';
import { TemplateError } from '../errors.ts';
import { checkTemplateMarkdown, TEMPLATE_MARKDOWN_RULES } from './check-template-markdown.ts';
import { parseFrontMatter } from './front-matter.ts';
import { createTemplateEngine, type TemplateSpecCache } from './template-engine.ts';
import type { CompiledTemplates, TemplateSources, ThemeTemplate } from './types.ts';

/**
 * Compiles the report, layout and theme templates; throws `TemplateError` on the first problem.
 * `specs` keeps precompiled templates between runs (see TemplateSpecCache).
 */
export function compileTemplates(sources: TemplateSources, specs?: TemplateSpecCache): CompiledTemplates {
  const engine = createTemplateEngine(specs);
  // The Markdown check parses the whole template (~60 ms at a cold start): it runs when a
  // template is compiled anew, and a cached spec stands for a template that passed it.
  const checked = (text: string, file: string, lineOffset = 0) => ({
    id: TEMPLATE_MARKDOWN_RULES,
    run: () => checkTemplateMarkdown(text, file, lineOffset),
  });
  const report = engine.compile(
    sources.report.text,
    sources.report.file,
    0,
    checked(sources.report.text, sources.report.file),
  );
  const themes = sources.themes.map((source): ThemeTemplate => {
    const { data, body, bodyLineOffset } = parseFrontMatter(source.text, source.file);
    const id = requireString(data, 'id', source.file);
    const titel = requireString(data, 'titel', source.file);
    const kalla = requireString(data, 'kalla', source.file);
    const ordning = Number(data.ordning);
    if (!Number.isInteger(ordning)) {
      throw new TemplateError(
        source.file,
        1,
        `Front matter \`ordning\` must be a whole number, got \`${String(data.ordning)}\``,
      );
    }
    return {
      id,
      titel,
      kalla,
      ordning,
      file: source.file,
      render: engine.compile(body, source.file, bodyLineOffset, checked(body, source.file, bodyLineOffset)),
    };
  });
  const duplicate = themes.find((theme, i) => themes.findIndex((other) => other.id === theme.id) !== i);
  if (duplicate) throw new TemplateError(duplicate.file, 1, `Theme id \`${duplicate.id}\` is used by two templates`);
  themes.sort((a, b) => a.ordning - b.ordning);
  const history = sources.history
    ? engine.compile(sources.history.text, sources.history.file, 0, checked(sources.history.text, sources.history.file))
    : undefined;
  return {
    report,
    ...(history ? { history } : {}),
    layout: compileLayout(sources.layout.text, sources.layout.file),
    themes,
    css: sources.styles.map((style) => style.text).join('\n'),
  };
}

/** The HTML shell uses Handlebars' own HTML escaping (a separate, strict instance). */
export function compileLayout(text: string, file: string): (context: object) => string {
  const hb = Handlebars.create();
  let template: HandlebarsTemplateDelegate;
  try {
    hb.parse(text);
    template = hb.compile(text, { strict: true, knownHelpersOnly: true });
  } catch (error) {
    throw new TemplateError(
      file,
      Number(/line (\d+)/.exec(String(error))?.[1]) || undefined,
      String((error as Error).message).split('\n')[0] ?? '',
      { cause: error },
    );
  }
  return (context) => {
    try {
      return template(context);
    } catch (error) {
      throw new TemplateError(
        file,
        Number(/ - (\d+):\d+/.exec(String(error))?.[1]) || undefined,
        String((error as Error).message).split('\n')[0] ?? '',
        { cause: error },
      );
    }
  };
}

function requireString(data: Record<string, unknown>, key: string, file: string): string {
  const value = data[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TemplateError(
      file,
      1,
      `Front matter needs \`${key}: …\` (a text), got \`${value === undefined ? 'nothing' : String(value)}\``,
    );
  }
  return value;
}
