/**
 * The report's words (issue 23 item 3): every sentence and label the model and the charts print
 * lives in `templates/fraser/<file>.md`, one `## key` heading per sentence and the sentence below
 * it, with `{placeholders}` for values. TypeScript decides which sentence and with which values,
 * never the words; numbers arrive already formatted by pipeline/format/. A file is read and
 * checked once per process, when first asked for: a repeated key, an empty sentence or a
 * malformed placeholder is an error naming the file and line before any report is written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.ts';

const cache = new Map<string, Map<string, string>>();

/** The folder of the phrase files (part of the build's cache salt). */
export const PHRASES_DIR = path.join(PROJECT_ROOT, 'templates', 'fraser');

/** A placeholder: `{name}` with a name of letters and digits. */
const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Parses a phrase file: `## key` then the text up to the next heading (blank lines trimmed).
 * Throws naming `file` and the line for a repeated key, an empty sentence or a `{` that does not
 * open a placeholder.
 */
export function parsePhrases(source: string, file = 'phrase file'): Map<string, string> {
  const phrases = new Map<string, string>();
  let key: string | null = null;
  let keyLine = 0;
  let lines: string[] = [];
  const flush = () => {
    if (key === null) return;
    const text = lines.join('\n').trim();
    if (text === '') throw new Error(`${file}:${keyLine}: "## ${key}" has no sentence; expected text below it`);
    phrases.set(key, text);
  };
  source.split('\n').forEach((line, index) => {
    const heading = /^## (\S+)\s*$/.exec(line);
    if (heading) {
      flush();
      key = heading[1]!;
      keyLine = index + 1;
      if (phrases.has(key)) throw new Error(`${file}:${keyLine}: "## ${key}" appears twice; expected each key once`);
      lines = [];
    } else if (key !== null && !line.startsWith('<!--')) {
      const stray = line.replace(PLACEHOLDER, '').search(/[{}]/);
      if (stray >= 0)
        throw new Error(`${file}:${index + 1}: a "{" or "}" that is not a {placeholder} in "## ${key}"; expected {name}`);
      lines.push(line);
    }
  });
  flush();
  return phrases;
}

function load(file: string): Map<string, string> {
  let phrases = cache.get(file);
  if (!phrases) {
    const name = `templates/fraser/${file}.md`;
    phrases = parsePhrases(readFileSync(path.join(PHRASES_DIR, `${file}.md`), 'utf8'), name);
    cache.set(file, phrases);
  }
  return phrases;
}

/** The placeholders of a sentence, in order of first use. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** Every phrase file's keys and sentences (reads and checks all of them). */
export function allPhrases(): Map<string, Map<string, string>> {
  const files = readdirSync(PHRASES_DIR).filter((name) => name.endsWith('.md'));
  return new Map(files.map((name) => [name.slice(0, -3), load(name.slice(0, -3))]));
}

/**
 * The sentence `key` of `templates/fraser/<file>.md` with its `{placeholders}` filled in.
 * Throws naming the file and key when the sentence or one of its values is missing.
 */
export function phrase(file: string, key: string, values: Record<string, string | number> = {}): string {
  const text = load(file).get(key);
  if (text === undefined)
    throw new Error(`templates/fraser/${file}.md: no sentence "## ${key}"; expected one (the model asks for it)`);
  return text.replace(PLACEHOLDER, (_, name: string) => {
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
