/**
 * The report's sentences that the model picks (issue 23 item 3): the words live in
 * `templates/fraser/<file>.md`, one `## key` heading per sentence and the sentence below it,
 * with `{placeholders}` for values. TypeScript decides which sentence and with which values,
 * never the words. Files are read once per process.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.ts';

const cache = new Map<string, Map<string, string>>();

/** The folder of the phrase files (part of the build's cache salt). */
export const PHRASES_DIR = path.join(PROJECT_ROOT, 'templates', 'fraser');

/** Parses a phrase file: `## key` then the text up to the next heading (blank lines trimmed). */
export function parsePhrases(source: string): Map<string, string> {
  const phrases = new Map<string, string>();
  let key: string | null = null;
  let lines: string[] = [];
  const flush = () => {
    if (key !== null) phrases.set(key, lines.join('\n').trim());
  };
  for (const line of source.split('\n')) {
    const heading = /^## (\S+)\s*$/.exec(line);
    if (heading) {
      flush();
      key = heading[1]!;
      lines = [];
    } else if (key !== null && !line.startsWith('<!--')) lines.push(line);
  }
  flush();
  return phrases;
}

function load(file: string): Map<string, string> {
  let phrases = cache.get(file);
  if (!phrases) {
    phrases = parsePhrases(readFileSync(path.join(PHRASES_DIR, `${file}.md`), 'utf8'));
    cache.set(file, phrases);
  }
  return phrases;
}

/**
 * The sentence `key` of `templates/fraser/<file>.md` with its `{placeholders}` filled in.
 * Throws naming the file and key when the sentence or one of its values is missing.
 */
export function phrase(file: string, key: string, values: Record<string, string | number> = {}): string {
  const text = load(file).get(key);
  if (text === undefined)
    throw new Error(`templates/fraser/${file}.md: no sentence "## ${key}"; expected one (the model asks for it)`);
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new Error(
        `templates/fraser/${file}.md, "## ${key}": no value for {${name}}; given ${Object.keys(values).join(', ') || 'none'}`,
      );
    return String(value);
  });
}

/** Whether `templates/fraser/<file>.md` has the sentence `key`. */
export function hasPhrase(file: string, key: string): boolean {
  return load(file).has(key);
}
