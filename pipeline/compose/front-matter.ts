/** `---` YAML front matter at the top of a template, parsed with `yaml`. */
import { parse as parseYaml } from 'yaml';
import { TemplateError } from '../errors.ts';

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** Number of lines before the body, to map body line numbers back to the file. */
  bodyLineOffset: number;
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Splits front matter from the body; a file without front matter has empty data. */
export function parseFrontMatter(text: string, file: string): FrontMatter {
  const match = FENCE.exec(text);
  if (!match) {
    if (text.startsWith('---'))
      throw new TemplateError(file, 1, 'Cannot read front matter: the closing `---` line is missing');
    return { data: {}, body: text, bodyLineOffset: 0 };
  }
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '');
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new TemplateError(
      file,
      line === undefined ? 1 : line + 1,
      `Cannot read front matter: ${(error as Error).message.split('\n')[0]}`,
      { cause: error },
    );
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new TemplateError(file, 2, 'Cannot read front matter: expected `key: value` lines');
  }
  return {
    data: data as Record<string, unknown>,
    body: text.slice(match[0].length),
    bodyLineOffset: match[0].split('\n').length - 1,
  };
}
