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

/**
 * The phrase files, one per chapter or component (`templates/fraser/<name>.md`); a unit test
 * keeps this list equal to the folder, so a misspelt file name fails the typecheck.
 */
export const PHRASE_FILES = [
  'diagram',
  'enheter',
  'fakta',
  'forebilder',
  'historik',
  'kort',
  'metod',
  'omrade',
  'ord',
  'rapport',
  'sammanfattning',
  'stabilitet',
  'struktur',
  'teman',
] as const;
export type PhraseFile = (typeof PHRASE_FILES)[number];

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
        throw new Error(
          `${file}:${index + 1}: a "{" or "}" that is not a {placeholder} in "## ${key}"; expected {name}`,
        );
      lines.push(line);
    }
  });
  flush();
  return phrases;
}

function load(file: PhraseFile): Map<string, string> {
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

/** The names of the phrase files in the folder (`fakta` for `fakta.md`). */
export function phraseFilesOnDisk(): string[] {
  return readdirSync(PHRASES_DIR)
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.slice(0, -3))
    .sort();
}

/** Every phrase file's keys and sentences (reads and checks all of them). */
export function allPhrases(): Map<PhraseFile, Map<string, string>> {
  return new Map(PHRASE_FILES.map((file) => [file, load(file)]));
}

/**
 * The sentence `key` of `templates/fraser/<file>.md` with its `{placeholders}` filled in.
 * Throws naming the file and key when the sentence or one of its values is missing.
 */
export function phrase(file: PhraseFile, key: string, values: Record<string, string | number> = {}): string {
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
export function hasPhrase(file: PhraseFile, key: string): boolean {
  return load(file).has(key);
}
